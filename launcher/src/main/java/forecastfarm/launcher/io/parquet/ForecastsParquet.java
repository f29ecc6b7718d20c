package forecastfarm.launcher.io.parquet;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --output-format parquet}: turns the finished {@code forecasts.csv} into {@code forecasts.parquet} (same
 * columns, rows and order; types as {@link CsvColumnTypes} decides), streaming the CSV twice (types, then rows) so
 * memory is one row group whatever the size. The Parquet file is written under a temporary name and renamed into
 * place; only then is the CSV removed. The key-value metadata says where the rows came from and, for {@code ds},
 * its type and zone ({@value #ZONE_KEY}: {@code UTC} for instants; {@code none} for dates and wall-clock times).
 */
public final class ForecastsParquet {
    public static final String FILE_NAME = "forecasts.parquet";
    public static final String ZONE_KEY = "forecastfarm.ds.time_zone";
    public static final String DS_KEY = "forecastfarm.ds.kind";

    private ForecastsParquet() {}

    /**
     * Writes {@code forecasts.parquet} beside {@code csv}, then deletes {@code csv}.
     *
     * @return the Parquet file
     * @throws IOException when it cannot be written: the CSV is then left as it was and no Parquet file appears
     */
    public static Path convert(Path csv) throws IOException {
        Path parquet = csv.resolveSibling(FILE_NAME);
        Path tmp = csv.resolveSibling("." + FILE_NAME + ".tmp");
        try {
            CsvColumnTypes types = types(csv);
            CsvColumnTypes.Kind[] kinds = types.kinds();
            int ds = types.names().indexOf("ds");
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("forecastfarm.source", csv.getFileName().toString());
            if (ds >= 0) {
                meta.put(DS_KEY, kinds[ds].name().toLowerCase(java.util.Locale.ROOT));
                meta.put(ZONE_KEY, kinds[ds] == CsvColumnTypes.Kind.INSTANT ? "UTC" : "none");
            }
            try (ParquetRowWriter out = new ParquetRowWriter(tmp, types.schema(), meta);
                    CsvReader<CsvRecord> in = CsvReader.builder().ofCsvRecord(csv)) {
                boolean header = true;
                for (CsvRecord r : in) {
                    if (header) {
                        header = false;
                        continue;
                    }
                    out.write(row(r.getFields(), kinds));
                }
            }
            Files.move(tmp, parquet, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(
                    "cannot write " + parquet + " (" + e.getMessage() + "); the forecasts are in " + csv, e);
        }
        Files.delete(csv);
        return parquet;
    }

    private static CsvColumnTypes types(Path csv) throws IOException {
        try (CsvReader<CsvRecord> in = CsvReader.builder().ofCsvRecord(csv)) {
            CsvColumnTypes types = null;
            for (CsvRecord r : in) {
                if (types == null) {
                    types = new CsvColumnTypes(r.getFields());
                } else {
                    types.see(r.getFields());
                }
            }
            if (types == null) {
                throw new IOException(csv + " is empty");
            }
            return types;
        }
    }

    private static Object[] row(List<String> cells, CsvColumnTypes.Kind[] kinds) {
        Object[] row = new Object[kinds.length];
        for (int i = 0; i < kinds.length && i < cells.size(); i++) {
            String cell = cells.get(i);
            row[i] = cell.isEmpty() ? null : CsvColumnTypes.convert(kinds[i], cell);
        }
        return row;
    }
}

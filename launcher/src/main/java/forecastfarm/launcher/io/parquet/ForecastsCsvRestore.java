package forecastfarm.launcher.io.parquet;

import forecastfarm.launcher.io.CsvTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * {@code --resume} after an {@code --output-format parquet} run: the earlier rows are in forecasts.parquet, and the
 * carry-over reads forecasts.csv, so the Parquet file is written back as that CSV first (numbers as the CSV writer
 * writes them, dates {@code yyyy-MM-dd}, wall-clock times {@code yyyy-MM-dd HH:mm:ss}, instants {@code
 * yyyy-MM-ddTHH:mm:ssZ}). Streams row group by row group.
 */
public final class ForecastsCsvRestore {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    private ForecastsCsvRestore() {}

    /** Writes {@code csv} with the rows of {@code parquet} (which stays). */
    public static void restore(Path parquet, Path csv) throws IOException {
        try (ParquetTable table = ParquetTable.open(parquet);
                CsvTable.Writer out = new CsvTable.Writer(csv, table.columnNames())) {
            List<String> names = table.columnNames();
            List<PrimitiveType> types = new ArrayList<>();
            for (String name : names) {
                types.add(ParquetTypes.flat(parquet, table.field(name), name));
            }
            while (table.nextRowGroup()) {
                List<ColumnCursor> cursors = names.stream().map(table::cursor).toList();
                for (long i = 0; i < table.rowGroupRows(); i++) {
                    List<String> row = new ArrayList<>(names.size());
                    for (int k = 0; k < names.size(); k++) {
                        ColumnCursor c = cursors.get(k);
                        row.add(c.isNull() ? "" : cell(c, types.get(k)));
                        c.next();
                    }
                    out.row(row);
                }
            }
        }
    }

    private static String cell(ColumnCursor c, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return switch (type.getPrimitiveTypeName()) {
            case BINARY -> c.stringValue();
            case DOUBLE, FLOAT -> CsvTable.cell(c.doubleValue());
            case INT32 ->
                logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                        ? LocalDate.ofEpochDay(c.longValue()).toString()
                        : Long.toString(c.longValue());
            default ->
                logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                        ? timestamp(c.longValue(), ts)
                        : Long.toString(c.longValue());
        };
    }

    /** Forecasts.parquet holds microseconds; other units are read too. */
    private static String timestamp(long v, LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
        long perSecond = switch (ts.getUnit()) {
            case MILLIS -> 1_000L;
            case MICROS -> 1_000_000L;
            case NANOS -> 1_000_000_000L;
        };
        LocalDateTime t = LocalDateTime.ofEpochSecond(
                Math.floorDiv(v, perSecond),
                (int) (Math.floorMod(v, perSecond) * (1_000_000_000L / perSecond)),
                ZoneOffset.UTC);
        return t.format(ts.isAdjustedToUTC() ? INSTANT : LOCAL);
    }
}

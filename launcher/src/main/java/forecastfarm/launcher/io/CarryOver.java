package forecastfarm.launcher.io;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For {@code --resume}: the rows of an earlier output file (forecasts.csv, failed.csv, joblog.tsv) that belong to the
 * series skipped this time, so the new file still has them.
 */
public final class CarryOver {
    private CarryOver() {}

    /** A row sink that may fail to write. */
    @FunctionalInterface
    public interface RowSink {
        void accept(String[] fields) throws IOException;
    }

    /**
     * Copies every data row of {@code earlier} whose id column is in {@code ids} to {@code sink}; nothing when the file
     * does not exist.
     *
     * @param idColumn the id's column index (1 for joblog.tsv, else 0).
     * @return rows copied.
     * @throws IOException when the sink fails.
     * @throws InputException when the earlier file cannot be read.
     */
    public static long copy(Path earlier, char separator, int idColumn, Set<String> ids, RowSink sink)
            throws IOException {
        if (ids.isEmpty() || !Files.exists(earlier)) {
            return 0;
        }
        long copied = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder()
                .fieldSeparator(separator)
                .skipEmptyLines(true)
                .ofCsvRecord(earlier, StandardCharsets.UTF_8)) {
            boolean header = true;
            for (CsvRecord record : reader) {
                if (header) {
                    header = false;
                } else if (record.getFieldCount() > idColumn && ids.contains(record.getField(idColumn))) {
                    sink.accept(record.getFields().toArray(new String[0]));
                    copied++;
                }
            }
        } catch (UncheckedIOException e) {
            throw new InputException(earlier, "cannot read the earlier output " + earlier + ": " + e.getMessage(), e);
        }
        return copied;
    }
    /** A sink for rows with their position in the input. */
    @FunctionalInterface
    public interface KeyedSink {
        void accept(long key, String[] fields) throws IOException;
    }

    /**
     * Copies every data row of {@code earlier} (a forecasts.csv or failed.csv with {@code unique_id} first) whose id
     * has a key in {@code keys} to {@code sink}, its fields laid out in {@code header}'s columns, matched by name. A
     * {@code model_spec} column the earlier file lacks (it was written before there was one) is left empty; any
     * other difference in columns is refused, as the rows would not fit. Nothing when the file does not exist.
     *
     * @return rows copied.
     * @throws InputException when the earlier file cannot be read or has other columns (names the file and what to
     *                        do).
     */
    public static long copy(Path earlier, List<String> header, Map<String, Long> keys, KeyedSink sink)
            throws IOException {
        if (keys.isEmpty() || !Files.exists(earlier)) {
            return 0;
        }
        long copied = 0;
        try (CsvReader<CsvRecord> reader =
                CsvReader.builder().skipEmptyLines(true).ofCsvRecord(earlier, StandardCharsets.UTF_8)) {
            int[] from = null;
            for (CsvRecord record : reader) {
                if (from == null) {
                    from = columnMap(earlier, record.getFields(), header);
                    continue;
                }
                Long key = record.getFieldCount() > 0 ? keys.get(record.getField(0)) : null;
                if (key != null) {
                    String[] row = new String[from.length];
                    for (int i = 0; i < from.length; i++) {
                        row[i] = from[i] >= 0 && from[i] < record.getFieldCount() ? record.getField(from[i]) : "";
                    }
                    sink.accept(key, row);
                    copied++;
                }
            }
        } catch (UncheckedIOException e) {
            throw new InputException(earlier, "cannot read the earlier output " + earlier + ": " + e.getMessage(), e);
        }
        return copied;
    }

    /**
     * Checks, before a run, that the rows of {@code earlier} will fit {@code header} (see {@link #copy(Path, List,
     * Map, KeyedSink)}); nothing when the file does not exist.
     *
     * @throws InputException when they will not (names the file and what to do).
     */
    public static void checkColumns(Path earlier, List<String> header) throws IOException {
        if (Files.exists(earlier)) {
            List<String> earlierHeader = new java.util.ArrayList<>();
            CsvTable.read(earlier, earlierHeader::addAll, row -> {});
            columnMap(earlier, earlierHeader, header);
        }
    }

    private static int[] columnMap(Path earlier, List<String> earlierHeader, List<String> header) {
        int[] from = new int[header.size()];
        boolean fits = earlierHeader.size() <= header.size();
        for (int i = 0; i < from.length; i++) {
            from[i] = earlierHeader.indexOf(header.get(i));
            fits &= from[i] >= 0 || header.get(i).equals(ForecastTable.MODEL_SPEC);
        }
        if (!fits) {
            throw new InputException(
                    earlier,
                    "cannot keep the earlier rows of " + earlier + " (--resume): its columns ("
                            + String.join(",", earlierHeader) + ") are not the ones this run writes ("
                            + String.join(",", header) + "); rerun with the earlier run's --level, --model and "
                            + "--output-shape, or choose another --out");
        }
        return from;
    }
}

package forecastfarm.launcher.io;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}

package forecastfarm.launcher.io;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads an earlier {@code joblog.tsv} (see {@link JobLogWriter}) for {@code --resume} and {@code --retry-failed}:
 * the last status of each series id.
 */
public final class JobLogReader {
    private JobLogReader() {}

    /**
     * @return id to last status; empty when the file does not exist.
     * @throws InputException when the file exists but is not a joblog.
     */
    public static Map<String, String> lastStatus(Path joblog) {
        Map<String, String> status = new HashMap<>();
        if (!Files.exists(joblog)) {
            return status;
        }
        forEachRow(joblog, row -> true, row -> status.put(row[1], row[6]));
        status.remove("");
        return status;
    }

    /**
     * Calls {@code action} with every data row whose fields pass {@code keep}.
     *
     * @throws InputException when the file cannot be read or does not start with the joblog header.
     */
    public static void forEachRow(Path joblog, Predicate<String[]> keep, java.util.function.Consumer<String[]> action) {
        try (CsvReader<CsvRecord> reader = CsvReader.builder()
                .fieldSeparator('\t')
                .skipEmptyLines(true)
                .ofCsvRecord(joblog, StandardCharsets.UTF_8)) {
            boolean header = true;
            for (CsvRecord record : reader) {
                String[] fields = record.getFields().toArray(new String[0]);
                if (header) {
                    if (!Arrays.equals(fields, JobLogWriter.HEADER)) {
                        throw new InputException(
                                joblog,
                                joblog + " is not a joblog written by farm forecast (its header " + "is "
                                        + String.join(",", List.of(fields)) + "); move it away or drop --resume");
                    }
                    header = false;
                } else if (fields.length == JobLogWriter.HEADER.length && keep.test(fields)) {
                    action.accept(fields);
                }
            }
        } catch (IOException e) {
            throw new InputException(joblog, "cannot read " + joblog + ": " + e.getMessage(), e);
        }
    }
}

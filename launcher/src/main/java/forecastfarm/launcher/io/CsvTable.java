package forecastfarm.launcher.io;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Plain CSV tables for tools that read the farm's own outputs back (the shard merge): a reader that hands over the
 * header and each record's fields, and a writer with the same format and atomic commit as the farm's writers.
 */
public final class CsvTable {
    private CsvTable() {}

    /**
     * Reads a CSV with a header.
     *
     * @param onHeader gets the header's fields
     * @param onRow    gets each data row's fields
     * @throws IOException when the file cannot be read or is not valid CSV (the message names the file)
     */
    public static void read(Path file, Consumer<List<String>> onHeader, Consumer<List<String>> onRow)
            throws IOException {
        Objects.requireNonNull(file, "file");
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
            boolean first = true;
            for (CsvRecord record : reader) {
                if (first) {
                    onHeader.accept(record.getFields());
                    first = false;
                } else {
                    onRow.accept(record.getFields());
                }
            }
            if (first) {
                throw new IOException(file + " is empty (no header)");
            }
        } catch (UncheckedIOException e) {
            throw new IOException("cannot read " + file + ": " + e.getCause().getMessage(), e.getCause());
        } catch (RuntimeException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A number as the farm's CSV outputs write it: the shortest exact decimal, "" for NaN. */
    public static String cell(double x) {
        return Numbers.format(x);
    }

    /** A CSV written under a temporary name and renamed onto its name by {@link #close()}. */
    public static final class Writer implements AutoCloseable {
        private final CsvOut out;
        private long rows;

        public Writer(Path file, List<String> header) throws IOException {
            this.out = new CsvOut(file, header.toArray(String[]::new));
        }

        public void row(List<String> fields) throws IOException {
            out.row(fields.toArray(String[]::new));
            rows++;
        }

        public long rowsWritten() {
            return rows;
        }

        public void abort() {
            out.abort();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}

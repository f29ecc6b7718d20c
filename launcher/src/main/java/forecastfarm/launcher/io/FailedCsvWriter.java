package forecastfarm.launcher.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes {@code failed.csv}: {@code unique_id,status,attempts,reason}, one row per series that got no
 * forecast. Written atomically like {@link ForecastCsvWriter} (temporary file, renamed by {@link #close()};
 * {@link #abort()} leaves nothing). Reasons may contain commas, quotes or newlines (they are quoted).
 */
public final class FailedCsvWriter implements AutoCloseable {
    /** The columns. */
    public static final List<String> HEADER = List.of("unique_id", "status", "attempts", "reason");

    private final CsvOut out;
    private long rows;

    /** The columns of {@code farm run}'s failed.csv, whose tasks have keys rather than series ids. */
    public static final List<String> TASK_HEADER = List.of("key", "status", "attempts", "reason");

    public FailedCsvWriter(Path file) throws IOException {
        this(file, HEADER);
    }

    /** @param header {@link #HEADER} or {@link #TASK_HEADER} */
    public FailedCsvWriter(Path file, List<String> header) throws IOException {
        Objects.requireNonNull(file, "file");
        this.out = new CsvOut(file, header.toArray(String[]::new));
    }

    /** @param reason may be null (empty cell) */
    public void write(String id, String status, int attempts, String reason) throws IOException {
        out.row(row(id, status, attempts, reason));
        rows++;
    }

    /** The fields of a row, as {@link #write} writes them (for rows that are ordered before they are written). */
    public static String[] row(String id, String status, int attempts, String reason) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        return new String[] {id, status, Integer.toString(attempts), reason == null ? "" : reason};
    }

    /** Writes a row as it was read from an earlier file of this kind (carried over by {@code --resume}). */
    public void copyRow(String... fields) throws IOException {
        out.row(fields);
        rows++;
    }

    public long rowsWritten() {
        return rows;
    }

    public Path file() {
        return out.target();
    }

    public void abort() {
        out.abort();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

package forecastfarm.launcher.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes {@code joblog.tsv}, in the spirit of GNU parallel's {@code --joblog}: one tab-separated line per series,
 * in completion order, with the header
 * {@code seq  id  worker  start  runtime  attempts  status  reason}:
 * <ul>
 *   <li>{@code seq}: the series' number in input order among the valid series, from 1 (0 for invalid input);
 *   <li>{@code worker}: the worker slot that ran it last (-1: none);
 *   <li>{@code start}: when its last attempt started, Unix seconds with milliseconds (0: unknown);
 *   <li>{@code runtime}: that attempt's wall time in seconds;
 *   <li>{@code status}: OK, FAILED, POISONED, INVALID (bad input) or NOT_RUN (interrupted first);
 *   <li>{@code reason}: why it is not OK (tabs and line breaks turned into spaces), else empty.
 * </ul>
 * Written atomically like the other outputs. {@link JobLogReader} reads it back for {@code --resume}.
 */
public final class JobLogWriter implements AutoCloseable {
    public static final String FILE_NAME = "joblog.tsv";
    static final String[] HEADER = {"seq", "id", "worker", "start", "runtime", "attempts", "status", "reason"};

    private final CsvOut out;

    public JobLogWriter(Path file) throws IOException {
        this.out = new CsvOut(Objects.requireNonNull(file, "file"), '\t', HEADER);
    }

    public void write(
            long seq,
            String id,
            int worker,
            long startEpochMs,
            double runtimeSeconds,
            int attempts,
            String status,
            String reason)
            throws IOException {
        out.row(
                Long.toString(seq),
                oneLine(id),
                Integer.toString(worker),
                String.format(Locale.ROOT, "%.3f", startEpochMs / 1000.0),
                String.format(Locale.ROOT, "%.3f", runtimeSeconds),
                Integer.toString(attempts),
                status,
                reason == null ? "" : oneLine(reason));
    }

    /** Writes a line as read from an earlier joblog (carried over by {@code --resume}). */
    public void copyRow(String... fields) throws IOException {
        out.row(fields);
    }

    private static String oneLine(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    public void abort() {
        out.abort();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

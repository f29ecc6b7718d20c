package forecastfarm.launcher.merge;

import forecastfarm.launcher.io.JobLogReader;
import forecastfarm.launcher.io.JobLogWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The merged {@code joblog.tsv}: the lines of each merged shard's joblog.tsv, shard after shard (each in its own
 * completion order, {@code seq} its own), so that one file says how every series ran, on which attempt, and why not.
 */
final class MergedJobLog {
    private MergedJobLog() {}

    /** @throws IOException when it cannot be written (nothing is then left under its name). */
    static void write(final Path dir, final List<ShardMerge.ShardState> states) throws IOException {
        final JobLogWriter out = new JobLogWriter(dir.resolve(JobLogWriter.FILE_NAME));
        try {
            for (final ShardMerge.ShardState state : states) {
                final Path joblog =
                        state.dir() == null ? null : dir.resolve(state.dir()).resolve(JobLogWriter.FILE_NAME);
                if (joblog != null && Files.isRegularFile(joblog)) {
                    JobLogReader.forEachRow(joblog, fields -> true, fields -> copy(out, fields));
                }
            }
            out.close();
        } catch (final UncheckedIOException ex) {
            out.abort();
            throw ex.getCause();
        } catch (final IOException | RuntimeException ex) {
            out.abort();
            throw ex;
        }
    }

    private static void copy(final JobLogWriter out, final String[] fields) {
        try {
            out.copyRow(fields);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

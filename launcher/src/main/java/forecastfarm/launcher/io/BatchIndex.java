package forecastfarm.launcher.io;

import forecastfarm.shared.FarmDirectory;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code jobs/ID.batches.tsv} in the farm dir: for a job that runs its series in batch tasks, which batch holds each
 * series, one line per series: {@code id TAB batchKey} (the id escaped as in {@link SeriesIndex}). The results map
 * holds a batched series under its batch's key, so {@code farm inspect --id} reads this to find it. Appended as each
 * batch is submitted (before it runs); a later run of the job appends its own batches, and the last line for an id
 * wins.
 */
public final class BatchIndex implements AutoCloseable {
    private final Path file;
    private final BufferedWriter out;

    private BatchIndex(final Path file, final BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    public static Path file(final FarmDirectory farm, final String job) {
        return farm.jobsDir().resolve(job + ".batches.tsv");
    }

    /** Opens the job's index to append to it. */
    public static BatchIndex append(final FarmDirectory farm, final String job) {
        final Path file = file(farm, job);
        return new BatchIndex(file, FarmDirectory.appendOwnerOnly(file));
    }

    /** Records that the batch {@code key} holds {@code ids}, and makes it visible to readers. */
    public void add(final String key, final List<String> ids) {
        try {
            for (final String id : ids) {
                out.write(SeriesIndex.escape(id));
                out.write('\t');
                out.write(key);
                out.write('\n');
            }
            out.flush();
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (final IOException ignored) {
            // every batch was flushed as it was added
        }
    }

    /** @return the key of the last batch recorded for {@code id}, if any. */
    public static Optional<String> find(final FarmDirectory farm, final String job, final String id) {
        final String prefix = SeriesIndex.escape(id) + '\t';
        String found = null;
        try (BufferedReader in = Files.newBufferedReader(file(farm, job), StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(prefix)) {
                    found = line.substring(prefix.length());
                }
            }
        } catch (final NoSuchFileException ex) {
            return Optional.empty();
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot read " + file(farm, job) + ": " + ex.getMessage(), ex);
        }
        return Optional.ofNullable(found);
    }

    /** Forgets the job's batches (the job was deleted). */
    public static void delete(final FarmDirectory farm, final String job) throws IOException {
        Files.deleteIfExists(file(farm, job));
    }
}

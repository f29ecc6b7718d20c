package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.wire.ResultKey;
import forecastfarm.shared.wire.ResultRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.util.Optional;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Reads results from a farm dir's results map, live or after the run. Only point reads ({@code get}): a read holds a
 * segment's read lock for microseconds, and should this process be killed inside one, the launcher's writes move on
 * to a new map generation (see {@link ResultStore}). Holds {@code results.lock} shared while open.
 */
public final class ResultReader implements AutoCloseable {
    private final FileLock lock;
    private final ChronicleMap<CharSequence, byte[]> map;
    private final int generation;

    private ResultReader(final FileLock lock, final ChronicleMap<CharSequence, byte[]> map, final int generation) {
        this.lock = lock;
        this.map = map;
        this.generation = generation;
    }

    /**
     * @return a reader, or empty when the farm dir has no results map yet.
     */
    public static Optional<ResultReader> open(final FarmDirectory farm) {
        final int generation = ResultStore.latestGeneration(farm);
        if (generation == 0) {
            return Optional.empty();
        }
        FileLock lock = null;
        try {
            lock = ResultsLock.shared(farm);
            final ChronicleMap<CharSequence, byte[]> map = ResultStore.builder(new MapSizing(1024, 16, 256))
                    .createPersistedTo(farm.resultsMapFile(generation).toFile());
            return Optional.of(new ResultReader(lock, map, generation));
        } catch (final IOException ex) {
            release(lock);
            throw new UncheckedIOException(
                    "cannot open results map in " + farm.resultsDir() + ": " + ex.getMessage(), ex);
        }
    }

    public int generation() {
        return generation;
    }

    public long size() {
        return map.longSize();
    }

    /** @return the result of the job's task with this key, if it finished. */
    public Optional<ResultRecord> get(final String job, final String key) {
        final byte[] value = map.get(ResultKey.of(job, key));
        return value == null ? Optional.empty() : Optional.of(ResultRecord.decode(value));
    }

    @Override
    public void close() {
        map.close();
        release(lock);
    }

    private static void release(final FileLock lock) {
        if (lock != null) {
            try {
                lock.release();
            } catch (final IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }
}

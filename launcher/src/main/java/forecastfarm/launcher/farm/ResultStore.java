package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's side of the persisted results map ({@code results/results-G.cm}, key = {@code JOB/KEY} (see
 * {@link forecastfarm.shared.wire.ResultKey}), value = an encoded {@link forecastfarm.shared.wire.ResultRecord}). The
 * launcher is its only writer. The map is sized by the farm dir's first job and grown, into a new generation, when a
 * job brings more tasks than it has room for; deleting a job removes its entries.
 * <p>
 * Chronicle Map's locks live in the mapped file: a process killed inside a map operation leaves its segment lock
 * held, and a put on that segment then spins for a minute before failing. So:
 * <ul>
 * <li>puts run on a writer thread, never on the conductor; {@link #checkStuck(long)} notices a put that takes longer
 *     than a bound (a dead reader's lock), abandons that map and continues in a new generation G+1, copying what the
 *     old one holds (reads are not blocked by a dead reader's lock), and deletes the old file;</li>
 * <li>a launcher killed mid-put leaves a stuck write lock: at start the launcher takes {@code results.lock}
 *     exclusively (readers hold it shared while they have the map open) and, unless the previous launcher closed
 *     the map cleanly ({@code results-G.cm.closed}), repairs it with {@code recoverPersistedTo}.</li>
 * </ul>
 * Readers find the current map as the highest generation in {@code results/}.
 */
public final class ResultStore implements AutoCloseable {
    private static final Pattern MAP_FILE = Pattern.compile("results-(\\d+)\\.cm");
    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);

    private final FarmDirectory farm;
    private MapSizing sizing;
    private final long stuckWriteMs;
    private long putsSinceSizeCheck;
    private final EntryWeights weights = new EntryWeights();
    private int generation;
    private ChronicleMap<CharSequence, byte[]> map;
    private MapWriter writer;
    private int rotations;

    private ResultStore(final FarmDirectory farm, final MapSizing sizing, final long stuckWriteMs) {
        this.farm = farm;
        this.sizing = sizing;
        this.stuckWriteMs = stuckWriteMs;
    }

    /**
     * Opens (repairing it) or creates the results map for the launcher.
     */
    public static ResultStore openForLauncher(
            final FarmDirectory farm, final MapSizing sizing, final long stuckWriteMs) {
        final ResultStore store = new ResultStore(farm, sizing, stuckWriteMs);
        final int latest = latestGeneration(farm);
        try (FileLock ignored = ResultsLock.exclusive(farm)) {
            if (latest == 0) {
                store.generation = 1;
                store.map = create(builder(sizing), farm.resultsMapFile(1));
            } else {
                store.generation = latest;
                store.map = reopen(farm, sizing, latest);
                deleteOlderGenerations(farm, latest);
            }
        } catch (final IOException ex) {
            throw new UncheckedIOException(
                    "cannot open results map in " + farm.resultsDir() + ": " + ex.getMessage(), ex);
        }
        store.writer = new MapWriter(store.map, store.openJournal(), store.generation);
        return store;
    }

    public int generation() {
        return generation;
    }

    public int rotations() {
        return rotations;
    }

    /**
     * Queues a put; the conductor never waits for the map.
     */
    public void put(final String key, final byte[] value) {
        writer.enqueue(key, value);
        putsSinceSizeCheck++;
        weights.add(key, value);
    }

    /**
     * Makes room for a job's entries before it runs, growing the map into a new generation (with a stored new sizing)
     * when the entries already there and these would pass its size. A conductor duty: it waits for the writer.
     *
     * @param entries the job's expected entries.
     */
    public void ensureRoom(final long entries) {
        final long needed = map.longSize() + writer.backlog() + entries;
        if (needed > sizing.entries()) {
            flush();
            grow(new MapSizing(
                    Math.max(2 * needed, sizing.entries()), sizing.averageKeyBytes(), sizing.averageValueBytes()));
        }
        putsSinceSizeCheck = 0;
    }

    /**
     * Removes every entry of a job, and waits until they are gone from the map.
     *
     * @return how many there were.
     */
    public long deleteJob(final String jobId) {
        final String prefix = forecastfarm.shared.wire.ResultKey.prefix(jobId);
        flush();
        final List<String> doomed = new ArrayList<>();
        for (final String key : KeyJournal.read(KeyJournal.file(farm, generation))) {
            if (key.startsWith(prefix) && map.containsKey(key)) {
                doomed.add(key);
            }
        }
        doomed.forEach(key -> writer.enqueue(key, null));
        // applied before the caller goes on: the job's id reopened next must not find its old results
        flush();
        return doomed.size();
    }

    private void grow(final MapSizing bigger) {
        LOG.info(
                "the results map grows from {} to {} entries of {} bytes on average (generation {})",
                sizing.entries(),
                bigger.entries(),
                bigger.averageValueBytes(),
                generation + 1);
        writer.stop();
        final ChronicleMap<CharSequence, byte[]> old = map;
        moveTo(bigger, List.of());
        FarmLayout.writeSizing(farm, bigger);
        old.close();
    }

    /**
     * Continues in generation G+1 of the given size: copies every entry the key journal lists (point reads, which a
     * dead reader's lock does not block; never an iteration, which it would), then the entries not yet written, and
     * deletes generation G's files.
     */
    private void moveTo(final MapSizing newSizing, final List<MapWriter.Entry> unwritten) {
        final ChronicleMap<CharSequence, byte[]> old = map;
        final int next = generation + 1;
        final ChronicleMap<CharSequence, byte[]> fresh = create(builder(newSizing), farm.resultsMapFile(next));
        final Set<String> live = new LinkedHashSet<>();
        for (final String key : KeyJournal.read(KeyJournal.file(farm, generation))) {
            final byte[] value = old.get(key);
            if (value != null) {
                fresh.put(key, value);
                live.add(key);
            }
        }
        for (final MapWriter.Entry entry : unwritten) {
            entry.applyTo(fresh);
            if (entry.value() == null) {
                live.remove(entry.key());
            } else {
                live.add(entry.key());
            }
        }
        KeyJournal.rewrite(KeyJournal.file(farm, next), live);
        map = fresh;
        sizing = newSizing;
        weights.reset();
        generation = next;
        writer = new MapWriter(fresh, KeyJournal.append(KeyJournal.file(farm, next)), next);
        try {
            // A stuck writer thread keeps the old map mapped until it gives up; unlinking the files is safe meanwhile.
            Files.deleteIfExists(farm.resultsMapFile(next - 1));
            Files.deleteIfExists(KeyJournal.file(farm, next - 1));
        } catch (final IOException ignored) {
            // an old generation left behind is deleted at the next start
        }
    }

    /**
     * The current generation's key journal, for appending: written from the map when there is none, and compacted
     * when it lists many keys no longer in the map (deleted jobs).
     */
    private KeyJournal openJournal() {
        final Path file = KeyJournal.file(farm, generation);
        if (!Files.exists(file)) {
            final List<String> keys = new ArrayList<>();
            map.keySet().forEach(key -> keys.add(key.toString()));
            KeyJournal.rewrite(file, keys);
        } else {
            final Set<String> listed = KeyJournal.read(file);
            if (listed.size() > 2 * map.longSize() + 1024) {
                listed.removeIf(key -> !map.containsKey(key));
                KeyJournal.rewrite(file, listed);
            }
        }
        return KeyJournal.append(file);
    }

    /**
     * A conductor duty: hands the puts queued since the last call to the writer thread in one batch.
     *
     * @return 1 when there were any.
     */
    public int publish() {
        if (putsSinceSizeCheck > sizing.entries() / 8) {
            // a job that brought more tasks than it said: grow before the map runs out of room
            ensureRoom(0);
        }
        final MapSizing heavier = weights.outgrown(sizing);
        if (heavier != null) {
            // entries heavier than the sizing said: move while the few written so far still fit the old map
            flush();
            grow(heavier);
        }
        return writer.publish();
    }

    /**
     * @return the stored value, or null. Reads are not blocked by a dead reader's lock.
     */
    public byte[] get(final String key) {
        return map.get(key);
    }

    /**
     * Every key in the map (an iteration, which a reader killed inside one would block: for tests and tools).
     */
    public List<String> keys() {
        final List<String> keys = new ArrayList<>();
        map.keySet().forEach(key -> keys.add(key.toString()));
        return keys;
    }

    /**
     * A conductor duty: if a put has been stuck past the bound, move to a new map generation.
     *
     * @return 1 when it rotated, else 0.
     */
    public int checkStuck(final long nowNs) {
        final long since = writer.currentPutSinceNs();
        if (since == 0 || nowNs - since < stuckWriteMs * 1_000_000L) {
            return 0;
        }
        rotate();
        return 1;
    }

    /**
     * Waits until every queued put is in the map (or moved to a new generation when one is stuck).
     */
    public void flush() {
        writer.publish();
        while (!writer.idle()) {
            if (checkStuck(System.nanoTime()) == 0) {
                Thread.onSpinWait();
                sleepQuietly();
            }
        }
        final Throwable error = writer.error();
        if (error != null) {
            throw new IllegalStateException("writing the results map failed: " + error, error);
        }
    }

    private void rotate() {
        LOG.warn(
                "a results-map write has been stuck for over {} ms (a process "
                        + "was killed holding a map lock); continuing in generation {}",
                stuckWriteMs,
                generation + 1);
        final List<MapWriter.Entry> unwritten = writer.abandon();
        moveTo(sizing, unwritten);
        rotations++;
    }

    @Override
    public void close() {
        flush();
        writer.stop();
        map.close();
        markClosed(farm, generation);
    }

    /**
     * Opens the latest map as it is when the last launcher closed it ({@link #cleanCloseMarker}), else repairs it:
     * Chronicle Map's recovery is for a map whose writer died (it warns of data loss when run on a sound map, which
     * users read as corruption). The marker is removed while the map is open, so only a clean close leaves one.
     */
    private static ChronicleMap<CharSequence, byte[]> reopen(
            final FarmDirectory farm, final MapSizing sizing, final int generation) throws IOException {
        final Path file = farm.resultsMapFile(generation);
        if (Files.deleteIfExists(cleanCloseMarker(farm, generation))) {
            return builder(sizing).createPersistedTo(file.toFile());
        }
        final ChronicleMap<CharSequence, byte[]> map = builder(sizing).recoverPersistedTo(file.toFile(), true);
        LOG.info(
                "the results map {} was not closed by the previous launcher (killed?); it was checked and repaired"
                        + " (Chronicle Map's recovery), {} results kept",
                file,
                map.longSize());
        return map;
    }

    /**
     * {@code results-G.cm.closed}: present only while no launcher has generation G open and the last one closed it.
     */
    static Path cleanCloseMarker(final FarmDirectory farm, final int generation) {
        return farm.resultsDir().resolve(farm.resultsMapFile(generation).getFileName() + ".closed");
    }

    private static void markClosed(final FarmDirectory farm, final int generation) {
        try {
            Files.write(cleanCloseMarker(farm, generation), new byte[0]);
            FarmDirectory.makeOwnerOnlyFile(cleanCloseMarker(farm, generation));
        } catch (final IOException | UncheckedIOException ex) {
            LOG.warn("cannot mark the results map closed ({}); the next run checks and repairs it", ex.getMessage());
        }
    }

    static ChronicleMapBuilder<CharSequence, byte[]> builder(final MapSizing sizing) {
        return ChronicleMap.of(CharSequence.class, byte[].class)
                .name("forecast-farm-results")
                .entries(sizing.entries())
                .averageKeySize(sizing.averageKeyBytes())
                .averageValueSize(sizing.averageValueBytes())
                .maxBloatFactor(4.0);
    }

    private static ChronicleMap<CharSequence, byte[]> create(
            final ChronicleMapBuilder<CharSequence, byte[]> builder, final Path file) {
        try {
            final ChronicleMap<CharSequence, byte[]> map = builder.createPersistedTo(file.toFile());
            FarmDirectory.makeOwnerOnlyFile(file);
            return map;
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot create results map " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the current generation (the highest present), or 0 when there is no map yet.
     */
    public static int latestGeneration(final FarmDirectory farm) {
        if (!Files.isDirectory(farm.resultsDir())) {
            return 0;
        }
        try (Stream<Path> files = Files.list(farm.resultsDir())) {
            return files.map(path -> MAP_FILE.matcher(path.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max()
                    .orElse(0);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot list " + farm.resultsDir() + ": " + ex.getMessage(), ex);
        }
    }

    private static void deleteOlderGenerations(final FarmDirectory farm, final int latest) throws IOException {
        for (int g = latest - 1; g >= 1; g--) {
            Files.deleteIfExists(farm.resultsMapFile(g));
            Files.deleteIfExists(KeyJournal.file(farm, g));
            Files.deleteIfExists(cleanCloseMarker(farm, g));
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}

package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {

    private static final MapSizing SIZING = MapSizing.forTasks(200, 6, 64);
    private static final long NEVER_STUCK_MS = 600_000;

    @TempDir
    Path dir;

    private FarmDirectory farm;

    @BeforeEach
    void farm() {
        farm = new FarmDirectory(dir).createDirectories();
    }

    private static byte[] record(int i) {
        return new ResultRecord(
                        i % 2 == 0 ? TaskStatus.OK : TaskStatus.FAILED,
                        1,
                        i % 4,
                        1,
                        1_000L + i,
                        10L * i,
                        5L * i,
                        i % 2 == 0 ? "" : "failed " + i,
                        new byte[] {(byte) i, 42},
                        "spin")
                .encode();
    }

    private static Set<String> keys(ResultStore store) {
        return new TreeSet<>(store.keys());
    }

    @Test
    void putFlushGet() {
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            assertEquals(1, store.generation());
            assertTrue(Files.exists(farm.resultsMapFile(1)));
            assertNull(store.get("a"));
            store.put("a", record(1));
            store.put("b", record(2));
            store.put("a", record(3)); // a later result replaces an earlier one
            store.flush();
            assertArrayEquals(record(3), store.get("a"));
            assertArrayEquals(record(2), store.get("b"));
            assertEquals(Set.of("a", "b"), keys(store));
            assertEquals(0, store.rotations());
        }
    }

    /**
     * Entries forty times heavier than the sizing said (a job whose results outgrow its estimate) would overflow the
     * map long before its entry count; the store moves to a generation sized for what it sees, keeping everything.
     */
    @Test
    void entriesHeavierThanTheSizingSaidMoveToABiggerGeneration() {
        final byte[] heavy = new byte[8 * 1024];
        java.util.Arrays.fill(heavy, (byte) 7);
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            for (int i = 0; i < 1_000; i++) {
                heavy[0] = (byte) i;
                store.put("series-" + i, heavy.clone());
                store.publish();
            }
            store.flush();
            assertTrue(store.generation() > 1, "the store moved to a bigger generation");
            assertEquals(1_000, store.keys().size());
            for (int i = 0; i < 1_000; i += 97) {
                assertEquals((byte) i, store.get("series-" + i)[0], "series-" + i);
                assertEquals(heavy.length, store.get("series-" + i).length);
            }
        }
    }

    @Test
    void mapFileIsOwnerOnly() throws IOException {
        try (ResultStore ignored = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            assertEquals(FarmDirectory.FILE_PERMISSIONS, Files.getPosixFilePermissions(farm.resultsMapFile(1)));
        }
    }

    @Test
    void reopeningKeepsEverything() {
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            for (int i = 0; i < 150; i++) {
                store.put("series-" + i, record(i));
            }
        } // close flushes
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            assertEquals(1, store.generation());
            assertEquals(150, store.keys().size());
            for (int i = 0; i < 150; i++) {
                assertArrayEquals(record(i), store.get("series-" + i), "series-" + i);
            }
            store.put("series-150", record(150));
            store.flush();
        }
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            assertEquals(151, store.keys().size());
            assertEquals(
                    ResultRecord.decode(record(150)).reason(),
                    ResultRecord.decode(store.get("series-150")).reason());
        }
    }

    @Test
    void reopenUsesTheLatestGenerationAndDeletesOlderOnes() throws IOException {
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            store.put("old", record(1));
        }
        // a launcher killed during a rotation leaves generations 1 and 2
        ResultStore.builder(SIZING)
                .createPersistedTo(farm.resultsMapFile(2).toFile())
                .close();
        assertEquals(2, ResultStore.latestGeneration(farm));
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            assertEquals(2, store.generation());
            assertFalse(Files.exists(farm.resultsMapFile(1)), "older generation deleted");
        }
    }

    @Test
    void latestGenerationOfAnEmptyFarmIsZero() throws IOException {
        assertEquals(0, ResultStore.latestGeneration(farm));
        assertEquals(0, ResultStore.latestGeneration(new FarmDirectory(dir.resolve("nothing-here"))));
        Files.writeString(farm.resultsDir().resolve("results-x.cm"), "not a generation");
        Files.writeString(farm.resultsDir().resolve("results-7.cm.tmp"), "not a map");
        assertEquals(0, ResultStore.latestGeneration(farm));
    }

    @Test
    void checkStuckDoesNothingWhileNoPutIsRunning() {
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, 60_000)) {
            assertEquals(0, store.checkStuck(System.nanoTime() + 3_600_000_000_000L));
            store.put("a", record(1));
            store.flush();
            assertEquals(0, store.checkStuck(System.nanoTime() + 3_600_000_000_000L));
            assertEquals(1, store.generation());
        }
    }

    /**
     * A stuck put, in process: a helper thread holds the update lock of the segment the put needs, as a reader
     * killed inside a map iteration leaves it (see HoldReadLockMain). Reads still work; the put cannot proceed.
     * The store must move to generation 2 with everything written so far plus the stuck entry.
     */
    @Test
    void aStuckPutMovesToANewGenerationKeepingEverything() throws Exception {
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS);
                ChronicleMap<CharSequence, byte[]> reader = ResultStore.builder(SIZING)
                        .createPersistedTo(farm.resultsMapFile(1).toFile())) {
            for (int i = 0; i < 20; i++) {
                store.put("k" + i, record(i));
            }
            store.flush();
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(
                    () -> {
                        try (ExternalMapQueryContext<CharSequence, byte[], ?> held = reader.queryContext("stuck")) {
                            held.updateLock().lock();
                            locked.countDown();
                            release.await();
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "dead-reader");
            holder.start();
            try {
                assertTrue(locked.await(10, TimeUnit.SECONDS));
                store.put("stuck", record(99));
                store.publish();
                long deadline = System.nanoTime() + 10_000_000_000L;
                int rotated = 0;
                while (rotated == 0 && System.nanoTime() < deadline) {
                    // "now" far ahead: rotates as soon as the put has started and not finished
                    rotated = store.checkStuck(System.nanoTime() + 3_600_000_000_000L);
                    Thread.onSpinWait();
                }
                assertEquals(1, rotated, "the put never got stuck behind the held lock");
                assertEquals(2, store.generation());
                assertEquals(1, store.rotations());
                assertFalse(Files.exists(farm.resultsMapFile(1)), "the abandoned generation is deleted");
                assertTrue(Files.exists(farm.resultsMapFile(2)));
                for (int i = 0; i < 20; i++) {
                    assertArrayEquals(record(i), store.get("k" + i), "k" + i);
                }
                assertArrayEquals(record(99), store.get("stuck"), "the stuck entry is not lost");
                store.put("after", record(100));
                store.flush();
                assertArrayEquals(record(100), store.get("after"));
                assertEquals(22, store.keys().size());
            } finally {
                release.countDown();
                holder.join(10_000);
            }
        }
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            assertEquals(2, store.generation());
            assertEquals(22, store.keys().size());
            assertArrayEquals(record(99), store.get("stuck"));
        }
    }

    /** flush() itself notices the stuck put once it has lasted longer than the bound. */
    @Test
    void flushRotatesPastAStuckPut() throws Exception {
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, 50);
                ChronicleMap<CharSequence, byte[]> reader = ResultStore.builder(SIZING)
                        .createPersistedTo(farm.resultsMapFile(1).toFile())) {
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(
                    () -> {
                        try (ExternalMapQueryContext<CharSequence, byte[], ?> held = reader.queryContext("stuck")) {
                            held.updateLock().lock();
                            locked.countDown();
                            release.await();
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "dead-reader");
            holder.start();
            try {
                assertTrue(locked.await(10, TimeUnit.SECONDS));
                store.put("stuck", record(7));
                store.flush();
                assertEquals(2, store.generation());
                assertArrayEquals(record(7), store.get("stuck"));
            } finally {
                release.countDown();
                holder.join(10_000);
            }
        }
    }

    /**
     * BUG (reported): rotate() copies only the keys put by this ResultStore instance (keysWritten), so after a resume
     * the results of earlier runs are not copied into generation G+1, and the old file holding them is deleted.
     */
    @Test
    void aRotationAfterResumeKeepsEarlierRunsResults() throws Exception {
        try (ResultStore firstRun = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            firstRun.put("earlier", record(1));
        }
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS);
                ChronicleMap<CharSequence, byte[]> reader = ResultStore.builder(SIZING)
                        .createPersistedTo(farm.resultsMapFile(1).toFile())) {
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(
                    () -> {
                        try (ExternalMapQueryContext<CharSequence, byte[], ?> held = reader.queryContext("stuck")) {
                            held.updateLock().lock();
                            locked.countDown();
                            release.await();
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "dead-reader");
            holder.start();
            try {
                assertTrue(locked.await(10, TimeUnit.SECONDS));
                store.put("stuck", record(2));
                store.publish();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (store.checkStuck(System.nanoTime() + 3_600_000_000_000L) == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertEquals(2, store.generation());
                assertArrayEquals(record(2), store.get("stuck"));
                assertArrayEquals(record(1), store.get("earlier"), "the earlier run's result survives the rotation");
            } finally {
                release.countDown();
                holder.join(10_000);
            }
        }
    }

    @Test
    void onlyACleanCloseLeavesTheMarkerThatSkipsRecovery() {
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            store.put("a", record(1));
        }
        assertTrue(Files.exists(ResultStore.cleanCloseMarker(farm, 1)), "a clean close is marked");
        final ResultStore reopened = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS);
        try {
            assertFalse(Files.exists(ResultStore.cleanCloseMarker(farm, 1)), "no marker while the map is open");
            assertArrayEquals(record(1), reopened.get("a"));
        } finally {
            reopened.close();
        }
        assertTrue(Files.exists(ResultStore.cleanCloseMarker(farm, 1)));
    }

    @Test
    void aMapLeftOpenIsRepairedAndKeepsItsResults() throws Exception {
        try (ChronicleMap<CharSequence, byte[]> leftOpen = ResultStore.builder(SIZING)
                .createPersistedTo(farm.resultsMapFile(1).toFile())) {
            leftOpen.put("a", record(1)); // a launcher killed with the map open leaves no marker
        }
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            assertArrayEquals(record(1), store.get("a"));
        }
    }
}

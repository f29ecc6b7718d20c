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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
        return new ResultRecord(i % 2 == 0 ? TaskStatus.OK : TaskStatus.FAILED, 1, i % 4, 1, 1_000L + i, 10L * i,
                5L * i, i % 2 == 0 ? "" : "failed " + i, new byte[] {(byte) i, 42}).encode();
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
            assertEquals(ResultRecord.decode(record(150)).reason(), ResultRecord.decode(store.get("series-150")).reason());
        }
    }

    @Test
    void reopeningAfterALauncherThatNeverClosedRecoversTheData() {
        // the launcher killed after its last put: the map was never closed (here: still mapped by the dead store)
        ResultStore dead = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS);
        dead.put("a", record(1));
        dead.flush();
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            assertArrayEquals(record(1), store.get("a"));
            assertEquals(List.of("a"), store.keys());
        }
    }

    @Test
    void reopenUsesTheLatestGenerationAndDeletesOlderOnes() throws IOException {
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            store.put("old", record(1));
        }
        // a launcher killed during a rotation leaves generations 1 and 2
        ResultStore.builder(SIZING).createPersistedTo(farm.resultsMapFile(2).toFile()).close();
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
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, 1)) {
            assertEquals(0, store.checkStuck(System.nanoTime() + 3_600_000_000_000L));
            store.put("a", record(1));
            store.flush();
            assertEquals(0, store.checkStuck(System.nanoTime() + 3_600_000_000_000L));
            assertEquals(1, store.generation());
        }
    }

    /**
     * A stuck put, in process: this thread holds the read lock of the segment the put needs, as a reader killed
     * inside a read would leave it. The put cannot take the write lock; the store must move to generation 2 with
     * everything written so far plus the stuck entry.
     */
    @Test
    void aStuckPutMovesToANewGenerationKeepingEverything() throws Exception {
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            for (int i = 0; i < 20; i++) {
                store.put("k" + i, record(i));
            }
            store.flush();
            try (ChronicleMap<CharSequence, byte[]> reader =
                         ResultStore.builder(SIZING).createPersistedTo(farm.resultsMapFile(1).toFile())) {
                try (ExternalMapQueryContext<CharSequence, byte[], ?> held = reader.queryContext("stuck")) {
                    held.readLock().lock();
                    store.put("stuck", record(99));
                    long deadline = System.nanoTime() + 20_000_000_000L;
                    int rotated = 0;
                    while (rotated == 0 && System.nanoTime() < deadline) {
                        // "now" far ahead: rotates as soon as the put has started and not finished
                        rotated = store.checkStuck(System.nanoTime() + 3_600_000_000_000L);
                        Thread.onSpinWait();
                    }
                    assertEquals(1, rotated, "the put never got stuck behind the read lock");
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
                }
            }
        }
        try (ResultStore store = ResultStore.openForLauncher(farm, SIZING, NEVER_STUCK_MS)) {
            assertEquals(2, store.generation());
            assertEquals(22, store.keys().size());
            assertArrayEquals(record(99), store.get("stuck"));
        }
    }
}

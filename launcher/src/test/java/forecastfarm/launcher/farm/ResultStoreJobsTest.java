package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.wire.ResultKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results map of a farm of many jobs: grown for a job that brings more, a job's entries deleted, the key journal. */
class ResultStoreJobsTest {
    private static final MapSizing SMALL = new MapSizing(1_024, 16, 64);
    private static final long NEVER_STUCK_MS = 600_000;

    @TempDir
    Path dir;

    private FarmDirectory farm;

    @BeforeEach
    void farm() {
        farm = new FarmDirectory(dir).createDirectories();
        FarmLayout.claim(farm);
    }

    private static byte[] value(final int i) {
        return new byte[] {(byte) i, (byte) (i >> 8), 42};
    }

    private static void putAll(final ResultStore store, final String job, final int count) {
        for (int i = 0; i < count; i++) {
            store.put(ResultKey.of(job, "k" + i), value(i));
        }
        store.flush();
    }

    @Test
    void aJobThatBringsMoreThanTheMapHoldsGrowsItIntoANewGenerationKeepingEverything() {
        try (ResultStore store = ResultStore.openForLauncher(farm, SMALL, NEVER_STUCK_MS)) {
            putAll(store, "first", 900);

            store.ensureRoom(5_000);
            putAll(store, "second", 5_000);

            assertEquals(2, store.generation(), "grown once, into generation 2");
            assertFalse(Files.exists(farm.resultsMapFile(1)), "the old generation is gone");
            assertFalse(Files.exists(KeyJournal.file(farm, 1)));
            assertTrue(FarmLayout.sizingOr(farm, SMALL).entries() >= 5_900, "the new size is stored");
            for (int i = 0; i < 900; i += 97) {
                assertArrayEquals(value(i), store.get(ResultKey.of("first", "k" + i)), "first/k" + i);
            }
            assertArrayEquals(value(4_999), store.get(ResultKey.of("second", "k4999")));
        }
        try (ResultStore reopened = ResultStore.openForLauncher(farm, SMALL, NEVER_STUCK_MS)) {
            assertEquals(5_900, reopened.keys().size(), "a reopen finds the grown map");
        }
    }

    @Test
    void aJobThatSaidTooLittleStillGetsRoomAsItsResultsCome() {
        try (ResultStore store = ResultStore.openForLauncher(farm, SMALL, NEVER_STUCK_MS)) {
            store.ensureRoom(10);
            for (int i = 0; i < 6_000; i++) {
                store.put(ResultKey.of("liar", "k" + i), value(i));
                if (i % 100 == 0) {
                    store.publish();
                }
            }
            store.flush();
            assertTrue(store.generation() > 1, "grew while the puts came");
            assertEquals(6_000, store.keys().size());
        }
    }

    @Test
    void deletingAJobRemovesExactlyItsEntries() {
        try (ResultStore store = ResultStore.openForLauncher(farm, SMALL, NEVER_STUCK_MS)) {
            putAll(store, "keep", 50);
            putAll(store, "drop", 70);
            putAll(store, "drop-not", 30); // a job whose id starts like the deleted one's

            assertEquals(70, store.deleteJob("drop"));
            store.flush();

            assertEquals(80, store.keys().size());
            assertNull(store.get(ResultKey.of("drop", "k3")));
            assertArrayEquals(value(3), store.get(ResultKey.of("keep", "k3")));
            assertArrayEquals(value(3), store.get(ResultKey.of("drop-not", "k3")));
            assertEquals(0, store.deleteJob("drop"), "nothing left to delete");
        }
    }

    @Test
    void theKeyJournalReadsBackAnyKeyAndIsRebuiltWhenMissing() {
        final List<String> odd = List.of("plain", "back\\slash", "new\nline", "cr\rhere", "end\\", "ünï ✓");
        try (ResultStore store = ResultStore.openForLauncher(farm, SMALL, NEVER_STUCK_MS)) {
            for (final String key : odd) {
                store.put(ResultKey.of("j", key), value(1));
            }
            store.flush();
        }
        final Set<String> listed = KeyJournal.read(KeyJournal.file(farm, 1));
        assertEquals(odd.stream().map(k -> ResultKey.of("j", k)).toList(), List.copyOf(listed));

        KeyJournal.file(farm, 1).toFile().delete();
        try (ResultStore store = ResultStore.openForLauncher(farm, SMALL, NEVER_STUCK_MS)) {
            assertEquals(Set.copyOf(listed), KeyJournal.read(KeyJournal.file(farm, 1)), "rebuilt from the map");
            assertEquals(odd.size(), store.deleteJob("j"));
        }
    }
}

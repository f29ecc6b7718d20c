package forecastfarm.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerArgsTest {
    private static final WorkerArgs ARGS =
            new WorkerArgs(Path.of("/tmp/farm dir"), 3, 2, 5, 1234, 100, 1L << 30, 3L << 30, 50);

    @Test
    void whatTheLauncherWritesTheWorkerReadsBack() {
        assertEquals(ARGS, WorkerArgs.parse(ARGS.toArgs().toArray(String[]::new)));
        final WorkerArgs extremes = new WorkerArgs(
                Path.of("farm"), 0, 0, Integer.MAX_VALUE, Long.MAX_VALUE, 1, Long.MAX_VALUE, Long.MAX_VALUE, 1);
        assertEquals(extremes, WorkerArgs.parse(extremes.toArgs().toArray(String[]::new)));
    }

    @Test
    void everyFlagIsWrittenOnceAsANameValuePair() {
        final List<String> args = ARGS.toArgs();
        assertEquals(18, args.size());
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            names.add(args.get(i));
        }
        assertEquals(
                List.of(
                        WorkerArgs.FARM_DIR,
                        WorkerArgs.RUN,
                        WorkerArgs.SLOT,
                        WorkerArgs.GENERATION,
                        WorkerArgs.LAUNCHER_PID,
                        WorkerArgs.MAX_TASKS,
                        WorkerArgs.MAX_HEAP_BYTES,
                        WorkerArgs.MAX_RSS_BYTES,
                        WorkerArgs.HEARTBEAT_INTERVAL_MS),
                names);
        assertTrue(names.containsAll(WorkerArgs.REQUIRED));
        assertEquals("/tmp/farm dir", args.get(1), "a path with a space stays one argument");
    }

    @Test
    void pairsMayComeInAnyOrder() {
        final List<String> args = ARGS.toArgs();
        final List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            pairs.add(args.subList(i, i + 2));
        }
        Collections.reverse(pairs);
        assertEquals(ARGS, WorkerArgs.parse(pairs.stream().flatMap(List::stream).toArray(String[]::new)));
    }

    @Test
    void flagsLeftOutAreNotGivenOrTheirDefaults() {
        final WorkerArgs none = WorkerArgs.parse(new String[0]);
        assertEquals(
                new WorkerArgs(
                        null,
                        WorkerArgs.NOT_GIVEN,
                        -1,
                        -1,
                        WorkerArgs.NOT_GIVEN,
                        WorkerArgs.MAX_TASKS_DEFAULT,
                        WorkerArgs.MAX_HEAP_BYTES_DEFAULT,
                        WorkerArgs.MAX_RSS_BYTES_DEFAULT,
                        WorkerArgs.HEARTBEAT_INTERVAL_MS_DEFAULT),
                none);
    }

    @Test
    void badCommandLinesAreRefusedNamingTheProblem() {
        final IllegalArgumentException odd =
                assertThrows(IllegalArgumentException.class, () -> WorkerArgs.parse(new String[] {WorkerArgs.RUN}));
        assertTrue(odd.getMessage().contains("pairs"), odd.getMessage());
        final IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> WorkerArgs.parse(new String[] {"--colour", "blue"}));
        assertTrue(unknown.getMessage().contains("--colour"), unknown.getMessage());
        assertThrows(NumberFormatException.class, () -> WorkerArgs.parse(new String[] {WorkerArgs.SLOT, "two"}));
    }
}

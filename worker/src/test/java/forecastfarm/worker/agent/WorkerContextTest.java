package forecastfarm.worker.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.WorkerArgs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerContextTest {

    private static final String[] REQUIRED = {
        "--farm-dir", "/tmp/farm", "--run", "3", "--slot", "2", "--generation", "5", "--launcher-pid", "1234"
    };

    private static String[] with(String... extra) {
        List<String> args = new ArrayList<>(Arrays.asList(REQUIRED));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    private static String[] without(String name) {
        List<String> args = new ArrayList<>(Arrays.asList(REQUIRED));
        int i = args.indexOf(name);
        args.remove(i + 1);
        args.remove(i);
        return args.toArray(String[]::new);
    }

    @Test
    void parsesEveryArgument() {
        WorkerContext ctx = WorkerContext.fromArgs(with(
                "--max-tasks",
                "100",
                "--max-heap-bytes",
                "1048576",
                "--max-rss-bytes",
                "2097152",
                "--heartbeat-interval-ms",
                "50"));
        assertEquals(Path.of("/tmp/farm"), ctx.farmDir());
        assertEquals(3, ctx.runId());
        assertEquals(2, ctx.slot());
        assertEquals(5, ctx.generation());
        assertEquals(1234, ctx.launcherPid());
        assertEquals(100, ctx.maxTasks());
        assertEquals(1_048_576, ctx.maxHeapBytes());
        assertEquals(2_097_152, ctx.maxRssBytes());
        assertEquals(50, ctx.heartbeatIntervalMs());
    }

    @Test
    void defaultsForTheOptionalOnes() {
        WorkerContext ctx = WorkerContext.fromArgs(REQUIRED);
        assertEquals(Long.MAX_VALUE, ctx.maxTasks());
        assertEquals(Long.MAX_VALUE, ctx.maxHeapBytes());
        assertEquals(Long.MAX_VALUE, ctx.maxRssBytes());
        assertEquals(100, ctx.heartbeatIntervalMs());
        assertEquals(60_000, ctx.launcherSilenceTimeoutMs());
    }

    @Test
    void generationAndRunZeroAreValid() {
        String[] args = REQUIRED.clone();
        args[3] = "0";
        args[7] = "0";
        WorkerContext ctx = WorkerContext.fromArgs(args);
        assertEquals(0, ctx.runId());
        assertEquals(0, ctx.generation());
    }

    @Test
    void rejectsAnOddNumberOfArguments() {
        IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> WorkerContext.fromArgs(with("--max-tasks")));
        assertTrue(ex.getMessage().contains("pairs"), ex.getMessage());
    }

    @Test
    void rejectsAnUnknownArgumentNamingIt() {
        IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> WorkerContext.fromArgs(with("--colour", "blue")));
        assertTrue(ex.getMessage().contains("--colour"), ex.getMessage());
    }

    @Test
    void rejectsAMissingRequiredArgument() {
        for (String name : new String[] {"--farm-dir", "--run", "--slot", "--generation", "--launcher-pid"}) {
            IllegalArgumentException ex =
                    assertThrows(IllegalArgumentException.class, () -> WorkerContext.fromArgs(without(name)), name);
            assertTrue(ex.getMessage().contains(name), ex.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> WorkerContext.fromArgs(new String[0]));
    }

    @Test
    void rejectsNonNumbersAndNonPositiveLimits() {
        assertThrows(IllegalArgumentException.class, () -> WorkerContext.fromArgs(with("--max-tasks", "many")));
        assertThrows(IllegalArgumentException.class, () -> WorkerContext.fromArgs(with("--max-tasks", "0")));
        assertThrows(IllegalArgumentException.class, () -> WorkerContext.fromArgs(with("--max-heap-bytes", "-1")));
        assertThrows(IllegalArgumentException.class, () -> WorkerContext.fromArgs(with("--max-rss-bytes", "0")));
        assertThrows(
                IllegalArgumentException.class, () -> WorkerContext.fromArgs(with("--heartbeat-interval-ms", "0")));
        String[] badPid = REQUIRED.clone();
        badPid[9] = "0";
        assertThrows(IllegalArgumentException.class, () -> WorkerContext.fromArgs(badPid));
    }

    @Test
    void readsWhatTheLauncherWrites() {
        final WorkerArgs written = new WorkerArgs(Path.of("/tmp/farm"), 3, 2, 5, 1234, 100, 1_048_576, 2_097_152, 50);
        final WorkerContext ctx = WorkerContext.fromArgs(written.toArgs().toArray(String[]::new));
        assertEquals(
                written,
                new WorkerArgs(
                        ctx.farmDir(),
                        ctx.runId(),
                        ctx.slot(),
                        ctx.generation(),
                        ctx.launcherPid(),
                        ctx.maxTasks(),
                        ctx.maxHeapBytes(),
                        ctx.maxRssBytes(),
                        ctx.heartbeatIntervalMs()));
    }
}

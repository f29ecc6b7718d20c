package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.WorkerArgs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's command line, without starting a worker. */
class CommonsExecWorkerSpawnerTest {
    @TempDir
    Path tmp;

    @Test
    void theWorkersArgumentsFollowItsMainClassAsWorkerArgsReadsThem() {
        final FarmContext ctx = new FarmContext()
                .farmDir(tmp.resolve("farm"))
                .workers(1)
                .workerClasspath("worker.jar")
                .maxTasksPerWorker(7)
                .maxWorkerHeapBytes(1L << 30)
                .maxWorkerRssBytes(3L << 30)
                .heartbeatIntervalMs(50)
                .conclude();
        final List<String> command = Arrays.asList(new CommonsExecWorkerSpawner(ctx, 42, event -> {}, null)
                .commandLine(3, 9)
                .toStrings());
        final int main = command.indexOf(WorkerArgs.MAIN_CLASS);
        assertTrue(main > 0, command.toString());
        assertEquals(
                new WorkerArgs(
                        ctx.farmDirectory().root(),
                        42,
                        3,
                        9,
                        ProcessHandle.current().pid(),
                        7,
                        1L << 30,
                        3L << 30,
                        50),
                WorkerArgs.parse(command.subList(main + 1, command.size()).toArray(String[]::new)));
    }
}

package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.api.WorkerThreads;
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

    @Test
    void eachWorkerGetsItsThreadsAsTheTaskApiReadsThem() {
        final FarmContext given = new FarmContext()
                .farmDir(tmp.resolve("farm"))
                .workers(2)
                .workerClasspath("worker.jar")
                .workerThreads(3)
                .conclude();
        assertTrue(
                workerFlags(given).contains("-D" + WorkerThreads.PROPERTY + "=3"),
                workerFlags(given).toString());
        final FarmContext auto = new FarmContext()
                .farmDir(tmp.resolve("farm"))
                .workers(4096)
                .workerClasspath("worker.jar")
                .conclude();
        assertTrue(workerFlags(auto).contains("-D" + WorkerThreads.PROPERTY + "=1"), "at least 1 when workers > cores");
        assertEquals(
                Math.max(1, DefaultWorkers.fromEnvironment() / 2),
                new FarmContext().workers(2).workerThreads(),
                "the cores divided by the workers");
        assertThrows(
                IllegalArgumentException.class,
                () -> new FarmContext()
                        .farmDir(tmp.resolve("farm"))
                        .workerClasspath("worker.jar")
                        .workerThreads(-1)
                        .conclude());
    }

    private List<String> workerFlags(final FarmContext ctx) {
        final List<String> command = Arrays.asList(new CommonsExecWorkerSpawner(ctx, 42, event -> {}, null)
                .commandLine(0, 1)
                .toStrings());
        return command.subList(0, command.indexOf(WorkerArgs.MAIN_CLASS));
    }
}

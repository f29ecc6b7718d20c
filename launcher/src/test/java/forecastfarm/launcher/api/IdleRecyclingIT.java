package forecastfarm.launcher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.launcher.farm.FarmTestSupport;
import forecastfarm.launcher.farm.JobSpec;
import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.WorkerCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standing farm that goes idle recycles the workers whose queues filled, on real worker processes: their queue
 * directories go, their slots start again at once (before any new job), and the next job runs on the new generation
 * with nothing charged; a worker whose queues hold little is left alone.
 */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IdleRecyclingIT {
    private static final int PAYLOAD_BYTES = 16 << 10;

    @TempDir
    Path tmp;

    private static FarmReport noopJob(final TaskFarm farm, final String id, final int tasks)
            throws InterruptedException {
        final Map<String, Integer> delivered = new ConcurrentHashMap<>();
        final TaskJob job = farm.job(JobSpec.named(id))
                .expectedTasks(tasks, 4)
                .onResult(o -> delivered.merge(o.key(), 1, Integer::sum))
                .open();
        for (int i = 0; i < tasks; i++) {
            assertTrue(job.submit("k" + i, "noop", new byte[PAYLOAD_BYTES]));
        }
        final FarmReport report = job.finish();
        delivered.forEach((key, times) -> assertEquals(1, times, id + "/" + key + " delivered once"));
        assertEquals(tasks, delivered.size(), id + ": every task delivered");
        return report;
    }

    private static long generation(final FarmDirectory farm, final int slot) {
        try (StatusFile status = StatusFile.open(farm.statusFile())) {
            return status.workerValue(slot, WorkerCounter.GENERATION);
        }
    }

    private static long queueDirs(final Path farmDir) throws Exception {
        try (Stream<Path> dirs = Files.walk(farmDir.resolve("queues"), 2)) {
            return dirs.filter(d -> d.getFileName().toString().matches("(in|out)-\\d+-g\\d+"))
                    .count();
        }
    }

    @Test
    void anIdleFarmRecyclesWorkersWithFullQueuesAndTheNextJobRunsOnTheNewGeneration() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final FarmDirectory farm = new FarmDirectory(farmDir);
        final FarmContext ctx = FarmTestSupport.apiContext(farmDir)
                .workers(2)
                .idleRecycleMs(300)
                .idleRecycleMinBytes(256 << 10);
        try (TaskFarm taskFarm = TaskFarm.builder(ctx).start()) {
            // 40 tasks of 16 KiB, results as large: about 640 KiB through each worker's queues, past 256 KiB
            final FarmReport first = noopJob(taskFarm, "burst", 40);
            assertEquals(40, first.ok());
            final long deadline = System.currentTimeMillis() + 20_000;
            while (generation(farm, 0) != 2 || generation(farm, 1) != 2 || queueDirs(farmDir) != 4) {
                assertTrue(
                        System.currentTimeMillis() < deadline,
                        "generations " + generation(farm, 0) + ", " + generation(farm, 1) + "; queue dirs "
                                + queueDirs(farmDir) + ": the idle workers were not recycled, or their queues kept");
                Thread.sleep(50);
            }
            final FarmReport second = noopJob(taskFarm, "after", 4);
            assertEquals(4, second.ok());
            assertEquals(0, second.retries(), "a recycle is planned: nothing is charged");
            // 4 small tasks leave the new generations far under the limit: no second recycle
            Thread.sleep(1_500);
            assertEquals(2, generation(farm, 0));
            assertEquals(2, generation(farm, 1));
        }
    }
}

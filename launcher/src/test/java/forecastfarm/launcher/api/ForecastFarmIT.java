package forecastfarm.launcher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.WorkerCounter;
import forecastfarm.shared.wire.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding API with real worker processes: results stream back as series complete, a second run in the same
 * farm dir resumes, a failing consumer stops the farm and is reported.
 */
@Tag("process")
class ForecastFarmIT {

    @TempDir
    Path tmp;

    private FarmContext context() {
        return FarmTestSupport.apiContext(tmp.resolve("farm"));
    }

    private static double[] series(int n, double slope) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 100 + slope * i + (i % 4);
        }
        return y;
    }

    @Test
    void everySubmittedSeriesComesBackOnceAndASecondRunResumes() throws Exception {
        int count = 3000; // more than the intake holds: submit must wait for the farm
        Map<String, SeriesResult> results = new ConcurrentHashMap<>();
        FarmSummary summary;
        try (ForecastFarm farm = ForecastFarm.builder(context())
                .horizon(3)
                .models("naive", "drift")
                .levels(80)
                .intakeCapacity(64)
                .expectedSeries(count, 6)
                .onResult(r -> assertEquals(null, results.put(r.id(), r), "delivered twice: " + r.id()))
                .start()) {
            for (int i = 0; i < count; i++) {
                assertTrue(farm.submit("s" + i, series(i == 7 ? 2 : 20, i), 1));
            }
            summary = farm.finish();
        }
        assertEquals(count, summary.series());
        assertEquals(count, results.size());
        assertTrue(summary.complete());
        assertEquals(count, summary.ok(), "a series with one failed model is OK");
        SeriesResult slope5 = results.get("s5");
        assertEquals(TaskStatus.OK, slope5.status());
        assertEquals(
                List.of("naive", "drift"),
                slope5.forecasts().stream().map(f -> f.model()).toList());
        assertEquals(100 + 5 * 19 + 3, slope5.forecasts().get(0).mean()[0], 1e-9, "naive = last value");
        assertEquals(
                100 + 5 * 19 + 3 + (5 * 19 + 3) / 19.0,
                slope5.forecasts().get(1).mean()[0],
                1e-9,
                "drift = last + mean slope");
        assertFalse(slope5.resumed());
        assertTrue(results.values().stream()
                        .mapToLong(SeriesResult::seq)
                        .distinct()
                        .count()
                == count);
        // s7 is too short for drift: the series is OK, drift reports its own error
        assertFalse(results.get("s7").forecasts().get(1).ok());

        Map<String, SeriesResult> again = new ConcurrentHashMap<>();
        try (ForecastFarm farm = ForecastFarm.builder(context())
                .horizon(3)
                .models("naive", "drift")
                .levels(80)
                .onResult(r -> again.put(r.id(), r))
                .start()) {
            for (int i = 0; i < 10; i++) {
                farm.submit("s" + i, series(i == 7 ? 2 : 20, i), 1);
            }
            farm.submit("new", series(20, 1), 1);
            summary = farm.finish();
        }
        assertEquals(11, again.size());
        assertEquals(10, summary.resumed());
        assertTrue(again.get("s5").resumed());
        assertFalse(again.get("new").resumed());
        assertEquals(
                slope5.forecasts().get(1).mean()[0],
                again.get("s5").forecasts().get(1).mean()[0]);
    }

    @Test
    void aFailingConsumerStopsTheFarmAndFinishSaysWhy() throws Exception {
        ForecastFarm farm = ForecastFarm.builder(context())
                .horizon(2)
                .models("naive")
                .intakeCapacity(8)
                .onResult(r -> {
                    throw new IllegalStateException("disk full (simulated)");
                })
                .start();
        boolean refused = false;
        for (int i = 0; i < 100_000 && !refused; i++) {
            refused = !farm.submit("s" + i, series(10, 1), 1);
        }
        assertTrue(refused, "the farm stops taking series once the consumer failed");
        FarmRunException thrown = assertThrows(FarmRunException.class, farm::finish);
        assertTrue(thrown.getMessage().contains("disk full (simulated)"), thrown.getMessage());
        farm.close();
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingStarts() {
        IllegalArgumentException horizon = assertThrows(
                IllegalArgumentException.class,
                () -> ForecastFarm.builder(context()).horizon(0).start());
        assertTrue(horizon.getMessage().contains("h = 0"), horizon.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ForecastFarm.builder(context()).horizon(1).levels(100).start());
    }

    /**
     * The workers start before the caller has counted its series, and the first tasks reach them while they are
     * still starting, the way {@code farm forecast} runs: every result comes back within seconds. (A worker that
     * opened its task queue just before the first task was written once saw it only a minute later: Chronicle's
     * directory listing was refreshed every 60 s. This catches it when the timing falls in that window, as it did
     * in the quick start; the fix is {@code FarmQueues}' refresh interval.)
     */
    @Test
    void workersStartBeforeTheSeriesAreCountedAndTakeTheFirstTasksAtOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            Map<String, SeriesResult> results = new ConcurrentHashMap<>();
            FarmContext ctx = context().farmDir(tmp.resolve("farm-" + round));
            long startNs = System.nanoTime();
            try (ForecastFarm farm = ForecastFarm.builder(ctx)
                    .horizon(2)
                    .models("naive")
                    .onResult(r -> results.put(r.id(), r))
                    .start()) {
                Thread.sleep(100 * round); // the input check takes a while: the tasks come at different moments
                farm.expectedSeries(4, 2);
                for (int i = 0; i < 4; i++) {
                    assertTrue(farm.submit("s" + i, series(10, i), 1));
                }
                farm.finish();
            }
            double seconds = (System.nanoTime() - startNs) / 1e9;
            assertEquals(4, results.size());
            assertTrue(seconds < 20, "round " + round + " took " + seconds + " s");
        }
    }

    /** A run given up before it had series stops its workers and leaves no farm dir it created. */
    @Test
    void aRunAbandonedBeforeItsSeriesWereCountedLeavesNothing() throws Exception {
        FarmContext ctx = context();
        ForecastFarm farm = ForecastFarm.builder(ctx).horizon(2).models("naive").start();
        awaitReadyWorkers(ctx.farmDir().resolve("status.dat"), 1);
        List<Long> pids = workerPids(ctx.farmDir().resolve("status.dat"));
        farm.close();
        assertFalse(Files.exists(ctx.farmDir()), "the farm dir is left behind");
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " lives");
        }
    }

    private static boolean hasMap(Path results) throws java.io.IOException {
        try (var files = Files.list(results)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cm"));
        }
    }

    private static void awaitReadyWorkers(Path statusFile, int count) throws InterruptedException {
        long deadlineNs = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadlineNs) {
            if (Files.exists(statusFile)) {
                try (StatusFile status = StatusFile.open(statusFile)) {
                    int ready = 0;
                    for (int slot = 0; slot < status.workerSlots(); slot++) {
                        ready += status.workerValue(slot, WorkerCounter.READY_MS) != 0 ? 1 : 0;
                    }
                    if (ready >= count) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    // the launcher is still creating it
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + count + " workers became ready in 30 s");
    }

    private static List<Long> workerPids(Path statusFile) {
        try (StatusFile status = StatusFile.open(statusFile)) {
            List<Long> pids = new java.util.ArrayList<>();
            for (int slot = 0; slot < status.workerSlots(); slot++) {
                pids.add(status.workerValue(slot, WorkerCounter.PID));
            }
            return pids;
        }
    }
}

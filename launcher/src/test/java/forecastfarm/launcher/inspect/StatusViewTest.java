package forecastfarm.launcher.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.farm.JobRegistry;
import forecastfarm.shared.status.FarmCounter;
import forecastfarm.shared.status.JobCounter;
import forecastfarm.shared.status.LauncherState;
import forecastfarm.shared.status.WorkerCounter;
import forecastfarm.shared.status.WorkerState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status view printed from a snapshot: the job, the rate and ETA, and each worker's current series id. */
class StatusViewTest {
    private static final long START_MS = 1_700_000_000_000L;
    private static final long NOW_MS = START_MS + 10_000;

    private static StatusSnapshot snapshot(final boolean alive, final LauncherState state, final long heartbeatMs) {
        final Map<String, String> about = new LinkedHashMap<>();
        about.put("input", "/data/in.csv");
        about.put("horizon", "12");
        about.put("models", "ets,theta");
        final List<JobRegistry.Entry> job = List.of(
                new JobRegistry.Entry("forecast-1", "fp", "cli", 0, "running", START_MS, 0, Map.of(), about),
                new JobRegistry.Entry(
                        "run-2",
                        "fp2",
                        "alice",
                        0,
                        "done",
                        START_MS - 5,
                        START_MS - 1,
                        Map.of("tasks", 4L, "ok", 3L, "failed", 1L, "poisoned", 0L, "resumed", 0L),
                        Map.of()));
        final Map<FarmCounter, Long> farm = new EnumMap<>(FarmCounter.class);
        farm.put(FarmCounter.TASKS_TOTAL, 60L);
        farm.put(FarmCounter.TASKS_EXPECTED, 100L);
        farm.put(FarmCounter.DONE, 38L);
        farm.put(FarmCounter.FAILED, 2L);
        farm.put(FarmCounter.RESUMED, 20L);
        farm.put(FarmCounter.RUNNING, 2L);
        return new StatusSnapshot(
                Path.of("/tmp/farm/job-abc"),
                job,
                4242,
                alive,
                state,
                heartbeatMs,
                START_MS,
                1,
                farm,
                List.of(
                        new StatusSnapshot.WorkerRow(
                                0, 11, 1, WorkerState.BUSY, NOW_MS, 10, 1, 57, "MMM", NOW_MS - 1_500),
                        new StatusSnapshot.WorkerRow(1, 12, 2, WorkerState.BUSY, NOW_MS, 10, 0, 58, null, NOW_MS - 200),
                        new StatusSnapshot.WorkerRow(
                                2, 13, 1, WorkerState.READY, NOW_MS, 0, 0, WorkerCounter.NO_TASK, null, 0)),
                Map.of("forecast-1", liveCounts()));
    }

    /** 100 expected, 40 finished (20 of them resumed), 2 running. */
    private static Map<JobCounter, Long> liveCounts() {
        final Map<JobCounter, Long> counts = new java.util.EnumMap<>(JobCounter.class);
        counts.put(JobCounter.EXPECTED, 100L);
        counts.put(JobCounter.SUBMITTED, 60L);
        counts.put(JobCounter.DONE, 38L);
        counts.put(JobCounter.FAILED, 2L);
        counts.put(JobCounter.POISONED, 0L);
        counts.put(JobCounter.RUNNING, 2L);
        counts.put(JobCounter.RESUMED, 20L);
        return counts;
    }

    private static String print(final StatusSnapshot snapshot) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusView.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), snapshot, NOW_MS);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void namesTheJobAndEachWorkersCurrentSeries() {
        final String view = print(snapshot(true, LauncherState.RUNNING, NOW_MS));
        assertTrue(
                view.contains(
                        "job forecast-1 (running, owner cli, 40/100 tasks: ok 38, failed 2, poisoned 0, running 2,"
                                + " resumed 20): input=/data/in.csv horizon=12 models=ets,theta\n"),
                view);
        assertTrue(
                view.contains("job run-2 (done, owner alice, 4 tasks: ok 3, failed 1, poisoned 0, resumed 0): fp2\n"),
                view);
        assertTrue(view.contains("tasks 100: "), "the expected total, not only those submitted so far: " + view);
        final String[] lines = view.split("\n");
        assertTrue(lines[lines.length - 4].endsWith("current series"), view);
        assertTrue(lines[lines.length - 3].endsWith(" MMM for 1.5s"), view);
        assertTrue(lines[lines.length - 2].endsWith(" task 58 for 0.2s"), "a key not read: the task id: " + view);
        assertTrue(lines[lines.length - 1].endsWith(" -"), view);
    }

    @Test
    void rateCountsOnlyThisRunsSeriesAndEtaTheRest() {
        // 40 finished, 20 of them resumed: 20 in 10 s = 2/s; 60 left: 30 s
        final String view = print(snapshot(true, LauncherState.RUNNING, NOW_MS));
        assertTrue(view.contains("rate 2.00 series/s (20 in 10.0s), ETA 30.0s (60 series left)\n"), view);
    }

    @Test
    void aStoppedLauncherGetsItsRateToItsLastHeartbeatAndNoEta() {
        final String view = print(snapshot(false, LauncherState.RUNNING, START_MS + 4_000));
        assertTrue(view.contains("job forecast-1 (stopped with its launcher, owner cli): input="), view);
        assertTrue(view.contains("rate 5.00 series/s (20 in 4.0s), ETA - (launcher stopped) (60 series left)"), view);
    }

    @Test
    void aFarmDirWithoutJobsSaysSoAndManyEndedJobsAreSummedUp() {
        final ByteArrayOutputStream none = new ByteArrayOutputStream();
        StatusView.printJobs(new PrintStream(none, true, StandardCharsets.UTF_8), List.of(), Map.of());
        assertEquals("job: (not recorded yet)\n", none.toString(StandardCharsets.UTF_8));
        final List<JobRegistry.Entry> many = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            many.add(new JobRegistry.Entry("j" + i, "fp" + i, "cli", 0, "done", i, i + 1, Map.of(), Map.of()));
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusView.printJobs(new PrintStream(bytes, true, StandardCharsets.UTF_8), many, Map.of());
        final String view = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(view.startsWith("job j3 (done"), "the latest five: " + view);
        assertTrue(view.endsWith("(and 3 earlier jobs that ended)\n"), view);
    }

    @Test
    void durationsReadAtAGlance() {
        assertEquals("0.4s", StatusView.seconds(400));
        assertEquals("3m05s", StatusView.seconds(185_000));
        assertEquals("2h03m", StatusView.seconds(7_380_000));
    }
}

package forecastfarm.launcher.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.api.FarmSummary;
import forecastfarm.launcher.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSummaryTest {
    private static final long SECOND_NS = 1_000_000_000L;

    private static JobSummary summary(
            final FarmSummary farm, final int invalid, final long notRun, final Map<String, Integer> carried) {
        return new JobSummary(farm, invalid, 0, notRun, carried, new double[] {1, 2, 3}, Path.of("/farm"));
    }

    private static FarmSummary farm(
            final long series, final int ok, final int failed, final String interruptedBy, final String abortReason) {
        return new FarmSummary(
                series, ok, failed, 0, 0, 0, 0, 2, 10 * SECOND_NS, 15 * SECOND_NS, interruptedBy, abortReason);
    }

    @Test
    void afterAResumeTheCountsAreTheWholeJobsWithTheCarriedOverApart() {
        final JobSummary s = summary(farm(3, 2, 1, null, null), 1, 0, Map.of("OK", 6, "FAILED", 1));
        final Map<String, Object> json = s.toJson();
        assertEquals("done", json.get("status"));
        assertEquals(3L, json.get("tasks"));
        assertEquals(8L, json.get("ok"));
        assertEquals(2L, json.get("failed"));
        assertEquals(7L, json.get("carried_over"));
        assertEquals(1, json.get("invalid_input"));
        assertEquals(0.8, json.get("success_rate"), "8 ok of the 10 that ran; the invalid one did not run");
        assertEquals(0.75, json.get("parallel_efficiency"), "15 s of CPU in 10 s on 2 workers");
        assertEquals(
                "the workers' CPU time / (wall time x workers): 1 when every worker computed all the time",
                json.get("parallel_efficiency_means"));
        assertEquals(ExitCodes.forFailures(3), s.exitCode(), "2 failed and 1 invalid");
    }

    @Test
    void anInterruptedRunSaysSoAndCountsItsNotRunSeriesApartFromFailures() {
        final JobSummary s = summary(farm(10, 4, 0, "SIGINT", null), 0, 6, Map.of());
        final Map<String, Object> json = s.toJson();
        assertEquals("interrupted", json.get("status"));
        assertEquals(6L, json.get("not_run"));
        assertEquals(0L, json.get("failed"));
        assertEquals(1.0, json.get("success_rate"), "every series that ran succeeded");
        assertEquals(ExitCodes.INTERRUPTED, s.exitCode());
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        s.print(new PrintStream(console, true, StandardCharsets.UTF_8), "out/", "series", "series");
        final String text = console.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("interrupted after 10.0 s: 10 series, 2500.0 ms per series on average"), text);
        assertTrue(
                text.contains("succeeded 4, failed 0, poisoned 0, invalid input 0, not run 6; success rate 100.0% "
                        + "of the series that ran\n"),
                text);
        assertTrue(
                text.contains("parallel efficiency 0.75 (the workers' CPU time / (wall time x workers): 1 when every "
                        + "worker computed all the time)\n"),
                text);
    }

    @Test
    void farmRunCountsTasks() {
        final JobSummary s = summary(farm(10, 4, 0, "SIGINT", null), 0, 6, Map.of());
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        s.print(new PrintStream(console, true, StandardCharsets.UTF_8), "out/", "tasks", "task");
        final String text = console.toString(StandardCharsets.UTF_8);
        assertTrue(
                text.startsWith("interrupted after 10.0 s: 10 tasks, 2500.0 ms per task on average (wall / tasks"),
                text);
        assertTrue(text.contains("success rate 100.0% of the tasks that ran\n"), text);
        assertTrue(text.contains("interrupted by SIGINT: 6 tasks not run"), text);
    }

    @Test
    void anAbortedRunSaysAborted() {
        final JobSummary s = summary(farm(10, 0, 0, null, "workers crash at start"), 0, 10, Map.of());
        assertEquals("aborted", s.toJson().get("status"));
        assertEquals(ExitCodes.WORKERS_FAILED, s.exitCode());
    }
}

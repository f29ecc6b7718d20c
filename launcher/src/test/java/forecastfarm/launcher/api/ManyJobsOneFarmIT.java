package forecastfarm.launcher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmException;
import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.launcher.farm.FarmTestSupport;
import forecastfarm.launcher.farm.JobRegistry;
import forecastfarm.launcher.farm.JobSpec;
import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.WorkerArgs;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.wire.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many jobs in one farm, on real worker processes: two jobs (and a third of another kind) that share keys run at
 * the same time and each gets its own results; a job id reopened resumes; a deleted job is computed afresh; a farm
 * dir of the earlier layout is refused.
 */
@Tag("process")
class ManyJobsOneFarmIT {
    private static final List<String> KEYS = List.of("AAPL", "MSFT", "NVDA");

    @TempDir
    Path tmp;

    private FarmContext context() {
        return FarmTestSupport.apiContext(tmp.resolve("farm"));
    }

    private static double[] prices(final int key) {
        final double[] y = new double[40];
        for (int i = 0; i < y.length; i++) {
            y[i] = 100 + key * 10 + 0.5 * i + (i % 3);
        }
        return y;
    }

    /** A forecast job of the built-in kind with this horizon, its outcomes by key. */
    private static Map<String, TaskOutcome> forecastJob(final TaskFarm farm, final String id, final int horizon)
            throws InterruptedException {
        final Map<String, TaskOutcome> outcomes = new ConcurrentHashMap<>();
        final TaskJob job = farm.job(JobSpec.named(id).withOwner(id + "-client"))
                .expectedTasks(KEYS.size(), 4)
                .onResult(o -> assertTrue(outcomes.put(o.key(), o) == null, o.key() + " delivered twice"))
                .open();
        for (int k = 0; k < KEYS.size(); k++) {
            final byte[] payload = new ForecastRequest(
                            prices(k), horizon, new double[] {1}, List.of("naive"), new double[] {80})
                    .encode();
            assertTrue(job.submit(KEYS.get(k), ForecastRequest.KIND, payload));
        }
        final FarmReport report = job.finish();
        assertEquals(KEYS.size(), report.ok(), id);
        return outcomes;
    }

    private static int horizonOf(final TaskOutcome outcome) {
        return ForecastResult.decode(outcome.record().payload())
                .forecasts()
                .get(0)
                .mean()
                .length;
    }

    @Test
    void jobsSharingKeysGetTheirOwnResultsResumeByIdAndAreDeleted() throws Exception {
        try (TaskFarm farm = TaskFarm.builder(context()).start()) {
            final CompletableFuture<Map<String, TaskOutcome>> three =
                    CompletableFuture.supplyAsync(() -> uncheckedJob(farm, "horizon-3", 3));
            final CompletableFuture<Map<String, TaskOutcome>> seven =
                    CompletableFuture.supplyAsync(() -> uncheckedJob(farm, "horizon-7", 7));
            final Map<String, TaskOutcome> json = jsonJob(farm, "json-5", 5);

            for (final String key : KEYS) {
                assertEquals(3, horizonOf(three.join().get(key)), key + " of horizon-3");
                assertEquals(7, horizonOf(seven.join().get(key)), key + " of horizon-7");
                final String result = new String(json.get(key).record().payload(), StandardCharsets.UTF_8);
                assertTrue(result.contains("\"mean\""), result);
                assertEquals(
                        WorkerArgs.JSON_KIND_PREFIX + ForecastRequest.KIND,
                        json.get(key).record().kind());
            }

            final Map<String, TaskOutcome> again = forecastJob(farm, "horizon-3", 3);
            assertTrue(again.values().stream().allMatch(TaskOutcome::resumed), "a reopened job id resumes");

            assertEquals(KEYS.size(), farm.deleteJob("horizon-3"));
            final Map<String, TaskOutcome> fresh = forecastJob(farm, "horizon-3", 3);
            assertFalse(fresh.values().stream().anyMatch(TaskOutcome::resumed), "a deleted job is computed afresh");
            assertTrue(fresh.values().stream().allMatch(o -> o.record().status() == TaskStatus.OK));

            final FarmRunException running = assertThrows(FarmRunException.class, () -> {
                try (TaskJob open = farm.job(JobSpec.named("busy")).open()) {
                    farm.job(JobSpec.named("busy")).open();
                }
            });
            assertTrue(running.getMessage().contains("running already"), running.getMessage());
        }
        final Map<String, String> states = new java.util.TreeMap<>();
        JobRegistry.list(new FarmDirectory(tmp.resolve("farm"))).forEach(job -> states.put(job.id(), job.state()));
        // the empty job closed by try-with-resources: cancelled, or done if it had ended first (it had no task)
        assertTrue(List.of("interrupted", "done").contains(states.remove("busy")), "busy recorded: " + states);
        assertEquals(
                Map.of("horizon-3", "done", "horizon-7", "done", "json-5", "done"),
                states,
                "every job is recorded with how it ended");
    }

    private static Map<String, TaskOutcome> uncheckedJob(final TaskFarm farm, final String id, final int horizon) {
        try {
            return forecastJob(farm, id, horizon);
        } catch (final InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Map<String, TaskOutcome> jsonJob(final TaskFarm farm, final String id, final int horizon)
            throws InterruptedException {
        final Map<String, TaskOutcome> outcomes = new ConcurrentHashMap<>();
        final TaskJob job = farm.job(JobSpec.named(id))
                .onResult(o -> outcomes.put(o.key(), o))
                .open();
        for (int k = 0; k < KEYS.size(); k++) {
            final StringBuilder y = new StringBuilder();
            for (final double v : prices(k)) {
                y.append(y.length() == 0 ? "" : ",").append(v);
            }
            final String args = "{\"y\": [" + y + "], \"horizon\": " + horizon + ", \"season_length\": 1,"
                    + " \"models\": [\"naive\"], \"levels\": [80]}";
            assertTrue(job.submit(
                    KEYS.get(k),
                    WorkerArgs.JSON_KIND_PREFIX + ForecastRequest.KIND,
                    args.getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals(KEYS.size(), job.finish().ok());
        return outcomes;
    }

    /** Deleting a job on a farm that has stopped fails at once, saying so, rather than waiting forever. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void deletingAJobAfterTheFarmStoppedFailsAtOnce() throws Exception {
        final TaskFarm farm = TaskFarm.builder(context()).start();
        forecastJob(farm, "once", 2);
        farm.close();
        final FarmRunException ex = assertThrows(FarmRunException.class, () -> farm.deleteJob("once"));
        assertTrue(ex.getMessage().contains("stopped"), ex.getMessage());
    }

    @Test
    void aFarmDirOfTheEarlierLayoutIsRefusedAndLeftAsItWas() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        Files.createDirectories(farmDir);
        final String earlier = "job=forecast input=a.csv h=12\nmap.entries=2048\n";
        Files.writeString(farmDir.resolve("farm.properties"), earlier);

        final FarmException ex = assertThrows(
                FarmException.class, () -> TaskFarm.builder(context()).start());

        assertTrue(ex.getMessage().contains("earlier version"), ex.getMessage());
        assertEquals(earlier, Files.readString(farmDir.resolve("farm.properties")));
        assertFalse(Files.exists(farmDir.resolve("status.dat")), "no launcher ran there");
    }
}

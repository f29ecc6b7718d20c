package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code farm forecast --batch-size N} on the real farm with the built-in models: a worker killed mid-batch, resume
 * from the joblog, and {@code inspect --id} of a batched series.
 */
@Tag("process")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BatchForecastCliIT {
    private static final int KILL_SERIES = 40;
    private static final int KILL_BATCH = 5;

    @TempDir
    Path tmp;

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    /** Series S0, S1, ... of {@code points} monthly-like points, seasonal with period 12. */
    private Path seasonal(final int series, final int points) throws Exception {
        final Path file = tmp.resolve("seasonal-" + series + ".csv");
        Files.writeString(
                file,
                CvRuns.longCsv(
                        series,
                        points,
                        (k, i) -> 100
                                + k
                                + (int) Math.round(10 * Math.sin(2 * Math.PI * i / 12 + k))
                                + i / 5
                                + (i * 7 + k) % 3));
        return file;
    }

    private List<String> forecast(final Path input, final String name, final String... options) {
        final List<String> args = new ArrayList<>(List.of(
                "forecast",
                "--input",
                input.toString(),
                "--horizon",
                "6",
                "--season-length",
                "12",
                "--workers",
                "2",
                "--plots",
                "none",
                "--farm-dir",
                tmp.resolve("farm-" + name).toString(),
                "--out",
                tmp.resolve(name).toString()));
        args.addAll(List.of(options));
        return args;
    }

    /** Each joblog line's series to "STATUS ATTEMPTS"; fails on a series listed twice. */
    private static Map<String, String> joblog(final Path out) throws Exception {
        final Map<String, String> lines = new TreeMap<>();
        for (final String line : Files.readAllLines(out.resolve("joblog.tsv")).subList(1, countLines(out) + 1)) {
            final String[] f = line.split("\t", -1);
            assertEquals(null, lines.put(f[1], f[6] + " " + f[5]), "one line per series: " + line);
        }
        return lines;
    }

    private static int countLines(final Path out) throws Exception {
        return Files.readAllLines(out.resolve("joblog.tsv")).size() - 1;
    }

    /** The series each batch of the farm dir's (only) job holds, from its jobs/ID.batches.tsv. */
    private static Map<String, Set<String>> batches(final Path farmDir) throws Exception {
        final Map<String, Set<String>> batches = new TreeMap<>();
        try (Stream<Path> files = Files.list(farmDir.resolve("jobs"))) {
            for (final Path file :
                    files.filter(f -> f.toString().endsWith(".batches.tsv")).toList()) {
                for (final String line : Files.readAllLines(file)) {
                    final String[] f = line.split("\t", -1);
                    batches.computeIfAbsent(f[1], key -> new HashSet<>()).add(f[0]);
                }
            }
        }
        return batches;
    }

    private static JsonNode summary(final Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    /**
     * kill -9 of a worker while it runs a batch: every series ends OK with the rows of an undisturbed run, the killed
     * batch ran again once (attempts 2 for each of its series) and no other series ran twice; a rerun with the same
     * farm dir resumes every batch.
     */
    @Test
    void aWorkerKilledMidBatchLosesOnlyItsBatchsTask() throws Exception {
        final Path input = seasonal(KILL_SERIES, 120);
        final String[] options = {"--model", "ets", "--batch-size", Integer.toString(KILL_BATCH)};
        CvRuns.farm(ExitCodes.OK, forecast(input, "calm", options));

        final CompletableFuture<String> run =
                CompletableFuture.supplyAsync(() -> CvRuns.farm(ExitCodes.OK, forecast(input, "killed", options)));
        final long victim = FarmTestSupport.busyWorkerPid(tmp.resolve("farm-killed"), 120_000);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();
        final String console = run.get(200, TimeUnit.SECONDS);

        final Path out = tmp.resolve("killed");
        assertEquals(
                Files.readAllLines(tmp.resolve("calm").resolve("forecasts.csv")),
                Files.readAllLines(out.resolve("forecasts.csv")),
                "the undisturbed run's rows\n" + console);
        final Map<String, String> ran = joblog(out);
        assertEquals(KILL_SERIES, ran.size(), ran.toString());
        final Set<String> twice = new HashSet<>();
        ran.forEach((id, outcome) -> {
            assertTrue(outcome.equals("OK 1") || outcome.equals("OK 2"), id + " " + outcome);
            if (outcome.equals("OK 2")) {
                twice.add(id);
            }
        });
        final Map<String, Set<String>> batches = batches(tmp.resolve("farm-killed"));
        assertEquals(KILL_SERIES / KILL_BATCH, batches.size(), batches.toString());
        assertTrue(
                batches.containsValue(twice),
                "exactly the series of one batch ran twice: " + twice + " of " + batches + "\n" + console);
        final JsonNode summary = summary(out);
        assertEquals(KILL_SERIES, summary.get("ok").asInt(), summary.toString());
        assertEquals(KILL_SERIES, summary.get("tasks").asInt(), "series, not batches: " + summary);
        assertEquals(KILL_BATCH, summary.get("retries").asInt(), "the killed batch's series ran again: " + summary);
        assertTrue(summary.get("worker_restarts").asInt() >= 1, summary.toString());

        final String rerun = CvRuns.farm(ExitCodes.OK, forecast(input, "killed", options));
        assertEquals(KILL_SERIES, summary(out).get("resumed").asInt(), "every batch from the farm dir: " + rerun);
        assertEquals(
                Files.readAllLines(tmp.resolve("calm").resolve("forecasts.csv")),
                Files.readAllLines(out.resolve("forecasts.csv")));
    }

    /**
     * {@code --resume} after the farm dir is gone: the series the joblog lists are kept, the others run in new
     * batches, and the outputs are those of the whole run; {@code inspect --id} shows a batched series.
     */
    @Test
    void resumeKeepsTheSeriesTheJoblogListsAndBatchesTheRestAnew() throws Exception {
        final Path input = seasonal(7, 30);
        final String[] options = {"--model", "naive,snaive", "--batch-size", "3"};
        final Path out = tmp.resolve("whole");
        CvRuns.farm(ExitCodes.OK, forecast(input, "whole", options));
        final List<String> rows = Files.readAllLines(out.resolve("forecasts.csv"));
        assertEquals(7, joblog(out).size());

        final String inspected = CvRuns.farm(
                ExitCodes.OK,
                List.of("inspect", "--farm-dir", tmp.resolve("farm-whole").toString(), "--id", "S4"));
        assertTrue(inspected.startsWith("S4: OK, attempts 1, worker "), inspected);
        assertTrue(inspected.contains("(its share of batch batch:S3+3#"), inspected);
        assertTrue(inspected.contains("snaive: Seasonal naive"), inspected);
        CvRuns.farm(
                ExitCodes.NOT_IN_JOB,
                List.of("inspect", "--farm-dir", tmp.resolve("farm-whole").toString(), "--id", "S99"));

        // as if the run had been killed before S1 and S5 were written, and its farm dir lost
        final List<String> joblog = new ArrayList<>(Files.readAllLines(out.resolve("joblog.tsv")));
        joblog.removeIf(line -> line.contains("\tS1\t") || line.contains("\tS5\t"));
        Files.write(out.resolve("joblog.tsv"), joblog);
        try (Stream<Path> farm = Files.walk(tmp.resolve("farm-whole"))) {
            for (final Path file :
                    farm.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        final String resumed = CvRuns.farm(ExitCodes.OK, forecast(input, "whole", concat(options, "--resume")));
        final JsonNode summary = summary(out);
        assertEquals(5, summary.get("carried_over").asInt(), summary + "\n" + resumed);
        assertEquals(2, summary.get("tasks").asInt(), "S1 and S5 ran, in one new batch: " + summary);
        assertEquals(7, summary.get("ok").asInt(), summary.toString());
        assertEquals(rows, Files.readAllLines(out.resolve("forecasts.csv")), resumed);
        assertEquals(7, joblog(out).size());
        assertTrue(
                batches(tmp.resolve("farm-whole"))
                        .containsKey(batches(tmp.resolve("farm-whole")).keySet().stream()
                                .filter(key -> key.startsWith("batch:S1+2#"))
                                .findFirst()
                                .orElse("no batch of S1 and S5")),
                batches(tmp.resolve("farm-whole")).toString());
    }

    private static String[] concat(final String[] options, final String more) {
        final String[] all = java.util.Arrays.copyOf(options, options.length + 1);
        all[options.length] = more;
        return all;
    }
}

package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code farm run --kind forecast} and {@code --kind cv} with real workers. Needs the worker side of {@code farm run} (TaskKindsMain and
 * the JSON kinds' host, branch i12-worker).
 */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RunCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODELS = List.of("naive", "snaive", "drift");

    @TempDir
    Path tmp;

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    /** {@code count} forecast tasks of {@code length} values each, t0..t{count-1}, with ds on the first. */
    private Path tasks(final int count, final int length) throws Exception {
        final StringBuilder jsonl = new StringBuilder();
        for (int t = 0; t < count; t++) {
            final StringBuilder y = new StringBuilder();
            for (int i = 0; i < length; i++) {
                y.append(i == 0 ? "" : ",").append(100 + (i * (t + 3)) % 11);
            }
            jsonl.append("{\"key\": \"t")
                    .append(t)
                    .append("\", \"args\": {\"y\": [")
                    .append(y)
                    .append("], ")
                    .append(t == 0 ? "\"ds\": " + days(length) + ", " : "")
                    .append("\"horizon\": 3, \"season_length\": 7, \"models\": [\"naive\", \"snaive\", \"drift\"],"
                            + " \"levels\": [80, 95]}}\n");
        }
        final Path file = tmp.resolve("tasks.jsonl");
        Files.writeString(file, jsonl);
        return file;
    }

    private static String days(final int length) {
        final List<String> days = new ArrayList<>();
        java.time.LocalDate day = java.time.LocalDate.of(2024, 1, 1);
        for (int i = 0; i < length; i++, day = day.plusDays(1)) {
            days.add("\"" + day + "\"");
        }
        return days.toString();
    }

    private static Map<String, JsonNode> results(final Path out) throws Exception {
        final Map<String, JsonNode> byKey = new HashMap<>();
        for (final String line : Files.readAllLines(out.resolve("results.jsonl"))) {
            final JsonNode node = JSON.readTree(line);
            assertEquals(null, byKey.put(node.get("key").asText(), node), "every key once: " + line);
        }
        return byKey;
    }

    /** {@code farm run --kind KIND} on 2 workers in the farm dir {@code farm}. @return its exit code. */
    private int run(final String kind, final Path input, final Path out, final ByteArrayOutputStream console) {
        return FarmCli.execute(
                new String[] {
                    "run",
                    "--kind",
                    kind,
                    "--input",
                    input.toString(),
                    "--out",
                    out.toString(),
                    "--workers",
                    "2",
                    "--farm-dir",
                    tmp.resolve("farm").toString()
                },
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @Test
    void forecastTasksOnTwoWorkersGiveOneOkLinePerKeyInInputOrder() throws Exception {
        final Path out = tmp.resolve("out");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = run("forecast", tasks(12, 40), out, console);
        assertEquals(ExitCodes.OK, exit, console.toString(StandardCharsets.UTF_8));
        final List<String> keys = new ArrayList<>();
        for (final String line : Files.readAllLines(out.resolve("results.jsonl"))) {
            keys.add(JSON.readTree(line).get("key").asText());
        }
        final List<String> expected = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            expected.add("t" + t);
        }
        assertEquals(expected, keys, "one line per key, in input order");
        results(out).forEach((key, line) -> {
            assertEquals("OK", line.get("status").asText(), key + ": " + line);
            final String result = line.get("result").toString();
            MODELS.forEach(model -> assertTrue(result.contains(model), key + " has " + model + ": " + result));
        });
        final JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals("done", summary.get("status").asText());
        assertEquals(12, summary.get("ok").asInt());
        assertEquals("forecast", summary.get("kind").asText());
        assertEquals(List.of("key,status,attempts,reason"), Files.readAllLines(out.resolve("failed.csv")));

        final ByteArrayOutputStream inspect = new ByteArrayOutputStream();
        assertEquals(
                ExitCodes.OK,
                FarmCli.execute(
                        new String[] {
                            "inspect", "--farm-dir", tmp.resolve("farm").toString(), "--id", "t3"
                        },
                        new PrintStream(inspect, true, StandardCharsets.UTF_8)));
        final String shown = inspect.toString(StandardCharsets.UTF_8);
        assertTrue(shown.startsWith("t3: OK"), shown);
        assertTrue(
                shown.contains("kind forecast, result:\n{\n  \"models\" : {"), "the worker's JSON, indented: " + shown);
        assertEquals(
                JSON.readTree(Files.readAllLines(out.resolve("results.jsonl")).get(3))
                        .get("result"),
                JSON.readTree(shown.substring(shown.indexOf('{'))),
                "inspect shows the result results.jsonl has");
    }

    @Test
    void aWorkerKilledMidRunLosesAndRepeatsNoKey() throws Exception {
        final Path out = tmp.resolve("out");
        final Path farmDir = tmp.resolve("farm");
        final Path input = tasks(400, 2000);
        final CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> FarmCli.execute(
                new String[] {
                    "run",
                    "--kind",
                    "forecast",
                    "--input",
                    input.toString(),
                    "--out",
                    out.toString(),
                    "--workers",
                    "2",
                    "--farm-dir",
                    farmDir.toString()
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        final long victim = FarmTestSupport.busyWorkerPid(farmDir, 60_000);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();

        assertEquals(ExitCodes.OK, run.get(150, TimeUnit.SECONDS));
        final Map<String, JsonNode> results = results(out);
        assertEquals(400, results.size());
        results.forEach((key, line) -> assertEquals("OK", line.get("status").asText(), key + ": " + line));
        final JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("worker_restarts").asInt() >= 1, "the killed worker was replaced: " + summary);
    }

    @Test
    void cvTasksGiveEachWindowsForecastsAndMetricsAndAShortSeriesFailsWithThePointsItNeeds() throws Exception {
        final StringBuilder y = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            y.append(i == 0 ? "" : ",").append(100 + (i * 3) % 7);
        }
        final String cv = "\"horizon\": 3, \"windows\": 2, \"step\": 2, \"season_length\": 7,"
                + " \"models\": \"naive,auto:naive+snaive+windows=2\", \"levels\": [80]";
        final Path input = tmp.resolve("cv.jsonl");
        Files.writeString(
                input,
                "{\"key\": \"long\", \"args\": {\"y\": [" + y + "], \"ds\": " + days(20) + ", " + cv + "}}\n"
                        + "{\"key\": \"short\", \"args\": {\"y\": [1, 2, 3, 4, 5, 6], " + cv + "}}\n"
                        + "{\"key\": \"bad-ds\", \"args\": {\"y\": [1, 2], \"ds\": [\"2024-01-02\", \"2024-01-01\"],"
                        + " " + cv + "}}\n");
        final Path out = tmp.resolve("out");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = run("cv", input, out, console);
        assertEquals(2, exit, "short FAILED, bad-ds INVALID: " + console.toString(StandardCharsets.UTF_8));
        final Map<String, JsonNode> results = results(out);
        assertEquals(
                "OK",
                results.get("long").get("status").asText(),
                results.get("long").toString());
        final JsonNode windows = results.get("long").get("result").get("windows");
        assertEquals(2, windows.size());
        // 20 points, horizon 3, 2 windows 2 apart: cutoffs at indexes 14 and 16, the 15th and 17th days
        assertEquals(14, windows.get(0).get("cutoff_index").asInt());
        assertEquals("2024-01-17", windows.get(1).get("cutoff_ds").asText());
        final JsonNode naive = windows.get(1).get("models").get("naive");
        assertEquals(3, naive.get("mean").size());
        assertEquals(100 + (16 * 3) % 7, naive.get("mean").get(0).asDouble(), 0.0, "naive repeats the cutoff's value");
        assertEquals(100 + (17 * 3) % 7, naive.get("y").get(0).asDouble(), 0.0, "the actual value after the cutoff");
        assertEquals(
                "[\"2024-01-18\",\"2024-01-19\",\"2024-01-20\"]",
                naive.get("ds").toString());
        assertTrue(naive.has("lo-80") && naive.has("hi-80"), naive.toString());
        assertTrue(
                windows.get(0)
                        // windows=2 is the default: the canonical spec leaves it out
                        .path("models")
                        .path("auto:naive+snaive")
                        .path("model_spec")
                        .asText()
                        .startsWith("auto->"),
                windows.get(0).toString());
        final JsonNode metrics =
                results.get("long").get("result").get("metrics").get("naive");
        assertEquals(2, metrics.get("windows").asInt());
        assertTrue(metrics.has("mase") && metrics.has("coverage-80") && metrics.has("msis-80"), metrics.toString());

        final JsonNode tooShort = results.get("short");
        assertEquals("FAILED", tooShort.get("status").asText(), tooShort.toString());
        assertTrue(
                tooShort.get("reason")
                        .asText()
                        .startsWith("the series has 6 points; H=3, K=2 windows, step 2 need at least 7"),
                tooShort.toString());
        assertEquals(
                "INVALID",
                results.get("bad-ds").get("status").asText(),
                results.get("bad-ds").toString());
        assertEquals(
                "cv",
                JSON.readTree(out.resolve("summary.json").toFile()).get("kind").asText());
    }
}

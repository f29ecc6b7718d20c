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
 * {@code farm run --kind forecast} with real workers. Needs the worker side of {@code farm run} (TaskKindsMain and
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

    @Test
    void forecastTasksOnTwoWorkersGiveOneOkLinePerKeyInInputOrder() throws Exception {
        final Path out = tmp.resolve("out");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = FarmCli.execute(
                new String[] {
                    "run",
                    "--kind",
                    "forecast",
                    "--input",
                    tasks(12, 40).toString(),
                    "--out",
                    out.toString(),
                    "--workers",
                    "2",
                    "--farm-dir",
                    tmp.resolve("farm").toString()
                },
                new PrintStream(console, true, StandardCharsets.UTF_8));
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
}

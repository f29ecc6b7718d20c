package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.examples.ExampleBuild;
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
 * The example plugin as a user runs it: built by its script, given to {@code farm run --task-jar} on 2 real workers,
 * one of them killed with -9 mid-run; every key must be in results.jsonl once, OK, with the best pair the plugin
 * gives for the same stock when run on its own.
 */
@Tag("process")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class StrategySweepRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Copies of each sample stock: 50 x 6 tasks of a denser grid than the default, a few seconds on 2 workers. */
    private static final int COPIES = 6;

    private static final String SETTINGS =
            "{\"fast\": {\"from\": 2, \"to\": 80, \"step\": 1}, \"slow\": {\"from\": 10, \"to\": 150, \"step\": 1}}";

    private static Path jar;

    @TempDir
    Path tmp;

    @BeforeAll
    static void build() throws Exception {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
        jar = ExampleBuild.strategySweepJar();
    }

    @Test
    void aWorkerKilledMidSweepLosesAndRepeatsNoKey() throws Exception {
        final List<String> sample = Files.readAllLines(ExampleBuild.EXAMPLE.resolve("tasks.jsonl"));
        final StringBuilder tasks = new StringBuilder();
        final List<String> keys = new ArrayList<>();
        for (int copy = 0; copy < COPIES; copy++) {
            for (final String line : sample) {
                final JsonNode task = JSON.readTree(line);
                final String key = task.get("key").asText() + "#" + copy;
                keys.add(key);
                tasks.append(JSON.writeValueAsString(Map.of("key", key, "args", task.get("args"))))
                        .append('\n');
            }
        }
        final Path input = Files.writeString(tmp.resolve("tasks.jsonl"), tasks);
        final Path out = tmp.resolve("out");
        final Path farmDir = tmp.resolve("farm");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> FarmCli.execute(
                new String[] {
                    "run",
                    "--kind",
                    "strategy-sweep",
                    "--task-jar",
                    jar.toString(),
                    "--settings",
                    SETTINGS,
                    "--input",
                    input.toString(),
                    "--out",
                    out.toString(),
                    "--workers",
                    "2",
                    "--farm-dir",
                    farmDir.toString()
                },
                new PrintStream(console, true, StandardCharsets.UTF_8)));
        final long victim = FarmTestSupport.busyWorkerPid(farmDir, 60_000);
        assertTrue(!run.isDone(), "the run was still going when a worker was killed");
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();

        assertEquals(ExitCodes.OK, run.get(200, TimeUnit.SECONDS), console.toString(StandardCharsets.UTF_8));
        final Map<String, JsonNode> byKey = new HashMap<>();
        final List<String> order = new ArrayList<>();
        for (final String line : Files.readAllLines(out.resolve("results.jsonl"))) {
            final JsonNode node = JSON.readTree(line);
            assertEquals(null, byKey.put(node.get("key").asText(), node), "every key once: " + line);
            order.add(node.get("key").asText());
        }
        assertEquals(keys, order, "every key once, in input order");
        byKey.forEach((key, node) -> assertEquals("OK", node.get("status").asText(), key + ": " + node));
        for (final String stock : List.of("MMM", "ABT")) {
            final JsonNode first = byKey.get(stock + "#0").get("result");
            assertEquals(
                    first, byKey.get(stock + "#" + (COPIES - 1)).get("result"), stock + ": same args, same result");
            assertEquals(pairs(2, 80, 10, 150), first.get("grid").get("pairs").asInt(), "the settings' grid was used");
        }
        final JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("worker_restarts").asInt() >= 1, "the killed worker was replaced: " + summary);
        assertEquals("strategy-sweep", summary.get("kind").asText());
    }

    /** The (fast, slow) pairs with fast < slow, counted one by one. */
    private static int pairs(final int fastFrom, final int fastTo, final int slowFrom, final int slowTo) {
        int pairs = 0;
        for (int fast = fastFrom; fast <= fastTo; fast++) {
            for (int slow = slowFrom; slow <= slowTo; slow++) {
                pairs += fast < slow ? 1 : 0;
            }
        }
        return pairs;
    }
}

package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two jobs at once whose tasks have the same keys (the same stocks asked with other horizons) each get their own
 * results, never the other's: the bug of a web backend that shared one analysis object between requests. Two real
 * launchers with their workers, started together, each on the default farm dir its job's options choose.
 */
@Tag("process")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ConcurrentJobsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TASKS = 60;

    @TempDir
    Path tmp;

    @Test
    void jobsWithTheSameKeysGetTheirOwnResults() throws Exception {
        final Map<Integer, Process> launchers = new HashMap<>();
        for (final int horizon : new int[] {3, 7}) {
            final Path input = tasks(horizon);
            launchers.put(
                    horizon,
                    cli(
                            horizon,
                            "run",
                            "--kind",
                            "forecast",
                            "--input",
                            input.toString(),
                            "--out",
                            tmp.resolve("out-" + horizon).toString(),
                            "--workers",
                            "1"));
        }
        final Map<Integer, Map<String, JsonNode>> results = new HashMap<>();
        for (final Map.Entry<Integer, Process> launcher : launchers.entrySet()) {
            final int horizon = launcher.getKey();
            assertTrue(launcher.getValue().waitFor(200, TimeUnit.SECONDS), "job h=" + horizon + " finished");
            assertEquals(
                    ExitCodes.OK,
                    launcher.getValue().exitValue(),
                    Files.readString(tmp.resolve("console-" + horizon + ".txt")));
            results.put(horizon, results(tmp.resolve("out-" + horizon)));
        }
        final JsonNode summary3 =
                JSON.readTree(tmp.resolve("out-3/summary.json").toFile());
        final JsonNode summary7 =
                JSON.readTree(tmp.resolve("out-7/summary.json").toFile());
        assertNotEquals(summary3.get("farm_dir"), summary7.get("farm_dir"), "each job has its own farm dir");
        for (final int horizon : new int[] {3, 7}) {
            final Map<String, JsonNode> byKey = results.get(horizon);
            assertEquals(TASKS, byKey.size(), "h=" + horizon + ": every key once");
            byKey.forEach((key, line) -> {
                assertEquals("OK", line.get("status").asText(), key + ": " + line);
                final JsonNode mean =
                        line.get("result").get("models").get("drift").get("mean");
                assertEquals(horizon, mean.size(), "h=" + horizon + " " + key + " got its own job's horizon: " + line);
                final double y0 = level(key);
                // drift on a straight line y = level + t continues it exactly: the last value is level + 39
                assertEquals(y0 + 40, mean.get(0).asDouble(), 1e-9, key + ": its own series: " + line);
            });
        }
    }

    /** The same keys k0..k59 in both jobs; series k is the line level(k) + t, t = 0..39. */
    private Path tasks(final int horizon) throws Exception {
        final StringBuilder jsonl = new StringBuilder();
        for (int k = 0; k < TASKS; k++) {
            final List<Double> y = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                y.add(level("k" + k) + t);
            }
            jsonl.append(JSON.writeValueAsString(Map.of(
                            "key",
                            "k" + k,
                            "args",
                            Map.of("y", y, "horizon", horizon, "models", List.of("drift", "naive")))))
                    .append('\n');
        }
        return Files.writeString(tmp.resolve("tasks-" + horizon + ".jsonl"), jsonl);
    }

    private static double level(final String key) {
        return 100 + 10 * Integer.parseInt(key.substring(1));
    }

    private static Map<String, JsonNode> results(final Path out) throws Exception {
        final Map<String, JsonNode> byKey = new HashMap<>();
        for (final String line : Files.readAllLines(out.resolve("results.jsonl"))) {
            final JsonNode node = JSON.readTree(line);
            assertEquals(null, byKey.put(node.get("key").asText(), node), "every key once: " + line);
        }
        return byKey;
    }

    /** The CLI as its own process, its default farm base under this test's TMPDIR. */
    private Process cli(final int horizon, final String... args) throws Exception {
        final ProcessBuilder builder = new ProcessBuilder(FarmTestSupport.javaCommand(FarmCli.class.getName(), args))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("console-" + horizon + ".txt").toFile());
        builder.environment().put("TMPDIR", tmp.toString());
        return builder.start();
    }
}

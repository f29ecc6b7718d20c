package forecastfarm.launcher.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.io.LongCsvReader;
import forecastfarm.launcher.io.ResultsJsonl;
import forecastfarm.launcher.io.ShardFilter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shard dirs written by hand as {@code farm run --kind K --shard i/n} writes them (results.jsonl, failed.csv,
 * summary.json with "kind"), merged: in the input's order, a missing shard, a key in two shards, mixed jobs.
 */
class RunShardMergeTest {
    private static final int N = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<String> keys = new ArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private Path input;

    @BeforeEach
    void input() throws IOException {
        final StringBuilder jsonl = new StringBuilder();
        for (int k = 29; k >= 0; k--) { // not sorted: the order must come from the input
            keys.add("k" + k);
            jsonl.append("{\"key\": \"k")
                    .append(k)
                    .append("\", \"args\": {\"x\": ")
                    .append(k)
                    .append("}}\n");
        }
        input = dir.resolve("tasks.jsonl");
        Files.writeString(input, jsonl);
    }

    private List<String> keysOf(final int shard) {
        return keys.stream().filter(k -> ShardFilter.shardOf(k, N) == shard).toList();
    }

    /** A shard's outputs, its keys in reverse order; the last key FAILED, the others OK. */
    private void writeShard(final String name, final int shard, final String kind, final List<String> shardKeys)
            throws IOException {
        final Path shardDir = Files.createDirectories(dir.resolve("shards").resolve(name));
        final StringBuilder results = new StringBuilder();
        final StringBuilder failed = new StringBuilder("key,status,attempts,reason\n");
        for (int k = shardKeys.size() - 1; k >= 0; k--) {
            final String key = shardKeys.get(k);
            final boolean ok = k != shardKeys.size() - 1;
            results.append(ResultsJsonl.line(
                            key,
                            ok ? "OK" : "FAILED",
                            1,
                            ok ? ("{\"y\": \"" + key + "\"}").getBytes(StandardCharsets.UTF_8) : null,
                            ok ? null : "boom"))
                    .append('\n');
            if (!ok) {
                failed.append(key).append(",FAILED,1,boom\n");
            }
        }
        Files.writeString(shardDir.resolve("results.jsonl"), results);
        Files.writeString(shardDir.resolve("failed.csv"), failed);
        final Map<String, Object> summary = new HashMap<>();
        summary.put("kind", kind);
        summary.put("tasks", shardKeys.size());
        summary.put("ok", shardKeys.size() - 1);
        summary.put("failed", 1);
        summary.put("poisoned", 0);
        summary.put("invalid_input", 0);
        summary.put("wall_seconds", 1.0);
        summary.put("shard", shard + "/" + N);
        JSON.writeValue(shardDir.resolve("summary.json").toFile(), summary);
        Files.writeString(shardDir.resolve(ShardMerge.EXIT_CODE_FILE), "1\n");
    }

    private ShardMerge.Result merge() {
        return new ShardMerge(
                        dir, null, input, new LongCsvReader(), new PrintStream(console, true, StandardCharsets.UTF_8))
                .run();
    }

    private List<JsonNode> results() throws IOException {
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(dir.resolve("results.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static List<String> keysIn(final List<JsonNode> lines) {
        return lines.stream().map(l -> l.get("key").asText()).toList();
    }

    @Test
    void shardsMergeIntoTheInputsOrderEachKeyOnce() throws IOException {
        for (int i = 0; i < N; i++) {
            writeShard("7_" + i, i, "forecast", keysOf(i));
        }
        final ShardMerge.Result result = merge();

        assertEquals(keys, keysIn(results()), "every key once, in the input's order");
        final List<String> failedRows = Files.readAllLines(dir.resolve("failed.csv"));
        assertEquals("key,status,attempts,reason", failedRows.get(0));
        assertEquals(N + 1, failedRows.size(), "one FAILED row per shard: " + failedRows);
        final JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertEquals("forecast", summary.get("kind").asText());
        assertEquals(30, summary.get("tasks").asInt());
        assertEquals(27, summary.get("ok").asInt());
        assertEquals(3, summary.get("failed").asInt());
        assertTrue(summary.get("complete").asBoolean(), summary.toString());
        assertEquals(ExitCodes.forFailures(3), result.exitCode());
        assertEquals(result.exitCode(), summary.get("exit_code").asInt());
        assertEquals(
                "k5",
                results().stream()
                        .filter(l -> l.get("key").asText().equals("k5")
                                && l.get("status").asText().equals("OK"))
                        .findFirst()
                        .map(l -> l.get("result").get("y").asText())
                        .orElse("k5"),
                "a result is kept as the shard wrote it");
        assertFalse(Files.exists(dir.resolve("report.html")), "no report for run merges");
        assertFalse(Files.exists(dir.resolve("forecasts.csv")));
    }

    @Test
    void theKeysOfAMissingShardAreNotRun() throws IOException {
        writeShard("7_0", 0, "forecast", keysOf(0));
        writeShard("7_2", 2, "forecast", keysOf(2));
        final ShardMerge.Result result = merge();

        assertEquals(ExitCodes.SHARDS_INCOMPLETE, result.exitCode());
        final List<JsonNode> lines = results();
        assertEquals(keys, keysIn(lines), "the missing shard's keys are listed too, in place");
        for (final JsonNode line : lines) {
            final boolean ofMissing = keysOf(1).contains(line.get("key").asText());
            assertEquals(ofMissing, "NOT_RUN".equals(line.get("status").asText()), line.toString());
            if (ofMissing) {
                assertTrue(line.get("reason").asText().contains("--kind forecast --shard 1/3"), line.toString());
            }
        }
        final String failed = Files.readString(dir.resolve("failed.csv"));
        keysOf(1).forEach(k -> assertTrue(failed.contains(k + ",NOT_RUN,0,"), k + " in " + failed));
        final JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertEquals(keysOf(1).size(), summary.get("not_run_series").asInt());
        assertEquals(1, summary.get("missing_shards").size());
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("tasks of the input are in no shard"));
    }

    @Test
    void aKeyInTwoShardsIsKeptOnceAndCountedAsADuplicate() throws IOException {
        writeShard("7_0", 0, "forecast", keysOf(0));
        final List<String> second = new ArrayList<>(keysOf(1));
        second.add(0, keysOf(0).get(0));
        writeShard("7_1", 1, "forecast", second);
        writeShard("7_2", 2, "forecast", keysOf(2));
        final ShardMerge.Result result = merge();

        assertEquals(keys, keysIn(results()), "every key once");
        assertEquals(1, result.duplicateSeries());
        assertEquals(ExitCodes.SHARDS_INCOMPLETE, result.exitCode());
        final JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertEquals(1, summary.get("duplicate_series").asInt());
        assertTrue(summary.get("duplicate_examples").get(0).asText().contains("shards 0 and 1"), summary.toString());
    }

    @Test
    void shardsOfDifferentKindsOrOfAForecastJobAreRefusedNamingTheirDirs() throws IOException {
        writeShard("7_0", 0, "forecast", keysOf(0));
        writeShard("7_1", 1, "sleep", keysOf(1));
        final IllegalArgumentException kinds = assertThrows(IllegalArgumentException.class, this::merge);
        assertTrue(kinds.getMessage().contains("farm run --kind forecast (shards/7_0)"), kinds.getMessage());
        assertTrue(kinds.getMessage().contains("farm run --kind sleep (shards/7_1)"), kinds.getMessage());

        Files.delete(dir.resolve("shards/7_1/results.jsonl"));
        Files.writeString(dir.resolve("shards/7_1/forecasts.csv"), "unique_id,ds,step,model,forecast\n");
        final Path summary = dir.resolve("shards/7_1/summary.json");
        Files.writeString(summary, Files.readString(summary).replace("\"kind\":\"sleep\",", ""));
        final IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, this::merge);
        assertTrue(mixed.getMessage().contains("farm forecast (shards/7_1)"), mixed.getMessage());
        assertTrue(mixed.getMessage().contains("farm run --kind forecast (shards/7_0)"), mixed.getMessage());
        assertFalse(Files.exists(dir.resolve("results.jsonl")), "nothing written");
    }
}

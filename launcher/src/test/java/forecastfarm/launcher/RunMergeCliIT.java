package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code farm run --kind forecast --shard 0/2} and {@code 1/2} with real workers into DIR/shards/x_0 and x_1 (as
 * scripts/farm-slurm lays them out), then {@code farm merge DIR --input}: the same lines as one unsharded run.
 */
@Tag("process")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RunMergeCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TASKS = 10;

    @TempDir
    Path tmp;

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    private Path tasks() throws Exception {
        final StringBuilder jsonl = new StringBuilder();
        for (int t = 0; t < TASKS; t++) {
            final StringBuilder y = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                y.append(i == 0 ? "" : ",").append(100 + (i * (t + 3)) % 11);
            }
            jsonl.append("{\"key\": \"t")
                    .append(t)
                    .append("\", \"args\": {\"y\": [")
                    .append(y)
                    .append("], \"horizon\": 3, \"season_length\": 7, \"models\": [\"naive\", \"drift\"]}}\n");
        }
        final Path file = tmp.resolve("tasks.jsonl");
        Files.writeString(file, jsonl);
        return file;
    }

    private static int farm(final String... args) {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = FarmCli.execute(args, new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(ExitCodes.OK, exit, String.join(" ", args) + ":\n" + console.toString(StandardCharsets.UTF_8));
        return exit;
    }

    private void run(final Path input, final Path out, final String shard, final String farmDir) {
        final List<String> args = new ArrayList<>(List.of(
                "run",
                "--kind",
                "forecast",
                "--input",
                input.toString(),
                "--out",
                out.toString(),
                "--workers",
                "1",
                "--farm-dir",
                tmp.resolve(farmDir).toString()));
        if (shard != null) {
            args.addAll(List.of("--shard", shard));
        }
        farm(args.toArray(String[]::new));
    }

    /** The lines of results.jsonl, parsed, with any timing field (…ms, …seconds, …time…) taken out. */
    private static List<JsonNode> lines(final Path resultsJsonl) throws Exception {
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(resultsJsonl)) {
            lines.add(withoutTimings(JSON.readTree(line)));
        }
        return lines;
    }

    private static JsonNode withoutTimings(final JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (final Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                final String name = names.next().toLowerCase(Locale.ROOT);
                if (name.endsWith("ms") || name.contains("second") || name.contains("time") || name.endsWith("_ns")) {
                    names.remove();
                }
            }
        }
        node.forEach(RunMergeCliIT::withoutTimings);
        return node;
    }

    @Test
    void twoShardsMergeIntoTheLinesOfOneUnshardedRun() throws Exception {
        final Path input = tasks();
        final Path whole = tmp.resolve("whole");
        run(input, whole, null, "farm-whole");
        final Path job = tmp.resolve("job");
        run(input, job.resolve("shards/x_0"), "0/2", "farm0");
        run(input, job.resolve("shards/x_1"), "1/2", "farm1");

        farm("merge", job.toString(), "--input", input.toString());

        final List<JsonNode> merged = lines(job.resolve("results.jsonl"));
        assertEquals(TASKS, merged.size(), "every key once");
        assertEquals(lines(whole.resolve("results.jsonl")), merged, "the lines of the unsharded run, in its order");
        assertEquals(List.of("key,status,attempts,reason"), Files.readAllLines(job.resolve("failed.csv")));
        final JsonNode summary = JSON.readTree(job.resolve("summary.json").toFile());
        assertEquals("forecast", summary.get("kind").asText());
        assertEquals(TASKS, summary.get("ok").asInt());
        assertEquals(2, summary.get("shards_ok").asInt());
        assertEquals(0, summary.get("not_run_series").asInt());
    }
}

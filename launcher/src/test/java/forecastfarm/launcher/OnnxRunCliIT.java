package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.shared.WorkerArgs;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code farm run --kind forecast} with tasks whose models name {@code onnx:PATH}, through the real farm with the plugin
 * jar that worker/onnx built and its committed tiny model (median: the mean of the last 16 observed values).
 */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OnnxRunCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The task files' series: t0 1..20, t1 101..120, t2 the squares 1..25. */
    private static final Map<String, double[]> SERIES = Map.of(
            "t0", series(20, i -> i),
            "t1", series(20, i -> 100 + i),
            "t2", series(25, i -> i * i));

    @TempDir
    Path tmp;

    /** What one {@code farm run} said (on stderr, on the console) and the classpaths its workers were started with. */
    private record Run(int exit, String err, String console, Set<String> workerClasspaths) {
        String said() {
            return err + console;
        }
    }

    @BeforeAll
    static void classpathAndPlugin() {
        OnnxPlugin.useBuiltJar();
    }

    private interface Value {
        double at(int i);
    }

    private static double[] series(final int length, final Value value) {
        final double[] y = new double[length];
        for (int i = 0; i < length; i++) {
            y[i] = value.at(i + 1);
        }
        return y;
    }

    /** The three tasks, each with {@code models} (a JSON array). */
    private Path tasks(final String models) throws Exception {
        final StringBuilder jsonl = new StringBuilder();
        for (final String key : List.of("t0", "t1", "t2")) {
            jsonl.append("{\"key\": \"")
                    .append(key)
                    .append("\", \"args\": {\"y\": ")
                    .append(Arrays.toString(SERIES.get(key)))
                    .append(", \"horizon\": 3, \"season_length\": 1, \"models\": ")
                    .append(models)
                    .append(", \"levels\": [80]}}\n");
        }
        return Files.writeString(tmp.resolve("tasks.jsonl"), jsonl);
    }

    /**
     * {@code farm run --kind forecast} on 1 worker, watching this JVM's worker processes while it runs.
     */
    private Run run(final Path input, final Path out) throws Exception {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final String[] args = {
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
            tmp.resolve("farm").toString()
        };
        final CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> FarmCli.execute(
                args,
                new PrintStream(console, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        final Set<String> classpaths = ConcurrentHashMap.newKeySet();
        while (!exit.isDone()) {
            ProcessHandle.current().descendants().forEach(process -> workerClasspath(process, classpaths));
            Thread.sleep(10);
        }
        return new Run(
                exit.get(), err.toString(StandardCharsets.UTF_8), console.toString(StandardCharsets.UTF_8), classpaths);
    }

    /** Adds the classpath of {@code process} when it is a worker. */
    private static void workerClasspath(final ProcessHandle process, final Set<String> classpaths) {
        process.info().arguments().map(List::of).ifPresent(args -> {
            final int cp = args.indexOf("-cp");
            if (args.contains(WorkerArgs.MAIN_CLASS) && cp >= 0 && cp + 1 < args.size()) {
                classpaths.add(args.get(cp + 1));
            }
        });
    }

    private static boolean hasPluginJar(final String classpath) {
        return Arrays.asList(classpath.split(File.pathSeparator)).contains(OnnxPlugin.JAR.toString());
    }

    private static Map<String, JsonNode> results(final Path out) throws Exception {
        final Map<String, JsonNode> byKey = new HashMap<>();
        for (final String line : Files.readAllLines(out.resolve("results.jsonl"))) {
            final JsonNode node = JSON.readTree(line);
            byKey.put(node.get("key").asText(), node);
        }
        return byKey;
    }

    @Test
    void eachTasksOnnxForecastIsTheMeanOfItsLastSixteenValuesOnWorkersWithThePluginJar() throws Exception {
        final String onnx = "onnx:" + OnnxPlugin.TINY;
        final Path out = tmp.resolve("out");
        final Run run = run(tasks("[\"naive\", \"" + onnx + "\"]"), out);
        assertEquals(ExitCodes.OK, run.exit(), run.said());

        final Map<String, JsonNode> results = results(out);
        assertEquals(SERIES.keySet(), results.keySet());
        for (final Map.Entry<String, double[]> task : SERIES.entrySet()) {
            final JsonNode result = results.get(task.getKey());
            assertEquals("OK", result.get("status").asText(), result.toString());
            final JsonNode models = result.get("result").get("models");
            assertTrue(models.has("naive") && models.has(onnx), result.toString());
            final double[] y = task.getValue();
            final double median =
                    Arrays.stream(y, y.length - 16, y.length).average().orElseThrow();
            final JsonNode mean = models.get(onnx).get("mean");
            assertEquals(3, mean.size(), result.toString());
            mean.forEach(step -> assertEquals(median, step.asDouble(), 1e-3, task.getKey() + ": " + result));
        }
        assertFalse(run.workerClasspaths().isEmpty(), "no worker was seen");
        run.workerClasspaths()
                .forEach(classpath -> assertTrue(hasPluginJar(classpath), "a worker without the jar: " + classpath));
    }

    @Test
    void aRunWithoutAPluginModelStartsItsWorkersWithoutThePluginJar() throws Exception {
        final Path out = tmp.resolve("out");
        final Run run = run(tasks("[\"naive\", \"comb:naive+drift\"]"), out);
        assertEquals(ExitCodes.OK, run.exit(), run.said());
        assertEquals(SERIES.keySet(), results(out).keySet());
        assertFalse(run.workerClasspaths().isEmpty(), "no worker was seen");
        run.workerClasspaths()
                .forEach(classpath -> assertFalse(hasPluginJar(classpath), "a worker with the jar: " + classpath));
    }

    /** A missing file, or one of another interface inside a list, refuses the run before any task runs. */
    @Test
    void aModelFileThatCannotBeUsedRefusesTheRunBeforeAnyTaskRuns() throws Exception {
        final Path missing = tmp.resolve("no-such-model.onnx");
        final Map<String, String> expected = Map.of(
                "[\"naive\", \"onnx:" + missing + "\"]",
                missing + ": no such file",
                "[\"comb:naive+onnx:" + OnnxPlugin.THREE_QUANTILES + "\"]",
                OnnxPlugin.THREE_QUANTILES.toString());
        int n = 0;
        for (final Map.Entry<String, String> models : expected.entrySet()) {
            final Path out = tmp.resolve("out-bad-" + n++);
            final Run run = run(tasks(models.getKey()), out);
            assertEquals(ExitCodes.USAGE, run.exit(), run.said());
            assertTrue(run.err().startsWith("error: --model: ") && run.err().contains(models.getValue()), run.said());
            assertFalse(run.console().contains("running "), "tasks were submitted: " + run.said());
            final Set<String> left = ConcurrentHashMap.newKeySet();
            ProcessHandle.current().descendants().forEach(process -> workerClasspath(process, left));
            assertEquals(Set.of(), left, "the farm was left running");
            try (Stream<Path> written = Files.exists(out) ? Files.list(out) : Stream.empty()) {
                assertEquals(List.of(), written.toList(), models.getKey() + ": nothing is written in --out");
            }
        }
    }
}

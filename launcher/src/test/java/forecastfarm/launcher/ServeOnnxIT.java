package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.ModelPlugins;
import forecastfarm.launcher.serve.ServeProcesses;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A served farm started with the ONNX plugin built: jobs naming {@code onnx:PATH} run on its warm workers, and a job
 * whose model file cannot be used fails as a whole before any series runs, its error naming the file, while the next
 * job runs. The tiny model's median is the mean of the last 16 values (worker/onnx's tests state its arithmetic).
 */
@Tag("process")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ServeOnnxIT extends ServeProcesses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ONNX =
            Path.of("..", "worker", "onnx").toAbsolutePath().normalize();
    private static final Path MODELS = ONNX.resolve("src/test/resources/forecastfarm/worker/onnx");

    @BeforeEach
    void withThePlugin() {
        final Path jar = ONNX.resolve("target/forecast-farm-onnx.jar");
        assertTrue(Files.exists(jar), jar + " is missing: run the tests with 'mvn verify' so it is packaged");
        serverJvmOptions = List.of("-D" + ModelPlugins.jarProperty("onnx") + "=" + jar);
    }

    private static String job(final String model) {
        final List<String> series = new ArrayList<>();
        for (final int base : new int[] {0, 100}) {
            final List<String> y = new ArrayList<>();
            for (int t = 1; t <= 20; t++) {
                y.add(Integer.toString(base + t));
            }
            series.add("{\"id\": \"S" + base + "\", \"y\": [" + String.join(", ", y) + "]}");
        }
        return "{\"type\": \"forecast\", \"horizon\": 2, \"models\": [\"naive\", "
                + JSON.getNodeFactory().textNode(model) + "], \"levels\": [80, 95], \"series\": ["
                + String.join(", ", series) + "]}";
    }

    @Test
    void onnxJobsRunOnTheWarmWorkersAndABadFileFailsOnlyItsJob() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final Process server = serve(farmDir, "server");
        awaitReady(farmDir, server, "server");

        final Path corrupt = Files.writeString(tmp.resolve("corrupt.onnx"), "not a model");
        final String bad = submit(job("comb:naive+onnx:" + corrupt));
        final JsonNode failed = awaitEnded(bad);
        assertEquals("failed", failed.path("state").asText(), failed.toString());
        assertTrue(failed.path("error").asText().contains(corrupt.toString()), failed.toString());
        assertEquals(0, failed.path("done").asLong(), "no series ran: " + failed);
        assertEquals(
                "", call("GET", "/v1/jobs/" + bad + "/results", null).body().strip());
        final ByteArrayOutputStream status = new ByteArrayOutputStream();
        assertEquals(
                ExitCodes.USAGE,
                FarmCli.execute(
                        new String[] {"status", bad, "--farm-dir", farmDir.toString()},
                        new PrintStream(status, true, StandardCharsets.UTF_8)),
                "farm status of a job that failed as a whole: " + status);

        final String good = submit(job("onnx:" + MODELS.resolve("tiny_chronos_bolt.onnx")));
        final JsonNode succeeded = awaitEnded(good);
        assertEquals("succeeded", succeeded.path("state").asText(), succeeded.toString());
        assertTrue(succeeded.path("error").isMissingNode(), succeeded.toString());
        int onnxRows = 0;
        for (final String line : call("GET", "/v1/jobs/" + good + "/results", null)
                .body()
                .lines()
                .toList()) {
            final JsonNode row = JSON.readTree(line);
            if (row.path("model").asText().startsWith("onnx:")) {
                onnxRows++;
                final double base = row.path("unique_id").asText().equals("S0") ? 0 : 100;
                assertEquals(base + 12.5, row.path("forecast").asDouble(), 1e-4, line); // mean of 5..20
                assertTrue(row.path("lo-95").isNull() || row.path("lo-95").isMissingNode(), line);
            }
        }
        assertEquals(2 * 2, onnxRows, "two series, two steps");
    }
}

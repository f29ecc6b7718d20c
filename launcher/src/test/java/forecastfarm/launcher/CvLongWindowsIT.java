package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import forecastfarm.launcher.serve.ServeProcesses;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cross-validation windows covering far more than the 512 ds labels a read keeps by default: 8 one-week windows of a
 * half-hourly series (2688 points), by {@code farm cv} and by a served cv job reading the same file on the server.
 * Every window's cutoff and steps are labelled with the input's own ds, and a series too short for the windows fails
 * alone with farm cv's reason.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CvLongWindowsIT extends ServeProcesses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POINTS = 3000;
    private static final int SHORT_POINTS = 2000;
    private static final int HORIZON = 336;
    private static final int WINDOWS = 8;
    private static final int STEP = 336;
    private static final DateTimeFormatter DS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    private static String ds(final int t) {
        return LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(30L * t).format(DS);
    }

    /** A daily and a weekly pattern, whole numbers so that cv.csv writes them as the input does. */
    private static long y(final int t) {
        return 100 + 2L * (t % 48) + (t / 48) % 7;
    }

    /** H: 3000 half-hourly points; SHORT: 2000, fewer than the windows' 2689. */
    private Path input(final Path dir) throws Exception {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int t = 0; t < POINTS; t++) {
            csv.append("H,").append(ds(t)).append(',').append(y(t)).append('\n');
        }
        for (int t = 0; t < SHORT_POINTS; t++) {
            csv.append("SHORT,").append(ds(t)).append(',').append(y(t)).append('\n');
        }
        return Files.writeString(Files.createDirectories(dir).resolve("halfhourly.csv"), csv);
    }

    /** "ds|cutoff|y|model" of every step of every window of H, labelled with the input's ds. */
    private static Set<String> expectedRows(final List<String> models) {
        final Set<String> rows = new HashSet<>();
        for (int window = 0; window < WINDOWS; window++) {
            final int cutoff = POINTS - HORIZON - STEP * (WINDOWS - 1 - window) - 1;
            for (int step = 1; step <= HORIZON; step++) {
                for (final String model : models) {
                    rows.add(ds(cutoff + step) + "|" + ds(cutoff) + "|" + y(cutoff + step) + "|" + model);
                }
            }
        }
        return rows;
    }

    private static String row(final String ds, final String cutoff, final String y, final String model) {
        return ds + "|" + cutoff + "|" + Math.round(Double.parseDouble(y)) + "|" + model;
    }

    @Test
    void farmCvLabelsEveryWindowWithTheInputsDs() throws Exception {
        final Path input = input(tmp.resolve("data"));
        final Path out = tmp.resolve("out");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = FarmCli.execute(
                CvRuns.args(
                                input,
                                out,
                                tmp.resolve("farm"),
                                "--horizon",
                                Integer.toString(HORIZON),
                                "--windows",
                                Integer.toString(WINDOWS),
                                "--step",
                                Integer.toString(STEP),
                                "--model",
                                "snaive,naive",
                                "--season-length",
                                "48",
                                "--plots",
                                "all")
                        .toArray(String[]::new),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(1, exit, "SHORT fails: " + console.toString(StandardCharsets.UTF_8));

        final List<String> lines = Files.readAllLines(out.resolve("cv.csv"));
        assertTrue(lines.get(0).startsWith("unique_id,ds,cutoff,y,model,forecast,"), lines.get(0));
        final Set<String> rows = new HashSet<>();
        for (final String line : lines.subList(1, lines.size())) {
            final String[] cells = line.split(",", -1);
            assertEquals("H", cells[0], line);
            assertTrue(rows.add(row(cells[1], cells[2], cells[3], cells[4])), "each row once: " + line);
        }
        assertEquals(WINDOWS * HORIZON * 2, rows.size(), "8 windows x 336 steps x 2 models");
        assertEquals(expectedRows(List.of("snaive", "naive")), rows);

        final List<String> metrics = Files.readAllLines(out.resolve("cv_metrics.csv"));
        assertEquals(3, metrics.size(), "a row per model: " + metrics);
        assertTrue(metrics.stream().anyMatch(r -> r.startsWith("H,snaive,8,")), metrics.toString());
        assertTrue(metrics.stream().anyMatch(r -> r.startsWith("H,naive,8,")), metrics.toString());

        final String failed = Files.readString(out.resolve("failed.csv"));
        assertTrue(failed.contains("SHORT,FAILED,") && failed.contains("the series has 2000 points"), failed);
        assertTrue(Files.size(out.resolve("plots").resolve("H.png")) > 0, "H's windows are plotted");
    }

    @Test
    void aServedCvJobReadsLongWindowsFromAFileOnTheServer() throws Exception {
        final Path data = tmp.resolve("data");
        final Path input = input(data);
        final Path farmDir = tmp.resolve("farm");
        final Process server = serve(farmDir, "server", "--allow-dir", data.toString());
        awaitReady(farmDir, server, "server");
        final String id = submit("{\"type\": \"cv\", \"horizon\": " + HORIZON + ", \"windows\": " + WINDOWS
                + ", \"step\": " + STEP + ", \"models\": [\"snaive\"], \"season_length\": 48, \"input\": \""
                + input + "\"}");
        final JsonNode job = awaitEnded(id);
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        assertEquals(1, job.path("ok").asInt(), job.toString());
        assertEquals(1, job.path("failed").asInt(), job.toString());

        final HttpResponse<String> answer = call("GET", "/v1/jobs/" + id + "/results", null);
        assertEquals(200, answer.statusCode(), answer.body());
        final Set<String> rows = new HashSet<>();
        final List<JsonNode> failures = new ArrayList<>();
        for (final String line : answer.body().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            final JsonNode node = JSON.readTree(line);
            if (node.has("status")) {
                failures.add(node);
                continue;
            }
            assertEquals("H", node.path("unique_id").asText(), line);
            assertTrue(
                    rows.add(row(
                            node.path("ds").asText(),
                            node.path("cutoff").asText(),
                            node.path("y").asText(),
                            node.path("model").asText())),
                    "each row once: " + line);
        }
        assertEquals(expectedRows(List.of("snaive")), rows);
        assertEquals(1, failures.size(), failures.toString());
        assertEquals("SHORT", failures.get(0).path("unique_id").asText());
        assertTrue(
                failures.get(0).path("reason").asText().startsWith("the series has 2000 points"),
                failures.get(0).toString());
    }
}

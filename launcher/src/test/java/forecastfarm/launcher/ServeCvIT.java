package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import forecastfarm.launcher.io.CsvTable;
import forecastfarm.launcher.serve.ServeProcesses;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A served {@code "type": "cv"} job as a real process: its rows and metrics are {@code farm cv}'s on the same series
 * (every cv.csv and cv_metrics.csv cell, sent inline and read from a file on the server), a series too short for the
 * windows fails with farm cv's reason while the others go on, a bad window field is a 400 naming it; and {@code auto}
 * specs work in a served forecast job.
 */
@Tag("process")
class ServeCvIT extends ServeProcesses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> IDS = List.of("AAPL", "MSFT", "NVDA");
    private static final int LENGTH = 40;
    private static final int SHORT_LENGTH = 8;
    private static final String WINDOWS = "\"horizon\": 4, \"windows\": 3, \"step\": 2, \"input_size\": 30,"
            + " \"models\": [\"naive\", \"snaive\", \"ets\"], \"season_length\": 7, \"levels\": [80, 95]";

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    /** Daily series with a weekly pattern, and SHORT, shorter than the windows need: values as written, by id. */
    private static Map<String, List<String>> values() {
        final Random random = new Random(29);
        final Map<String, List<String>> all = new java.util.LinkedHashMap<>();
        for (final String id : IDS) {
            final List<String> values = new ArrayList<>();
            for (int t = 0; t < LENGTH; t++) {
                values.add(String.format(Locale.ROOT, "%.3f", 50 + 4 * (t % 7) + t * 0.2 + random.nextGaussian()));
            }
            all.put(id, values);
        }
        all.put("SHORT", all.get("AAPL").subList(0, SHORT_LENGTH));
        return all;
    }

    private static String date(final int t) {
        return LocalDate.of(2024, 3, 1).plusDays(t).toString();
    }

    private static String csv(final Map<String, List<String>> values) {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        values.forEach((id, y) -> {
            for (int t = 0; t < y.size(); t++) {
                csv.append(id + "," + date(t) + "," + y.get(t) + "\n");
            }
        });
        return csv.toString();
    }

    private static String inline(final Map<String, List<String>> values) {
        final List<String> series = new ArrayList<>();
        values.forEach((id, y) -> {
            final List<String> ds = new ArrayList<>();
            for (int t = 0; t < y.size(); t++) {
                ds.add("\"" + date(t) + "\"");
            }
            series.add("{\"id\": \"" + id + "\", \"y\": [" + String.join(", ", y) + "], \"ds\": ["
                    + String.join(", ", ds) + "]}");
        });
        return "{\"type\": \"cv\", " + WINDOWS + ", \"series\": [" + String.join(", ", series) + "]}";
    }

    /** Runs {@code farm cv} with the job's options. @return its output dir. */
    private Path farmCv(final Path input) throws Exception {
        final Path out = tmp.resolve("cv-out");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = FarmCli.execute(
                new String[] {
                    "cv",
                    "--input",
                    input.toString(),
                    "--horizon",
                    "4",
                    "--windows",
                    "3",
                    "--step",
                    "2",
                    "--input-size",
                    "30",
                    "--model",
                    "naive,snaive,ets",
                    "--season-length",
                    "7",
                    "--level",
                    "80,95",
                    "--workers",
                    "2",
                    "--farm-dir",
                    tmp.resolve("cv-farm").toString(),
                    "--out",
                    out.toString()
                },
                new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(1, exit, "SHORT fails: " + console.toString(StandardCharsets.UTF_8));
        return out;
    }

    private List<JsonNode> lines(final String path) throws Exception {
        final HttpResponse<String> answer = call("GET", path, null);
        assertEquals(200, answer.statusCode(), answer.body());
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : answer.body().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** A CSV file's rows keyed by the values of {@code keyColumns}, each a column-to-cell map. */
    private static Map<String, Map<String, String>> csvRows(final Path file, final List<String> keyColumns)
            throws Exception {
        final List<List<String>> header = new ArrayList<>();
        final Map<String, Map<String, String>> rows = new TreeMap<>();
        CsvTable.read(file, header::add, cells -> {
            final Map<String, String> row = new TreeMap<>();
            for (int i = 0; i < header.get(0).size(); i++) {
                row.put(header.get(0).get(i), cells.get(i));
            }
            assertEquals(null, rows.put(key(row, keyColumns), row), "each key once: " + cells);
        });
        return rows;
    }

    /** The NDJSON lines without a status (the rows), as {@link #csvRows} keys them, every value as text. */
    private static Map<String, Map<String, String>> jsonRows(
            final List<JsonNode> lines, final List<String> keyColumns) {
        final Map<String, Map<String, String>> rows = new TreeMap<>();
        for (final JsonNode line : lines) {
            if (line.has("status")) {
                continue;
            }
            final Map<String, String> row = new TreeMap<>();
            for (final Iterator<Map.Entry<String, JsonNode>> fields = line.fields(); fields.hasNext(); ) {
                final Map.Entry<String, JsonNode> field = fields.next();
                row.put(
                        field.getKey(),
                        field.getValue().isNull() ? "" : field.getValue().asText());
            }
            assertEquals(null, rows.put(key(row, keyColumns), row), "each key once: " + line);
        }
        return rows;
    }

    private static String key(final Map<String, String> row, final List<String> columns) {
        return String.join("|", columns.stream().map(row::get).toList());
    }

    /** Same columns, same text, or the same number to 1e-12 relative (the CSV rounds nothing but formats it). */
    private static void assertSameRows(
            final Map<String, Map<String, String>> expected, final Map<String, Map<String, String>> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((key, row) -> {
            final Map<String, String> served = actual.get(key);
            assertEquals(row.keySet(), served.keySet(), key);
            row.forEach((column, cell) -> {
                final String other = served.get(column);
                if (cell.equals(other)) {
                    return;
                }
                final double a = Double.parseDouble(cell);
                final double b = Double.parseDouble(other);
                assertEquals(a, b, 1e-12 * Math.max(1, Math.abs(a)), key + " " + column);
            });
        });
    }

    @Test
    void aCvJobGivesFarmCvsRowsAndMetricsOnTheSameSeries() throws Exception {
        final Map<String, List<String>> values = values();
        final Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("in.csv"), csv(values));
        final Path cvOut = farmCv(data.resolve("in.csv"));

        final Path farmDir = tmp.resolve("farm");
        final Process server = serve(farmDir, "server", "--allow-dir", data.toString());
        awaitReady(farmDir, server, "server");
        final String sentInline = submit(inline(values));
        final String fromFile =
                submit("{\"type\": \"cv\", " + WINDOWS + ", \"input\": \"" + data.resolve("in.csv") + "\"}");
        final JsonNode job = awaitEnded(sentInline);
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        assertEquals("cv", job.path("type").asText());
        assertEquals(3, job.path("ok").asInt(), job.toString());
        assertEquals(1, job.path("failed").asInt(), job.toString());

        final List<String> rowKey = List.of("unique_id", "cutoff", "model", "ds");
        final Map<String, Map<String, String>> cvRows = csvRows(cvOut.resolve("cv.csv"), rowKey);
        assertEquals(3 * 3 * 3 * 4, cvRows.size(), "3 series x 3 windows x 3 models x 4 steps");
        final List<JsonNode> results = lines("/v1/jobs/" + sentInline + "/results");
        assertSameRows(cvRows, jsonRows(results, rowKey));
        final JsonNode shortLine = results.stream()
                .filter(line -> line.path("unique_id").asText().equals("SHORT"))
                .findFirst()
                .orElseThrow();
        assertEquals("FAILED", shortLine.path("status").asText(), shortLine.toString());
        final String reason = shortLine.path("reason").asText();
        assertTrue(reason.startsWith("the series has 8 points; H=4, K=3 windows, step 2 need at least 10"), reason);
        assertTrue(Files.readString(cvOut.resolve("failed.csv")).contains(reason), "farm cv's reason: " + reason);

        final List<String> metricKey = List.of("unique_id", "model");
        final Map<String, Map<String, String>> cvMetrics = csvRows(cvOut.resolve("cv_metrics.csv"), metricKey);
        assertEquals(3 * 3, cvMetrics.size());
        assertSameRows(cvMetrics, jsonRows(lines("/v1/jobs/" + sentInline + "/results?table=metrics"), metricKey));

        // farm results writes farm cv's files: the same lines, in the order the series finished
        final Path resultsDir = tmp.resolve("results");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        assertEquals(
                0,
                FarmCli.execute(
                        new String[] {
                            "results", sentInline, "--farm-dir", farmDir.toString(), "--out", resultsDir.toString()
                        },
                        new PrintStream(console, true, StandardCharsets.UTF_8)),
                console.toString(StandardCharsets.UTF_8));
        for (final String file : List.of("cv.csv", "cv_metrics.csv")) {
            final List<String> expected = Files.readAllLines(cvOut.resolve(file));
            final List<String> written = Files.readAllLines(resultsDir.resolve(file));
            assertEquals(expected.get(0), written.get(0), file + "'s header");
            assertEquals(
                    expected.stream().sorted().toList(),
                    written.stream().sorted().toList(),
                    file + ", line by line");
        }
        assertTrue(Files.readString(resultsDir.resolve("failed.csv")).contains("SHORT,FAILED,"));

        assertEquals("succeeded", awaitEnded(fromFile).path("state").asText());
        assertSameRows(cvRows, jsonRows(lines("/v1/jobs/" + fromFile + "/results"), rowKey));
        assertSameRows(cvMetrics, jsonRows(lines("/v1/jobs/" + fromFile + "/results?table=metrics"), metricKey));

        final HttpResponse<String> noTable = call("GET", "/v1/jobs/" + sentInline + "/results?table=nope", null);
        assertEquals(400, noTable.statusCode(), noTable.body());
        assertEquals("table", JSON.readTree(noTable.body()).path("field").asText());
        final HttpResponse<String> badStep =
                call("POST", "/v1/jobs", inline(values).replace("\"step\": 2", "\"step\": 0"));
        assertEquals(400, badStep.statusCode(), badStep.body());
        assertEquals("step", JSON.readTree(badStep.body()).path("field").asText());

        // auto in a served forecast job: the chosen model is its model_spec; a forecast job has no metrics
        final String auto = submit("{\"type\": \"forecast\", \"horizon\": 4, \"season_length\": 7, \"models\":"
                + " [\"auto\", \"auto:naive+snaive+by=smape+windows=3\"], \"series\": [{\"id\": \"AAPL\", \"y\": ["
                + String.join(", ", values.get("AAPL")) + "]}]}");
        assertEquals(1, awaitEnded(auto).path("ok").asInt(), "one series, forecast");
        final List<JsonNode> autoRows = lines("/v1/jobs/" + auto + "/results");
        assertEquals(2 * 4, autoRows.size(), autoRows.toString());
        for (final JsonNode row : autoRows) {
            assertTrue(row.path("model_spec").asText().startsWith("auto->"), row.toString());
        }
        final HttpResponse<String> noMetrics = call("GET", "/v1/jobs/" + auto + "/results?table=metrics", null);
        assertEquals(400, noMetrics.statusCode(), noMetrics.body());
    }
}

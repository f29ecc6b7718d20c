package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.examples.ExampleBuild;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code farm serve --allow-dir} as a real process: a forecast job naming a CSV under the allowed dir gets the same
 * results as the same series sent inline (dates and the inferred weekly season included); paths outside are refused
 * with 400 on {@code input}; the job outlives its file and a restart without {@code --allow-dir}, which then refuses
 * every path.
 */
@Tag("process")
class ServeInputIT extends ServeProcesses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> IDS = List.of("AAPL", "MSFT", "NVDA");
    private static final int LENGTH = 60;

    /** Daily series with a weekly pattern: the values as written in the CSV, by series. */
    private static List<List<String>> values() {
        final Random random = new Random(13);
        final List<List<String>> all = new ArrayList<>();
        for (int s = 0; s < IDS.size(); s++) {
            final List<String> values = new ArrayList<>();
            for (int t = 0; t < LENGTH; t++) {
                values.add(String.format(Locale.ROOT, "%.3f", 100 + 5 * (t % 7) + t * 0.3 + random.nextGaussian()));
            }
            all.add(values);
        }
        return all;
    }

    private static String date(final int t) {
        return LocalDate.of(2024, 3, 1).plusDays(t).toString();
    }

    private static String csv(final List<List<String>> values) {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int s = 0; s < IDS.size(); s++) {
            for (int t = 0; t < LENGTH; t++) {
                csv.append(IDS.get(s) + "," + date(t) + "," + values.get(s).get(t) + "\n");
            }
        }
        return csv.toString();
    }

    private static String inline(final List<List<String>> values) {
        final List<String> series = new ArrayList<>();
        for (int s = 0; s < IDS.size(); s++) {
            final List<String> ds = new ArrayList<>();
            for (int t = 0; t < LENGTH; t++) {
                ds.add("\"" + date(t) + "\"");
            }
            series.add("{\"id\": \"" + IDS.get(s) + "\", \"y\": [" + String.join(", ", values.get(s)) + "], \"ds\": ["
                    + String.join(", ", ds) + "]}");
        }
        return "{\"type\": \"forecast\", \"horizon\": 5, \"models\": [\"naive\", \"snaive\", \"ets\"], \"season_length\":"
                + " 7, \"series\": [" + String.join(", ", series) + "]}";
    }

    private static String fromFile(final String input) {
        return "{\"type\": \"forecast\", \"horizon\": 5, \"models\": [\"naive\", \"snaive\", \"ets\"], \"input\": "
                + JSON.getNodeFactory().textNode(input) + "}";
    }

    /** The job's rows, sorted: the order results arrive in is the workers'. */
    private List<String> rows(final String id) throws Exception {
        return call("GET", "/v1/jobs/" + id + "/results", null)
                .body()
                .lines()
                .filter(line -> !line.isEmpty())
                .sorted()
                .toList();
    }

    private void assertRefused(final String input, final String expected) throws Exception {
        final HttpResponse<String> refused = call("POST", "/v1/jobs", fromFile(input));
        assertEquals(400, refused.statusCode(), refused.body());
        final JsonNode error = JSON.readTree(refused.body());
        assertEquals("input", error.path("field").asText(), refused.body());
        assertTrue(error.path("error").asText().contains(expected), refused.body());
    }

    @Test
    void aFileUnderTheAllowedDirGetsTheResultsOfTheSameSeriesSentInline() throws Exception {
        final Path data = Files.createDirectories(tmp.resolve("data"));
        final Path outside = Files.createDirectories(tmp.resolve("private"));
        final List<List<String>> values = values();
        Files.writeString(data.resolve("prices.csv"), csv(values));
        Files.writeString(outside.resolve("secret.csv"), csv(values));
        Files.createSymbolicLink(data.resolve("link.csv"), outside.resolve("secret.csv"));
        final Path farmDir = tmp.resolve("farm");
        final Process server = serve(farmDir, "server", "--allow-dir", data.toString());
        awaitReady(farmDir, server, "server");

        final String fromFile = submit(fromFile(data.resolve("prices.csv").toString()));
        final String sentInline = submit(inline(values));
        final JsonNode fileJob = awaitEnded(fromFile);
        assertEquals("succeeded", fileJob.path("state").asText(), fileJob.toString());
        assertEquals(IDS.size(), fileJob.path("ok").asInt(), fileJob.toString());
        assertEquals("succeeded", awaitEnded(sentInline).path("state").asText());
        final List<String> rows = rows(fromFile);
        assertEquals(IDS.size() * 3 * 5, rows.size(), "3 series x 3 models x 5 steps: " + rows);
        assertTrue(rows.get(0).contains("\"ds\":\"2024-04-30\""), rows.get(0));
        assertEquals(rows(sentInline), rows, "the same rows as the series sent inline with season_length 7");

        assertRefused(outside.resolve("secret.csv").toString(), "outside the directories this server reads");
        assertRefused(data + "/../private/secret.csv", "outside the directories this server reads");
        assertRefused(data.resolve("link.csv").toString(), "through a symbolic link");
        assertRefused(data.resolve("nope.csv").toString(), "does not exist on the server");
        final String python = pythonRefusal(farmDir, outside.resolve("secret.csv"));
        if (python != null) {
            assertTrue(python.startsWith("400 input "), python);
        }

        // the job was stored as read: it outlives its file, and a server that reads no files
        Files.delete(data.resolve("prices.csv"));
        server.destroy();
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        final Process again = serve(farmDir, "again");
        awaitReady(farmDir, again, "again");
        assertEquals(rows, rows(fromFile), "kept across a restart");
        final HttpResponse<String> noDirs =
                call("POST", "/v1/jobs", fromFile(data.resolve("link.csv").toString()));
        assertEquals(400, noDirs.statusCode(), noDirs.body());
        assertTrue(noDirs.body().contains("this server was started without --allow-dir"), noDirs.body());
    }

    /** @return the Python client's FarmError for a path job (status, field, message), or null without python3. */
    private String pythonRefusal(final Path farmDir, final Path input) throws Exception {
        final Path python = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .map(dir -> Path.of(dir, "python3"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (python == null) {
            return null;
        }
        final Process check = new ProcessBuilder(
                        python.toString(),
                        "-c",
                        "import sys; sys.path.insert(0, sys.argv[1]); from forecastfarm_client import FarmClient,"
                                + " FarmError\ntry:\n    FarmClient(farm_dir=sys.argv[2]).submit_forecast_input("
                                + "sys.argv[3], horizon=2, models=['naive'], id_col='unique_id')\nexcept FarmError as e:"
                                + "\n    print(e.status, e.field, e)",
                        ExampleBuild.REPO.resolve("scripts/clients/python").toString(),
                        farmDir.toString(),
                        input.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("python.out").toFile())
                .start();
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), Files.readString(tmp.resolve("python.out")));
        return Files.readString(tmp.resolve("python.out")).strip();
    }
}

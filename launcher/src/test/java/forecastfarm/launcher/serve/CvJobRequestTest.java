package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.io.TimeSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code "type": "cv"} requests: the windows checked whole (a 400 naming the field), every task of the built-in cv
 * kind with the job's windows, a bad series INVALID and a short one left to the worker; and {@code auto} specs in
 * forecast jobs.
 */
class CvJobRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERIES = "\"series\": [{\"id\": \"A\", \"y\": [1, 2, 3, 4, 5, 6, 7, 8],"
            + " \"ds\": [\"2024-01-01\", \"2024-01-02\", \"2024-01-03\", \"2024-01-04\", \"2024-01-05\","
            + " \"2024-01-06\", \"2024-01-07\", \"2024-01-08\"]}, {\"id\": \"SHORT\", \"y\": [1, 2]},"
            + " {\"id\": \"BADDS\", \"y\": [1, 2, 3], \"ds\": [\"2024-01-03\", \"2024-01-02\", \"2024-01-01\"]}]";

    @TempDir
    Path tmp;

    private static JobRequest parse(final String body) {
        return parse(body, AllowedDirs.NONE);
    }

    private static JobRequest parse(final String body, final AllowedDirs dirs) {
        return JobRequest.parse(body.getBytes(StandardCharsets.UTF_8), Map.of(), TimeSettings.DEFAULT, dirs);
    }

    private static BadRequest refused(final String fields) {
        return assertThrows(
                BadRequest.class,
                () -> parse(
                        "{\"type\": \"cv\", \"horizon\": 2, \"models\": [\"naive\"], " + fields + ", " + SERIES + "}"));
    }

    @Test
    void aCvJobIsATaskOfTheCvKindPerSeriesWithTheJobsWindows() throws Exception {
        final JobRequest request = parse("{\"type\": \"cv\", \"horizon\": 2, \"windows\": 2, \"step\": 2,"
                + " \"input_size\": 4, \"models\": [\"naive\", \"auto:naive+drift+by=smape\"], \"levels\": [90],"
                + " \"season_length\": 2, " + SERIES + "}");
        assertEquals("cv", request.type());
        assertEquals("cv", request.kind());
        assertEquals("json:cv", request.engineKind());
        assertEquals(
                List.of("A", "SHORT"),
                request.tasks().stream().map(JobRequest.Task::key).toList());
        final JsonNode args = JSON.readTree(request.tasks().get(0).payload());
        assertEquals(2, args.path("windows").asInt());
        assertEquals(2, args.path("step").asInt());
        assertEquals(4, args.path("input_size").asInt());
        assertEquals(2, args.path("horizon").asInt());
        assertEquals(
                "[\"naive\",\"auto:naive+drift+by=smape\"]", args.path("models").toString());
        assertEquals(8, args.path("ds").size(), "the series' own dates label its cutoffs and steps");
        assertFalse(args.has("future_ds"));
        // SHORT (2 points for windows that need 6) is accepted: the worker reports the points it has and needs
        assertEquals(1, request.invalid().size());
        assertEquals("BADDS", request.invalid().get(0).key());
        assertTrue(
                request.invalid().get(0).reason().contains("bad \"ds\""),
                request.invalid().get(0).reason());

        final JsonNode defaults = JSON.readTree(
                parse("{\"type\": \"cv\", \"horizon\": 2, \"windows\": 3, \"models\": [\"naive\"], " + SERIES + "}")
                        .tasks()
                        .get(0)
                        .payload());
        assertEquals(1, defaults.path("step").asInt(), "step 1 by default, as farm cv's");
        assertFalse(defaults.has("input_size"), "expanding windows by default");
    }

    @Test
    void aBadWindowsStepOrInputSizeIsA400NamingTheField() {
        assertEquals("windows", refused("\"step\": 1").field());
        assertEquals("windows", refused("\"windows\": 0").field());
        assertEquals("windows", refused("\"windows\": 1.5").field());
        assertEquals("step", refused("\"windows\": 2, \"step\": 0").field());
        assertEquals("step", refused("\"windows\": 2, \"step\": \"2\"").field());
        assertEquals("input_size", refused("\"windows\": 2, \"input_size\": 0").field());
        final BadRequest tooWide = refused("\"windows\": 100000, \"step\": 100000");
        assertEquals("windows", tooWide.field());
        assertTrue(tooWide.getMessage().startsWith("the windows cover 9999900002 points"), tooWide.getMessage());
        assertEquals(
                "models", refused("\"windows\": 2, \"models\": [\"nosuch\"]").field());
    }

    @Test
    void aCvJobReadsAFileOnTheServerWithItsSeriesLastDates() throws Exception {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int t = 0; t < 20; t++) {
            csv.append("S,")
                    .append(java.time.LocalDate.of(2024, 1, 1).plusDays(t))
                    .append(',')
                    .append(t % 5)
                    .append('\n');
        }
        final Path file = Files.writeString(tmp.resolve("in.csv"), csv);
        final JobRequest request = parse(
                "{\"type\": \"cv\", \"horizon\": 3, \"windows\": 2, \"models\": [\"naive\"], \"input\": \"" + file
                        + "\"}",
                AllowedDirs.of(List.of(tmp)));
        assertEquals("cv", request.type());
        final JsonNode args = JSON.readTree(request.tasks().get(0).payload());
        assertEquals(20, args.path("ds").size());
        assertEquals("2024-01-20", args.path("ds").get(19).asText());
        assertEquals(2, args.path("windows").asInt());
        assertFalse(args.has("future_ds"));
    }

    @Test
    void aForecastJobTakesAutoSpecsAndRefusesABadOne() throws Exception {
        final JobRequest request = parse("{\"type\": \"forecast\", \"horizon\": 2, \"models\": [\"auto\","
                + " \"auto:ets+theta+by=smape+windows=3\"], \"series\": [{\"id\": \"A\", \"y\": [1, 2, 3, 4]}]}");
        assertEquals(
                "[\"auto\",\"auto:ets+theta+by=smape+windows=3\"]",
                JSON.readTree(request.tasks().get(0).payload()).path("models").toString());
        final BadRequest bad = assertThrows(
                BadRequest.class,
                () -> parse("{\"type\": \"forecast\", \"horizon\": 2, \"models\": [\"auto:by=mae\"], \"series\":"
                        + " [{\"id\": \"A\", \"y\": [1, 2, 3, 4]}]}"));
        assertEquals("models", bad.field());
    }
}

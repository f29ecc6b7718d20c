package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forecast job's {@code "input"}: read only under {@code --allow-dir} (each way out refused naming the field), with
 * the reader {@code farm forecast} uses; a bad file is a 400 with the reader's message, a bad series inside is INVALID.
 */
class PathInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path allowed;
    private Path outside;
    private AllowedDirs dirs;

    @BeforeEach
    void files() throws Exception {
        allowed = Files.createDirectories(tmp.resolve("data"));
        outside = Files.createDirectories(tmp.resolve("private"));
        Files.writeString(outside.resolve("secret.csv"), longCsv("S", 10));
        Files.writeString(
                allowed.resolve("prices.csv"),
                longCsv("AAPL", 30) + longCsv("MSFT", 30).substring(15));
        dirs = AllowedDirs.of(List.of(allowed));
    }

    /** A long CSV of one daily series of {@code n} points; its header is the first 15 characters. */
    private static String longCsv(final String id, final int n) {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int t = 0; t < n; t++) {
            csv.append(id)
                    .append(',')
                    .append(java.time.LocalDate.of(2024, 1, 1).plusDays(t))
                    .append(',')
                    .append(100 + t % 7 + t * 0.5)
                    .append('\n');
        }
        return csv.toString();
    }

    private static String job(final String input, final String extra) {
        return "{\"type\": \"forecast\", \"horizon\": 3, \"models\": [\"naive\"], \"input\": "
                + JSON.getNodeFactory().textNode(input) + extra + "}";
    }

    private JobRequest parse(final String body, final AllowedDirs allowedDirs) {
        return JobRequest.parse(body.getBytes(StandardCharsets.UTF_8), Map.of(), TimeSettings.DEFAULT, allowedDirs);
    }

    private BadRequest refused(final String input) {
        return assertThrows(BadRequest.class, () -> parse(job(input, ""), dirs));
    }

    @Test
    void aFileUnderAnAllowedDirIsReadAsFarmForecastReadsIt() throws Exception {
        final JobRequest request = parse(job(allowed.resolve("prices.csv").toString(), ""), dirs);
        assertEquals("forecast", request.type());
        assertEquals(allowed.resolve("prices.csv").toRealPath().toString(), request.input());
        assertEquals(
                List.of("AAPL", "MSFT"),
                request.tasks().stream().map(JobRequest.Task::key).toList());
        final JsonNode args = JSON.readTree(request.tasks().get(0).payload());
        assertEquals(30, args.path("y").size());
        assertEquals(100.0, args.path("y").get(0).asDouble());
        assertEquals("[7.0]", args.path("season_length").toString(), "daily: the weekly season, as the CLI infers");
        assertEquals(
                "[\"2024-01-31\",\"2024-02-01\",\"2024-02-02\"]",
                args.path("future_ds").toString());
        assertEquals("[\"naive\"]", args.path("models").toString());
    }

    @Test
    void theCommandLinesInputOptionsApply() throws Exception {
        Files.writeString(
                allowed.resolve("renamed.csv"), longCsv("AAPL", 12).replace("unique_id,ds,y", "symbol,day,close"));
        final JobRequest request = parse(
                job(
                        allowed.resolve("renamed.csv").toString(),
                        ", \"format\": \"long\", \"id_col\": \"symbol\", \"time_col\": \"day\", \"value_col\": \"close\","
                                + " \"season_length\": 3"),
                dirs);
        assertEquals(1, request.tasks().size());
        assertEquals(
                "3",
                JSON.readTree(request.tasks().get(0).payload())
                        .path("season_length")
                        .toString());
        assertEquals(
                "format",
                assertThrows(
                                BadRequest.class,
                                () -> parse(
                                        job(allowed.resolve("renamed.csv").toString(), ", \"format\": \"tall\""), dirs))
                        .field());
        assertEquals(
                "time_zone",
                assertThrows(
                                BadRequest.class,
                                () -> parse(
                                        job(
                                                allowed.resolve("renamed.csv").toString(),
                                                ", \"time_zone\": \"Mars/Base\""),
                                        dirs))
                        .field());
    }

    @Test
    void withoutAllowDirNoPathIsRead() {
        final BadRequest refusal = assertThrows(
                BadRequest.class, () -> parse(job(allowed.resolve("prices.csv").toString(), ""), AllowedDirs.NONE));
        assertEquals("input", refusal.field());
        assertTrue(
                refusal.getMessage().startsWith("this server was started without --allow-dir"), refusal.getMessage());
    }

    @Test
    void aPathOutsideTheAllowedDirsIsRefusedWithoutSayingWhetherItExists() {
        final BadRequest there = refused(outside.resolve("secret.csv").toString());
        final BadRequest notThere = refused(outside.resolve("nothing.csv").toString());
        assertEquals("input", there.field());
        assertTrue(there.getMessage().contains("is outside the directories this server reads"), there.getMessage());
        assertTrue(there.getMessage().endsWith("it reads under --allow-dir " + allowed), there.getMessage());
        assertEquals(
                there.getMessage().replace("secret.csv", "nothing.csv"),
                notThere.getMessage(),
                "the same answer either way");
    }

    @Test
    void aDotDotEscapeIsRefused() {
        final BadRequest refusal = refused(allowed + "/../private/secret.csv");
        assertEquals("input", refusal.field());
        assertTrue(refusal.getMessage().contains("is outside the directories"), refusal.getMessage());
        assertEquals(
                2,
                parse(job(allowed + "/../data/./prices.csv", ""), dirs).tasks().size(),
                "a .. that stays in");
    }

    @Test
    void aSymlinkInsideThatLeadsOutsideIsRefused() throws Exception {
        final Path link = Files.createSymbolicLink(allowed.resolve("link.csv"), outside.resolve("secret.csv"));
        final BadRequest file = refused(link.toString());
        assertEquals("input", file.field());
        assertTrue(file.getMessage().contains("leads (through a symbolic link) to "), file.getMessage());
        final Path dirLink = Files.createSymbolicLink(allowed.resolve("elsewhere"), outside);
        assertTrue(refused(dirLink + "/secret.csv").getMessage().contains("through a symbolic link"));
        final Path ohlc = Files.createDirectories(allowed.resolve("ohlc"));
        Files.createSymbolicLink(ohlc.resolve("SECRET.csv"), outside.resolve("secret.csv"));
        final BadRequest entry = refused(ohlc.toString());
        assertTrue(entry.getMessage().contains("holds SECRET.csv, which leads"), entry.getMessage());
    }

    @Test
    void aSymlinkThatStaysInsideIsRead() throws Exception {
        final Path link = Files.createSymbolicLink(allowed.resolve("latest.csv"), allowed.resolve("prices.csv"));
        assertEquals(2, parse(job(link.toString(), ""), dirs).tasks().size());
    }

    @Test
    void aMissingFileARelativePathAndANonStringAreRefused() {
        final BadRequest missing = refused(allowed.resolve("nope.csv").toString());
        assertEquals("input", missing.field());
        assertEquals(allowed.resolve("nope.csv") + " does not exist on the server", missing.getMessage());
        assertTrue(refused("data/prices.csv").getMessage().startsWith("an absolute path expected"));
        assertEquals(
                "input",
                assertThrows(
                                BadRequest.class,
                                () -> parse(
                                        "{\"type\": \"forecast\", \"horizon\": 3, \"models\": [\"naive\"], \"input\": 7}",
                                        dirs))
                        .field());
    }

    @Test
    void seriesAndInputTogetherAreRefused() {
        final BadRequest both = assertThrows(
                BadRequest.class,
                () -> parse(
                        job(allowed.resolve("prices.csv").toString(), ", \"series\": [{\"id\": \"A\", \"y\": [1]}]"),
                        dirs));
        assertEquals("input", both.field());
    }

    @Test
    void aMalformedFileIsA400WithTheReadersMessage() throws Exception {
        Files.writeString(allowed.resolve("odd.csv"), "a,b\nx,y\n");
        final BadRequest refusal = refused(allowed.resolve("odd.csv").toString());
        assertEquals("input", refusal.field());
        assertTrue(refusal.getMessage().startsWith("cannot tell the format of input "), refusal.getMessage());
        Files.writeString(allowed.resolve("empty.csv"), "");
        assertTrue(refused(allowed.resolve("empty.csv").toString()).getMessage().contains("is empty"));
        Files.writeString(allowed.resolve("header.csv"), "unique_id,ds,y\n");
        final String header = refused(allowed.resolve("header.csv").toString()).getMessage();
        assertTrue(header.endsWith("has a header but no data rows"), header);
    }

    @Test
    void aBadSeriesInsideIsInvalidAndTheOthersRun() throws Exception {
        Files.writeString(
                allowed.resolve("mixed.csv"),
                longCsv("GOOD", 10) + "BAD,2024-01-01,1\nBAD,2024-01-01,2\nBAD,2024-01-02,3\n");
        final JobRequest request = parse(job(allowed.resolve("mixed.csv").toString(), ""), dirs);
        assertEquals(
                List.of("GOOD"),
                request.tasks().stream().map(JobRequest.Task::key).toList());
        assertEquals(1, request.invalid().size());
        assertEquals("BAD", request.invalid().get(0).key());
        assertTrue(
                request.invalid().get(0).reason().contains("duplicate ds"),
                request.invalid().get(0).reason());
    }

    @Test
    void aPreparedJobIsRestoredWithoutTheFile() throws Exception {
        final JobRequest request = parse(job(allowed.resolve("prices.csv").toString(), ""), dirs);
        Files.delete(allowed.resolve("prices.csv"));
        final JobRequest restored = JobRequest.restore(JSON.readTree(JSON.writeValueAsBytes(request.prepared())));
        assertEquals(request.type(), restored.type());
        assertEquals(request.input(), restored.input());
        assertEquals(request.tasks().size(), restored.tasks().size());
        for (int i = 0; i < request.tasks().size(); i++) {
            assertEquals(request.tasks().get(i).key(), restored.tasks().get(i).key());
            assertEquals(
                    JSON.readTree(request.tasks().get(i).payload()),
                    JSON.readTree(restored.tasks().get(i).payload()));
        }
        assertNull(parse(
                        "{\"type\": \"forecast\", \"horizon\": 1, \"models\": [\"naive\"], \"series\": [{\"id\":"
                                + " \"A\", \"y\": [1, 2]}]}",
                        dirs)
                .input());
    }

    @Test
    void anAllowDirThatIsNotADirectoryIsRefused() {
        final IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> AllowedDirs.of(List.of(tmp.resolve("nowhere"))));
        assertEquals("--allow-dir " + tmp.resolve("nowhere") + ": no such directory", missing.getMessage());
    }
}

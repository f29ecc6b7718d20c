package forecastfarm.launcher.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aLineEmbedsTheWorkersJsonRawAndQuotesKeysAndReasons() throws Exception {
        final String ok =
                ResultsJsonl.line("a\"b", "OK", 1, "{\"forecasts\":[1.5,2]}".getBytes(StandardCharsets.UTF_8), "");
        assertEquals(
                "{\"key\": \"a\\\"b\", \"status\": \"OK\", \"attempts\": 1, \"result\": {\"forecasts\":[1.5,2]},"
                        + " \"reason\": null}",
                ok);
        final JsonNode failed = JSON.readTree(ResultsJsonl.line("k", "FAILED", 2, null, "boom\nat line 2"));
        assertTrue(failed.get("result").isNull());
        assertEquals("boom\nat line 2", failed.get("reason").asText());
        final String pretty =
                ResultsJsonl.line("k", "OK", 1, "{\n  \"a\": 1\n}".getBytes(StandardCharsets.UTF_8), null);
        assertFalse(pretty.contains("\n"), "a result over several lines is put on one: " + pretty);
        assertEquals(1, JSON.readTree(pretty).get("result").get("a").asInt());
        assertTrue(JSON.readTree(ResultsJsonl.line(null, "INVALID", 0, null, "line 3: bad"))
                .get("key")
                .isNull());
    }

    @Test
    void theFileAppearsOnlyOnCloseAndIsReadBackForResume() throws Exception {
        final Path file = tmp.resolve(ResultsJsonl.FILE_NAME);
        try (ResultsJsonl out = new ResultsJsonl(file)) {
            out.write(ResultsJsonl.line("a", "OK", 1, "[1]".getBytes(StandardCharsets.UTF_8), null));
            out.write(ResultsJsonl.line("b", "FAILED", 1, null, "no"));
            assertFalse(Files.exists(file), "not before close");
        }
        assertEquals(Map.of("a", "OK", "b", "FAILED"), ResultsJsonl.statuses(file));
        final List<String> copied = new ArrayList<>();
        ResultsJsonl.copy(file, Map.of("b", 7L), (position, fields) -> copied.add(position + " " + fields[0]));
        assertEquals(1, copied.size());
        assertTrue(copied.get(0).startsWith("7 {\"key\": \"b\""), copied.get(0));
    }

    @Test
    void anAbortedFileLeavesTheEarlierOne() throws Exception {
        final Path file = tmp.resolve(ResultsJsonl.FILE_NAME);
        Files.writeString(file, "earlier\n");
        final ResultsJsonl out = new ResultsJsonl(file);
        out.write("x");
        out.abort();
        assertEquals("earlier\n", Files.readString(file));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }
}

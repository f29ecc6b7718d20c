package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.io.TimeSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A request body is one JSON value in UTF-8, nothing before or after it: the job book stores it as it came, so a body
 * that is anything else is refused whole ({@code 400} naming {@code body}), never stored to fail at the next start.
 */
class JobRequestBodyTest {
    private static final String JOB = "{\"type\": \"forecast\", \"horizon\": 2, \"models\": [\"naive\"],"
            + " \"series\": [{\"id\": \"A\", \"y\": [1, 2, 3, 4]}]}";

    private static JobRequest parse(final byte[] body) {
        return JobRequest.parse(body, Map.of(), TimeSettings.DEFAULT);
    }

    @Test
    void aBodyWithAnythingAfterItsJsonValueIsRefused() {
        assertEquals(1, parse((JOB + " \n").getBytes(StandardCharsets.UTF_8)).size());
        final BadRequest refused =
                assertThrows(BadRequest.class, () -> parse((JOB + " {}").getBytes(StandardCharsets.UTF_8)));
        assertEquals("body", refused.field());
        assertTrue(refused.getMessage().contains("not valid JSON"), refused.getMessage());
    }

    @Test
    void aBodyNotInUtf8IsRefused() {
        final String named = JOB.replace("\"A\"", "\"Zürich\"");
        assertEquals(1, parse(named.getBytes(StandardCharsets.UTF_8)).size());
        final BadRequest latin1 =
                assertThrows(BadRequest.class, () -> parse(named.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("body", latin1.field());
        assertTrue(latin1.getMessage().contains("UTF-8"), latin1.getMessage());
        final BadRequest utf16 = assertThrows(BadRequest.class, () -> parse(named.getBytes(StandardCharsets.UTF_16)));
        assertEquals("body", utf16.field());
    }
}

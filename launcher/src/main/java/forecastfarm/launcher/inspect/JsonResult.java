package forecastfarm.launcher.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A {@code farm run} task's result, the JSON its worker rendered, shown indented. */
final class JsonResult {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonResult() {}

    /** The JSON indented two spaces a level; text that is not JSON is shown as it is. */
    static String indented(final byte[] utf8) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(utf8));
        } catch (final IOException notJson) {
            return new String(utf8, StandardCharsets.UTF_8);
        }
    }
}

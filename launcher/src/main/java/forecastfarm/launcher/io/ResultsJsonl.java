package forecastfarm.launcher.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code results.jsonl} of {@code farm run}: one JSON object per line and task,
 * {@code {"key": "<id>", "status": "OK|FAILED|POISONED|INVALID|NOT_RUN", "attempts": N, "result": <the worker's JSON>
 * | null, "reason": "<why not OK>" | null}}, the result embedded as the worker rendered it. Written atomically like
 * the other outputs (a temporary name renamed by {@link #close()}; {@link #abort()} leaves nothing), with the
 * user's umask. The static methods read an earlier file back for {@code --resume}.
 */
public final class ResultsJsonl implements AutoCloseable {
    public static final String FILE_NAME = "results.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicFile file;
    private final BufferedWriter out;
    private long lines;

    public ResultsJsonl(final Path target) throws IOException {
        this.file = new AtomicFile(target);
        this.out = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * The line of one task, without its line break.
     *
     * @param result the worker's JSON (UTF-8), embedded as it is when it is one line, or null.
     * @param reason why the task is not OK, or null.
     */
    public static String line(
            final String key, final String status, final int attempts, final byte[] result, final String reason) {
        final StringBuilder line = new StringBuilder(64 + (result == null ? 0 : result.length));
        line.append("{\"key\": ")
                .append(key == null ? "null" : quote(key))
                .append(", \"status\": ")
                .append(quote(status))
                .append(", \"attempts\": ")
                .append(attempts)
                .append(", \"result\": ")
                .append(result == null ? "null" : oneLine(result))
                .append(", \"reason\": ")
                .append(reason == null || reason.isEmpty() ? "null" : quote(reason))
                .append('}');
        return line.toString();
    }

    /** Writes one line (as {@link #line} builds it). */
    public void write(final String line) throws IOException {
        try {
            out.write(line);
            out.write('\n');
            lines++;
        } catch (final IOException ex) {
            throw file.failed(ex);
        }
    }

    public long linesWritten() {
        return lines;
    }

    /**
     * The status of every key an earlier results.jsonl lists (none when it does not exist); a line that cannot be
     * read is left out.
     *
     * @throws InputException when the file cannot be read.
     */
    public static Map<String, String> statuses(final Path earlier) {
        final Map<String, String> statuses = new HashMap<>();
        forEachLine(earlier, (key, status, text) -> statuses.put(key, status));
        return statuses;
    }

    /**
     * Hands the lines of an earlier results.jsonl whose key is in {@code keys} (carried over by {@code --resume}) to
     * {@code sink}, each with its key's position.
     */
    public static void copy(final Path earlier, final Map<String, Long> keys, final CarryOver.KeyedSink sink)
            throws IOException {
        final IOException[] failed = {null};
        forEachLine(earlier, (key, status, text) -> {
            final Long position = keys.get(key);
            if (failed[0] == null && position != null) {
                try {
                    sink.accept(position, new String[] {text});
                } catch (final IOException ex) {
                    failed[0] = ex;
                }
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    private interface LineAction {
        void accept(String key, String status, String text);
    }

    private static void forEachLine(final Path earlier, final LineAction action) {
        if (!Files.exists(earlier)) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(earlier, StandardCharsets.UTF_8)) {
            for (String text; (text = in.readLine()) != null; ) {
                final JsonNode node = parseOrNull(text);
                if (node != null
                        && node.path("key").isTextual()
                        && node.path("status").isTextual()) {
                    action.accept(node.get("key").asText(), node.get("status").asText(), text);
                }
            }
        } catch (final IOException ex) {
            throw new InputException(earlier, "cannot read the earlier output " + earlier + ": " + ex.getMessage(), ex);
        }
    }

    private static JsonNode parseOrNull(final String text) {
        try {
            return text.isBlank() ? null : JSON.readTree(text);
        } catch (final JsonProcessingException ex) {
            return null;
        }
    }

    private static String quote(final String text) {
        return JsonNodeFactory.instance.textNode(text).toString();
    }

    /** The result as one line of JSON: as it is when it has no line break, else re-rendered compactly. */
    private static String oneLine(final byte[] result) {
        final String text = new String(result, StandardCharsets.UTF_8);
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && !text.isBlank()) {
            return text;
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(text));
        } catch (final JsonProcessingException ex) {
            return quote(text);
        }
    }

    public void abort() {
        file.abort();
    }

    @Override
    public void close() throws IOException {
        try {
            out.flush();
        } catch (final IOException ex) {
            throw file.failed(ex);
        }
        file.commit();
    }
}

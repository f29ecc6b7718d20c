package forecastfarm.launcher.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a run summary as pretty-printed JSON (2-space indent, {@code "key": value}, LF line ends, a final
 * newline, keys in the map's iteration order: pass a LinkedHashMap for a stable order), atomically.
 */
public final class SummaryJson {
    private static final ObjectWriter WRITER;

    static {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        WRITER = new ObjectMapper().writer(printer);
    }

    private SummaryJson() {}

    /**
     * @param summary values: anything Jackson serializes (numbers, strings, booleans, lists, maps, records)
     * @throws IOException when the file cannot be written or a value cannot be serialized (names the file)
     */
    public static void write(Path file, Map<String, Object> summary) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(summary, "summary");
        byte[] json;
        try {
            json = WRITER.writeValueAsBytes(summary);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write " + file + ": " + e.getOriginalMessage(), e);
        }
        AtomicFile out = new AtomicFile(file);
        try {
            out.stream().write(json);
            out.stream().write('\n');
        } catch (IOException e) {
            throw out.failed(e);
        }
        out.commit();
    }

    /** The exact text {@link #write} puts in the file (for logs and tests). */
    public static String toJson(Map<String, Object> summary) {
        try {
            return WRITER.writeValueAsString(summary) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("summary cannot be serialized: " + e.getOriginalMessage(), e);
        }
    }
}

package forecastfarm.worker.onnx;

import forecastfarm.worker.json.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model given as a directory: its ONNX file and what the user expects of it, in a small JSON descriptor
 * {@value #DESCRIPTOR} beside the file, so that a model directory can be copied and named as one thing:
 *
 * <pre>
 * {"interface": "chronos-bolt", "file": "chronos-bolt-small.onnx", "context_length": 2048, "prediction_length": 64}
 * </pre>
 *
 * {@code interface} (only {@value #CHRONOS_BOLT} is supported) and {@code file} (relative to the directory) are
 * required; {@code context_length} and {@code prediction_length} are optional and, when given, must match the
 * model's own shapes ({@link #check}). Any other field is refused, so a misspelt one is not silently ignored.
 *
 * @param descriptor       the descriptor file, for messages
 * @param file             the ONNX file it names
 * @param contextLength    the expected context length, 0 when not given
 * @param predictionLength the expected prediction length, 0 when not given
 */
record ModelDirectory(Path descriptor, Path file, int contextLength, int predictionLength) {
    static final String DESCRIPTOR = "model.json";
    static final String CHRONOS_BOLT = "chronos-bolt";
    private static final List<String> FIELDS = List.of("interface", "file", "context_length", "prediction_length");

    /**
     * Reads {@code dir}'s descriptor.
     *
     * @throws OnnxLoadException naming the descriptor and the field that is missing, unknown or wrong
     */
    static ModelDirectory read(Path dir) {
        Path descriptor = dir.resolve(DESCRIPTOR);
        Map<?, ?> fields = fields(descriptor);
        for (Object key : fields.keySet()) {
            if (!FIELDS.contains(key)) {
                throw refused(descriptor, "unknown field '" + key + "'; the fields are " + String.join(", ", FIELDS));
            }
        }
        Object kind = fields.get("interface");
        if (!CHRONOS_BOLT.equals(kind)) {
            throw refused(
                    descriptor,
                    "\"interface\" must be \"" + CHRONOS_BOLT + "\" (the only one supported), got "
                            + (kind == null ? "none" : "'" + kind + "'"));
        }
        if (!(fields.get("file") instanceof String name) || name.isBlank()) {
            throw refused(descriptor, "\"file\" must name the .onnx file in " + dir);
        }
        return new ModelDirectory(
                descriptor,
                dir.resolve(name),
                length(descriptor, fields, "context_length"),
                length(descriptor, fields, "prediction_length"));
    }

    /**
     * @throws OnnxLoadException naming the descriptor, the field and both values, when the model's shape differs
     */
    void check(BoltInterface shape) {
        if (contextLength > 0 && contextLength != shape.contextLength()) {
            throw refused(
                    descriptor,
                    "\"context_length\" is " + contextLength + ", but " + file.getFileName() + " reads "
                            + shape.contextLength() + " points");
        }
        if (predictionLength > 0 && predictionLength != shape.predictionLength()) {
            throw refused(
                    descriptor,
                    "\"prediction_length\" is " + predictionLength + ", but " + file.getFileName() + " forecasts "
                            + shape.predictionLength() + " steps");
        }
    }

    private static Map<?, ?> fields(Path descriptor) {
        byte[] text;
        try {
            text = Files.readAllBytes(descriptor);
        } catch (IOException e) {
            throw new OnnxLoadException(
                    "ONNX model directory " + descriptor.getParent() + ": no readable " + DESCRIPTOR
                            + " (a directory needs one naming its .onnx file: " + example() + ")",
                    e);
        }
        try {
            if (JsonReader.read(text) instanceof Map<?, ?> map) {
                return map;
            }
        } catch (IllegalArgumentException e) {
            throw refused(descriptor, e.getMessage());
        }
        throw refused(descriptor, "a JSON object expected, e.g. " + example());
    }

    private static int length(Path descriptor, Map<?, ?> fields, String field) {
        Object value = fields.get(field);
        if (value == null) {
            return 0;
        }
        if (value instanceof Long whole && whole >= 1 && whole <= Integer.MAX_VALUE) {
            return whole.intValue();
        }
        throw refused(descriptor, "\"" + field + "\" must be a whole number of at least 1, got " + value);
    }

    private static String example() {
        return "{\"interface\": \"" + CHRONOS_BOLT + "\", \"file\": \"model.onnx\"}";
    }

    private static OnnxLoadException refused(Path descriptor, String what) {
        return new OnnxLoadException("ONNX model descriptor " + descriptor + ": " + what);
    }
}

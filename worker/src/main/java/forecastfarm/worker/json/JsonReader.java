package forecastfarm.worker.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import forecastfarm.api.Args;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text into the plain Java values of {@link Args}: {@code String}, {@code Long} (whole numbers that fit
 * a long), {@code Double} (every other number), {@code Boolean}, {@code null}, {@code List<Object>} and
 * {@code Map<String, Object>} in the text's field order. Strict: one value, no trailing content, no repeated
 * field names, no NaN. Stateless and thread-safe.
 */
public final class JsonReader {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonReader() {}

    /**
     * @param utf8 a JSON object's UTF-8 text; empty (no bytes at all) reads as no fields.
     * @throws IllegalArgumentException when the text is not one JSON object, with the parser's location.
     */
    public static Args readArgs(final byte[] utf8) {
        if (utf8.length == 0) {
            return Args.empty();
        }
        if (!(read(utf8) instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the task's arguments are not a JSON object");
        }
        @SuppressWarnings("unchecked")
        final Map<String, Object> fields = (Map<String, Object>) map;
        return Args.of(fields);
    }

    /**
     * @param utf8 one JSON value's UTF-8 text.
     * @return the value as described above.
     * @throws IllegalArgumentException when the text is not one JSON value.
     */
    public static Object read(final byte[] utf8) {
        try (JsonParser parser = FACTORY.createParser(utf8)) {
            final Object value = readValue(parser, parser.nextToken());
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("invalid JSON: more after the value at "
                        + parser.currentLocation().offsetDescription());
            }
            return value;
        } catch (final JsonProcessingException ex) {
            throw new IllegalArgumentException("invalid JSON: " + ex.getOriginalMessage() + " at "
                    + (ex.getLocation() == null ? "?" : ex.getLocation().offsetDescription()));
        } catch (final IOException ex) {
            throw new IllegalArgumentException("invalid JSON: " + ex.getMessage(), ex);
        }
    }

    private static Object readValue(final JsonParser parser, final JsonToken token) throws IOException {
        if (token == null) {
            throw new IllegalArgumentException("invalid JSON: no value");
        }
        switch (token) {
            case START_OBJECT:
                final Map<String, Object> object = new LinkedHashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    object.put(name, readValue(parser, parser.nextToken()));
                }
                return object;
            case START_ARRAY:
                final List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(readValue(parser, next));
                }
                return array;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                // Not a ?: expression: that would promote the long to a double.
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return parser.getDoubleValue();
                }
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalArgumentException("invalid JSON: unexpected " + token + " at "
                        + parser.currentLocation().offsetDescription());
        }
    }
}

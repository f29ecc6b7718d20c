package forecastfarm.worker.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Renders a task's result, as {@code KindSession.run} returns it, to UTF-8 JSON text: a {@code Map} is an object
 * (keys as {@code String.valueOf}, in the map's iteration order), a {@code Collection} or an array (of primitives or
 * objects) is an array, a {@code CharSequence} a string, a {@code Number} a number ({@code NaN} and infinities
 * {@code null}), a {@code Boolean} a boolean, {@code null} null, and a record an object of its components. Anything
 * else, a {@code null} map key, or nesting deeper than {@value #MAX_DEPTH} (a cycle) fails with an
 * {@link IllegalArgumentException} naming the type and where it is ({@code $.models.ets.mean[3]}). Stateless and
 * thread-safe; reflection only for records, through a per-class cache.
 */
public final class JsonRenderer {
    /** Deeper than this is taken for a cycle. */
    public static final int MAX_DEPTH = 500;

    private JsonRenderer() {}

    /**
     * @throws IllegalArgumentException when a value cannot be rendered, as described above.
     */
    public static byte[] render(final Object value) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JsonReader.FACTORY.createGenerator(out)) {
            write(json, value, 0);
        } catch (final PathException ex) {
            throw new IllegalArgumentException(ex.describe());
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static void write(final JsonGenerator json, final Object value, final int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new PathException("the result is nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        if (value == null) {
            json.writeNull();
        } else if (value instanceof CharSequence text) {
            json.writeString(text.toString());
        } else if (value instanceof Number number) {
            writeNumber(json, number);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(json, map, depth);
        } else if (value instanceof Collection<?> collection) {
            writeCollection(json, collection, depth);
        } else if (value instanceof double[] doubles) {
            writeDoubles(json, doubles);
        } else if (value instanceof Object[] objects) {
            json.writeStartArray(objects, objects.length);
            for (int i = 0; i < objects.length; i++) {
                writeElement(json, objects[i], i, depth);
            }
            json.writeEndArray();
        } else if (value.getClass().isArray()) {
            writePrimitives(json, value);
        } else if (value instanceof Record record) {
            RecordComponents.of(record.getClass()).write(json, record, depth);
        } else {
            throw new PathException(
                    "a task's result cannot hold a " + value.getClass().getName()
                            + " (results are maps, lists, arrays, strings, numbers, booleans, null and records)");
        }
    }

    static void writeField(final JsonGenerator json, final String name, final Object value, final int depth)
            throws IOException {
        json.writeFieldName(name);
        try {
            write(json, value, depth + 1);
        } catch (final PathException ex) {
            throw ex.under("." + name);
        }
    }

    private static void writeElement(final JsonGenerator json, final Object value, final int index, final int depth)
            throws IOException {
        try {
            write(json, value, depth + 1);
        } catch (final PathException ex) {
            throw ex.under("[" + index + "]");
        }
    }

    private static void writeMap(final JsonGenerator json, final Map<?, ?> map, final int depth) throws IOException {
        json.writeStartObject(map);
        for (final Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() == null) {
                throw new PathException("a map in the result has a null key");
            }
            writeField(json, String.valueOf(entry.getKey()), entry.getValue(), depth);
        }
        json.writeEndObject();
    }

    private static void writeCollection(final JsonGenerator json, final Collection<?> values, final int depth)
            throws IOException {
        json.writeStartArray(values, values.size());
        int index = 0;
        for (final Object value : values) {
            writeElement(json, value, index++, depth);
        }
        json.writeEndArray();
    }

    private static void writeNumber(final JsonGenerator json, final Number number) throws IOException {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            json.writeNumber(number.longValue());
        } else if (number instanceof BigInteger big) {
            json.writeNumber(big);
        } else if (number instanceof BigDecimal big) {
            json.writeNumber(big);
        } else {
            writeDouble(json, number.doubleValue());
        }
    }

    private static void writeDouble(final JsonGenerator json, final double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeNull();
        }
    }

    private static void writeDoubles(final JsonGenerator json, final double[] values) throws IOException {
        json.writeStartArray(values, values.length);
        for (final double value : values) {
            writeDouble(json, value);
        }
        json.writeEndArray();
    }

    /** int[], long[], float[], short[], byte[], boolean[], char[] (as one-character strings). */
    private static void writePrimitives(final JsonGenerator json, final Object array) throws IOException {
        final int length = Array.getLength(array);
        json.writeStartArray(array, length);
        if (array instanceof int[] ints) {
            for (final int value : ints) {
                json.writeNumber(value);
            }
        } else if (array instanceof long[] longs) {
            for (final long value : longs) {
                json.writeNumber(value);
            }
        } else {
            for (int i = 0; i < length; i++) {
                final Object element = Array.get(array, i);
                if (element instanceof Character c) {
                    json.writeString(String.valueOf(c.charValue()));
                } else {
                    write(json, element, 0);
                }
            }
        }
        json.writeEndArray();
    }
}

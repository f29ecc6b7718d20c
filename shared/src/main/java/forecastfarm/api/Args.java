package forecastfarm.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON object's fields as plain Java values, with typed getters whose errors name the field and what was wanted.
 * Values are {@code String}, {@code Double} or {@code Long} (numbers), {@code Boolean}, {@code null},
 * {@code List<Object>} (arrays) and {@code Map<String, Object>} (objects). Immutable.
 */
public final class Args {
    private static final Args EMPTY = new Args(Map.of());

    private final Map<String, Object> fields;

    private Args(final Map<String, Object> fields) {
        this.fields = fields;
    }

    /**
     * @param fields a JSON object's fields, as described above; copied.
     */
    public static Args of(final Map<String, ?> fields) {
        return fields.isEmpty() ? EMPTY : new Args(Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
    }

    /** No fields. */
    public static Args empty() {
        return EMPTY;
    }

    /** The fields, in their JSON order; unmodifiable. */
    public Map<String, Object> asMap() {
        return fields;
    }

    /** Whether the field is present (even if null). */
    public boolean has(final String name) {
        return fields.containsKey(name);
    }

    /**
     * @throws IllegalArgumentException when the field is missing, null or not a string.
     */
    public String string(final String name) {
        final Object value = require(name);
        if (value instanceof String s) {
            return s;
        }
        throw wrongType(name, "a string", value);
    }

    /** The field as a string, or {@code fallback} when it is missing or null. */
    public String string(final String name, final String fallback) {
        return fields.get(name) == null ? fallback : string(name);
    }

    /**
     * @throws IllegalArgumentException when the field is missing, null, not a number or not finite.
     */
    public double number(final String name) {
        final Object value = require(name);
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw wrongType(name, "a finite number", value);
    }

    /** The field as a number, or {@code fallback} when it is missing or null. */
    public double number(final String name, final double fallback) {
        return fields.get(name) == null ? fallback : number(name);
    }

    /**
     * @throws IllegalArgumentException when the field is missing, null or not a whole number within int's range.
     */
    public int integer(final String name) {
        final double value = number(name);
        if (value != Math.rint(value) || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw wrongType(name, "a whole number", fields.get(name));
        }
        return (int) value;
    }

    /** The field as an int, or {@code fallback} when it is missing or null. */
    public int integer(final String name, final int fallback) {
        return fields.get(name) == null ? fallback : integer(name);
    }

    /** The field as a boolean, or {@code fallback} when it is missing or null. */
    public boolean bool(final String name, final boolean fallback) {
        final Object value = fields.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrongType(name, "true or false", value);
    }

    /**
     * @throws IllegalArgumentException when the field is missing, null, not an array, or holds anything but finite
     *     numbers.
     */
    public double[] doubles(final String name) {
        final List<?> list = list(name);
        final double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            if (!(list.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("argument '" + name + "': element " + i + " is "
                        + describe(list.get(i)) + ", not a finite number");
            }
            values[i] = n.doubleValue();
        }
        return values;
    }

    /**
     * @throws IllegalArgumentException when the field is missing, null or not an array.
     */
    public List<?> list(final String name) {
        final Object value = require(name);
        if (value instanceof List<?> list) {
            return list;
        }
        throw wrongType(name, "an array", value);
    }

    /**
     * @throws IllegalArgumentException when the field is missing, null or not an object.
     */
    public Args object(final String name) {
        final Object value = require(name);
        if (value instanceof Map<?, ?> map) {
            final Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return of(copy);
        }
        throw wrongType(name, "an object", value);
    }

    private Object require(final String name) {
        Objects.requireNonNull(name, "name");
        final Object value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("argument '" + name + "' is "
                    + (fields.containsKey(name) ? "null" : "missing") + "; the arguments have " + fields.keySet());
        }
        return value;
    }

    private static IllegalArgumentException wrongType(final String name, final String wanted, final Object value) {
        return new IllegalArgumentException("argument '" + name + "' is " + describe(value) + ", not " + wanted);
    }

    private static String describe(final Object value) {
        if (value == null) {
            return "null";
        }
        final String text = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Args a && fields.equals(a.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "Args" + fields;
    }
}

package forecastfarm.worker.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * A record class's component names and accessors, looked up once per class (a {@link ClassValue}, so a plugin's
 * classes are not pinned by the cache), to render a record as a JSON object of its components in declaration order.
 */
final class RecordComponents {
    private static final ClassValue<RecordComponents> CACHE = new ClassValue<>() {
        @Override
        protected RecordComponents computeValue(final Class<?> type) {
            return new RecordComponents(type);
        }
    };

    private final String[] names;
    private final Method[] accessors;

    private RecordComponents(final Class<?> type) {
        final RecordComponent[] components = type.getRecordComponents();
        names = new String[components.length];
        accessors = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
            names[i] = components[i].getName();
            accessors[i] = components[i].getAccessor();
            // A plugin's record may be private or package-private; its accessor is public but its class is not.
            accessors[i].trySetAccessible();
        }
    }

    static RecordComponents of(final Class<?> type) {
        return CACHE.get(type);
    }

    void write(final JsonGenerator json, final Record record, final int depth) throws IOException {
        json.writeStartObject(record);
        for (int i = 0; i < names.length; i++) {
            final Object value;
            try {
                value = accessors[i].invoke(record);
            } catch (final IllegalAccessException | InvocationTargetException ex) {
                final Throwable cause = ex instanceof InvocationTargetException ite ? ite.getCause() : ex;
                throw new PathException("cannot read component '" + names[i] + "' of "
                        + record.getClass().getName() + ": " + cause);
            }
            JsonRenderer.writeField(json, names[i], value, depth);
        }
        json.writeEndObject();
    }
}

package forecastfarm.worker.tasks;

import forecastfarm.api.Args;
import forecastfarm.shared.WorkerArgs;
import forecastfarm.worker.kinds.JsonKinds;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The registry of task kinds: kind name to handler. The binary kinds come from {@link TaskHandlerProvider}s; every
 * JSON kind K ({@link JsonKinds}) is registered as {@code json:K} ({@link WorkerArgs#JSON_KIND_PREFIX}) with a
 * {@link JsonTaskHost}. {@link #close()} closes the handlers that hold resources (the JSON kinds' sessions).
 */
public final class TaskKinds implements AutoCloseable {
    private final Map<String, TaskHandler> handlers;

    public TaskKinds(final Map<String, TaskHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /**
     * @return every kind that the providers on the classpath offer, and the built-in JSON kinds.
     * @throws IllegalStateException when two providers offer the same kind.
     */
    public static TaskKinds discover() {
        return discover(JsonKinds.builtIn(BuiltInTasks.jsonKinds()), Args.empty());
    }

    /**
     * @param jsonKinds the JSON kinds, built-in and from task jars.
     * @param settings  the job's settings, for each JSON kind's {@code open}.
     * @return every kind that the providers on the classpath offer, and the JSON kinds.
     * @throws IllegalStateException when two providers offer the same kind.
     */
    public static TaskKinds discover(final JsonKinds jsonKinds, final Args settings) {
        final Map<String, TaskHandler> handlers = new HashMap<>();
        for (final TaskHandlerProvider provider : ServiceLoader.load(TaskHandlerProvider.class)) {
            provider.handlers().forEach((kind, handler) -> offer(handlers, kind, handler));
        }
        jsonKinds
                .kinds()
                .forEach((name, kind) ->
                        offer(handlers, WorkerArgs.JSON_KIND_PREFIX + name, new JsonTaskHost(kind, settings)));
        return new TaskKinds(handlers);
    }

    private static void offer(final Map<String, TaskHandler> handlers, final String kind, final TaskHandler handler) {
        if (handlers.putIfAbsent(kind, handler) != null) {
            throw new IllegalStateException("task kind '" + kind + "' is offered twice");
        }
    }

    /**
     * @throws IllegalArgumentException naming the unknown kind and the known ones.
     */
    public TaskHandler handler(final String kind) {
        final TaskHandler handler = handlers.get(kind);
        if (handler == null) {
            throw new IllegalArgumentException(
                    "unknown task kind '" + kind + "'; this worker knows " + new TreeSet<>(handlers.keySet()));
        }
        return handler;
    }

    /** Closes every handler that is {@link AutoCloseable}; one failing does not stop the others. */
    @Override
    public void close() {
        for (final TaskHandler handler : handlers.values()) {
            if (handler instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (final Exception ex) {
                    System.err.println("worker: closing a task kind failed: " + ex);
                }
            }
        }
    }
}

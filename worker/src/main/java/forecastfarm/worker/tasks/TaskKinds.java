package forecastfarm.worker.tasks;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The registry of task kinds: kind name to handler.
 */
public final class TaskKinds {
    private final Map<String, TaskHandler> handlers;

    public TaskKinds(final Map<String, TaskHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /**
     * @return every kind that the providers on the classpath offer.
     * @throws IllegalStateException when two providers offer the same kind.
     */
    public static TaskKinds discover() {
        final Map<String, TaskHandler> handlers = new HashMap<>();
        for (final TaskHandlerProvider provider : ServiceLoader.load(TaskHandlerProvider.class)) {
            provider.handlers().forEach((kind, handler) -> {
                if (handlers.putIfAbsent(kind, handler) != null) {
                    throw new IllegalStateException("task kind '" + kind + "' is offered twice");
                }
            });
        }
        return new TaskKinds(handlers);
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
}

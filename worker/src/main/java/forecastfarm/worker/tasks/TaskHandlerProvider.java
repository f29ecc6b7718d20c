package forecastfarm.worker.tasks;

import java.util.Map;

/**
 * A source of task kinds, found with {@link java.util.ServiceLoader}: to add a kind, implement this and list the
 * class in {@code META-INF/services/forecastfarm.worker.tasks.TaskHandlerProvider} on the worker's classpath.
 */
public interface TaskHandlerProvider {
    /**
     * @return kind name to handler.
     */
    Map<String, TaskHandler> handlers();
}

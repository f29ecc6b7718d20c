package forecastfarm.worker.tasks;

/**
 * Runs one kind of task. Implementations hold no mutable state between calls: every call builds whatever model
 * state it needs afresh, so a task's result never depends on which tasks ran before it in the same JVM.
 */
@FunctionalInterface
public interface TaskHandler {
    /**
     * @param key     the task's key (series id), for messages.
     * @param payload the kind-specific input.
     * @return the kind-specific output.
     * @throws Exception when the task cannot be done; the message becomes the task's error and the worker goes on.
     */
    byte[] handle(String key, byte[] payload) throws Exception;
}

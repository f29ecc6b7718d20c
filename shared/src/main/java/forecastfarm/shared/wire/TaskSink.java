package forecastfarm.shared.wire;

/**
 * Receives what the launcher sends a worker. {@link TaskProxy} writes these calls to a queue and
 * {@link TaskAdapter} reads them back, so the worker's logic implements this and never touches a queue.
 */
public interface TaskSink {
    void onTask(Task task);

    /**
     * The launcher has nothing more for this worker: finish and exit.
     */
    void onStop();
}

package forecastfarm.shared.wire;

/**
 * Receives what a worker reports. {@link ResultProxy} writes to the worker's output queue, {@link ResultAdapter}
 * reads it in the launcher.
 */
public interface ResultSink {
    void onResult(TaskResult result);
}

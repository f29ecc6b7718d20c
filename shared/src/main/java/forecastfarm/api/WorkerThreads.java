package forecastfarm.api;

/**
 * The threads a task kind or model may use inside one worker process, for a library that runs its own thread pool
 * (ONNX Runtime's intra-op threads, a BLAS) or a model that splits one series' work (ets fits its candidate forms on
 * them): the farm gives each worker its share of the cores, so that N workers of several threads each do not
 * oversubscribe the machine. The launcher sets it on every worker JVM
 * ({@code farm ... --worker-threads N}; by default the cores divided by the workers, at least 1).
 */
public final class WorkerThreads {
    /** The system property a worker JVM gets: its threads, a whole number of at least 1. */
    public static final String PROPERTY = "forecastfarm.worker.threads";

    private WorkerThreads() {}

    /**
     * @return the threads this worker may use: {@value #PROPERTY}, or 1 in a JVM the farm did not start.
     * @throws IllegalStateException when the property is set but is not a whole number of at least 1.
     */
    public static int available() {
        final String value = System.getProperty(PROPERTY);
        if (value == null) {
            return 1;
        }
        try {
            final int threads = Integer.parseInt(value.strip());
            if (threads >= 1) {
                return threads;
            }
        } catch (final NumberFormatException ignored) {
            // refused below, naming the property
        }
        throw new IllegalStateException(PROPERTY + " must be a whole number of at least 1, got '" + value + "'");
    }
}

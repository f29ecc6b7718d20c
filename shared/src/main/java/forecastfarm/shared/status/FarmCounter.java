package forecastfarm.shared.status;

/**
 * The farm-wide counters, written only by the launcher, in allocation order.
 */
public enum FarmCounter {
    TASKS_TOTAL("tasks total"),
    PENDING("pending"),
    RUNNING("running"),
    DONE("done"),
    FAILED("failed"),
    POISONED("poisoned"),
    RESUMED("resumed"),
    RETRIES("retries"),
    WORKER_RESTARTS("worker restarts"),
    WORKERS_ALIVE("workers alive");

    private final String label;

    FarmCounter(final String label) {
        this.label = label;
    }

    public String label() {
        return "farm: " + label;
    }
}

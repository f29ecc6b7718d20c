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
    WORKERS_ALIVE("workers alive"),
    /** the tasks the run expects in all, once its caller has counted them (0 until then); see TASKS_TOTAL for those
     * submitted so far */
    TASKS_EXPECTED("tasks expected");

    private final String label;

    FarmCounter(final String label) {
        this.label = label;
    }

    public String label() {
        return "farm: " + label;
    }
}

package forecastfarm.shared.status;

/**
 * A worker's state as published in its {@link WorkerCounter#STATE} counter.
 */
public enum WorkerState {
    NONE,
    STARTING,
    READY,
    BUSY,
    DRAINING,
    EXITED;

    public static WorkerState of(final long code) {
        final WorkerState[] values = values();
        return code >= 0 && code < values.length ? values[(int) code] : NONE;
    }

    public long code() {
        return ordinal();
    }
}

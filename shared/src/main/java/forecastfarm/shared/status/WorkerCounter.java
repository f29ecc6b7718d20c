package forecastfarm.shared.status;

/**
 * The counters each worker slot has in the status file, in allocation order. A worker writes all of them except
 * {@link #COMMAND}, which the launcher writes to ask the worker to drain or to recycle itself while idle, and {@link #QUEUES_GENERATION}, which the
 * launcher sets once it has created a generation's queues: a worker opens its queues only after that, so the two
 * processes never create the same queue at once.
 */
public enum WorkerCounter {
    PID("pid"),
    GENERATION("generation"),
    STATE("state"),
    HEARTBEAT_MS("heartbeat epoch ms"),
    TASK_ID("current task id"),
    TASK_START_MS("current task start epoch ms"),
    TASKS_DONE("tasks done"),
    TASKS_FAILED("tasks failed"),
    HEAP_USED_BYTES("heap used bytes"),
    /** The worker's resident set size, native memory included; -1 where it cannot be read (not Linux). */
    RSS_BYTES("resident set size bytes"),
    READY_MS("ready epoch ms"),
    COMMAND("command"),
    QUEUES_GENERATION("queues created for generation");

    public static final long NO_TASK = -1;
    public static final long COMMAND_NONE = 0;
    public static final long COMMAND_DRAIN = 1;
    /** Exit as recycled (no task is waiting for it): the launcher starts a new generation with empty queues. */
    public static final long COMMAND_RECYCLE = 2;

    private final String label;

    WorkerCounter(final String label) {
        this.label = label;
    }

    public String label(final int slot) {
        return "worker " + slot + ": " + label;
    }
}

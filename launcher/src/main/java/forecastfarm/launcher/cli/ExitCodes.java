package forecastfarm.launcher.cli;

/**
 * Exit codes of {@code scripts/farm}. 0: every task succeeded; 1..100: that many tasks failed or were poisoned
 * (capped at 100, GNU parallel's habit); 101 and up: the run itself had a problem.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int MAX_FAILED = 100;
    public static final int USAGE = 101;
    public static final int INPUT = 102;
    public static final int FARM_DIR = 103;
    public static final int OUTPUT = 104;
    public static final int INTERRUPTED = 105;
    public static final int WORKERS_FAILED = 106;
    /** {@code farm merge}: a shard is missing, failed or unfinished, or shards overlap. */
    public static final int SHARDS_INCOMPLETE = 107;
    /** {@code farm inspect --id}: the series is in the job but has no result yet. */
    public static final int PENDING = 1;
    /** {@code farm inspect --id}: the job has no such series. */
    public static final int NOT_IN_JOB = 108;
    /** The client commands ({@code farm submit}, ...): no served farm answers, or it cannot take the job now. */
    public static final int SERVER_UNAVAILABLE = 109;

    public static final int INTERNAL = 110;

    private ExitCodes() {}

    /**
     * @return what an exit code means, in a few words (for messages about other processes' exit codes).
     */
    public static String describe(final int code) {
        return switch (code) {
            case OK -> "all series succeeded";
            case USAGE -> "bad options";
            case INPUT -> "unreadable or unusable input";
            case FARM_DIR -> "farm dir busy or holding another job";
            case OUTPUT -> "outputs cannot be written";
            case INTERRUPTED -> "interrupted; rerun to resume";
            case WORKERS_FAILED -> "workers cannot start";
            case SHARDS_INCOMPLETE -> "shards missing, failed or overlapping";
            case NOT_IN_JOB -> "no such series in the job";
            case SERVER_UNAVAILABLE -> "the served farm is not reachable or busy";
            case INTERNAL -> "internal error";
            default ->
                code >= 1 && code <= MAX_FAILED
                        ? code + (code == MAX_FAILED ? " or more" : "") + " series failed"
                        : code > 128 && code < 160 ? "killed by signal " + (code - 128) : "unknown";
        };
    }

    public static int forFailures(final long failedOrPoisoned) {
        return (int) Math.min(MAX_FAILED, failedOrPoisoned);
    }
}

package forecastfarm.launcher.farm;

/**
 * Exponential restart delay for a worker slot, and the crash-loop breaker: after {@code crashLoopLimit} crashes that
 * no task explains (the worker died at start or idle) with no completed task in between, the slot is given up.
 * A completed task resets both.
 */
public final class RestartBackoff {
    private final long baseDelayMs;
    private final long maxDelayMs;
    private final int crashLoopLimit;
    private int consecutiveCrashes;
    private int unexplainedCrashes;

    public RestartBackoff(final long baseDelayMs, final long maxDelayMs, final int crashLoopLimit) {
        this.baseDelayMs = baseDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.crashLoopLimit = crashLoopLimit;
    }

    /**
     * Records a crash.
     *
     * @param explainedByTask true when the worker died running a task (the task's attempts account for it).
     * @return the delay before the next start, in ms.
     */
    public long onCrash(final boolean explainedByTask) {
        consecutiveCrashes++;
        if (!explainedByTask) {
            unexplainedCrashes++;
        }
        final int doublings = Math.min(consecutiveCrashes - 1, 30);
        return Math.min(maxDelayMs, baseDelayMs << doublings);
    }

    public void onTaskCompleted() {
        consecutiveCrashes = 0;
        unexplainedCrashes = 0;
    }

    /**
     * @return true when the slot crashed too often with no task to blame: stop restarting it.
     */
    public boolean breakerOpen() {
        return unexplainedCrashes >= crashLoopLimit;
    }

    public int consecutiveCrashes() {
        return consecutiveCrashes;
    }
}

package forecastfarm.launcher.farm;

import forecastfarm.shared.status.WorkerCounter;

/**
 * Decides whether a running worker must be killed, from what it published: a stale heartbeat means it hangs (or is
 * stopped), a task running past the task timeout means the task hangs, a start that never became ready means the
 * JVM could not start. Pure: the caller passes the time.
 */
public final class LivenessPolicy {
    private final long heartbeatTimeoutMs;
    private final long taskTimeoutMs;
    private final long startupTimeoutMs;

    public LivenessPolicy(final long heartbeatTimeoutMs, final long taskTimeoutMs, final long startupTimeoutMs) {
        this.heartbeatTimeoutMs = heartbeatTimeoutMs;
        this.taskTimeoutMs = taskTimeoutMs;
        this.startupTimeoutMs = startupTimeoutMs;
    }

    /**
     * @return why the worker must be killed, or null when it is healthy.
     */
    public String verdict(
            final long nowMs,
            final boolean ready,
            final long spawnedMs,
            final long heartbeatMs,
            final long taskId,
            final long taskStartMs) {
        if (!ready) {
            return nowMs - spawnedMs > startupTimeoutMs
                    ? "did not become ready within " + seconds(startupTimeoutMs)
                    : null;
        }
        if (nowMs - heartbeatMs > heartbeatTimeoutMs) {
            return "hung: no heartbeat for " + seconds(nowMs - heartbeatMs);
        }
        if (taskId != WorkerCounter.NO_TASK && nowMs - taskStartMs > taskTimeoutMs) {
            return "timeout: task ran longer than " + seconds(taskTimeoutMs);
        }
        return null;
    }

    static String seconds(final long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}

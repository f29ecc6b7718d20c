package forecastfarm.launcher.farm;

/**
 * How a farm run went.
 *
 * @param interruptedBy the signal that drained the run ("SIGTERM"), or what else asked, or null.
 * @param abortReason   why the run gave up before finishing (workers crash-looping), or null.
 */
public record FarmReport(
        int tasks,
        int ok,
        int failed,
        int poisoned,
        int resumed,
        int retries,
        int workerRestarts,
        int workers,
        long wallNs,
        long cpuNsTotal,
        int mapRotations,
        String interruptedBy,
        String abortReason) {
    public boolean complete() {
        return ok + failed + poisoned == tasks;
    }
}

package forecastfarm.launcher.api;

/**
 * How a run of {@link ForecastFarm} went.
 *
 * @param series         series submitted.
 * @param ok             series with status OK (a model of theirs may still have failed).
 * @param failed         series the worker reported failed.
 * @param poisoned       series given up after killing workers or running past the timeout.
 * @param resumed        series whose result came from an earlier run in the farm dir.
 * @param retries        re-runs after a worker died.
 * @param workerRestarts workers started again after one ended.
 * @param workers        worker processes.
 * @param wallNs         the run's wall time.
 * @param cpuNsTotal     the workers' CPU time on the series computed in this run.
 * @param interruptedBy  the signal ("SIGTERM") or what else (a stop() reason) drained the run before the end, or null.
 * @param abortReason    why the run gave up (workers crash at start), or null.
 */
public record FarmSummary(
        long series,
        int ok,
        int failed,
        int poisoned,
        int resumed,
        int retries,
        int workerRestarts,
        int workers,
        long wallNs,
        long cpuNsTotal,
        String interruptedBy,
        String abortReason) {
    /**
     * @return the summary of a run of the farm engine ({@link forecastfarm.launcher.farm.Farm}).
     */
    public static FarmSummary of(final forecastfarm.launcher.farm.FarmReport r) {
        return new FarmSummary(
                r.tasks(),
                r.ok(),
                r.failed(),
                r.poisoned(),
                r.resumed(),
                r.retries(),
                r.workerRestarts(),
                r.workers(),
                r.wallNs(),
                r.cpuNsTotal(),
                r.interruptedBy(),
                r.abortReason());
    }

    /**
     * @return true when every submitted series finished.
     */
    public boolean complete() {
        return ok + failed + poisoned == series && abortReason == null;
    }
}

package forecastfarm.launcher.farm;

/**
 * Running task statistics: the sum of CPU time (for parallel efficiency) and a moving average of task time, which
 * sets how many tasks each worker is given ahead: enough to keep it busy while the launcher is away, few enough that
 * the last tasks spread evenly.
 */
final class TaskStats {
    private static final double EWMA_WEIGHT = 0.05;

    private long results;
    private long cpuNsTotal;
    private double meanWallNs = -1;

    void onResult(final long wallNs, final long cpuNs) {
        results++;
        cpuNsTotal += cpuNs;
        meanWallNs = meanWallNs < 0 ? wallNs : meanWallNs + EWMA_WEIGHT * (wallNs - meanWallNs);
    }

    /**
     * @return tasks to keep in flight per worker: about {@code targetQueuedWorkMs} of work, at least 2.
     */
    int inFlightLimit(final long targetQueuedWorkMs, final int max) {
        if (meanWallNs < 0) {
            return Math.min(2, max);
        }
        final double perTaskNs = Math.max(meanWallNs, 1_000.0);
        final long wanted = (long) Math.ceil(targetQueuedWorkMs * 1e6 / perTaskNs) + 1;
        return (int) Math.max(Math.min(2, max), Math.min(max, wanted));
    }

    long cpuNsTotal() {
        return cpuNsTotal;
    }

    long results() {
        return results;
    }
}

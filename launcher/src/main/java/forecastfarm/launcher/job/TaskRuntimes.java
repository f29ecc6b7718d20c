package forecastfarm.launcher.job;

import java.util.Arrays;

/**
 * The wall times of the tasks a job ran, for the percentiles of summary.json ({@code task_ms}). Not thread-safe:
 * the outputs that own it add under their own lock.
 */
public final class TaskRuntimes {
    private double[] runtimeMs = new double[1024];
    private int count;

    public void add(final double ms) {
        if (count == runtimeMs.length) {
            runtimeMs = Arrays.copyOf(runtimeMs, count * 2);
        }
        runtimeMs[count++] = ms;
    }

    /**
     * @param p in (0, 1]: 0.5 the median, 1 the maximum.
     * @return the nearest-rank percentile in milliseconds, 0 when no task ran.
     */
    public double percentileMs(final double p) {
        if (count == 0) {
            return 0;
        }
        final double[] sorted = Arrays.copyOf(runtimeMs, count);
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** @return the median, 95th percentile and maximum, as {@link JobSummary} takes them. */
    public double[] p50P95Max() {
        return new double[] {percentileMs(0.50), percentileMs(0.95), percentileMs(1.0)};
    }
}

package forecastfarm.launcher.bench;

import java.util.Arrays;

/**
 * The pure arithmetic of the benchmarks, kept apart so it can be unit tested: medians, the two-run difference that
 * removes start-up cost, the steady-state window over result arrivals, parallel efficiency, spin calibration.
 */
public final class BenchMath {
    private BenchMath() {}

    /**
     * @return the median (mean of the two middle values for an even count).
     */
    public static double median(final double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /**
     * Cost of one more task, start-up removed: two runs that differ only in their task count.
     *
     * @return {@code (tBig - tSmall) / (nBig - nSmall)}, in the unit of the times.
     */
    /** @return the nearest-rank percentile {@code p} (0-100) of {@code values}. */
    public static double percentile(final double[] values, final double p) {
        final double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        final int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static double marginalPerTask(final double tBig, final long nBig, final double tSmall, final long nSmall) {
        if (nBig <= nSmall) {
            throw new IllegalArgumentException("the big run must have more tasks: " + nBig + " <= " + nSmall);
        }
        return (tBig - tSmall) / (nBig - nSmall);
    }

    /**
     * @return {@code t1 / (n * tN)}: 1.0 when n workers run the work n times as fast as one.
     */
    public static double parallelEfficiency(final double t1, final double tN, final int n) {
        if (n < 1 || tN <= 0) {
            throw new IllegalArgumentException("need n >= 1 and tN > 0: n=" + n + " tN=" + tN);
        }
        return t1 / (n * tN);
    }

    /**
     * @return {@code farm / bare}: the farm's parallel efficiency relative to what the machine itself gives the same
     * number of plain processes (1.0: the farm loses nothing to its own machinery); NaN when the bare figure is not
     * a positive number.
     */
    public static double relativeEfficiency(final double farm, final double bare) {
        return bare > 0 ? farm / bare : Double.NaN;
    }

    /**
     * How {@code tasks} split over {@code n} processes that each get a fixed share: as even as can be, the first
     * {@code tasks % n} one task more.
     */
    public static int[] shares(final int tasks, final int n) {
        if (n < 1 || tasks < 0) {
            throw new IllegalArgumentException("need n >= 1 and tasks >= 0: n=" + n + " tasks=" + tasks);
        }
        final int[] shares = new int[n];
        for (int i = 0; i < n; i++) {
            shares[i] = tasks / n + (i < tasks % n ? 1 : 0);
        }
        return shares;
    }

    /**
     * @return the largest value: side-by-side processes are done when the slowest is.
     */
    public static double slowest(final long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("slowest of no values");
        }
        long max = Long.MIN_VALUE;
        for (final long v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    /**
     * @return events per second for {@code count} events in {@code nanos}.
     */
    public static double perSecond(final double count, final double nanos) {
        return nanos <= 0 ? Double.NaN : count * 1e9 / nanos;
    }

    /**
     * @return spin iterations that take about {@code targetNs} at {@code nsPerIteration}, at least 1.
     */
    public static long spinIterations(final double targetNs, final double nsPerIteration) {
        if (nsPerIteration <= 0) {
            throw new IllegalArgumentException("ns per iteration must be positive: " + nsPerIteration);
        }
        return Math.max(1, Math.round(targetNs / nsPerIteration));
    }

    /**
     * The steady-state part of a run, from result arrivals: it starts at the arrival by which every worker slot
     * that delivered anything has delivered at least one result (so every worker is up, and past its first task),
     * and ends at the last arrival.
     *
     * @param arrivalNs the arrival time of each result, in arrival order.
     * @param slots     the worker slot of each result, same order.
     * @param count     how many entries of the arrays are filled.
     * @return the window, or {@link Window#NONE} when no result arrived after the start.
     */
    public static Window steadyWindow(final long[] arrivalNs, final int[] slots, final int count) {
        if (count < 2) {
            return Window.NONE;
        }
        int maxSlot = 0;
        for (int i = 0; i < count; i++) {
            maxSlot = Math.max(maxSlot, slots[i]);
        }
        final boolean[] seen = new boolean[maxSlot + 1];
        int start = 0;
        for (int i = 0; i < count; i++) {
            if (!seen[slots[i]]) {
                seen[slots[i]] = true;
                start = i;
            }
        }
        final int after = count - 1 - start;
        return after <= 0 ? Window.NONE : new Window(arrivalNs[count - 1] - arrivalNs[start], after);
    }

    /**
     * @param nanos from the start arrival to the last.
     * @param tasks the results that arrived after the start arrival.
     */
    public record Window(long nanos, int tasks) {
        public static final Window NONE = new Window(0, 0);

        public boolean isEmpty() {
            return tasks == 0;
        }

        public double nanosPerTask() {
            return tasks == 0 ? Double.NaN : (double) nanos / tasks;
        }
    }
}

package example.strategysweep;

import forecastfarm.api.Args;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The windows to sweep and the trading cost. Each of {@code fast} and {@code slow} is either an array of windows in
 * days ({@code [5, 10, 20]}) or a range object ({@code {"from": 5, "to": 50, "step": 1}}, both ends included);
 * {@code cost_bps} is the cost of one trade (a buy or a sell) in basis points of the position, 0 or more. Every pair
 * with {@code fast < slow} is backtested.
 *
 * @param fastWindows fast moving-average windows in days, each at least 1, in the order given.
 * @param slowWindows slow moving-average windows in days, each at least 1, in the order given.
 * @param costBps     the cost of one trade in basis points (1 bp = 0.01 %).
 */
record SweepGrid(int[] fastWindows, int[] slowWindows, double costBps) {
    /** Default fast windows: 2, 3, ..., 60 days. */
    static final int[] DEFAULT_FAST_WINDOWS = IntStream.rangeClosed(2, 60).toArray();
    /**
     * Default slow windows: 10, 11, ..., 120 days; with the fast ones, 5,223 pairs. A longest window of 120 leaves
     * about half a year to evaluate on a year of closes (the sample's 238 days).
     */
    static final int[] DEFAULT_SLOW_WINDOWS = IntStream.rangeClosed(10, 120).toArray();
    /** Default cost of one trade: 5 basis points. */
    static final double DEFAULT_COST_BPS = 5;

    static SweepGrid defaults() {
        return new SweepGrid(DEFAULT_FAST_WINDOWS, DEFAULT_SLOW_WINDOWS, DEFAULT_COST_BPS);
    }

    /**
     * The grid that {@code args} gives, each field missing or null falling back to {@code fallback}'s.
     *
     * @throws IllegalArgumentException naming the argument when a window is not a whole number of at least 1, a
     *     range is empty, the cost is negative, or no pair has {@code fast < slow}.
     */
    static SweepGrid from(final Args args, final SweepGrid fallback) {
        final int[] fast = args.asMap().get("fast") == null ? fallback.fastWindows : windows(args, "fast");
        final int[] slow = args.asMap().get("slow") == null ? fallback.slowWindows : windows(args, "slow");
        final double costBps = args.number("cost_bps", fallback.costBps);
        if (costBps < 0) {
            throw new IllegalArgumentException("argument 'cost_bps' is " + costBps + ", not 0 or more");
        }
        final SweepGrid grid = new SweepGrid(fast, slow, costBps);
        if (grid.pairCount() == 0) {
            throw new IllegalArgumentException("no pair of windows with fast < slow: argument 'fast' is "
                    + Arrays.toString(fast) + " and argument 'slow' is " + Arrays.toString(slow));
        }
        return grid;
    }

    private static int[] windows(final Args args, final String name) {
        if (args.asMap().get(name) instanceof List<?>) {
            final double[] values = args.doubles(name);
            final int[] windows = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                if (values[i] != Math.rint(values[i]) || values[i] < 1 || values[i] > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("argument '" + name + "': element " + i + " is " + values[i]
                            + ", not a window of 1 day or more");
                }
                windows[i] = (int) values[i];
            }
            return windows;
        }
        final Args range;
        try {
            range = args.object(name);
        } catch (IllegalArgumentException notObject) {
            throw new IllegalArgumentException("argument '" + name + "' is neither an array of windows nor a range"
                    + " {\"from\": A, \"to\": B, \"step\": C}: " + notObject.getMessage());
        }
        final int from = rangeField(range, name, "from");
        final int to = rangeField(range, name, "to");
        final int step = range.has("step") ? rangeField(range, name, "step") : 1;
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("argument '" + name + "': the range " + from + ".." + to
                    + " holds no window of 1 day or more (need 1 <= from <= to)");
        }
        return IntStream.iterate(from, w -> w <= to && w > 0, w -> w + step).toArray();
    }

    private static int rangeField(final Args range, final String name, final String field) {
        try {
            final int value = range.integer(field);
            if (field.equals("step") && value < 1) {
                throw new IllegalArgumentException("step is " + value + ", not 1 or more");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("argument '" + name + "': " + e.getMessage());
        }
    }

    /** The number of pairs with {@code fast < slow} (duplicates in a list count twice). */
    int pairCount() {
        int pairs = 0;
        for (final int fast : fastWindows) {
            for (final int slow : slowWindows) {
                pairs += fast < slow ? 1 : 0;
            }
        }
        return pairs;
    }

    /** The largest slow window that is in a pair, or 0 when there is none. */
    int largestSlowWindow() {
        int largest = 0;
        for (final int fast : fastWindows) {
            for (final int slow : slowWindows) {
                if (fast < slow) {
                    largest = Math.max(largest, slow);
                }
            }
        }
        return largest;
    }

    /** The cost of one trade as a fraction of the position: {@code costBps / 10000}. */
    double costFraction() {
        return costBps / 10_000;
    }
}

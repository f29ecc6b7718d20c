package example.strategysweep;

/**
 * A long/flat moving-average crossover on one price series, over a fixed evaluation period, in O(n) per pair of
 * windows (each moving average is two prefix-sum look-ups).
 *
 * <p>The rules, with {@code MA_w(t)} the mean of the {@code w} closes ending at day {@code t}:
 * <ul>
 *   <li>Signal at the close of day t: long when {@code MA_fast(t) > MA_slow(t)} by more than one part in 10^9 of
 *       {@code MA_slow(t)} (equal averages, up to rounding, are flat), else flat.</li>
 *   <li>No look-ahead: the position held over day t (from close t-1 to close t) is the signal at close t-1, which
 *       uses closes up to t-1 only.</li>
 *   <li>Evaluation days are {@code start .. n-1}, the same for every pair of a sweep ({@code start} is the sweep's
 *       largest slow window, so every average exists at close {@code start - 1}); the strategy is flat before.</li>
 *   <li>Net return of day t: {@code position(t) * (close(t)/close(t-1) - 1) - cost * |position(t) - position(t-1)|};
 *       a trade (any change of position) costs {@code cost} on the day it is held. A position still open at the end
 *       is not closed.</li>
 * </ul>
 */
final class CrossoverBacktest {
    /** Long only when the fast average is above the slow one by more than this fraction of the slow one. */
    static final double SIGNAL_TOLERANCE = 1e-9;

    private final PriceSeries prices;
    private final int startIndex;
    private final double costFraction;
    private final PerformanceMeter meter = new PerformanceMeter();

    /**
     * @param prices       the closes.
     * @param startIndex   the first evaluation day; at least the largest slow window to be run, and at most n - 2.
     * @param costFraction the cost of one trade as a fraction of the position (5 bp = 0.0005).
     */
    CrossoverBacktest(final PriceSeries prices, final int startIndex, final double costFraction) {
        this.prices = prices;
        this.startIndex = startIndex;
        this.costFraction = costFraction;
    }

    /** The backtest of one pair; needs {@code slowWindow <= startIndex}. */
    Performance run(final int fastWindow, final int slowWindow) {
        meter.reset();
        int position = 0;
        for (int day = startIndex; day < prices.size(); day++) {
            final double slowAverage = prices.movingAverage(day - 1, slowWindow);
            final double fastAverage = prices.movingAverage(day - 1, fastWindow);
            final int next = fastAverage - slowAverage > SIGNAL_TOLERANCE * slowAverage ? 1 : 0;
            double netReturn = next * prices.dailyReturn(day);
            if (next != position) {
                netReturn -= costFraction;
                meter.trade();
                position = next;
            }
            meter.day(netReturn);
        }
        return meter.performance();
    }

    /** Buy-and-hold over the same days: long from close {@code start - 1}, one trade (the entry) with its cost. */
    Performance buyAndHold() {
        meter.reset();
        meter.trade();
        for (int day = startIndex; day < prices.size(); day++) {
            meter.day(prices.dailyReturn(day) - (day == startIndex ? costFraction : 0));
        }
        return meter.performance();
    }
}

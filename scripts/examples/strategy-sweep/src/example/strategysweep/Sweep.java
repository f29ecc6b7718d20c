package example.strategysweep;

/**
 * Backtests every (fast, slow) pair of a grid with {@code fast < slow} on one series over one common evaluation
 * period, and keeps the best: highest Sharpe ratio, then fewest trades, then the smaller fast window, then the
 * smaller slow window.
 */
final class Sweep {
    private Sweep() {}

    /**
     * @throws IllegalArgumentException naming {@code close} when the series is shorter than the largest slow window
     *     plus 2 (that many closes give the first signal and two days of returns, the fewest a Sharpe ratio needs).
     */
    static SweepResult run(final PriceSeries prices, final SweepGrid grid) {
        final int startIndex = grid.largestSlowWindow();
        final int needed = startIndex + 2;
        if (prices.size() < needed) {
            throw new IllegalArgumentException("argument 'close' has " + prices.size() + " prices, but the largest"
                    + " slow window (" + startIndex + " days) needs at least " + needed
                    + " (the window, then two days of returns)");
        }
        final CrossoverBacktest backtest = new CrossoverBacktest(prices, startIndex, grid.costFraction());
        Performance best = null;
        int bestFast = 0;
        int bestSlow = 0;
        int pairs = 0;
        for (final int fast : grid.fastWindows()) {
            for (final int slow : grid.slowWindows()) {
                if (fast >= slow) {
                    continue;
                }
                pairs++;
                final Performance candidate = backtest.run(fast, slow);
                final int rank = best == null ? 1 : candidate.compareRank(best);
                if (rank > 0 || (rank == 0 && (fast < bestFast || (fast == bestFast && slow < bestSlow)))) {
                    best = candidate;
                    bestFast = fast;
                    bestSlow = slow;
                }
            }
        }
        return new SweepResult(startIndex - 1, pairs, bestFast, bestSlow, best, backtest.buyAndHold());
    }
}

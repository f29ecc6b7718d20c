package example.strategysweep;

/**
 * Folds a strategy's daily net returns, one at a time, into a {@link Performance}: compounded equity, its running
 * peak and deepest drawdown, and Welford's running mean and sum of squared deviations for the Sharpe ratio. Reusable
 * after {@link #reset()}; not thread-safe.
 */
final class PerformanceMeter {
    private double equity;
    private double peakEquity;
    private double maxDrawdown;
    private int days;
    private double mean;
    private double squaredDeviations;
    private int trades;

    PerformanceMeter() {
        reset();
    }

    void reset() {
        equity = 1;
        peakEquity = 1;
        maxDrawdown = 0;
        days = 0;
        mean = 0;
        squaredDeviations = 0;
        trades = 0;
    }

    /** Counts one trade (its cost is already in the day's net return). */
    void trade() {
        trades++;
    }

    /** Adds one day's net return (a fraction: 0.01 is +1 %). */
    void day(final double netReturn) {
        equity *= 1 + netReturn;
        peakEquity = Math.max(peakEquity, equity);
        maxDrawdown = Math.max(maxDrawdown, 1 - equity / peakEquity);
        days++;
        final double delta = netReturn - mean;
        mean += delta / days;
        squaredDeviations += delta * (netReturn - mean);
    }

    /** The performance over the days added so far (at least 2 for a Sharpe ratio, else NaN). */
    Performance performance() {
        final double sd = days > 1 ? Math.sqrt(squaredDeviations / (days - 1)) : 0;
        final double sharpe = sd > 0 ? mean / sd * Math.sqrt(Performance.TRADING_DAYS_PER_YEAR) : Double.NaN;
        return new Performance(equity - 1, sharpe, maxDrawdown, trades);
    }
}

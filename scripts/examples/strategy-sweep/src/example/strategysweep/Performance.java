package example.strategysweep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one strategy did over the evaluation period.
 *
 * @param totalReturn the growth of 1 invested at the start, less 1: {@code prod(1 + x_t) - 1} over the daily net
 *     returns {@code x_t}.
 * @param sharpe      the annualised Sharpe ratio, risk-free rate 0: {@code mean(x) / sd(x) * sqrt(252)}, with the
 *     sample standard deviation (divisor m - 1); NaN (JSON null) when sd(x) is 0, e.g. a strategy that never trades.
 * @param maxDrawdown the largest fall of the equity curve from its running peak, as a fraction of the peak
 *     ({@code 0.25} is a 25 % fall); the curve starts at 1 before the first day; 0 when it never falls.
 * @param trades      how many times the position changed (each buy and each sell is a trade), counting the entry
 *     at the start of the period when the strategy starts long.
 */
record Performance(double totalReturn, double sharpe, double maxDrawdown, int trades) {
    /** Trading days in a year, for annualising. */
    static final int TRADING_DAYS_PER_YEAR = 252;

    /** The fields as a JSON object, in this order: total_return, sharpe, max_drawdown, trades. */
    Map<String, Object> toMap() {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("total_return", totalReturn);
        map.put("sharpe", sharpe);
        map.put("max_drawdown", maxDrawdown);
        map.put("trades", trades);
        return map;
    }

    /**
     * Whether this ranks above {@code other}: higher Sharpe (NaN below every number, NaNs equal), then fewer
     * trades. Windows, the last tie-break, are the caller's.
     */
    int compareRank(final Performance other) {
        final boolean mine = !Double.isNaN(sharpe);
        final boolean theirs = !Double.isNaN(other.sharpe);
        if (mine != theirs) {
            return mine ? 1 : -1;
        }
        if (mine && sharpe != other.sharpe) {
            return sharpe > other.sharpe ? 1 : -1;
        }
        return Integer.compare(other.trades, trades);
    }
}

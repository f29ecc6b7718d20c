package example.strategysweep;

import forecastfarm.api.Args;
import forecastfarm.api.KindSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one stock's sweep per task: reads {@code close} (and optional {@code dates}), takes the grid from the task's
 * {@code fast}, {@code slow} and {@code cost_bps} or else the job's defaults, and returns a JSON object:
 * <pre>
 * { "prices": n,
 *   "evaluation": { "from": date, "to": date, "days": m },
 *   "grid": { "pairs": P, "fast_windows": F, "slow_windows": S, "cost_bps": c },
 *   "best": { "fast", "slow", "total_return", "sharpe", "max_drawdown", "trades" },
 *   "buy_and_hold": { "total_return", "sharpe", "max_drawdown", "trades" } }
 * </pre>
 * Without {@code dates}, {@code from} and {@code to} are 0-based indices into {@code close}. Keeps no state between
 * tasks.
 */
final class StrategySweepSession implements KindSession {
    private final SweepGrid defaults;

    StrategySweepSession(final SweepGrid defaults) {
        this.defaults = defaults;
    }

    @Override
    public Object run(final String key, final Args args) {
        final PriceSeries prices = PriceSeries.from(args);
        final SweepGrid grid = SweepGrid.from(args, defaults);
        final SweepResult sweep = Sweep.run(prices, grid);
        final int startIndex = sweep.evaluationStartIndex();
        final int endIndex = prices.size() - 1;

        final Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put("from", label(prices, startIndex));
        evaluation.put("to", label(prices, endIndex));
        evaluation.put("days", endIndex - startIndex);

        final Map<String, Object> gridMap = new LinkedHashMap<>();
        gridMap.put("pairs", sweep.pairs());
        gridMap.put("fast_windows", grid.fastWindows().length);
        gridMap.put("slow_windows", grid.slowWindows().length);
        gridMap.put("cost_bps", grid.costBps());

        final Map<String, Object> best = new LinkedHashMap<>();
        best.put("fast", sweep.bestFast());
        best.put("slow", sweep.bestSlow());
        best.putAll(sweep.best().toMap());

        final Map<String, Object> result = new LinkedHashMap<>();
        result.put("prices", prices.size());
        result.put("evaluation", evaluation);
        result.put("grid", gridMap);
        result.put("best", best);
        result.put("buy_and_hold", sweep.buyAndHold().toMap());
        return result;
    }

    /** Nothing to release. */
    @Override
    public void close() {}

    private static Object label(final PriceSeries prices, final int index) {
        final List<String> dates = prices.dates();
        return dates == null ? (Object) index : dates.get(index);
    }
}

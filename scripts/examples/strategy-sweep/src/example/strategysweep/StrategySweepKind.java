package example.strategysweep;

import forecastfarm.api.Args;
import forecastfarm.api.KindSession;
import forecastfarm.api.TaskKind;

/**
 * The {@code strategy-sweep} task kind: per stock, a moving-average crossover backtest for every (fast, slow) pair
 * of a grid, and the best pair by Sharpe ratio. Listed in {@code META-INF/services/forecastfarm.api.TaskKind}.
 *
 * <p>The job's settings may give defaults for the task arguments {@code fast}, {@code slow} and {@code cost_bps}
 * (see {@link SweepGrid}); a task's own arguments win. Bad settings fail here, once, naming the setting.
 */
public final class StrategySweepKind implements TaskKind {
    /** The name users pass to {@code farm run --kind}. */
    public static final String NAME = "strategy-sweep";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KindSession open(final Args settings) {
        return new StrategySweepSession(SweepGrid.from(settings, SweepGrid.defaults()));
    }
}

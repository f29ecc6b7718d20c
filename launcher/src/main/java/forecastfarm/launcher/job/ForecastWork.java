package forecastfarm.launcher.job;

import forecastfarm.launcher.api.ForecastFarm;
import forecastfarm.launcher.io.ForecastTable;
import java.util.List;

/** {@code farm forecast}'s work: each series forecast by every model, written to forecasts.csv. */
final class ForecastWork implements SeriesWork {
    private final ForecastRows rows;

    ForecastWork(final ForecastTable table, final int horizon) {
        this.rows = new ForecastRows(table, horizon);
    }

    @Override
    public String name() {
        return "forecast";
    }

    @Override
    public String fingerprint() {
        return name();
    }

    @Override
    public String doing() {
        return "forecasting";
    }

    @Override
    public void configure(final ForecastFarm.Builder farm) {}

    @Override
    public List<ResultTable> tables() {
        return List.of(rows);
    }
}

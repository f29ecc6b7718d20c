package forecastfarm.launcher.job;

import forecastfarm.launcher.api.ForecastFarm;
import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.io.ForecastTable;
import forecastfarm.launcher.report.ModelBand;
import forecastfarm.launcher.report.SeriesPlotData;
import forecastfarm.shared.forecast.ModelForecast;
import java.util.ArrayList;
import java.util.List;

/** {@code farm forecast}'s work: each series forecast by every model, written to forecasts.csv. */
final class ForecastWork implements SeriesWork {
    private final ForecastRows rows;
    private final int horizon;
    private final int batchSize;

    /** @param batchSize series per task ({@code --batch-size}), 1 for none. */
    ForecastWork(final ForecastTable table, final int horizon, final int batchSize) {
        this.rows = new ForecastRows(table, horizon);
        this.horizon = horizon;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return "forecast";
    }

    @Override
    public String fingerprint() {
        // batches are another job in the farm dir: their results are stored under batch keys, not series ids
        return batchSize == 1 ? name() : name() + " batch=" + batchSize;
    }

    @Override
    public String doing() {
        return "forecasting";
    }

    @Override
    public void configure(final ForecastFarm.Builder farm) {
        farm.batchSize(batchSize);
    }

    @Override
    public List<ResultTable> tables() {
        return List.of(rows);
    }

    /** The recent history and every model that forecast, after it. */
    @Override
    public SeriesPlotData plotData(final SubmittedSeries series, final SeriesResult result) {
        final List<ModelBand> bands = new ArrayList<>();
        for (final ModelForecast f : result.forecasts()) {
            if (f.ok()) {
                bands.add(ModelBand.of(f));
            }
        }
        return bands.isEmpty()
                ? null
                : SeriesPlotData.forecast(
                        result.id(),
                        series.recentDs(),
                        series.recent(),
                        series.axis().future(horizon),
                        bands,
                        series.seasonLength());
    }
}

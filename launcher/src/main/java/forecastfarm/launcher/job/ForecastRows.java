package forecastfarm.launcher.job;

import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.io.ForecastTable;
import forecastfarm.shared.forecast.ModelForecast;
import java.util.List;

/** forecasts.csv: each model's forecast of a series, in the columns of a {@link ForecastTable}. */
final class ForecastRows implements ResultTable {
    static final String FILE_NAME = "forecasts.csv";

    private final ForecastTable table;
    private final int horizon;

    ForecastRows(final ForecastTable table, final int horizon) {
        this.table = table;
        this.horizon = horizon;
    }

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public List<String> header() {
        return table.header();
    }

    @Override
    public List<String[]> rows(final SubmittedSeries series, final SeriesResult result) {
        final String[] ds =
                series == null ? numberedSteps(horizon) : series.axis().future(horizon);
        return table.rows(result.id(), ds, result.forecasts());
    }

    @Override
    public List<String> modelFailures(final SeriesResult result) {
        return result.forecasts().stream()
                .filter(forecast -> !forecast.ok())
                .map(ForecastRows::failure)
                .toList();
    }

    private static String failure(final ModelForecast forecast) {
        return forecast.model() + ": " + forecast.error();
    }

    static String[] numberedSteps(final int steps) {
        final String[] numbered = new String[steps];
        for (int i = 0; i < steps; i++) {
            numbered[i] = Integer.toString(i + 1);
        }
        return numbered;
    }
}

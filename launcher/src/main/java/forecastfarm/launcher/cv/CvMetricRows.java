package forecastfarm.launcher.cv;

import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.io.ForecastCsvWriter;
import forecastfarm.launcher.job.ResultTable;
import forecastfarm.launcher.job.SubmittedSeries;
import forecastfarm.shared.forecast.CvResult;
import java.util.ArrayList;
import java.util.List;

/**
 * cv_metrics.csv: a row per series and model, its scores over the windows it forecast: {@code unique_id, model,
 * windows, mae, rmse, smape, mase}, then {@code coverage-L, msis-L} for each level (see {@link CvResult.Score}; the
 * scaled ones divided by each window's own training part's mean absolute seasonal difference). Empty cells where a
 * score is undefined (a constant training part, a model without intervals).
 */
final class CvMetricRows implements ResultTable {
    static final String FILE_NAME = "cv_metrics.csv";

    private final double[] levels;
    private final List<String> header;

    CvMetricRows(final double[] levels) {
        this.levels = levels.clone();
        final List<String> columns =
                new ArrayList<>(List.of("unique_id", "model", "windows", "mae", "rmse", "smape", "mase"));
        for (final double level : levels) {
            columns.add("coverage-" + ForecastCsvWriter.formatNumber(level));
            columns.add("msis-" + ForecastCsvWriter.formatNumber(level));
        }
        this.header = List.copyOf(columns);
    }

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public List<String[]> rows(final SubmittedSeries series, final SeriesResult result) {
        final List<String[]> rows = new ArrayList<>();
        for (final CvResult.Score score : result.cv().scores()) {
            if (score.windows() == 0) {
                continue;
            }
            final String[] row = new String[header.size()];
            row[0] = result.id();
            row[1] = score.model();
            row[2] = Integer.toString(score.windows());
            row[3] = ForecastCsvWriter.formatNumber(score.mae());
            row[4] = ForecastCsvWriter.formatNumber(score.rmse());
            row[5] = ForecastCsvWriter.formatNumber(score.smape());
            row[6] = ForecastCsvWriter.formatNumber(score.mase());
            for (int i = 0; i < levels.length; i++) {
                final int at = CvRows.indexOf(score.levels(), levels[i]);
                row[7 + 2 * i] = at < 0 ? "" : ForecastCsvWriter.formatNumber(score.coverage()[at]);
                row[8 + 2 * i] = at < 0 ? "" : ForecastCsvWriter.formatNumber(score.msis()[at]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Override
    public List<String> modelFailures(final SeriesResult result) {
        return List.of();
    }
}

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
 * windows, mae, rmse, smape, mase}, then {@code coverage-L, msis-L} for each level, then {@code mase-h1 ... mase-hH},
 * the scaled error at each horizon step (see {@link CvResult.Score}; the scaled ones divided by each window's own
 * training part's mean absolute seasonal difference). Empty cells where a score is undefined (a constant training
 * part, a model without intervals). summary.json's and report.html's scores are read back from this file
 * ({@link CvScoreboard}), so that a run, a resumed run and a merge of shards score the same rows the same way.
 */
final class CvMetricRows implements ResultTable {
    static final String FILE_NAME = "cv_metrics.csv";

    private final double[] levels;
    private final List<String> header;

    CvMetricRows(final double[] levels, final int horizon) {
        this.levels = levels.clone();
        final List<String> columns =
                new ArrayList<>(List.of("unique_id", "model", "windows", "mae", "rmse", "smape", "mase"));
        for (final double level : levels) {
            columns.add("coverage-" + ForecastCsvWriter.formatNumber(level));
            columns.add("msis-" + ForecastCsvWriter.formatNumber(level));
        }
        for (int step = 1; step <= horizon; step++) {
            columns.add(stepColumn(step));
        }
        this.header = List.copyOf(columns);
    }

    /** @return the column of the scaled error at {@code step} (from 1): {@code mase-h1}. */
    static String stepColumn(final int step) {
        return CvSection.STEP_COLUMN_PREFIX + step;
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
            final double[] byStep = score.scaledErrorByStep();
            for (int step = 0; 7 + 2 * levels.length + step < row.length; step++) {
                row[7 + 2 * levels.length + step] =
                        step < byStep.length ? ForecastCsvWriter.formatNumber(byStep[step]) : "";
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

package forecastfarm.launcher.cv;

import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.io.ForecastCsvWriter;
import forecastfarm.launcher.job.ResultTable;
import forecastfarm.launcher.job.SubmittedSeries;
import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ModelForecast;
import java.util.ArrayList;
import java.util.List;

/**
 * cv.csv: every window's forecasts beside the actual values, a row per series, window, model and step, as
 * statsforecast's {@code cross_validation} in the long shape: {@code unique_id, ds, cutoff, y, model, forecast,
 * lo-L, hi-L...} and {@code model_spec}, what the model fitted on that window's training part. A model that failed in
 * a window has no rows for it (failed.csv says why).
 */
final class CvRows implements ResultTable {
    static final String FILE_NAME = "cv.csv";

    private final double[] levels;
    private final List<String> header;

    CvRows(final double[] levels) {
        this.levels = levels.clone();
        final List<String> columns = new ArrayList<>(List.of("unique_id", "ds", "cutoff", "y", "model", "forecast"));
        for (final double level : levels) {
            columns.add("lo-" + ForecastCsvWriter.formatNumber(level));
            columns.add("hi-" + ForecastCsvWriter.formatNumber(level));
        }
        columns.add("model_spec");
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
        for (final CvResult.Window window : result.cv().windows()) {
            final String cutoff = ds(series, window.cutoff());
            for (final ModelForecast forecast : window.forecasts()) {
                if (!forecast.ok()) {
                    continue;
                }
                for (int step = 0; step < window.actual().length; step++) {
                    rows.add(row(result.id(), ds(series, window.cutoff() + 1 + step), cutoff, window, forecast, step));
                }
            }
        }
        return rows;
    }

    private String[] row(
            final String id,
            final String ds,
            final String cutoff,
            final CvResult.Window window,
            final ModelForecast forecast,
            final int step) {
        final String[] row = new String[header.size()];
        row[0] = id;
        row[1] = ds;
        row[2] = cutoff;
        row[3] = ForecastCsvWriter.formatNumber(window.actual()[step]);
        row[4] = forecast.model();
        row[5] = ForecastCsvWriter.formatNumber(forecast.mean()[step]);
        for (int i = 0; i < levels.length; i++) {
            final int at = indexOf(forecast.levels(), levels[i]);
            row[6 + 2 * i] = at < 0 ? "" : ForecastCsvWriter.formatNumber(forecast.lower()[at][step]);
            row[7 + 2 * i] = at < 0 ? "" : ForecastCsvWriter.formatNumber(forecast.upper()[at][step]);
        }
        row[row.length - 1] = forecast.method();
        return row;
    }

    static int indexOf(final double[] levels, final double level) {
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] == level) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @return the ds label of the series' point {@code index} (from 0), from the labels the job kept of its last
     *     points; the point's number from 1 when the job has none for it.
     */
    static String ds(final SubmittedSeries series, final int index) {
        if (series != null) {
            final String[] tail = series.tailDs();
            final int at = index - (series.axis().length() - tail.length);
            if (at >= 0 && at < tail.length) {
                return tail[at];
            }
        }
        return Integer.toString(index + 1);
    }

    /** @return "model: reason" for each model that failed in every window, and "model: failed in k of n windows". */
    @Override
    public List<String> modelFailures(final SeriesResult result) {
        final List<CvResult.Window> windows = result.cv().windows();
        final List<String> failures = new ArrayList<>();
        if (windows.isEmpty()) {
            return failures;
        }
        for (int m = 0; m < windows.get(0).forecasts().size(); m++) {
            int failed = 0;
            String firstError = "";
            String model = "";
            for (final CvResult.Window window : windows) {
                final ModelForecast forecast = window.forecasts().get(m);
                model = forecast.model();
                if (!forecast.ok()) {
                    firstError = failed == 0
                            ? "cutoff point " + (window.cutoff() + 1) + ": " + forecast.error()
                            : firstError;
                    failed++;
                }
            }
            if (failed > 0) {
                failures.add(model + ": failed in " + failed + " of " + windows.size() + " windows (first, "
                        + firstError + ")");
            }
        }
        return failures;
    }
}

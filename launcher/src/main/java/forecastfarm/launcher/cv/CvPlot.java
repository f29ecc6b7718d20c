package forecastfarm.launcher.cv;

import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.job.SubmittedSeries;
import forecastfarm.launcher.report.ForecastWindow;
import forecastfarm.launcher.report.ModelBand;
import forecastfarm.launcher.report.SeriesPlotData;
import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ModelForecast;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the plot of a cross-validated series shows: its recent history through the windows' points (the actual
 * values), each window's forecasts by every model that did not fail in it, from the window's cutoff, and each model's
 * MASE over its windows in the title.
 */
final class CvPlot {
    private CvPlot() {}

    /**
     * @param series the series as the job kept it, with its recent history.
     * @return the plot, or null when no model forecast in any window (nothing but the history to draw).
     */
    static SeriesPlotData of(final SubmittedSeries series, final SeriesResult result) {
        final CvResult cv = result.cv();
        if (cv == null) {
            return null;
        }
        // recent holds the series' last points: the point at index i of the series is recent[i - offset]. The job
        // kept at least the windows' points and the cutoff before them (CvWork.tailDs), so every window is in it.
        final int offset = series.axis().length() - series.recent().length;
        final List<ForecastWindow> windows = new ArrayList<>();
        boolean forecast = false;
        for (final CvResult.Window window : cv.windows()) {
            final List<ModelBand> models = new ArrayList<>();
            for (final ModelForecast f : window.forecasts()) {
                if (f.ok()) {
                    models.add(ModelBand.of(f));
                }
            }
            forecast |= !models.isEmpty();
            windows.add(new ForecastWindow(window.cutoff() - offset, models));
        }
        if (!forecast) {
            return null;
        }
        return SeriesPlotData.windows(
                result.id(),
                series.recentDs(),
                series.recent(),
                windows,
                series.seasonLength(),
                caption(cv.scores(), windows.size()));
    }

    /** "MASE over 3 windows: naive 1.23, theta 0.98", n/a where a model has none (a constant training part). */
    static String caption(final List<CvResult.Score> scores, final int windows) {
        final List<String> parts = new ArrayList<>();
        for (final CvResult.Score score : scores) {
            final boolean defined = score.windows() > 0 && Double.isFinite(score.mase());
            parts.add(score.model() + " " + (defined ? String.format(Locale.ROOT, "%.2f", score.mase()) : "n/a"));
        }
        return "MASE over " + windows + (windows == 1 ? " window: " : " windows: ") + String.join(", ", parts);
    }
}

package forecastfarm.launcher.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything one plot shows; independent of the farm. Give the whole history: the writer picks the window.
 *
 * @param id            the series id (user data: any characters)
 * @param historyDs     the history's time labels, same length as {@code history}; or null when unknown (the x
 *                      axis then counts steps, 0 = last observation). ISO dates {@code yyyy-MM-dd}, months
 *                      {@code yyyy-MM}, datetimes {@code yyyy-MM-dd[T ]HH:mm[:ss]} and integers are placed on a
 *                      time or number axis; any other labels are drawn in order, evenly spaced
 * @param history       observed values, oldest first, finite
 * @param futureDs      the forecast's time labels (as many as the longest mean), or null when unknown
 * @param models        the forecasts to draw, in order of preference (the first gets the shaded intervals);
 *                      empty for a failed series
 * @param seasonLength  the season length used (1 if none): the window shows at least two seasons
 * @param failure       why the series has no forecast (shown on the plot), or null when it has one
 * @param valueName     what the values are, the y axis's title: the input's value column ({@code y}, {@code Close},
 *                      {@code --value-col}, a wide file's column header); null or blank for none
 * @param windows       forecasts made from cutoffs inside the history (cross-validation), drawn over its actual
 *                      values with the cutoffs marked; empty for none (then {@code models} and {@code futureDs} are
 *                      for after the history, and unused otherwise)
 * @param caption       the title's text after the id; null for the default (the model names, or "failed")
 */
public record SeriesPlotData(
        String id,
        String[] historyDs,
        double[] history,
        String[] futureDs,
        List<ModelBand> models,
        int seasonLength,
        String failure,
        String valueName,
        List<ForecastWindow> windows,
        String caption) {
    public SeriesPlotData {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(history, "history");
        models = List.copyOf(models == null ? List.of() : models);
        valueName = valueName == null || valueName.isBlank() ? null : valueName.strip();
        windows = List.copyOf(windows == null ? List.of() : windows);
        for (ForecastWindow w : windows) {
            if (w.cutoff() + w.steps() >= history.length) {
                throw new IllegalArgumentException("series " + id + ": a window with cutoff " + w.cutoff() + " and "
                        + w.steps() + " steps runs past the " + history.length + " values");
            }
        }
        if (historyDs != null && historyDs.length != history.length) {
            throw new IllegalArgumentException(
                    "series " + id + ": " + history.length + " values but " + historyDs.length + " ds labels");
        }
        int h = horizonOf(models);
        if (futureDs != null && futureDs.length < h) {
            throw new IllegalArgumentException("series " + id + ": forecasts of " + h + " steps but only "
                    + futureDs.length + " future ds labels");
        }
        if (history.length == 0 && h == 0 && windows.isEmpty()) {
            throw new IllegalArgumentException("series " + id + ": nothing to plot (no history, no forecast)");
        }
    }

    /** A forecast series. */
    public static SeriesPlotData forecast(
            String id,
            String[] historyDs,
            double[] history,
            String[] futureDs,
            List<ModelBand> models,
            int seasonLength) {
        return new SeriesPlotData(id, historyDs, history, futureDs, models, seasonLength, null, null, null, null);
    }

    /**
     * A series' history with forecasts made from cutoffs inside it (cross-validation's windows).
     *
     * @param caption the title's text after the id (the windows' scores)
     */
    public static SeriesPlotData windows(
            String id,
            String[] historyDs,
            double[] history,
            List<ForecastWindow> windows,
            int seasonLength,
            String caption) {
        return new SeriesPlotData(id, historyDs, history, null, null, seasonLength, null, null, windows, caption);
    }

    /** A failed series: its history and the reason. */
    public static SeriesPlotData failed(
            String id, String[] historyDs, double[] history, int seasonLength, String reason) {
        return new SeriesPlotData(
                id, historyDs, history, null, List.of(), seasonLength, reason == null ? "" : reason, null, null, null);
    }

    /** The same plot with {@code valueName} as the y axis's title. */
    public SeriesPlotData withValueName(String valueName) {
        return new SeriesPlotData(
                id, historyDs, history, futureDs, models, seasonLength, failure, valueName, windows, caption);
    }

    /** Longest forecast among the models (0 without models). */
    public int horizon() {
        return horizonOf(models);
    }

    /** Points of the history after the earliest window's cutoff, the span its windows cover (0 without windows). */
    public int windowSpan() {
        int first = history.length - 1;
        for (ForecastWindow w : windows) {
            first = Math.min(first, w.cutoff());
        }
        return windows.isEmpty() ? 0 : history.length - 1 - first;
    }

    private static int horizonOf(List<ModelBand> models) {
        int h = 0;
        for (ModelBand m : models) {
            h = Math.max(h, m.mean().length);
        }
        return h;
    }
}

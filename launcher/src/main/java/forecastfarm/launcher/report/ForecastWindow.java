package forecastfarm.launcher.report;

import java.util.List;
import java.util.Objects;

/**
 * Forecasts made from a point inside the plotted history (a cross-validation window): the models' forecasts of the
 * points after {@code cutoff}, drawn over the actual values there.
 *
 * @param cutoff the index in the plot's history (from 0) of the window's last training point
 * @param models its forecasts, in the plot's model order (a model that failed in this window is left out); each no
 *               longer than the history after the cutoff
 */
public record ForecastWindow(int cutoff, List<ModelBand> models) {
    public ForecastWindow {
        Objects.requireNonNull(models, "models");
        models = List.copyOf(models);
        if (cutoff < 0) {
            throw new IllegalArgumentException("cutoff " + cutoff + " is before the history");
        }
    }

    /** Points after the cutoff that its longest forecast covers (0 without models). */
    public int steps() {
        int h = 0;
        for (ModelBand m : models) {
            h = Math.max(h, m.mean().length);
        }
        return h;
    }
}

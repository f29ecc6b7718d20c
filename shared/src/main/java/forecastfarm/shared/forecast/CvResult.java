package forecastfarm.shared.forecast;

import forecastfarm.shared.codec.PayloadReader;
import forecastfarm.shared.codec.PayloadWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a successful "cv" task: each window's forecasts, and each model's scores over the windows.
 *
 * <pre>
 *   windows:int n, n x window | scores:int k, k x score
 *   window: cutoff:int | trainStart:int | scale:double | actual:doubles | forecasts:int m, m x {@link ModelForecast}
 *   score:  model:string | windows:int | mae, rmse, smape, mase:double | levels, coverage, msis, scaledErrorByStep:doubles
 * </pre>
 */
public record CvResult(List<Window> windows, List<Score> scores) {

    /**
     * One window.
     *
     * @param cutoff     the index (from 0) of its last training point in the series.
     * @param trainStart the index of its first training point.
     * @param scale      the mean absolute seasonal difference of its training part (lag: the season length, or 1 when
     *                   the part is not longer than a season), which MASE and MSIS divide by; 0 for a constant part.
     * @param actual     the series' values after the cutoff, one per step.
     * @param forecasts  one per model, in the request's order; a model that failed in this window carries its error.
     */
    public record Window(int cutoff, int trainStart, double scale, double[] actual, List<ModelForecast> forecasts) {}

    /**
     * One model's scores over the windows it forecast (the windows where it failed are left out and not counted).
     * Means over every scored point of those windows; NaN when there is none, or, for the scaled ones, when a window's
     * scale is 0.
     *
     * @param windows           the windows it forecast.
     * @param smape             in percent, 0..200.
     * @param mase              the absolute errors, each divided by its window's scale.
     * @param coverage          per level: the share of actual values inside the interval, 0..1.
     * @param msis              per level: the M4 interval score, divided by the window's scale.
     * @param scaledErrorByStep per step: the mean absolute error divided by the window's scale.
     */
    public record Score(
            String model,
            int windows,
            double mae,
            double rmse,
            double smape,
            double mase,
            double[] levels,
            double[] coverage,
            double[] msis,
            double[] scaledErrorByStep) {}

    public byte[] encode() {
        final PayloadWriter out = new PayloadWriter(1024);
        out.putInt(windows.size());
        for (final Window window : windows) {
            out.putInt(window.cutoff()).putInt(window.trainStart());
            out.putLong(Double.doubleToRawLongBits(window.scale())).putDoubles(window.actual());
            out.putInt(window.forecasts().size());
            window.forecasts().forEach(forecast -> forecast.encode(out));
        }
        out.putInt(scores.size());
        for (final Score score : scores) {
            out.putString(score.model()).putInt(score.windows());
            for (final double value : new double[] {score.mae(), score.rmse(), score.smape(), score.mase()}) {
                out.putLong(Double.doubleToRawLongBits(value));
            }
            out.putDoubles(score.levels())
                    .putDoubles(score.coverage())
                    .putDoubles(score.msis())
                    .putDoubles(score.scaledErrorByStep());
        }
        return out.toByteArray();
    }

    public static CvResult decode(final byte[] payload) {
        final PayloadReader in = new PayloadReader(payload);
        final int windowCount = in.getCount(12);
        final List<Window> windows = new ArrayList<>(windowCount);
        for (int w = 0; w < windowCount; w++) {
            final int cutoff = in.getInt();
            final int trainStart = in.getInt();
            final double scale = Double.longBitsToDouble(in.getLong());
            final double[] actual = in.getDoubles();
            final int forecastCount = in.getCount(4);
            final List<ModelForecast> forecasts = new ArrayList<>(forecastCount);
            for (int i = 0; i < forecastCount; i++) {
                forecasts.add(ModelForecast.decode(in));
            }
            windows.add(new Window(cutoff, trainStart, scale, actual, List.copyOf(forecasts)));
        }
        final int scoreCount = in.getCount(8);
        final List<Score> scores = new ArrayList<>(scoreCount);
        for (int i = 0; i < scoreCount; i++) {
            final String model = in.getString();
            final int scored = in.getInt();
            final double[] means = new double[4];
            for (int j = 0; j < means.length; j++) {
                means[j] = Double.longBitsToDouble(in.getLong());
            }
            scores.add(new Score(
                    model,
                    scored,
                    means[0],
                    means[1],
                    means[2],
                    means[3],
                    in.getDoubles(),
                    in.getDoubles(),
                    in.getDoubles(),
                    in.getDoubles()));
        }
        return new CvResult(List.copyOf(windows), List.copyOf(scores));
    }
}

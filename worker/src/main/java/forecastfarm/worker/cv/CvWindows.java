package forecastfarm.worker.cv;

import forecastfarm.shared.forecast.CvRequest;
import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ModelForecast;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rolling-origin windows of a {@link CvRequest} (statsforecast's {@code cross_validation} semantics): each
 * window's training part, what each model forecasts from it, and the actual values after it. Shared by the "cv" task
 * kind and the {@code auto} model, which pass their own way to forecast one model; this package depends only on the
 * shared wire records, so both can use it without a package cycle.
 */
public final class CvWindows {

    /** Training points the first window needs: the models take at least 2, and so does the scale. */
    public static final int MIN_TRAINING_POINTS = 2;

    /** How one model forecasts one window's training part. */
    @FunctionalInterface
    public interface Forecaster {
        /**
         * @param model a model spec of the request.
         * @param part  the window's training part, with the request's horizon, seasons, models and levels.
         * @return the forecast, or a failed one carrying the reason; never throws for a model's failure.
         */
        ModelForecast forecast(String model, ForecastRequest part);
    }

    private CvWindows() {}

    /** @return the points a series needs for the windows: their test parts and {@link #MIN_TRAINING_POINTS}. */
    public static int pointsNeeded(final int horizon, final int windows, final int step) {
        return CvRequest.testPoints(horizon, windows, step) + MIN_TRAINING_POINTS;
    }

    /** @return every window, in window order, each with one forecast per model of the request. */
    public static List<CvResult.Window> windows(final CvRequest request, final Forecaster forecaster) {
        final List<CvResult.Window> windows = new ArrayList<>(request.windows());
        for (int k = 0; k < request.windows(); k++) {
            windows.add(window(request, k, forecaster));
        }
        return List.copyOf(windows);
    }

    /** Window {@code k}: its training part, what each model forecasts from it, and the actual values after it. */
    public static CvResult.Window window(final CvRequest request, final int k, final Forecaster forecaster) {
        final ForecastRequest whole = request.forecast();
        final double[] y = whole.y();
        final int cutoff = request.cutoff(y.length, k);
        final int trainStart = request.trainStart(y.length, k);
        final double[] train = Arrays.copyOfRange(y, trainStart, cutoff + 1);
        final double[] actual = Arrays.copyOfRange(y, cutoff + 1, cutoff + 1 + whole.horizon());
        final ForecastRequest part =
                new ForecastRequest(train, whole.horizon(), whole.seasons(), whole.models(), whole.levels());
        final List<ModelForecast> forecasts = new ArrayList<>(whole.models().size());
        for (final String model : whole.models()) {
            forecasts.add(forecaster.forecast(model, part));
        }
        return new CvResult.Window(
                cutoff, trainStart, CvScoring.scale(train, whole.seasonLength()), actual, List.copyOf(forecasts));
    }

    /** Rejects a request whose first window has fewer than {@link #MIN_TRAINING_POINTS} training points. */
    public static void checkLength(final CvRequest request) {
        final int horizon = request.forecast().horizon();
        if (horizon < 1) {
            throw new IllegalArgumentException("cv needs a horizon of at least 1; got " + horizon);
        }
        if (request.inputSize() != 0 && request.inputSize() < MIN_TRAINING_POINTS) {
            throw new IllegalArgumentException("an input size of " + request.inputSize() + " leaves each window "
                    + request.inputSize() + " training point; the windows need at least " + MIN_TRAINING_POINTS);
        }
        final int points = request.forecast().y().length;
        final int testPoints = CvRequest.testPoints(horizon, request.windows(), request.step());
        final int needed = testPoints + MIN_TRAINING_POINTS;
        if (points < needed) {
            throw new IllegalArgumentException("the series has " + points + " points; H=" + horizon + ", K="
                    + request.windows() + " windows, step " + request.step() + " need at least " + needed
                    + " (the windows' test parts cover " + testPoints + " points and the first window needs "
                    + MIN_TRAINING_POINTS + " training points)");
        }
    }
}

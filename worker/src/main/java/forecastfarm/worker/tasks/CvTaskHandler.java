package forecastfarm.worker.tasks;

import forecastfarm.shared.forecast.CvRequest;
import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ModelForecast;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The "cv" kind: cross-validates every requested model on one series over the {@link CvRequest}'s windows
 * (statsforecast's {@code cross_validation} semantics), refitting each model in each window with
 * {@link ForecastTaskHandler#forecastOne}, and scores the windows with {@link CvScoring}.
 *
 * <p>A model that fails in a window gives a failed forecast for that window while the others go on; the task fails
 * only when the series is too short for the windows, or when no model forecast any window.
 */
public final class CvTaskHandler implements TaskHandler {

    /** Training points the first window needs: the models take at least 2, and so does the scale. */
    static final int MIN_TRAINING_POINTS = 2;

    @Override
    public byte[] handle(final String key, final byte[] payload) {
        return crossValidate(CvRequest.decode(payload)).encode();
    }

    /**
     * @return every window's forecasts, in window order, and each model's score, in the request's order.
     * @throws IllegalArgumentException when the series is too short for the windows (the reason gives the points
     *     needed), or when every model failed in every window (the reason names each model's errors).
     */
    public static CvResult crossValidate(final CvRequest request) {
        checkLength(request);
        final ForecastRequest whole = request.forecast();
        final List<CvResult.Window> windows = new ArrayList<>(request.windows());
        for (int k = 0; k < request.windows(); k++) {
            windows.add(window(request, k));
        }
        failWhenNoModelForecast(whole.models(), windows);
        return new CvResult(
                List.copyOf(windows), CvScoring.scores(whole.models(), whole.levels(), whole.horizon(), windows));
    }

    /** Window {@code k}: its training part, what each model forecasts from it, and the actual values after it. */
    static CvResult.Window window(final CvRequest request, final int k) {
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
            forecasts.add(ForecastTaskHandler.forecastOne(model, part));
        }
        return new CvResult.Window(
                cutoff, trainStart, CvScoring.scale(train, whole.seasonLength()), actual, List.copyOf(forecasts));
    }

    /** Rejects a request whose first window has fewer than {@link #MIN_TRAINING_POINTS} training points. */
    static void checkLength(final CvRequest request) {
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

    /** Throws, naming each model's distinct errors in window order, when no model forecast any window. */
    private static void failWhenNoModelForecast(final List<String> models, final List<CvResult.Window> windows) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("the cv request names no model");
        }
        if (windows.stream().anyMatch(w -> w.forecasts().stream().anyMatch(ModelForecast::ok))) {
            return;
        }
        final StringBuilder reasons = new StringBuilder("no model forecast any window: ");
        for (int i = 0; i < models.size(); i++) {
            final Set<String> errors = new LinkedHashSet<>();
            for (final CvResult.Window window : windows) {
                errors.add(window.forecasts().get(i).error());
            }
            reasons.append(i == 0 ? "" : "; ")
                    .append(models.get(i))
                    .append(": ")
                    .append(String.join(" / ", errors));
        }
        throw new IllegalArgumentException(reasons.toString());
    }
}

package forecastfarm.worker.tasks;

import forecastfarm.shared.forecast.CvRequest;
import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.worker.cv.CvScoring;
import forecastfarm.worker.cv.CvWindows;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The "cv" kind: cross-validates every requested model on one series over the {@link CvRequest}'s windows
 * (statsforecast's {@code cross_validation} semantics, {@link CvWindows}), refitting each model in each window with
 * {@link ForecastTaskHandler#forecastOne}, and scores the windows with {@link CvScoring}.
 *
 * <p>A model that fails in a window gives a failed forecast for that window while the others go on; the task fails
 * only when the series is too short for the windows, or when no model forecast any window.
 */
public final class CvTaskHandler implements TaskHandler {

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
        CvWindows.checkLength(request);
        final ForecastRequest whole = request.forecast();
        final List<CvResult.Window> windows = CvWindows.windows(request, ForecastTaskHandler::forecastOne);
        failWhenNoModelForecast(whole.models(), windows);
        return new CvResult(
                List.copyOf(windows), CvScoring.scores(whole.models(), whole.levels(), whole.horizon(), windows));
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

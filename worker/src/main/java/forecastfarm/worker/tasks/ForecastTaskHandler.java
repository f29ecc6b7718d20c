package forecastfarm.worker.tasks;

import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.shared.forecast.ModelSpec;
import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.ForecastModel;
import forecastfarm.worker.forecast.Inputs;
import forecastfarm.worker.forecast.Models;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits each requested model (a spec in the {@code --model} syntax, e.g. {@code comb:ets+theta}) to the series and
 * forecasts it. A model that cannot fit gives a failed
 * {@link ModelForecast} with its reason while the other models go on; the task fails only when no model could.
 */
public final class ForecastTaskHandler implements TaskHandler {
    @Override
    public byte[] handle(final String key, final byte[] payload) {
        return new ForecastResult(forecastAll(ForecastRequest.decode(payload))).encode();
    }

    /**
     * The forecasting itself, shared by this binary kind and the JSON {@code forecast} kind.
     *
     * @return one forecast per requested model, in the request's order; failed ones carry their reason.
     * @throws IllegalArgumentException when no model could forecast, naming each model's reason.
     */
    public static List<ModelForecast> forecastAll(final ForecastRequest request) {
        final List<ModelForecast> forecasts = new ArrayList<>(request.models().size());
        for (final String model : request.models()) {
            forecasts.add(forecastOne(model, request));
        }
        return requireOneOk(forecasts);
    }

    /**
     * The rule of a series' forecasts, for this kind and the "forecast-batch" kind: the series fails when no model
     * could forecast it.
     *
     * @return {@code forecasts}, when one is ok.
     * @throws IllegalArgumentException when none is, naming each model's reason.
     */
    public static List<ModelForecast> requireOneOk(final List<ModelForecast> forecasts) {
        if (forecasts.stream().noneMatch(ModelForecast::ok)) {
            final StringBuilder reasons = new StringBuilder();
            forecasts.forEach(f -> reasons.append(reasons.length() == 0 ? "" : "; ")
                    .append(f.model())
                    .append(": ")
                    .append(f.error()));
            throw new IllegalArgumentException(reasons.toString());
        }
        return forecasts;
    }

    /**
     * Fits one model to the request's series and forecasts it; shared by the "forecast" kind and the "cv" kind's
     * windows.
     *
     * @param model a spec in the {@code --model} syntax, e.g. "naive" or "comb:ets+theta".
     * @return the forecast, or a failed one carrying the reason (an unknown spec, a series too short for the model, a
     *     non-finite forecast); never throws for a model's failure.
     */
    public static ModelForecast forecastOne(final String model, final ForecastRequest request) {
        try {
            final ForecastModel method = model(model);
            final FittedModel fitted = method.fit(request.y(), request.seasons());
            return toModelForecast(model, method, request, fitted.forecast(request.horizon(), request.levels()));
        } catch (final RuntimeException ex) {
            return failed(model, ex);
        }
    }

    /**
     * @param model a spec in the {@code --model} syntax.
     * @throws IllegalArgumentException for an unknown spec, or a model that cannot be made (a missing file).
     */
    static ForecastModel model(final String model) {
        return Models.forSpec(ModelSpec.parse("model", model));
    }

    /** A forecast of {@code method} for the request's series as the task carries it, the seasons it used noted. */
    static ModelForecast toModelForecast(
            final String model, final ForecastModel method, final ForecastRequest request, final Forecast forecast) {
        // the model says which seasons it used ("uses season 24 of 24,168"), then its forecast's own note
        return forecast.toModelForecast(model, Inputs.joinNotes(method.seasonNote(request.seasons()), forecast.note()));
    }

    /** The failed forecast of a model that threw {@code ex}: its message is the reason. */
    static ModelForecast failed(final String model, final RuntimeException ex) {
        return ModelForecast.failed(model, ex.getMessage() == null ? ex.toString() : ex.getMessage());
    }
}

package forecastfarm.worker.tasks;

import forecastfarm.api.Args;
import forecastfarm.api.KindSession;
import forecastfarm.api.TaskKind;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ModelForecast;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in JSON kind {@code forecast} ({@code farm run --kind forecast}): the binary {@code forecast} kind's
 * models ({@link ForecastTaskHandler#forecastAll}) on JSON arguments ({@link ForecastArgs}).
 *
 * <p>Result: {@code {"models": {"<spec>": {"model_spec": "ETS(M,Ad,N)", "mean": [...], "lo-80": [...],
 * "hi-80": [...], ..., "ds": [...] (only with future_ds), "note": "..." (when non-empty)}}, "failures":
 * {"<spec>": "reason"}}}, models in the order asked, keyed by their canonical spec. When every model fails, the task
 * fails with their reasons. Settings are not used.
 */
public final class JsonForecastKind implements TaskKind {
    public static final String NAME = ForecastRequest.KIND;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KindSession open(final Args settings) {
        return (key, args) -> {
            final ForecastArgs parsed = ForecastArgs.parse(args);
            return result(ForecastTaskHandler.forecastAll(parsed.request()), parsed.futureDs());
        };
    }

    static Map<String, Object> result(final List<ModelForecast> forecasts, final List<String> futureDs) {
        final Map<String, Object> models = new LinkedHashMap<>();
        final Map<String, Object> failures = new LinkedHashMap<>();
        for (final ModelForecast forecast : forecasts) {
            if (!forecast.ok()) {
                failures.put(forecast.model(), forecast.error());
                continue;
            }
            models.put(forecast.model(), forecast(forecast, futureDs));
        }
        final Map<String, Object> result = new LinkedHashMap<>();
        result.put("models", models);
        result.put("failures", failures);
        return result;
    }

    /**
     * @param ds the steps' labels, or null for none.
     * @return one model's forecast: {@code model_spec, mean, lo-L, hi-L..., ds (when given), note (when non-empty)}.
     */
    static Map<String, Object> forecast(final ModelForecast forecast, final List<String> ds) {
        final Map<String, Object> one = new LinkedHashMap<>();
        one.put("model_spec", forecast.method());
        one.put("mean", forecast.mean());
        for (int i = 0; i < forecast.levels().length; i++) {
            final String level = ForecastArgs.formatLevel(forecast.levels()[i]);
            one.put("lo-" + level, forecast.lower()[i]);
            one.put("hi-" + level, forecast.upper()[i]);
        }
        if (ds != null) {
            one.put("ds", ds);
        }
        if (!forecast.note().isEmpty()) {
            one.put("note", forecast.note());
        }
        return one;
    }
}

package forecastfarm.worker.tasks;

import forecastfarm.api.Args;
import forecastfarm.api.KindSession;
import forecastfarm.api.TaskKind;
import forecastfarm.shared.forecast.CvRequest;
import forecastfarm.shared.forecast.CvResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in JSON kind {@code cv} ({@code farm run --kind cv}, served {@code "type": "cv"} jobs): the binary
 * {@code cv} kind ({@link CvTaskHandler#crossValidate}, the same windows and scores) on JSON arguments
 * ({@link CvArgs}).
 *
 * <p>Result: {@code {"windows": [{"cutoff_index": i, "cutoff_ds": "..." (with ds), "models": {"<spec>":
 * {"model_spec", "mean", "lo-L", "hi-L", ..., "y": [the window's actual values], "ds": [the steps' labels] (with ds),
 * "note" (when non-empty)}}, "failures": {"<spec>": "reason"}}, ...], "metrics": {"<spec>": {"windows", "mae",
 * "rmse", "smape", "mase", "coverage-L", "msis-L", ..., "mase-h1", ... "mase-hH"}}}}: windows oldest first,
 * {@code cutoff_index} the index (from 0) of the window's last training point in {@code y}; metrics as cv_metrics.csv has them (null where undefined),
 * for each model that forecast at least one window. A series too short for the windows fails the task with the
 * points it has and the points the windows need, as {@code farm cv} reports it; so does a request where no model
 * forecast any window. Settings are not used.
 */
public final class JsonCvKind implements TaskKind {
    public static final String NAME = CvRequest.KIND;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KindSession open(final Args settings) {
        return (key, args) -> {
            final CvArgs parsed = CvArgs.parse(args);
            return result(CvTaskHandler.crossValidate(parsed.request()), parsed);
        };
    }

    /**
     * @param args the task's arguments, for the labels of the series' points.
     */
    static Map<String, Object> result(final CvResult cv, final CvArgs args) {
        final List<Map<String, Object>> windows = new ArrayList<>(cv.windows().size());
        for (final CvResult.Window window : cv.windows()) {
            List<String> stepDs = null;
            final Map<String, Object> one = new LinkedHashMap<>();
            one.put("cutoff_index", window.cutoff());
            if (args.ds() != null) {
                one.put("cutoff_ds", args.label(window.cutoff()));
                stepDs = new ArrayList<>(window.actual().length);
                for (int step = 1; step <= window.actual().length; step++) {
                    stepDs.add(args.label(window.cutoff() + step));
                }
            }
            one.putAll(JsonForecastKind.result(window.forecasts(), stepDs));
            for (final Object model : ((Map<?, ?>) one.get("models")).values()) {
                @SuppressWarnings("unchecked")
                final Map<String, Object> forecast = (Map<String, Object>) model;
                forecast.put("y", window.actual());
            }
            windows.add(one);
        }
        final Map<String, Object> metrics = new LinkedHashMap<>();
        for (final CvResult.Score score : cv.scores()) {
            if (score.windows() > 0) {
                metrics.put(score.model(), metrics(score));
            }
        }
        final Map<String, Object> result = new LinkedHashMap<>();
        result.put("windows", windows);
        result.put("metrics", metrics);
        return result;
    }

    /** One model's scores, named as cv_metrics.csv's columns. */
    private static Map<String, Object> metrics(final CvResult.Score score) {
        final Map<String, Object> one = new LinkedHashMap<>();
        one.put("windows", score.windows());
        one.put("mae", score.mae());
        one.put("rmse", score.rmse());
        one.put("smape", score.smape());
        one.put("mase", score.mase());
        for (int i = 0; i < score.levels().length; i++) {
            final String level = ForecastArgs.formatLevel(score.levels()[i]);
            one.put("coverage-" + level, score.coverage()[i]);
            one.put("msis-" + level, score.msis()[i]);
        }
        final double[] byStep = score.scaledErrorByStep();
        for (int step = 0; step < byStep.length; step++) {
            one.put("mase-h" + (step + 1), byStep[step]);
        }
        return one;
    }
}

package forecastfarm.worker.tasks;

import forecastfarm.api.TaskKind;
import forecastfarm.shared.forecast.CvRequest;
import forecastfarm.shared.forecast.ForecastBatchRequest;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ModelCheckRequest;
import java.util.List;
import java.util.Map;

/**
 * The kinds every worker has: "forecast" ({@link ForecastTaskHandler}), "forecast-batch" (several series in one task,
 * {@link ForecastBatchTaskHandler}), "cv" (cross-validation over rolling origins,
 * {@link CvTaskHandler}), "model-check" (a job's models made before its series run, {@link ModelCheckTaskHandler}),
 * and the benchmark kinds "noop" (returns its payload) and "spin"
 * (burns the CPU for the microseconds given in its payload); and the JSON kinds of {@code farm run} that come with
 * the worker ({@link #jsonKinds()}).
 */
public final class BuiltInTasks implements TaskHandlerProvider {
    public static final String NOOP = "noop";
    public static final String SPIN = "spin";

    @Override
    public Map<String, TaskHandler> handlers() {
        return Map.of(
                ForecastRequest.KIND,
                new ForecastTaskHandler(),
                ForecastBatchRequest.KIND,
                new ForecastBatchTaskHandler(),
                CvRequest.KIND,
                new CvTaskHandler(),
                ModelCheckRequest.KIND,
                new ModelCheckTaskHandler(),
                NOOP,
                (key, payload) -> payload,
                SPIN,
                new SpinTaskHandler());
    }

    /** The built-in JSON kinds ({@code farm run --kind NAME}): {@code forecast} and {@code cv}. */
    public static List<TaskKind> jsonKinds() {
        return List.of(new JsonForecastKind(), new JsonCvKind());
    }
}

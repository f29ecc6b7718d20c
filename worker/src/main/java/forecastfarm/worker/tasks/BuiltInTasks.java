package forecastfarm.worker.tasks;

import forecastfarm.shared.forecast.ForecastRequest;
import java.util.Map;

/**
 * The kinds every worker has: "forecast", and the benchmark kinds "noop" (returns its payload) and "spin"
 * (burns the CPU for the microseconds given in its payload).
 */
public final class BuiltInTasks implements TaskHandlerProvider {
    public static final String NOOP = "noop";
    public static final String SPIN = "spin";

    @Override
    public Map<String, TaskHandler> handlers() {
        return Map.of(
                ForecastRequest.KIND,
                new ForecastTaskHandler(),
                NOOP,
                (key, payload) -> payload,
                SPIN,
                new SpinTaskHandler());
    }
}

package forecastfarm.worker.forecast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registry of the forecasting models by name. The instances are stateless and shared. */
public final class Models {

    private static final Map<String, ForecastModel> MODELS = build();
    private static final List<String> NAMES = List.copyOf(MODELS.keySet());

    private Models() {}

    private static Map<String, ForecastModel> build() {
        Map<String, ForecastModel> m = new LinkedHashMap<>();
        for (ForecastModel model : new ForecastModel[] {
            new Naive(),
            new SeasonalNaive(),
            new MeanForecast(),
            new Drift(),
            new Naive2(),
            new Theta(),
            new forecastfarm.worker.forecast.ets.Ets(),
            new forecastfarm.worker.forecast.arima.AutoArima(),
            new Combination("comb", List.of("ets", "theta", "arima"), Models::byName)
        }) {
            m.put(model.name(), model);
        }
        return m;
    }

    /**
     * The model registered under {@code name} (exact, case-sensitive).
     *
     * @throws IllegalArgumentException naming the unknown model and listing the known ones
     */
    public static ForecastModel byName(String name) {
        ForecastModel model = name == null ? null : MODELS.get(name);
        if (model == null) {
            throw new IllegalArgumentException(
                    "Unknown forecast model '" + name + "'; known models: " + String.join(", ", NAMES));
        }
        return model;
    }

    /** The registered names in a fixed order. Unmodifiable. */
    public static List<String> names() {
        return NAMES;
    }
}

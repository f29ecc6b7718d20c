package forecastfarm.shared.forecast;

import java.util.List;

/**
 * The names of the models the workers know, so that the launcher can refuse an unknown name before starting any
 * worker. The worker's registry is tested to register exactly these, in this order.
 */
public final class ModelNames {
    public static final List<String> BUILT_IN =
            List.of("naive", "snaive", "mean", "drift", "naive2", "theta", "ets", "arima", "comb");

    private ModelNames() {}

    /**
     * @throws IllegalArgumentException naming the first unknown model (or a repeated one) and listing the known ones.
     */
    public static void requireKnown(final List<String> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no models given; choose from " + String.join(",", BUILT_IN));
        }
        for (int i = 0; i < models.size(); i++) {
            final String model = models.get(i);
            if (!BUILT_IN.contains(model)) {
                throw new IllegalArgumentException("unknown model '" + model + "'; known models: "
                        + String.join(",", BUILT_IN) + " (names are lower case)");
            }
            if (models.indexOf(model) != i) {
                throw new IllegalArgumentException("model '" + model + "' is named twice");
            }
        }
    }
}

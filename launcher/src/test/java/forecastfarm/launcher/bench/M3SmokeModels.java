package forecastfarm.launcher.bench;

import java.util.List;

/**
 * The models the M3 smoke test holds to R's accuracy. A model joins the list when it lands.
 */
final class M3SmokeModels {
    static final List<String> MODELS = List.of("naive2", "theta", "ets", "arima", "comb");

    private M3SmokeModels() {}
}

package forecastfarm.launcher.bench;

import java.util.List;

/**
 * The models the M3 smoke test holds to R's accuracy: those with an R counterpart ({@code comb:ets+theta+arima} is R's
 * mean of its three; the default {@code comb} and ces, dot and mstl have none in R's forecast).
 */
final class M3SmokeModels {
    static final List<String> MODELS = List.of("naive2", "theta", "ets", "arima", "comb:ets+theta+arima");

    private M3SmokeModels() {}
}

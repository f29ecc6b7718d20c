package forecastfarm.worker.forecast;

/** The immutable result of {@link ForecastModel#fit}; safe to share between threads. */
public interface FittedModel {

    /** A readable description, e.g. "Naive method" or "Seasonal naive (m=12)". */
    String method();

    /**
     * Point forecasts and prediction intervals for steps 1..horizon.
     *
     * @param horizon number of steps ahead, at least 1
     * @param levels  interval levels in percent, each strictly between 0 and 100, e.g. {80, 95};
     *                may be empty (point forecasts only); copied, never mutated
     * @throws IllegalArgumentException "Invalid forecast horizon h = 0" for {@code horizon < 1},
     *                                  or when a level is outside (0, 100)
     */
    Forecast forecast(int horizon, double[] levels);
}

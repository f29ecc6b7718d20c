package forecastfarm.worker.forecast;

/**
 * The drift method, as R forecast's rwf(drift = TRUE): a random walk with drift b = mean of the
 * first differences (y[n] - y[1]) / (n - 1); forecasts y[n] + h*b; intervals allow for the
 * drift's standard error: se(h) = sigma * sqrt(h * (1 + h/(n-1))) with sigma^2 the residual
 * variance on n-2 degrees of freedom (like R, when the estimated drift is exactly 0 the squared
 * residuals are divided by n-1 instead).
 *
 * <p>Needs at least 3 observations: with 2 the single difference is the drift itself, no
 * residual degree of freedom is left and R's intervals are NaN. The season length is validated
 * but not used.
 */
public final class Drift implements ForecastModel {

    public static final String NAME = "drift";
    static final String METHOD = "Random walk with drift";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean usesSeason() {
        return false;
    }

    @Override
    public FittedModel fit(double[] y, int seasonLength) {
        Inputs.seasonLength(seasonLength);
        double[] data = Inputs.series(NAME, y, 3);
        return LagWalkFit.withDrift(NAME, METHOD, data);
    }
}

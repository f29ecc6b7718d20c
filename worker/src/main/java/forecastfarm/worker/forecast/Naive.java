package forecastfarm.worker.forecast;

/**
 * The naive method, as R forecast's naive(): every forecast is the last observation; intervals
 * from a random walk with sigma^2 = mean((y[t] - y[t-1])^2) and se(h) = sigma * sqrt(h).
 * Needs at least 2 observations. The season length is validated but not used.
 */
public final class Naive implements ForecastModel {

    public static final String NAME = "naive";
    static final String METHOD = "Naive method";

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
        double[] data = Inputs.series(NAME, y, 2);
        return LagWalkFit.withoutDrift(NAME, METHOD, "", data, 1);
    }
}

package forecastfarm.worker.forecast;

/**
 * The seasonal naive method, as R forecast's snaive() with m = seasonLength: the forecast is the
 * last observation from the same season; sigma^2 = mean((y[t] - y[t-m])^2) and
 * se(h) = sigma * sqrt(floor((h-1)/m) + 1).
 *
 * <p>With fewer than m + 1 observations there is no seasonal residual; the model then falls back
 * to the naive method and says so in {@link Forecast#note()}. Needs at least 2 observations.
 */
public final class SeasonalNaive implements ForecastModel {

    public static final String NAME = "snaive";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FittedModel fit(double[] y, int seasonLength) {
        Inputs.seasonLength(seasonLength);
        double[] data = Inputs.series(NAME, y, 2);
        if (data.length < seasonLength + 1) {
            String note =
                    "fell back to naive: " + data.length + " observations < season length " + seasonLength + " + 1";
            return LagWalkFit.withoutDrift(NAME, Naive.METHOD, note, data, 1);
        }
        return LagWalkFit.withoutDrift(NAME, "Seasonal naive (m=" + seasonLength + ")", "", data, seasonLength);
    }
}

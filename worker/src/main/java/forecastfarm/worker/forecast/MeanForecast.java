package forecastfarm.worker.forecast;

/**
 * The mean method, as R forecast's meanf(): every forecast is the sample mean; intervals use
 * the Student t quantile with n-1 degrees of freedom and se = sd * sqrt(1 + 1/n).
 * Needs at least 2 observations. The season length is validated but not used.
 */
public final class MeanForecast implements ForecastModel {

    public static final String NAME = "mean";

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
        return MeanFit.of(NAME, data);
    }
}

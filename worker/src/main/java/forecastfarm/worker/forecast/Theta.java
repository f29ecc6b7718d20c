package forecastfarm.worker.forecast;

/**
 * The Theta method as R forecast 8.20's thetaf(y, h, level) (checked by printing
 * {@code forecast::thetaf}):
 *
 * <ol>
 *   <li>Seasonal adjustment when {@link Seasonality#isSeasonalForTheta} says so (m > 1, not
 *       constant, n > 2m, |acf(m)| over qnorm(0.95) times its standard error): x = y / s_t with
 *       s_t the classical multiplicative indices ({@link Seasonality#multiplicativeSeasonalIndices});
 *       skipped, as in R, when an index is below 1e-4 in magnitude.</li>
 *   <li>SES on x as ses(x) = ets(x, "ANN", opt.crit = "mse") ({@link Ses}): alpha, l_n, sigma^2.</li>
 *   <li>Drift b = (least-squares slope of x on 0..n-1) / 2, alpha' = max(1e-10, alpha):
 *       mean(h) = l_n + b * ((h - 1) + (1 - (1 - alpha')^n) / alpha'), times the seasonal index
 *       of the future period when seasonally adjusted.</li>
 *   <li>Intervals (as thetaf, which does not reseasonalize them): mean(h) -+ z * se(h),
 *       se(h) = sigma * sqrt((h - 1) * alpha'^2 + 1), z = qnorm(0.5 + level/200).</li>
 * </ol>
 *
 * <p>Departures from R, each stated in {@link Forecast#note()}: seasonal series with non-positive
 * values are not seasonally adjusted (R would divide by a multiplicative decomposition of them);
 * seasonal data (m > 1) with n <= 2m cannot be tested (R silently skips the adjustment; the note
 * says so). A constant series (exactly equal values) gives its value with zero-width intervals
 * without fitting. Needs at least 2 observations.
 */
public final class Theta implements ForecastModel {

    public static final String NAME = "theta";
    static final String METHOD = "Theta";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FittedModel fit(double[] y, int seasonLength) {
        Inputs.seasonLength(seasonLength);
        double[] data = Inputs.series(NAME, y, 2);
        int n = data.length;
        int m = seasonLength;
        if (Inputs.constant(data)) {
            return new ThetaFit(METHOD, "", data[0], 0.0, 1.0, n, 0.0, null);
        }
        Seasonality.ThetaAdjustment adjustment = Seasonality.adjustForTheta(data, m);
        double[] x = adjustment.series();
        Ses ses = Ses.fit(x);
        double drift = slope(x) / 2;
        double alpha = Math.max(1e-10, ses.alpha);
        double sigma = Math.sqrt(ses.sigma2);
        if (!Double.isFinite(sigma) || !Double.isFinite(drift) || !Double.isFinite(ses.level)) {
            throw new ModelException(NAME + ": fit overflowed (data too large in magnitude)");
        }
        return new ThetaFit(METHOD, adjustment.note(), ses.level, drift, alpha, n, sigma, adjustment.futureIndices());
    }

    /** Least-squares slope of x on 0..n-1 (lsfit(0:(n-1), x)$coefficients[2]), centred sums. */
    public static double slope(double[] x) {
        int n = x.length;
        double tbar = (n - 1) / 2.0;
        double xbar = Seasonality.mean(x, 0, n);
        double sxy = 0;
        double stt = 0;
        for (int t = 0; t < n; t++) {
            double dt = t - tbar;
            sxy += dt * (x[t] - xbar);
            stt += dt * dt;
        }
        return sxy / stt;
    }
}

package forecastfarm.worker.forecast.dot;

import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.ForecastModel;
import forecastfarm.worker.forecast.Inputs;
import forecastfarm.worker.forecast.ModelException;
import forecastfarm.worker.forecast.Seasonality;
import forecastfarm.worker.forecast.ets.NelderMead;
import java.util.Locale;

/**
 * The dynamic optimised theta model (DOTM) of Fiorucci, Pellegrini, Louzada, Petropoulos and Koehler, "Models for
 * optimising the theta method and their relationship to state space models", International Journal of Forecasting 32
 * (2016) 1151-1161; R's {@code forecTheta::dotm} with its defaults, written from the paper's equations:
 *
 * <ol>
 *   <li>Seasonal adjustment exactly as {@code theta} (R's thetaf) makes it: {@link Seasonality#adjustForTheta}
 *       (forecTheta's own test differs in its critical value, 1.64 against qnorm(0.95), and tests only m >= 3, with
 *       no n > 2m condition).</li>
 *   <li>On the adjusted series x, the recursion of {@link DotRecursion}: SES level l_t plus (1 - 1/theta) times the
 *       SES-discounted least-squares line A_t + B_t t of x_1..x_t, revised at every t.</li>
 *   <li>l_0, alpha and theta minimise the mean squared one-step error over t = 3..n (the first two forecasts rest on a
 *       line through fewer than two points), with the errors divided by mean|x| so that the objective does not
 *       depend on the data's scale; by the Nelder-Mead variant of R's optim ({@link NelderMead}: reltol
 *       sqrt(2^-52), at most 500 evaluations) from forecTheta's start l_0 = y_1 / 2 (the series as given), alpha =
 *       0.5, theta = 2, with alpha in [0.1, 0.99] and theta in [1, 1e10] (outside, the objective is 1e300; l_0 is
 *       not bounded, where forecTheta keeps it within 1e10 in magnitude).</li>
 *   <li>Point forecasts continue the recursion with each forecast taken in as its observation, so the line keeps
 *       being revised over the horizon. Every update is linear in the observations, so this is the model's exact
 *       conditional mean (for fixed A and B it equals the paper's closed form l_n + w (q^n A_n + ((h - 1) + (1 -
 *       q^(n+1)) / alpha) B_n)). Times the seasonal index of the step when adjusted.</li>
 *   <li>Intervals in {@link DotFit}; both bounds are reseasonalised with the point forecast (as forecTheta, unlike
 *       thetaf).</li>
 * </ol>
 *
 * <p>A constant series (exactly equal values) gives its value with zero-width intervals without fitting. Needs at
 * least 3 observations (one scored error). Stateless and thread-safe.
 */
public final class Dot implements ForecastModel {

    public static final String NAME = "dot";
    /** Fewest observations: the objective scores the errors from t = 3 on. */
    public static final int MIN_LENGTH = 3;

    static final double ALPHA_MIN = 0.1;
    static final double ALPHA_MAX = 0.99;
    static final double THETA_MIN = 1;
    static final double THETA_MAX = 1e10;
    private static final double OUT_OF_BOUNDS = 1e300;
    private static final double REL_TOL = Math.sqrt(Math.ulp(1.0));
    private static final int MAX_EVALUATIONS = 500;
    /** The first one-step error scored (0-based t = 2 is the third observation). */
    private static final int FIRST_SCORED = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FittedModel fit(double[] y, int seasonLength) {
        Inputs.seasonLength(seasonLength);
        double[] data = Inputs.series(NAME, y, MIN_LENGTH);
        if (Inputs.constant(data)) {
            // alpha = 1 and theta = 1 (w = 0) forecast the last value exactly; sigma 0 makes the intervals points
            DotRecursion flat = DotRecursion.dynamic(1, 1, data[0], data[0]);
            return new DotFit("DOTM(constant series)", "", flat, 0, null);
        }
        Seasonality.ThetaAdjustment adjustment = Seasonality.adjustForTheta(data, seasonLength);
        double[] x = adjustment.series();
        double scale = meanAbs(x);
        double[] par = {data[0] / 2, 0.5, 2};
        double best =
                new NelderMead(3).minimize(p -> scaledMse(x, scale, p[0], p[1], p[2]), par, REL_TOL, MAX_EVALUATIONS);
        if (!Double.isFinite(best)) {
            throw new ModelException(NAME + ": the fit is not finite (data too large or too small in magnitude)");
        }
        double level0 = par[0];
        double alpha = par[1];
        double theta = par[2];
        DotRecursion state = DotRecursion.dynamic(alpha, theta, level0, x[0]);
        double sse = absorb(state, x, 1);
        double sigma = Math.sqrt(sse / (x.length - FIRST_SCORED));
        if (!Double.isFinite(sigma) || !Double.isFinite(state.forecast())) {
            throw new ModelException(NAME + ": the fit is not finite (data too large or too small in magnitude)");
        }
        return new DotFit(
                method(theta, alpha, adjustment.adjusted() ? seasonLength : 0),
                adjustment.note(),
                state,
                sigma,
                adjustment.futureIndices());
    }

    /**
     * The objective: the mean of ((x_t - mu_t) / scale)^2 over t = 3..n, or 1e300 when alpha or theta is out of
     * bounds.
     */
    static double scaledMse(double[] x, double scale, double level0, double alpha, double theta) {
        if (!(alpha >= ALPHA_MIN && alpha <= ALPHA_MAX && theta >= THETA_MIN && theta <= THETA_MAX)) {
            return OUT_OF_BOUNDS;
        }
        DotRecursion r = DotRecursion.dynamic(alpha, theta, level0, x[0]);
        return absorb(r, x, scale) / (x.length - FIRST_SCORED);
    }

    /**
     * Takes x_2..x_n into {@code r} (which has x_1) and returns the sum of ((x_t - mu_t) / scale)^2 over t = 3..n.
     */
    private static double absorb(DotRecursion r, double[] x, double scale) {
        double sum = 0;
        for (int t = 1; t < x.length; t++) {
            double e = (x[t] - r.forecast()) / scale;
            if (t >= FIRST_SCORED) {
                sum += e * e;
            }
            r.update(x[t]);
        }
        return sum;
    }

    private static double meanAbs(double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.abs(v) / x.length; // divided first: a sum of values near overflow stays finite
        }
        return s;
    }

    /** "DOTM(theta=2.31, alpha=0.42)", with ", seasonally adjusted m=12" before the bracket when adjusted. */
    static String method(double theta, double alpha, int adjustedSeasonLength) {
        String seasonal = adjustedSeasonLength > 0 ? ", seasonally adjusted m=" + adjustedSeasonLength : "";
        return String.format(Locale.ROOT, "DOTM(theta=%.2f, alpha=%.2f%s)", theta, alpha, seasonal);
    }
}

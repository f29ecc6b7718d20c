package forecastfarm.worker.forecast;

/**
 * A fitted lag walk y[t] = y[t-lag] + drift + e[t], the model behind R forecast's naive(),
 * snaive() and rwf(drift = TRUE) (R/naive.R: lagwalk() and forecast.lagwalk(), forecast 8.20).
 *
 * <p>Forecast at step h (1-based), with k = ceil(h / lag) completed seasons:
 * mean = y[n - lag + (h-1) mod lag] + k * drift,
 * se = sqrt(mse * k + (k * driftSe)^2), bounds = mean -+ qnorm(0.5 + level/200) * se.
 */
final class LagWalkFit implements FittedModel {

    private final String model;
    private final String method;
    private final String note;
    private final int lag;
    private final double[] future; // last lag observations
    private final double drift;
    private final double driftSe;
    private final double mse;

    private LagWalkFit(
            String model,
            String method,
            String note,
            int lag,
            double[] future,
            double drift,
            double driftSe,
            double mse) {
        this.model = model;
        this.method = method;
        this.note = note;
        this.lag = lag;
        this.future = future;
        this.drift = drift;
        this.driftSe = driftSe;
        this.mse = mse;
    }

    /**
     * Lag walk without drift. Residuals are y[t] - y[t-lag]; R's mse is their plain mean square
     * (not centred, denominator = number of residuals = n - lag).
     *
     * @param y a private, validated copy with at least lag + 1 values
     */
    static LagWalkFit withoutDrift(String model, String method, String note, double[] y, int lag) {
        int n = y.length;
        double ss = 0;
        for (int t = lag; t < n; t++) {
            double r = y[t] - y[t - lag];
            ss += r * r;
        }
        double mse = ss / (n - lag);
        if (!Double.isFinite(mse)) {
            throw new ModelException(model + ": residual variance overflowed (data too large in magnitude)");
        }
        double[] future = java.util.Arrays.copyOfRange(y, n - lag, n);
        return new LagWalkFit(model, method, note, lag, future, 0.0, 0.0, mse);
    }

    /**
     * Random walk with drift (lag 1). As R: the drift b is lm(diff(y) ~ 1)'s intercept and its
     * standard error sigma/sqrt(n-1) with sigma^2 = RSS/(n-2); the forecast mse is
     * RSS/((n-1) - (b != 0)), i.e. RSS/(n-2) unless the estimated drift is exactly zero.
     *
     * @param y a private, validated copy with at least 3 values
     */
    static LagWalkFit withDrift(String model, String method, double[] y) {
        int n = y.length;
        int k = n - 1;
        double[] d = new double[k];
        for (int t = 1; t < n; t++) {
            d[t - 1] = y[t] - y[t - 1];
        }
        double b = interceptLikeLm(d);
        double rss = 0;
        for (int t = 1; t < n; t++) {
            double r = y[t] - (y[t - 1] + b); // residual as R's lagwalk forms it: y - (lagged y + b)
            rss += r * r;
        }
        double sigma2 = rss / (k - 1);
        double driftSe = Math.sqrt(sigma2 / k);
        double mse = rss / (k - (b != 0 ? 1 : 0));
        if (!Double.isFinite(mse) || !Double.isFinite(driftSe) || !Double.isFinite(b)) {
            throw new ModelException(model + ": residual variance overflowed (data too large in magnitude)");
        }
        return new LagWalkFit(model, method, "", 1, new double[] {y[n - 1]}, b, driftSe, mse);
    }

    /**
     * The intercept of an intercept-only least-squares fit, computed the way R's lm() does it
     * (one Householder reflection, LINPACK dqrdc2/dqrsl, reference BLAS ddot summing in order).
     * Mathematically this is mean(d); the exact rounding matters only because R's forecast
     * changes the interval formula when the drift is exactly zero, and this reproduces R's
     * zero/non-zero outcome on data like integer series whose first and last values are equal.
     */
    static double interceptLikeLm(double[] d) {
        double norm = Math.sqrt(d.length);
        double s = 1.0 / norm;
        double u1 = 1.0 + s; // first element of the Householder vector; the others are s
        double dot = u1 * d[0];
        for (int i = 1; i < d.length; i++) {
            dot += s * d[i];
        }
        double t = -dot / u1;
        double qty1 = d[0] + t * u1;
        return qty1 / -norm;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public Forecast forecast(int horizon, double[] levels) {
        Inputs.horizon(horizon);
        double[] lv = Inputs.levels(levels);
        double[] mean = new double[horizon];
        double[] se = new double[horizon];
        for (int j = 0; j < horizon; j++) {
            int steps = j / lag + 1;
            mean[j] = future[j % lag] + steps * drift;
            double driftPart = steps * driftSe;
            se[j] = Math.sqrt(mse * steps + driftPart * driftPart);
        }
        double[][] lower = new double[lv.length][horizon];
        double[][] upper = new double[lv.length][horizon];
        for (int i = 0; i < lv.length; i++) {
            double z = Distributions.normalQuantile(0.5 + lv[i] / 200);
            for (int j = 0; j < horizon; j++) {
                lower[i][j] = mean[j] - z * se[j];
                upper[i][j] = mean[j] + z * se[j];
            }
            Inputs.finite(model, lower[i], "prediction interval");
            Inputs.finite(model, upper[i], "prediction interval");
        }
        Inputs.finite(model, mean, "point forecast");
        return new Forecast(method, note, mean, lv, lower, upper);
    }

    @Override
    public String toString() {
        return method + " [lag=" + lag + ", drift=" + drift + ", driftSe=" + driftSe + ", mse=" + mse
                + (note.isEmpty() ? "" : ", note=" + note) + "]";
    }
}

package forecastfarm.worker.forecast;

import java.util.Objects;

/**
 * The seasonality test and classical multiplicative decomposition behind R forecast's thetaf()
 * and the M3/M4 Naive2 benchmark.
 *
 * <p><b>Test.</b> With r_k the sample autocorrelation at lag k (as R's acf(): the series is
 * demeaned, c_k = sum_t (y_t - ybar)(y_{t+k} - ybar) / n and r_k = c_k / c_0), the series is
 * seasonal when |r_m| > z * sqrt((1 + 2 * sum_{k=1}^{m-1} r_k^2) / n). Two variants exist:
 * <ul>
 *   <li>{@link #isSeasonal}: the M4 benchmark test used for Naive2 (and by the reference
 *       run_r_forecast.R in shared/data/reference): m > 1, n >= 3m, z = 1.645.</li>
 *   <li>{@link #isSeasonalForTheta}: the test inside R forecast 8.20's thetaf() (checked by printing
 *       {@code forecast::thetaf}): m > 1, the series not constant (R's is.constant(), i.e.
 *       all.equal() with tolerance 1.5e-8), n > 2m, z = qnorm(0.95) = 1.6448536269514722.</li>
 * </ul>
 *
 * <p><b>Decomposition.</b> As R's stats::decompose(type = "multiplicative"): the trend is the
 * centred moving average (for even m the 2 x m filter with weights 0.5/m, 1/m, ..., 1/m, 0.5/m;
 * for odd m the m-term mean), undefined for the first and last floor(m/2) observations; the
 * detrended ratios y_t / trend_t are averaged per position in the season and the m averages are
 * divided by their mean, so that they average to 1.
 *
 * <p><b>Alignment.</b> Positions in the season are counted from the first observation: index
 * {@code i} of {@link #multiplicativeSeasonalIndices} applies to every observation t (0-based)
 * with {@code t % m == i}, and to the future step h (1-based) when {@code (n + h - 1) % m == i}.
 * This is what R does for ts(y, frequency = m) (start = 1); for a series that starts mid-cycle
 * the indices are rotated relative to the calendar but applied consistently.
 */
public final class Seasonality {

    /** Critical value of the M4 benchmark test (90%, two-sided as written there: 1.645). */
    static final double M4_CRITICAL = 1.645;
    /** R's qnorm(0.95), used by thetaf(). */
    static final double THETA_CRITICAL = 1.6448536269514722;

    private Seasonality() {}

    /**
     * The M4/Naive2 seasonality test: m > 1, at least 3m observations and
     * |acf(m)| > 1.645 * sqrt((1 + 2 * sum_{k<m} acf(k)^2) / n).
     *
     * @param y finite observations, oldest first (not modified)
     * @param m season length
     */
    public static boolean isSeasonal(double[] y, int m) {
        Objects.requireNonNull(y, "y");
        if (m <= 1 || y.length < 3 * m) {
            return false;
        }
        return acfTest(y, m, M4_CRITICAL);
    }

    /**
     * The test inside R's thetaf(): m > 1, the series is not constant (as R's is.constant()),
     * more than 2m observations and |acf(m)| > qnorm(0.95) * sqrt((1 + 2 * sum_{k<m} acf(k)^2) / n).
     */
    public static boolean isSeasonalForTheta(double[] y, int m) {
        Objects.requireNonNull(y, "y");
        if (m <= 1 || y.length <= 2 * m || isConstantLikeR(y)) {
            return false;
        }
        return acfTest(y, m, THETA_CRITICAL);
    }

    private static boolean acfTest(double[] y, int m, double critical) {
        int n = y.length;
        double mean = mean(y, 0, n);
        double c0 = 0;
        for (int t = 0; t < n; t++) {
            double d = y[t] - mean;
            c0 += d * d;
        }
        if (!(c0 > 0)) {
            return false; // constant series: R's acf() is NaN, so no seasonality
        }
        double sumSq = 0;
        double rm = 0;
        for (int k = 1; k <= m; k++) {
            double ck = 0;
            for (int t = 0; t + k < n; t++) {
                ck += (y[t] - mean) * (y[t + k] - mean);
            }
            double r = ck / c0;
            if (k < m) {
                sumSq += r * r;
            } else {
                rm = r;
            }
        }
        double limit = critical * Math.sqrt((1 + 2 * sumSq) / n);
        return Math.abs(rm) > limit;
    }

    /**
     * The seasonal indices of R's decompose(ts(y, frequency = m), type = "multiplicative")$figure.
     * Index i applies to observations t with t % m == i (see the class comment).
     *
     * @param y finite observations (normally positive), at least 2m of them
     * @param m season length, at least 2
     * @return m indices that average to 1
     * @throws IllegalArgumentException when m < 2 or y has fewer than 2m observations (as R:
     *                                  "time series has no or less than 2 periods")
     */
    public static double[] multiplicativeSeasonalIndices(double[] y, int m) {
        Objects.requireNonNull(y, "y");
        if (m < 2 || y.length < 2 * m) {
            throw new IllegalArgumentException(
                    "time series has no or less than 2 periods (n = " + y.length + ", m = " + m + ")");
        }
        int n = y.length;
        boolean even = m % 2 == 0;
        int nf = even ? m + 1 : m; // filter length
        int o = nf / 2; // centre offset, as stats::filter(sides = 2)
        double wEnd = even ? 0.5 / m : 1.0 / m;
        double wMid = 1.0 / m;
        double[] sums = new double[m];
        double[] ratio = new double[n];
        boolean[] defined = new boolean[n];
        for (int t = o; t + o < n && t - (nf - 1 - o) >= 0; t++) {
            // stats::filter convolution order: x[t+o] * f[0] + x[t+o-1] * f[1] + ...
            double z = 0;
            for (int j = 0; j < nf; j++) {
                double w = (j == 0 || j == nf - 1) ? wEnd : wMid;
                z += w * y[t + o - j];
            }
            ratio[t] = y[t] / z;
            defined[t] = true;
        }
        for (int i = 0; i < m; i++) {
            // mean(season[index + i], na.rm = TRUE), two-pass like R's mean()
            double s = 0;
            int c = 0;
            for (int t = i; t < n; t += m) {
                if (defined[t]) {
                    s += ratio[t];
                    c++;
                }
            }
            double mu = s / c;
            double corr = 0;
            for (int t = i; t < n; t += m) {
                if (defined[t]) {
                    corr += ratio[t] - mu;
                }
            }
            sums[i] = mu + corr / c;
        }
        double total = mean(sums, 0, m);
        double[] figure = new double[m];
        for (int i = 0; i < m; i++) {
            figure[i] = sums[i] / total;
        }
        return figure;
    }

    /**
     * The seasonal adjustment of R's thetaf(), shared by the models that follow it ({@code theta}, {@code dot}).
     *
     * @param series        the series to fit: the seasonally adjusted one, or the input itself when not adjusted
     * @param futureIndices null when not adjusted; else the indices of the m steps after the data, element
     *                      {@code (h - 1) % m} for step h (see {@link #futureIndices})
     * @param note          "" when adjusted or when the test says not seasonal; else why a seasonal series was
     *                      not adjusted
     */
    public record ThetaAdjustment(double[] series, double[] futureIndices, String note) {
        /** Whether the series was divided by seasonal indices. */
        public boolean adjusted() {
            return futureIndices != null;
        }
    }

    /**
     * thetaf()'s seasonal adjustment: by {@link #multiplicativeSeasonalIndices} when {@link #isSeasonalForTheta}
     * says seasonal. Departing from R, and saying so in the note: seasonal data with n <= 2m cannot be tested (R
     * skips the adjustment silently), a seasonal series with a non-positive value is not divided (R would divide by
     * a multiplicative decomposition of it), nor is one with an index below 1e-4 in magnitude (as R).
     *
     * @param y finite observations, oldest first; not modified, and not kept unless returned as the series
     * @param m season length, at least 1
     */
    public static ThetaAdjustment adjustForTheta(double[] y, int m) {
        int n = y.length;
        if (m > 1 && n <= 2 * m) {
            return new ThetaAdjustment(
                    y, null, "no seasonal adjustment: " + n + " observations <= 2 seasons (m=" + m + ")");
        }
        if (!isSeasonalForTheta(y, m)) {
            return new ThetaAdjustment(y, null, "");
        }
        if (!Inputs.allPositive(y)) {
            return new ThetaAdjustment(
                    y, null, "no seasonal adjustment: seasonal by the test but the series has non-positive values");
        }
        double[] figure = multiplicativeSeasonalIndices(y, m);
        for (double s : figure) {
            if (Math.abs(s) < 1e-4) {
                return new ThetaAdjustment(y, null, "no seasonal adjustment: seasonal indices close to zero");
            }
        }
        return new ThetaAdjustment(adjust(y, figure), futureIndices(figure, n), "");
    }

    /** The seasonally adjusted series: y[t] / indices[t % m]. */
    static double[] adjust(double[] y, double[] indices) {
        double[] x = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            x[t] = y[t] / indices[t % indices.length];
        }
        return x;
    }

    /** The indices of the m steps after a history of n points: element (h - 1) % m belongs to step h. */
    static double[] futureIndices(double[] indices, int n) {
        int m = indices.length;
        double[] future = new double[m];
        for (int j = 0; j < m; j++) {
            future[j] = indices[(n + j) % m];
        }
        return future;
    }

    /** R's mean(): sum / n, then the mean of the deviations added back. */
    static double mean(double[] x, int from, int to) {
        int n = to - from;
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        double mu = s / n;
        double corr = 0;
        for (int i = from; i < to; i++) {
            corr += x[i] - mu;
        }
        return mu + corr / n;
    }

    /**
     * R forecast's is.constant(): isTRUE(all.equal(y, rep(y[1], n))) with the default tolerance
     * 1.5e-8. Over the elements that differ from y[1]: mean|y - y1| / mean|y| (relative when
     * mean|y| > 1.5e-8, absolute otherwise) must not exceed 1.5e-8.
     */
    static boolean isConstantLikeR(double[] y) {
        final double tol = 1.5e-8;
        double first = y[0];
        double sumDiff = 0;
        double sumAbs = 0;
        int count = 0;
        for (double v : y) {
            if (v != first) {
                sumDiff += Math.abs(v - first);
                sumAbs += Math.abs(v);
                count++;
            }
        }
        if (count == 0) {
            return true;
        }
        double xy = sumDiff / count;
        double xn = sumAbs / count;
        if (Double.isFinite(xn) && xn > tol) {
            xy /= xn;
        }
        return !(Double.isNaN(xy) || xy > tol);
    }
}

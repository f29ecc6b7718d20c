package forecastfarm.worker.forecast.arima;

import forecastfarm.worker.forecast.stl.Stl;
import forecastfarm.worker.forecast.stl.StlComponents;
import forecastfarm.worker.forecast.stl.StlParameters;

/**
 * Differencing decisions as forecast 8.20's auto.arima makes them: ndiffs() with the KPSS
 * level-stationarity test at alpha = 0.05 (urca's ur.kpss, type "mu", lags
 * trunc(3 sqrt(n) / 13)), and nsdiffs() with its default test "seas": seasonal strength of an
 * STL decomposition (mstl, s.window = 11) above 0.64.
 */
final class UnitRoots {

    /** urca's 5% critical value for the KPSS "mu" statistic; p < 0.05 exactly when the statistic exceeds it. */
    static final double KPSS_CRITICAL_5PCT = 0.463;

    private UnitRoots() {}

    static boolean isConstant(double[] x, int len) {
        for (int i = 1; i < len; i++) {
            if (x[i] != x[0]) {
                return false;
            }
        }
        return true;
    }

    /** The KPSS level statistic with Bartlett long-run variance. */
    static double kpss(double[] x, int n) {
        int lags = (int) (3 * Math.sqrt(n) / 13);
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[i];
        }
        mean /= n;
        double[] e = new double[n];
        double s = 0;
        double eta = 0;
        double s0 = 0;
        for (int i = 0; i < n; i++) {
            e[i] = x[i] - mean;
            s += e[i];
            eta += s * s;
            s0 += e[i] * e[i];
        }
        eta /= (double) n * n;
        double lrv = s0 / n;
        for (int l = 1; l <= lags; l++) {
            double c = 0;
            for (int i = l; i < n; i++) {
                c += e[i] * e[i - l];
            }
            lrv += 2.0 / n * (1 - l / (lags + 1.0)) * c;
        }
        return eta / lrv;
    }

    /** ndiffs(x, test = "kpss", alpha = 0.05, max.d = 2). */
    static int ndiffs(double[] y, int len, int maxD) {
        double[] x = java.util.Arrays.copyOf(y, len);
        int n = len;
        int d = 0;
        if (isConstant(x, n)) {
            return 0;
        }
        boolean dodiff = n > 1 && kpss(x, n) > KPSS_CRITICAL_5PCT;
        while (dodiff && d < maxD) {
            d++;
            for (int i = 0; i < n - 1; i++) {
                x[i] = x[i + 1] - x[i];
            }
            n--;
            if (n < 1 || isConstant(x, n)) {
                return d;
            }
            double stat = kpss(x, n);
            if (!Double.isFinite(stat)) {
                return d - 1;
            }
            dodiff = stat > KPSS_CRITICAL_5PCT;
        }
        return d;
    }

    /** nsdiffs(x, test = "seas", max.D = 1). */
    static int nsdiffs(double[] y, int m, int maxD) {
        int n = y.length;
        if (isConstant(y, n)) {
            return 0;
        }
        double[] x = y.clone();
        int d = 0;
        boolean dodiff = seasonalStrength(x, n, m) > 0.64;
        while (dodiff && d < maxD) {
            d++;
            for (int i = 0; i < n - m; i++) {
                x[i] = x[i + m] - x[i];
            }
            n -= m;
            if (isConstant(x, n)) {
                return d;
            }
            dodiff = n >= 2 * m && d < maxD && seasonalStrength(java.util.Arrays.copyOf(x, n), n, m) > 0.64;
        }
        return d;
    }

    /** forecast's seas.heuristic: max(0, min(1, 1 - var(R) / var(R + S))) from mstl. */
    static double seasonalStrength(double[] x, int n, int m) {
        double[] xs = java.util.Arrays.copyOf(x, n);
        StlComponents st = Stl.decompose(xs, StlParameters.rDefaults(m, 11, false));
        double[] seasonal = st.seasonal();
        double[] trend = st.trend();
        double[] rem = new double[n];
        double[] rs = new double[n];
        for (int i = 0; i < n; i++) {
            rem[i] = xs[i] - seasonal[i] - trend[i];
            rs[i] = rem[i] + seasonal[i];
        }
        double v = 1 - variance(rem) / variance(rs);
        if (Double.isNaN(v)) {
            return Double.NaN;
        }
        return Math.max(0, Math.min(1, v));
    }

    static double variance(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / (v.length - 1);
    }
}

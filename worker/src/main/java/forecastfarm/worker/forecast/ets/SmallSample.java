package forecastfarm.worker.forecast.ets;

/**
 * Fits for n <= 6, where R's ets() does not optimise a state space model but falls back to
 * HoltWinters-style exponential smoothing: simple exponential smoothing (level starts at y[0])
 * and Holt's linear method (level y[0], slope y[1] - y[0]), smoothing parameters in [0, 1]
 * minimising the sum of squared one-step errors; the one with the smaller mean squared error
 * wins. Reported as ETS(A,N,N) or ETS(A,A,N) with ETS beta = alpha * beta*.
 */
final class SmallSample {

    private SmallSample() {}

    static EtsFitResult fit(double[] y) {
        // SES: golden-section search on alpha in [0, 1]
        double lo = 0;
        double hi = 1;
        double g = (Math.sqrt(5) - 1) / 2;
        double c = hi - g * (hi - lo);
        double d = lo + g * (hi - lo);
        double fc = sse(y, c, 0, false);
        double fd = sse(y, d, 0, false);
        for (int i = 0; i < 60; i++) {
            if (fc < fd) {
                hi = d;
                d = c;
                fd = fc;
                c = hi - g * (hi - lo);
                fc = sse(y, c, 0, false);
            } else {
                lo = c;
                c = d;
                fc = fd;
                d = lo + g * (hi - lo);
                fd = sse(y, d, 0, false);
            }
        }
        double alphaSes = (lo + hi) / 2;
        double mseSes = sse(y, alphaSes, 0, false) / (y.length - 1);

        double[] x = {0.3, 0.1};
        NelderMead nm = new NelderMead(2);
        nm.minimize(
                p -> p[0] < 0 || p[0] > 1 || p[1] < 0 || p[1] > 1 ? Double.POSITIVE_INFINITY : sse(y, p[0], p[1], true),
                x,
                1e-10,
                2000);
        double mseHolt = y.length > 2 ? sse(y, x[0], x[1], true) / (y.length - 2) : Double.POSITIVE_INFINITY;

        boolean holt = mseHolt < mseSes;
        double alpha = holt ? x[0] : alphaSes;
        double betaStar = holt ? x[1] : 0;
        double[] state = finalState(y, alpha, betaStar, holt);
        EtsSpec spec = new EtsSpec(false, holt, false, EtsSpec.Season.N);
        double[] init = holt ? new double[] {y[0], y[1] - y[0]} : new double[] {y[0]};
        return new EtsFitResult(
                spec,
                1,
                alpha,
                alpha * betaStar,
                0,
                1,
                init,
                state,
                Double.NaN,
                Double.NaN,
                holt ? mseHolt : mseSes,
                0);
    }

    private static double sse(double[] y, double alpha, double betaStar, boolean trend) {
        double l = y[0];
        double b = trend ? y[1] - y[0] : 0;
        double s = 0;
        for (int t = trend ? 2 : 1; t < y.length; t++) {
            double f = l + b;
            double e = y[t] - f;
            s += e * e;
            double lNew = f + alpha * e;
            if (trend) {
                b = betaStar * (lNew - l) + (1 - betaStar) * b;
            }
            l = lNew;
        }
        return s;
    }

    private static double[] finalState(double[] y, double alpha, double betaStar, boolean trend) {
        double l = y[0];
        double b = trend ? y[1] - y[0] : 0;
        for (int t = trend ? 2 : 1; t < y.length; t++) {
            double f = l + b;
            double lNew = f + alpha * (y[t] - f);
            if (trend) {
                b = betaStar * (lNew - l) + (1 - betaStar) * b;
            }
            l = lNew;
        }
        return trend ? new double[] {l, b} : new double[] {l};
    }
}

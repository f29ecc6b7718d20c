package forecastfarm.worker.forecast;

/**
 * Simple exponential smoothing as R forecast 8.20's ses(x) fits it, i.e.
 * ets(x, model = "ANN", opt.crit = "mse") (checked by printing forecast::ses, ets, etsmodel,
 * initstate, initparam and reading src/etsTargetFunction.cpp):
 *
 * <ul>
 *   <li>state l_t = l_{t-1} + alpha * e_t, e_t = y_t - l_{t-1}; the point forecast is l_n;</li>
 *   <li>alpha and l_0 minimise the one-step mean squared error, computed as etscalc's running
 *       mean amse = (amse * (k - 1) + e^2) / k, by R's Nelder-Mead (nmmin: reflection 1,
 *       contraction 0.5, expansion 2, reltol sqrt(2^-52), at most 2000 evaluations), started at
 *       alpha = 1e-4 + 0.2 * (0.9999 - 1e-4) and l_0 = mean(y[1:min(10, n)]); alpha outside
 *       [1e-4, 0.9999] scores +Inf (1e35 inside nmmin);</li>
 *   <li>sigma^2 = SSE / (n - 2) (two parameters, alpha and l_0).</li>
 * </ul>
 *
 * <p>For n <= 6 R's ets() does not optimise the state space model but falls back to
 * HoltWintersZZ(): l_0 = y_1, alpha in [0, 1] minimising the SSE (R uses L-BFGS-B, this class a
 * golden-section search, so alpha can differ slightly), sigma^2 = SSE / n.
 *
 * <p>Immutable; {@link #fit} allocates only a few small arrays per call. Public so that the {@code dot} model's
 * tests can compare its theta = 2 special case with the fit {@link Theta} uses.
 */
public final class Ses {

    static final double LOWER = 1e-4;
    static final double UPPER = 0.9999;
    private static final double BIG = 1.0e35;
    private static final double RELTOL = Math.sqrt(Math.ulp(1.0)); // sqrt(.Machine$double.eps)
    private static final int MAXIT = 2000;

    final double alpha;
    final double initialLevel;
    final double level; // l_n, the point forecast
    final double sse;
    final double sigma2;
    final boolean holtWintersFallback;

    private Ses(double alpha, double initialLevel, double level, double sse, double sigma2, boolean hw) {
        this.alpha = alpha;
        this.initialLevel = initialLevel;
        this.level = level;
        this.sse = sse;
        this.sigma2 = sigma2;
        this.holtWintersFallback = hw;
    }

    /** Fits SES to y (at least 2 finite values; not modified, not kept). */
    public static Ses fit(double[] y) {
        int n = y.length;
        if (n <= 6) {
            return fitHoltWinters(y);
        }
        int maxn = Math.min(10, n);
        double l0 = Seasonality.mean(y, 0, maxn);
        double a0 = LOWER + 0.2 * (UPPER - LOWER);
        double[] par = nelderMead(y, a0, l0);
        double alpha = par[0];
        double start = par[1];
        double l = start;
        double sse = 0;
        for (int t = 0; t < n; t++) {
            double e = y[t] - l;
            sse += e * e;
            l = l + alpha * e;
        }
        return new Ses(alpha, start, l, sse, sse / (n - 2), false);
    }

    /** The smoothing parameter. */
    public double alpha() {
        return alpha;
    }

    /** The initial level l_0 (y_1 in the Holt-Winters fallback). */
    public double initialLevel() {
        return initialLevel;
    }

    /** etscalc's one-step MSE for ANN, or +Inf when alpha is out of bounds. */
    static double mse(double[] y, double alpha, double l0) {
        if (!(alpha >= LOWER && alpha <= UPPER)) {
            return Double.POSITIVE_INFINITY;
        }
        double l = l0;
        double amse = 0;
        for (int t = 0; t < y.length; t++) {
            double e = y[t] - l;
            double k = t + 1;
            amse = (amse * (k - 1.0) + e * e) / k;
            l = l + alpha * e;
        }
        return amse;
    }

    /**
     * R's nmmin (src/appl/optim.c) for two parameters (alpha, l0), default coefficients; written
     * from the algorithm's description (Nash, Compact Numerical Methods, ch. 14).
     */
    private static double[] nelderMead(double[] y, double a0, double l0) {
        final int np = 2;
        final int n1 = np + 1;
        final int c = np + 1; // centroid column
        final double refl = 1.0;
        final double contr = 0.5;
        final double expand = 2.0;
        double[][] p = new double[np + 1][np + 2]; // rows 0..np-1: coordinates, row np: value
        double[] b = {a0, l0};
        double f = mse(y, b[0], b[1]);
        if (!Double.isFinite(f)) {
            throw new ModelException("theta: SES objective cannot be evaluated at the initial parameters");
        }
        int funcount = 1;
        double convtol = RELTOL * (Math.abs(f) + RELTOL);
        p[np][0] = f;
        for (int i = 0; i < np; i++) {
            p[i][0] = b[i];
        }
        int lo = 0;
        double step = 0;
        for (int i = 0; i < np; i++) {
            if (0.1 * Math.abs(b[i]) > step) {
                step = 0.1 * Math.abs(b[i]);
            }
        }
        if (step == 0.0) {
            step = 0.1;
        }
        double size = 0;
        for (int j = 1; j < n1; j++) {
            for (int i = 0; i < np; i++) {
                p[i][j] = b[i];
            }
            double trystep = step;
            while (p[j - 1][j] == b[j - 1]) {
                p[j - 1][j] = b[j - 1] + trystep;
                trystep *= 10;
            }
            size += trystep;
        }
        double oldsize = size;
        boolean calcvert = true;
        do {
            if (calcvert) {
                for (int j = 0; j < n1; j++) {
                    if (j != lo) {
                        for (int i = 0; i < np; i++) {
                            b[i] = p[i][j];
                        }
                        f = value(y, b);
                        funcount++;
                        p[np][j] = f;
                    }
                }
                calcvert = false;
            }
            double vl = p[np][lo];
            double vh = vl;
            int hi = lo;
            for (int j = 0; j < n1; j++) {
                if (j != lo) {
                    f = p[np][j];
                    if (f < vl) {
                        lo = j;
                        vl = f;
                    }
                    if (f > vh) {
                        hi = j;
                        vh = f;
                    }
                }
            }
            if (vh <= vl + convtol) {
                break;
            }
            for (int i = 0; i < np; i++) {
                double temp = -p[i][hi];
                for (int j = 0; j < n1; j++) {
                    temp += p[i][j];
                }
                p[i][c] = temp / np;
            }
            for (int i = 0; i < np; i++) {
                b[i] = (1.0 + refl) * p[i][c] - refl * p[i][hi];
            }
            f = value(y, b);
            funcount++;
            double vr = f;
            if (vr < vl) {
                p[np][c] = f;
                for (int i = 0; i < np; i++) {
                    f = expand * b[i] + (1 - expand) * p[i][c];
                    p[i][c] = b[i];
                    b[i] = f;
                }
                f = value(y, b);
                funcount++;
                if (f < vr) {
                    for (int i = 0; i < np; i++) {
                        p[i][hi] = b[i];
                    }
                    p[np][hi] = f;
                } else {
                    for (int i = 0; i < np; i++) {
                        p[i][hi] = p[i][c];
                    }
                    p[np][hi] = vr;
                }
            } else {
                if (vr < vh) {
                    for (int i = 0; i < np; i++) {
                        p[i][hi] = b[i];
                    }
                    p[np][hi] = vr;
                }
                for (int i = 0; i < np; i++) {
                    b[i] = (1 - contr) * p[i][hi] + contr * p[i][c];
                }
                f = value(y, b);
                funcount++;
                if (f < p[np][hi]) {
                    for (int i = 0; i < np; i++) {
                        p[i][hi] = b[i];
                    }
                    p[np][hi] = f;
                } else if (vr >= vh) {
                    calcvert = true;
                    size = 0.0;
                    for (int j = 0; j < n1; j++) {
                        if (j != lo) {
                            for (int i = 0; i < np; i++) {
                                p[i][j] = contr * (p[i][j] - p[i][lo]) + p[i][lo];
                                size += Math.abs(p[i][j] - p[i][lo]);
                            }
                        }
                    }
                    if (size < oldsize) {
                        oldsize = size;
                    } else {
                        break; // R: "polytope size measure not decreasing in shrink", fail = 10
                    }
                }
            }
        } while (funcount <= MAXIT);
        return new double[] {p[0][lo], p[1][lo]};
    }

    private static double value(double[] y, double[] b) {
        double f = mse(y, b[0], b[1]);
        return Double.isFinite(f) ? f : BIG;
    }

    /** HoltWintersZZ(x, beta = FALSE, gamma = FALSE): l_0 = y_1, alpha in [0, 1] minimising the SSE. */
    private static Ses fitHoltWinters(double[] y) {
        double a = 0;
        double bnd = 1;
        final double g = (Math.sqrt(5) - 1) / 2;
        double x1 = bnd - g * (bnd - a);
        double x2 = a + g * (bnd - a);
        double f1 = hwSse(y, x1);
        double f2 = hwSse(y, x2);
        for (int it = 0; it < 200 && bnd - a > 1e-10; it++) {
            if (f1 <= f2) {
                bnd = x2;
                x2 = x1;
                f2 = f1;
                x1 = bnd - g * (bnd - a);
                f1 = hwSse(y, x1);
            } else {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + g * (bnd - a);
                f2 = hwSse(y, x2);
            }
        }
        double alpha = 0.5 * (a + bnd);
        for (double edge : new double[] {0.0, 1.0}) { // the optimum may sit on a bound
            if (hwSse(y, edge) < hwSse(y, alpha)) {
                alpha = edge;
            }
        }
        double l = y[0];
        double sse = 0;
        for (double v : y) {
            double e = v - l;
            sse += e * e;
            l = alpha * v + (1 - alpha) * l;
        }
        return new Ses(alpha, y[0], l, sse, sse / y.length, true);
    }

    private static double hwSse(double[] y, double alpha) {
        double l = y[0];
        double sse = 0;
        for (double v : y) {
            double e = v - l;
            sse += e * e;
            l = alpha * v + (1 - alpha) * l;
        }
        return sse;
    }
}

package forecastfarm.worker.forecast.arima;

/**
 * A variable-metric (BFGS) minimiser with backtracking line search and central-difference
 * gradients, following the published algorithm R's optim(method = "BFGS") uses (Nash 1990,
 * Algorithm 21): relative tolerance 1e-8, at most 100 iterations, parameters scaled by parscale
 * and gradient steps of 1e-3 in the scaled space. Work arrays are allocated once per instance.
 */
final class Bfgs {

    interface Objective {
        /** Value at x (unscaled); may return a non-finite value to reject the point. */
        double value(double[] x);
    }

    private static final double STEP_REDUCTION = 0.2;
    private static final double ACCEPT_TOL = 1e-4;
    private static final double REL_TEST = 10.0;
    private static final double NDEPS = 1e-3;

    private final int n;
    private final double[] scale;
    private final double[] b;
    private final double[] g;
    private final double[] t;
    private final double[] xs;
    private final double[] c;
    private final double[] hb; // n x n inverse Hessian approximation
    private final double[] eval;
    int maxit = 100;
    double reltol = 1e-8;
    boolean converged;
    int evaluations;

    Bfgs(int n, double[] parscale) {
        this.n = n;
        this.scale = parscale.clone();
        this.b = new double[n];
        this.g = new double[n];
        this.t = new double[n];
        this.xs = new double[n];
        this.c = new double[n];
        this.hb = new double[n * n];
        this.eval = new double[n];
    }

    private double f(Objective fn, double[] scaled) {
        for (int i = 0; i < n; i++) {
            eval[i] = scaled[i] * scale[i];
        }
        evaluations++;
        return fn.value(eval);
    }

    private boolean gradient(Objective fn, double[] scaled, double[] out) {
        for (int i = 0; i < n; i++) {
            double keep = scaled[i];
            scaled[i] = keep + NDEPS;
            double f1 = f(fn, scaled);
            scaled[i] = keep - NDEPS;
            double f2 = f(fn, scaled);
            scaled[i] = keep;
            out[i] = (f1 - f2) / (2 * NDEPS);
            if (!Double.isFinite(out[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Minimises fn from start (unscaled), writing the best point into start.
     *
     * @return the minimum value; throws ArithmeticException if the start or a gradient is not finite
     */
    double minimize(Objective fn, double[] start) {
        converged = false;
        if (n == 0) {
            converged = true;
            return fn.value(start);
        }
        for (int i = 0; i < n; i++) {
            b[i] = start[i] / scale[i];
        }
        double fmin = f(fn, b);
        if (!Double.isFinite(fmin)) {
            throw new ArithmeticException("initial value in 'vmmin' is not finite");
        }
        if (!gradient(fn, b, g)) {
            throw new ArithmeticException("non-finite finite-difference value");
        }
        int iter = 1;
        int gradCount = 1;
        int lastReset = gradCount;
        int count;
        do {
            if (lastReset == gradCount) {
                java.util.Arrays.fill(hb, 0.0);
                for (int i = 0; i < n; i++) {
                    hb[i * n + i] = 1.0;
                }
            }
            System.arraycopy(b, 0, xs, 0, n);
            System.arraycopy(g, 0, c, 0, n);
            double gradProj = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s -= hb[i * n + j] * g[j];
                }
                t[i] = s;
                gradProj += s * g[i];
            }
            if (gradProj < 0) {
                double step = 1.0;
                boolean accepted = false;
                double fval = fmin;
                do {
                    count = 0;
                    for (int i = 0; i < n; i++) {
                        b[i] = xs[i] + step * t[i];
                        if (REL_TEST + xs[i] == REL_TEST + b[i]) {
                            count++;
                        }
                    }
                    if (count < n) {
                        fval = f(fn, b);
                        accepted = Double.isFinite(fval) && fval <= fmin + gradProj * step * ACCEPT_TOL;
                        if (!accepted) {
                            step *= STEP_REDUCTION;
                        }
                    }
                } while (!(count == n || accepted));
                boolean enough = Math.abs(fval - fmin) > reltol * (Math.abs(fmin) + reltol);
                if (!enough) {
                    // as Nash's algorithm: stop here, keeping the last evaluated point and value
                    count = n;
                    fmin = fval;
                }
                if (count < n) {
                    fmin = fval;
                    if (!gradient(fn, b, g)) {
                        throw new ArithmeticException("non-finite finite-difference value");
                    }
                    gradCount++;
                    iter++;
                    double d1 = 0;
                    for (int i = 0; i < n; i++) {
                        t[i] *= step;
                        c[i] = g[i] - c[i];
                        d1 += t[i] * c[i];
                    }
                    if (d1 > 0) {
                        double d2 = 0;
                        for (int i = 0; i < n; i++) {
                            double s = 0;
                            for (int j = 0; j < n; j++) {
                                s += hb[i * n + j] * c[j];
                            }
                            xs[i] = s;
                            d2 += s * c[i];
                        }
                        d2 = 1 + d2 / d1;
                        // update the lower triangle and mirror it, so the matrix stays exactly symmetric
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j <= i; j++) {
                                double v = hb[i * n + j] + (d2 * t[i] * t[j] - xs[i] * t[j] - t[i] * xs[j]) / d1;
                                hb[i * n + j] = v;
                                hb[j * n + i] = v;
                            }
                        }
                    } else {
                        lastReset = gradCount;
                    }
                } else {
                    if (lastReset < gradCount) {
                        count = 0;
                        lastReset = gradCount;
                    }
                }
            } else {
                count = 0;
                if (lastReset == gradCount) {
                    count = n;
                } else {
                    lastReset = gradCount;
                }
            }
            if (iter >= maxit) {
                break;
            }
            if (gradCount - lastReset > 2 * n) {
                lastReset = gradCount;
            }
        } while (count != n || lastReset != gradCount);
        converged = iter < maxit;
        for (int i = 0; i < n; i++) {
            start[i] = b[i] * scale[i];
        }
        return fmin;
    }
}

package forecastfarm.worker.forecast.ets;

/**
 * Nelder-Mead minimisation in the variant of J. C. Nash, "Compact Numerical Methods for
 * Computers" (2nd ed., 1990), Algorithm 19 - the variant R's optim(method = "Nelder-Mead") and
 * forecast's ets() use: reflection 1, contraction 0.5, expansion 2, initial simplex steps of
 * 10% of the largest |parameter| (0.1 if all are zero), relative convergence tolerance on the
 * spread of function values, and a hard budget on function evaluations. Non-finite function
 * values count as 1e35. Written from the published description, not from R's code.
 *
 * <p>Work arrays are allocated once per instance; {@link #minimize} allocates nothing. An instance is not
 * thread-safe: use one per fit. Public for the other models that optimise as R's optim does ({@code ces}, {@code dot}).
 */
public final class NelderMead {

    /** The function to minimise; must not keep the argument array. */
    public interface Objective {
        double value(double[] x);
    }

    private static final double BIG = 1.0e35;
    private static final double ALPHA = 1.0;
    private static final double BETA = 0.5;
    private static final double GAMMA = 2.0;

    private final int n;
    private final double[][] simplex; // n + 1 vertices
    private final double[] fv;
    private final double[] centroid;
    private final double[] trial;
    private final double[] reflected;
    private int evaluations;

    /** @param n the number of parameters */
    public NelderMead(int n) {
        this.n = n;
        this.simplex = new double[n + 1][n];
        this.fv = new double[n + 1];
        this.centroid = new double[n];
        this.trial = new double[n];
        this.reflected = new double[n];
    }

    /** Function evaluations of the last {@link #minimize}. */
    public int evaluations() {
        return evaluations;
    }

    private double eval(Objective f, double[] x) {
        evaluations++;
        double v = f.value(x);
        return Double.isFinite(v) ? v : BIG;
    }

    /**
     * Minimises f from x (overwritten with the best point found).
     *
     * @return the best function value, or +Infinity when f is not finite at the start
     */
    public double minimize(Objective f, double[] x, double relTol, int maxEvaluations) {
        evaluations = 0;
        double f0 = f.value(x);
        evaluations++;
        if (!Double.isFinite(f0)) {
            return Double.POSITIVE_INFINITY;
        }
        double convTol = relTol * (Math.abs(f0) + relTol);
        double step = 0;
        for (int i = 0; i < n; i++) {
            step = Math.max(step, 0.1 * Math.abs(x[i]));
        }
        if (step == 0) {
            step = 0.1;
        }
        System.arraycopy(x, 0, simplex[0], 0, n);
        fv[0] = f0;
        double size = 0;
        for (int j = 1; j <= n; j++) {
            System.arraycopy(x, 0, simplex[j], 0, n);
            double s = step;
            while (simplex[j][j - 1] == x[j - 1]) {
                simplex[j][j - 1] = x[j - 1] + s;
                s *= 10;
            }
            size += s;
        }
        double oldSize = size;
        boolean evaluateVertices = true;
        int low = 0;
        do {
            if (evaluateVertices) {
                for (int j = 0; j <= n; j++) {
                    if (j != low) {
                        fv[j] = eval(f, simplex[j]);
                    }
                }
                evaluateVertices = false;
            }
            double vLow = fv[low];
            double vHigh = vLow;
            int high = low;
            for (int j = 0; j <= n; j++) {
                if (j != low) {
                    double v = fv[j];
                    if (v < vLow) {
                        low = j;
                        vLow = v;
                    }
                    if (v > vHigh) {
                        high = j;
                        vHigh = v;
                    }
                }
            }
            if (vHigh <= vLow + convTol) {
                break;
            }
            for (int i = 0; i < n; i++) {
                double sum = -simplex[high][i];
                for (int j = 0; j <= n; j++) {
                    sum += simplex[j][i];
                }
                centroid[i] = sum / n;
            }
            double[] worst = simplex[high];
            for (int i = 0; i < n; i++) {
                trial[i] = (1 + ALPHA) * centroid[i] - ALPHA * worst[i];
            }
            double vR = eval(f, trial);
            if (vR < vLow) {
                // try expanding beyond the reflected point
                for (int i = 0; i < n; i++) {
                    reflected[i] = trial[i];
                    trial[i] = GAMMA * trial[i] + (1 - GAMMA) * centroid[i];
                }
                double vE = eval(f, trial);
                if (vE < vR) {
                    System.arraycopy(trial, 0, worst, 0, n);
                    fv[high] = vE;
                } else {
                    System.arraycopy(reflected, 0, worst, 0, n);
                    fv[high] = vR;
                }
            } else {
                if (vR < vHigh) {
                    System.arraycopy(trial, 0, worst, 0, n);
                    fv[high] = vR;
                }
                for (int i = 0; i < n; i++) {
                    trial[i] = (1 - BETA) * worst[i] + BETA * centroid[i];
                }
                double vC = eval(f, trial);
                if (vC < fv[high]) {
                    System.arraycopy(trial, 0, worst, 0, n);
                    fv[high] = vC;
                } else if (vR >= vHigh) {
                    // shrink towards the best vertex
                    evaluateVertices = true;
                    size = 0;
                    double[] best = simplex[low];
                    for (int j = 0; j <= n; j++) {
                        if (j != low) {
                            for (int i = 0; i < n; i++) {
                                simplex[j][i] = BETA * (simplex[j][i] - best[i]) + best[i];
                                size += Math.abs(simplex[j][i] - best[i]);
                            }
                        }
                    }
                    if (size < oldSize) {
                        oldSize = size;
                    } else {
                        break; // the simplex no longer shrinks
                    }
                }
            }
        } while (evaluations <= maxEvaluations);
        int best = low;
        for (int j = 0; j <= n && !evaluateVertices; j++) { // after a shrink only the best vertex is evaluated
            if (fv[j] < fv[best]) {
                best = j;
            }
        }
        System.arraycopy(simplex[best], 0, x, 0, n);
        return fv[best];
    }
}

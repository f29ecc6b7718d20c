package forecastfarm.worker.forecast.stl;

/**
 * The local regressions STL is built of (Cleveland et al. 1990, section 2): tricube-weighted fits of degree 0 or 1 on
 * a window of {@code span} neighbours, evaluated every {@code jump} points and linearly interpolated between. Arrays
 * are 1-based (index 0 unused), as in the paper's description, so that the index arithmetic can be checked against
 * it.
 */
final class Loess {

    private Loess() {}

    /**
     * The fit at position {@code xs} from {@code y[left..right]}; NaN when every weight vanishes.
     *
     * @param n              length of y (1-based)
     * @param span           the window's nominal length (may exceed n: the bandwidth then grows)
     * @param degree         0 (local mean) or 1 (local line)
     * @param work           scratch of length at least right + 1
     * @param robustWeights  1-based robustness weights multiplying the tricube ones, or null for none
     */
    static double estimate(
            double[] y,
            int n,
            int span,
            int degree,
            double xs,
            int left,
            int right,
            double[] work,
            double[] robustWeights) {
        double range = n - 1.0;
        double h = Math.max(xs - left, right - xs);
        if (span > n) {
            h += (span - n) / 2; // integer division, as the reference Fortran
        }
        double h9 = 0.999 * h;
        double h1 = 0.001 * h;
        double sum = 0;
        for (int j = left; j <= right; j++) {
            work[j] = 0;
            double r = Math.abs(j - xs);
            if (r <= h9) {
                if (r <= h1) {
                    work[j] = 1;
                } else {
                    double u = r / h;
                    double t = 1 - u * u * u;
                    work[j] = t * t * t;
                }
                if (robustWeights != null) {
                    work[j] *= robustWeights[j];
                }
                sum += work[j];
            }
        }
        if (sum <= 0) {
            return Double.NaN;
        }
        for (int j = left; j <= right; j++) {
            work[j] /= sum;
        }
        if (h > 0 && degree > 0) {
            double centre = 0;
            for (int j = left; j <= right; j++) {
                centre += work[j] * j;
            }
            double slope = xs - centre;
            double spread = 0;
            for (int j = left; j <= right; j++) {
                spread += work[j] * (j - centre) * (j - centre);
            }
            if (Math.sqrt(spread) > 0.001 * range) {
                slope /= spread;
                for (int j = left; j <= right; j++) {
                    work[j] *= slope * (j - centre) + 1.0;
                }
            }
        }
        double fit = 0;
        for (int j = left; j <= right; j++) {
            fit += work[j] * y[j];
        }
        return fit;
    }

    /**
     * Smooths {@code y[1..n]} into {@code out[offset + 1 .. offset + n]}.
     *
     * @param robustWeights 1-based weights for y, or null
     */
    static void smooth(
            double[] y, int n, int span, int degree, int jump, double[] robustWeights, double[] out, int offset) {
        if (n < 2) {
            out[offset + 1] = y[1];
            return;
        }
        double[] work = new double[n + 1];
        int step = Math.min(jump, n - 1);
        int left = 1;
        int right = n;
        if (span >= n) {
            for (int i = 1; i <= n; i += step) {
                out[offset + i] = orData(estimate(y, n, span, degree, i, 1, n, work, robustWeights), y[i]);
            }
        } else if (step == 1) {
            int half = (span + 1) / 2;
            right = span;
            for (int i = 1; i <= n; i++) {
                if (i > half && right != n) {
                    left++;
                    right++;
                }
                out[offset + i] = orData(estimate(y, n, span, degree, i, left, right, work, robustWeights), y[i]);
            }
        } else {
            int half = (span + 1) / 2;
            for (int i = 1; i <= n; i += step) {
                if (i < half) {
                    left = 1;
                    right = span;
                } else if (i >= n - half + 1) {
                    left = n - span + 1;
                    right = n;
                } else {
                    left = i - half + 1;
                    right = span + i - half;
                }
                out[offset + i] = orData(estimate(y, n, span, degree, i, left, right, work, robustWeights), y[i]);
            }
        }
        if (step != 1) {
            for (int i = 1; i <= n - step; i += step) {
                double delta = (out[offset + i + step] - out[offset + i]) / step;
                for (int j = i + 1; j <= i + step - 1; j++) {
                    out[offset + j] = out[offset + i] + delta * (j - i);
                }
            }
            int lastEvaluated = ((n - 1) / step) * step + 1;
            if (lastEvaluated != n) {
                out[offset + n] = orData(estimate(y, n, span, degree, n, left, right, work, robustWeights), y[n]);
                if (lastEvaluated != n - 1) {
                    double delta = (out[offset + n] - out[offset + lastEvaluated]) / (n - lastEvaluated);
                    for (int j = lastEvaluated + 1; j <= n - 1; j++) {
                        out[offset + j] = out[offset + lastEvaluated] + delta * (j - lastEvaluated);
                    }
                }
            }
        }
    }

    /** A vanished fit keeps the data point, as the reference does. */
    private static double orData(double fit, double data) {
        return Double.isNaN(fit) ? data : fit;
    }
}

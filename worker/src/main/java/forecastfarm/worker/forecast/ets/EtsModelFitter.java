package forecastfarm.worker.forecast.ets;

/**
 * Fits one ETS model form by maximum likelihood, following R forecast's etsmodel() (8.20):
 * starting parameters as initparam(), starting states as initstate(), parameter bounds
 * "both" (the usual 1e-4 <= beta <= alpha <= 0.9999, gamma <= 1 - alpha, 0.8 <= phi <= 0.98,
 * and the admissible region of the linear model), Nelder-Mead over parameters and initial
 * states with at most 2000 evaluations, and criterion lik = n log(sum e^2) [+ 2 sum log|yhat|
 * for multiplicative errors].
 *
 * <p>One instance per (series, form); not thread-safe. The likelihood recursion reuses the
 * work arrays allocated in the constructor and allocates nothing.
 */
final class EtsModelFitter {

    static final double[] LOWER = {1e-4, 1e-4, 1e-4, 0.8};
    static final double[] UPPER = {0.9999, 0.9999, 0.9999, 0.98};
    static final int MAX_EVALUATIONS = 2000;
    static final double REL_TOL = 1.4901161193847656e-08; // sqrt(.Machine$double.eps)

    private static final double TOL = 1e-10;
    private static final double HUGEN = 1e10;
    /**
     * Multiplicative errors add log|yhat| per step; the logarithm costs more than the rest of the step, so the
     * product of this many values is logged at once (each value alone when the product leaves the normal range).
     */
    private static final int LOG_CHUNK = 8;

    private final double[] y;
    private final int n;
    private final int m; // 1 for non-seasonal forms
    private final EtsSpec spec;
    private final int nPar; // smoothing parameters optimised: alpha [beta] [gamma] [phi]
    private final int nState; // initial states optimised: l [b] [s0..s(m-2)]
    private final double[] seas; // work: seasonal ring buffer
    private final double[] poly; // work: admissibility polynomial
    private final double[] polyTmp;
    private final double[] scaleChunk; // work: the last |yhat| values whose product is not yet logged

    EtsModelFitter(double[] y, int seasonLength, EtsSpec spec) {
        this.y = y;
        this.n = y.length;
        this.spec = spec;
        this.m = spec.seasonal() ? seasonLength : 1;
        this.nPar = 1 + (spec.trend() ? 1 : 0) + (spec.seasonal() ? 1 : 0) + (spec.damped() ? 1 : 0);
        this.nState = 1 + (spec.trend() ? 1 : 0) + (spec.seasonal() ? m - 1 : 0);
        this.seas = new double[m];
        this.poly = new double[m + 2];
        this.polyTmp = new double[m + 2];
        this.scaleChunk = new double[LOG_CHUNK];
    }

    /** The fitted form, or null where R gives up on it (too many parameters, failed start). */
    EtsFitResult fit() {
        double[] x = new double[nPar + nState];
        // initparam(): alpha, beta, gamma, phi
        double alpha = LOWER[0] + 0.2 * (UPPER[0] - LOWER[0]) / m;
        if (alpha > 1 || alpha < 0) {
            alpha = LOWER[0] + 2e-3;
        }
        int k = 0;
        x[k++] = alpha;
        if (spec.trend()) {
            double up = Math.min(UPPER[1], alpha);
            double beta = LOWER[1] + 0.1 * (up - LOWER[1]);
            if (beta < 0 || beta > alpha) {
                beta = alpha - 1e-3;
            }
            x[k++] = beta;
        }
        if (spec.seasonal()) {
            double up = Math.min(UPPER[2], 1 - alpha);
            double gamma = LOWER[2] + 0.05 * (up - LOWER[2]);
            if (gamma < 0 || gamma > 1 - alpha) {
                gamma = 1 - alpha - 1e-3;
            }
            x[k++] = gamma;
        }
        if (spec.damped()) {
            double phi = LOWER[3] + 0.99 * (UPPER[3] - LOWER[3]);
            if (phi < 0 || phi > 1) {
                phi = UPPER[3] - 1e-3;
            }
            x[k++] = phi;
        }
        double[] init = InitialState.compute(y, spec, m);
        System.arraycopy(init, 0, x, nPar, nState);
        int np = nPar + nState;
        if (np >= n - 1) {
            return null;
        }
        NelderMead nm = new NelderMead(np);
        double best = nm.minimize(this::objective, x, REL_TOL, MAX_EVALUATIONS);
        if (!Double.isFinite(best)) {
            return null;
        }
        return result(x, nm.evaluations());
    }

    /** R's etsTargetFunction: Inf outside the bounds, -1e10 floor for perfect fits. */
    double objective(double[] x) {
        int k = 0;
        double alpha = x[k++];
        double beta = spec.trend() ? x[k++] : 0;
        double gamma = spec.seasonal() ? x[k++] : 0;
        double phi = spec.damped() ? x[k++] : 1;
        if (!checkParams(alpha, beta, gamma, phi)) {
            return Double.POSITIVE_INFINITY;
        }
        double lik = likelihood(x, alpha, beta, gamma, phi, null, null);
        if (Double.isNaN(lik)) {
            return Double.POSITIVE_INFINITY;
        }
        return lik < -1e10 ? -1e10 : lik;
    }

    private boolean checkParams(double alpha, double beta, double gamma, double phi) {
        // usual bounds
        if (alpha < LOWER[0] || alpha > UPPER[0]) {
            return false;
        }
        if (spec.trend() && (beta < LOWER[1] || beta > alpha || beta > UPPER[1])) {
            return false;
        }
        if (spec.damped() && (phi < LOWER[3] || phi > UPPER[3])) {
            return false;
        }
        if (spec.seasonal() && (gamma < LOWER[2] || gamma > 1 - alpha || gamma > UPPER[2])) {
            return false;
        }
        return admissible(alpha, beta, gamma, phi);
    }

    /** R's admissible(): the stability region of the linear ETS model. */
    private boolean admissible(double alpha, double beta, double gamma, double phi) {
        if (phi < 0 || phi > 1 + 1e-8) {
            return false;
        }
        if (!spec.seasonal()) {
            if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) {
                return false;
            }
            if (spec.trend() && (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha))) {
                return false;
            }
            return true;
        }
        if (m <= 1) {
            return true;
        }
        if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) {
            return false;
        }
        if (alpha < 1 - 1 / phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m)) {
            return false;
        }
        if (beta < -(1 - phi) * (gamma / m + alpha)) {
            return false;
        }
        // characteristic polynomial, increasing powers: all roots must lie within |z| <= 1 + 1e-10
        poly[0] = phi * (1 - alpha - gamma);
        poly[1] = alpha + beta - alpha * phi + gamma - 1;
        for (int i = 2; i < m; i++) {
            poly[i] = alpha + beta - alpha * phi;
        }
        poly[m] = alpha + beta - phi;
        poly[m + 1] = 1;
        int degree = m + 1;
        if (!spec.trend()) {
            // With beta = 0 and phi = 1, z = 1 is always a root. R's numerical root finder sees it
            // at modulus 1 +- 1e-15, inside its 1 + 1e-10 tolerance; the Schur-Cohn recursion would
            // decide it by rounding. Divide it out exactly (synthetic division) and test the rest.
            double carry = 0;
            for (int k = degree; k >= 1; k--) {
                carry = poly[k] + carry;
                polyTmp[k - 1] = carry;
            }
            System.arraycopy(polyTmp, 0, poly, 0, degree);
            degree--;
        }
        return rootsWithinRadius(poly, degree, 1 + 1e-10, polyTmp);
    }

    /**
     * Schur-Cohn test: true when every root of a[0] + a[1] z + ... + a[d] z^d has modulus below r
     * (equivalently, of a(r z) within the unit disc). Overwrites a; tmp (length >= d + 1) is scratch.
     */
    static boolean rootsWithinRadius(double[] a, int d, double r, double[] tmp) {
        double scale = 1;
        for (int i = 0; i <= d; i++) {
            a[i] *= scale;
            scale *= r;
        }
        for (int k = d; k >= 1; k--) {
            double lead = a[k];
            if (lead == 0 || !Double.isFinite(lead)) {
                return false;
            }
            double rho = a[0] / lead;
            if (!(Math.abs(rho) < 1)) {
                return false;
            }
            // q_{j-1} = a_j - rho a_{k-j}, j = 1..k, scaled by 1 / lead (a multiplication instead of
            // k divisions: the test only asks |rho| < 1 at each stage, which the last-bit difference
            // changes only for a root within ~1e-15 of the radius). The reversed coefficients are
            // copied first so that the loop reads both operands forwards and the JIT can vectorise it.
            double inv = 1.0 / lead;
            for (int j = 1; j <= k; j++) {
                tmp[j] = a[k - j];
            }
            for (int j = 1; j <= k; j++) {
                a[j - 1] = (a[j] - rho * tmp[j]) * inv;
            }
        }
        return true;
    }

    /**
     * The ETS recursion (error-correction form, identical for additive and multiplicative errors
     * given the observations). Returns lik; NaN when a multiplicative seasonal start is negative.
     * When {@code residuals} is non-null, stores the errors there and the final states in
     * {@code finalState} (l, [b], s1..sm with s1 the most recent season).
     */
    private double likelihood(
            double[] x, double alpha, double beta, double gamma, double phi, double[] residuals, double[] finalState) {
        double l = x[nPar];
        double b = spec.trend() ? x[nPar + 1] : 0;
        boolean seasonal = spec.seasonal();
        boolean multSeason = spec.season() == EtsSpec.Season.M;
        int head = 0;
        if (seasonal) {
            int first = nPar + (spec.trend() ? 2 : 1);
            double sum = 0;
            for (int j = 0; j < m - 1; j++) {
                seas[j] = x[first + j];
                sum += seas[j];
            }
            seas[m - 1] = (multSeason ? m : 0) - sum;
            if (multSeason) {
                for (int j = 0; j < m; j++) {
                    if (seas[j] < 0) {
                        return Double.NaN;
                    }
                }
            }
        }
        boolean multError = spec.multError();
        boolean trend = spec.trend();
        double sumE2 = 0;
        double sumLog = 0;
        double scaleProduct = 1;
        double keepL = 1 - alpha;
        double keepB = 1 - beta;
        for (int t = 0; t < n; t++) {
            double phib = phi * b;
            double q = trend ? l + phib : l;
            int oldest = head + m - 1;
            if (oldest >= m) {
                oldest -= m;
            }
            double sOld = seasonal ? seas[oldest] : 0;
            double yhat = !seasonal ? q : multSeason ? q * sOld : q + sOld;
            double yt = y[t];
            double e;
            if (multError) {
                e = (yt - yhat) / yhat;
                double scale = Math.abs(yhat);
                scaleChunk[t & (LOG_CHUNK - 1)] = scale;
                scaleProduct *= scale;
                if ((t & (LOG_CHUNK - 1)) == LOG_CHUNK - 1) {
                    sumLog += logOfProduct(scaleProduct, LOG_CHUNK);
                    scaleProduct = 1;
                }
            } else {
                e = yt - yhat;
            }
            sumE2 += e * e;
            if (residuals != null) {
                residuals[t] = e;
            }
            double p;
            if (!seasonal) {
                p = yt;
            } else if (multSeason) {
                p = Math.abs(sOld) < TOL ? HUGEN : yt / sOld;
            } else {
                p = yt - sOld;
            }
            // R writes lNew = q + alpha (p - q) and b = phib + (beta / alpha) (lNew - l - phib), which is
            // phib + beta (p - q). Regrouped as below, the same values (to rounding) take two dependent operations
            // from one step's state to the next instead of five: that chain, not the arithmetic, bounds the loop.
            if (trend) {
                b = keepB * phib + beta * (p - l);
            }
            if (seasonal) {
                double target = multSeason ? (Math.abs(q) < TOL ? HUGEN : yt / q) : yt - q;
                seas[oldest] = sOld + gamma * (target - sOld);
                head = oldest;
            }
            l = keepL * q + alpha * p;
        }
        if (finalState != null) {
            int k = 0;
            finalState[k++] = l;
            if (spec.trend()) {
                finalState[k++] = b;
            }
            if (seasonal) {
                for (int j = 0; j < m; j++) {
                    int idx = head + j;
                    finalState[k++] = seas[idx >= m ? idx - m : idx];
                }
            }
        }
        if (multError) {
            sumLog += logOfProduct(scaleProduct, n & (LOG_CHUNK - 1));
        }
        double lik = n * Math.log(sumE2);
        return multError ? lik + 2 * sumLog : lik;
    }

    /** log of the product of the first {@code count} values of {@link #scaleChunk}, given as {@code product}. */
    private double logOfProduct(double product, int count) {
        if (product >= Double.MIN_NORMAL && product <= Double.MAX_VALUE) {
            return Math.log(product);
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += Math.log(scaleChunk[i]);
        }
        return sum;
    }

    private EtsFitResult result(double[] x, int evaluations) {
        int k = 0;
        double alpha = x[k++];
        double beta = spec.trend() ? x[k++] : 0;
        double gamma = spec.seasonal() ? x[k++] : 0;
        double phi = spec.damped() ? x[k++] : 1;
        double[] residuals = new double[n];
        double[] finalState = new double[1 + (spec.trend() ? 1 : 0) + (spec.seasonal() ? m : 0)];
        double lik = likelihood(x, alpha, beta, gamma, phi, residuals, finalState);
        if (Double.isNaN(lik) || lik == Double.POSITIVE_INFINITY) {
            return null;
        }
        lik = Math.max(lik, -1e10); // a perfect fit: R gets -Inf here; the floor keeps the AICc finite
        int np = nPar + nState + 1;
        double aic = lik + 2 * np;
        double aicc = aic + 2.0 * np * (np + 1) / (n - np - 1);
        double ss = 0;
        for (double e : residuals) {
            ss += e * e;
        }
        double sigma2 = ss / (n - (nPar + nState));
        double[] initial = java.util.Arrays.copyOfRange(x, nPar, nPar + nState);
        return new EtsFitResult(spec, m, alpha, beta, gamma, phi, initial, finalState, lik, aicc, sigma2, evaluations);
    }
}

package forecastfarm.worker.forecast.ces;

/**
 * One complex exponential smoothing model with fixed parameters: its recursion (filtering, forecasting, impulse
 * responses) and its admissibility. Immutable; the methods work on state arrays the caller owns and allocate
 * nothing.
 *
 * <p>The state space form of Svetunkov, Kourentzes and Ord, "Complex exponential smoothing", Naval Research
 * Logistics 69(8), 2022 (working paper 2015), with the complex smoothing parameter {@code a0 + i a1}, the level
 * {@code l} and the information potential {@code c}; {@code e_t} is the one-step error:
 *
 * <pre>
 * NONE     y_t = l_{t-1} + e_t
 *          l_t = l_{t-1} - (1 - a1) c_{t-1} + (a0 - a1) e_t
 *          c_t = l_{t-1} + (1 - a0) c_{t-1} + (a0 + a1) e_t
 * SIMPLE   the same pair at lag m:  y_t = L_{t-m} + e_t,  (L_t, C_t) from (L_{t-m}, C_{t-m}) as above
 * PARTIAL  y_t = l_{t-1} + s_{t-m} + e_t,  (l, c) as NONE,  s_t = s_{t-m} + b e_t
 * FULL     y_t = l_{t-1} + LS_{t-m} + e_t,  (l, c) as NONE, and a second pair at lag m with b0 + i b1:
 *          LS_t = LS_{t-m} - (1 - b1) CS_{t-m} + (b0 - b1) e_t
 *          CS_t = LS_{t-m} + (1 - b0) CS_{t-m} + (b0 + b1) e_t
 * </pre>
 *
 * <p>State arrays follow {@link CesForm}'s layout; a recursion started at phase {@code p} reads seasonal slot
 * {@code (p + t) mod m} at its step {@code t}.
 */
final class CesModel {

    /** Roots of the invertibility polynomial within this of the unit circle count as on it (admissible). */
    private static final double BOUNDARY = 1e-10;

    private final CesForm form;
    private final int m;
    private final double a0;
    private final double a1;
    private final double b0;
    private final double b1;
    // the recursion's coefficients: l' = l - q1 c + k1 e, c' = l + q0 c + k2 e (and the same for the seasonal pair)
    private final double q1;
    private final double k1;
    private final double q0;
    private final double k2;
    private final double sq1;
    private final double sk1;
    private final double sq0;
    private final double sk2;

    /**
     * @param form the seasonal form
     * @param m    the season length; 1 for NONE, at least 2 for the seasonal forms
     * @param a0   real part of the complex smoothing parameter
     * @param a1   its imaginary part
     * @param b0   PARTIAL: the seasonal smoothing parameter b; FULL: the real part of b0 + i b1; else ignored
     * @param b1   FULL: the imaginary part of b0 + i b1; else ignored
     */
    CesModel(CesForm form, int m, double a0, double a1, double b0, double b1) {
        this.form = form;
        if (form.seasonal() ? m < 2 : m != 1) {
            throw new IllegalArgumentException("CES(" + form.letter() + ") with season length " + m);
        }
        this.m = m;
        this.a0 = a0;
        this.a1 = a1;
        this.b0 = form == CesForm.PARTIAL || form == CesForm.FULL ? b0 : 0;
        this.b1 = form == CesForm.FULL ? b1 : 0;
        q1 = 1 - a1;
        k1 = a0 - a1;
        q0 = 1 - a0;
        k2 = a0 + a1;
        sq1 = 1 - this.b1;
        sk1 = this.b0 - this.b1;
        sq0 = 1 - this.b0;
        sk2 = this.b0 + this.b1;
    }

    CesForm form() {
        return form;
    }

    int m() {
        return m;
    }

    double a0() {
        return a0;
    }

    double a1() {
        return a1;
    }

    double b0() {
        return b0;
    }

    double b1() {
        return b1;
    }

    int stateSize() {
        return form.stateSize(m);
    }

    /**
     * Runs the recursion over {@code y[0..n)} from {@code state} (phase 0), leaving the state after the last
     * observation in {@code state} (its next phase is {@code n mod m}).
     *
     * @param errors where the one-step errors go, or null
     * @return the sum of squared one-step errors
     */
    double filter(double[] y, int n, double[] state, double[] errors) {
        switch (form) {
            case NONE:
                return filterNone(y, n, state, errors);
            case SIMPLE:
                return filterSimple(y, n, state, errors);
            case PARTIAL:
                return filterPartial(y, n, state, errors);
            default:
                return filterFull(y, n, state, errors);
        }
    }

    private double filterNone(double[] y, int n, double[] s, double[] errors) {
        double l = s[0];
        double c = s[1];
        double sse = 0;
        for (int t = 0; t < n; t++) {
            double e = y[t] - l;
            if (errors != null) {
                errors[t] = e;
            }
            sse += e * e;
            double nl = l - q1 * c + k1 * e;
            c = l + q0 * c + k2 * e;
            l = nl;
        }
        s[0] = l;
        s[1] = c;
        return sse;
    }

    private double filterSimple(double[] y, int n, double[] s, double[] errors) {
        double sse = 0;
        int j = 0;
        for (int t = 0; t < n; t++) {
            double l = s[j];
            double c = s[m + j];
            double e = y[t] - l;
            if (errors != null) {
                errors[t] = e;
            }
            sse += e * e;
            s[j] = l - q1 * c + k1 * e;
            s[m + j] = l + q0 * c + k2 * e;
            if (++j == m) {
                j = 0;
            }
        }
        return sse;
    }

    private double filterPartial(double[] y, int n, double[] s, double[] errors) {
        double l = s[0];
        double c = s[1];
        double sse = 0;
        int j = 2;
        int end = 2 + m;
        for (int t = 0; t < n; t++) {
            double e = y[t] - l - s[j];
            if (errors != null) {
                errors[t] = e;
            }
            sse += e * e;
            double nl = l - q1 * c + k1 * e;
            c = l + q0 * c + k2 * e;
            l = nl;
            s[j] += b0 * e;
            if (++j == end) {
                j = 2;
            }
        }
        s[0] = l;
        s[1] = c;
        return sse;
    }

    private double filterFull(double[] y, int n, double[] s, double[] errors) {
        double l = s[0];
        double c = s[1];
        double sse = 0;
        int j = 2;
        int end = 2 + m;
        for (int t = 0; t < n; t++) {
            double ls = s[j];
            double cs = s[j + m];
            double e = y[t] - l - ls;
            if (errors != null) {
                errors[t] = e;
            }
            sse += e * e;
            double nl = l - q1 * c + k1 * e;
            c = l + q0 * c + k2 * e;
            l = nl;
            s[j] = ls - sq1 * cs + sk1 * e;
            s[j + m] = ls + sq0 * cs + sk2 * e;
            if (++j == end) {
                j = 2;
            }
        }
        s[0] = l;
        s[1] = c;
        return sse;
    }

    /**
     * Iterates the recursion {@code steps} times from {@code state} at {@code phase} with the error
     * {@code firstError} at the first step and zero after it, writing each step's one-step prediction to
     * {@code out}. With {@code firstError = 0} these are the point forecasts; from a zero state with
     * {@code firstError = 1}, {@code out[j]} (j >= 1) is the weight of an error on the forecast j steps after it.
     * The state is overwritten.
     */
    void iterate(double[] state, int phase, int steps, double firstError, double[] out) {
        int j = phase % m;
        double e = firstError;
        for (int t = 0; t < steps; t++) {
            switch (form) {
                case NONE: {
                    double l = state[0];
                    double c = state[1];
                    out[t] = l;
                    state[0] = l - q1 * c + k1 * e;
                    state[1] = l + q0 * c + k2 * e;
                    break;
                }
                case SIMPLE: {
                    double l = state[j];
                    double c = state[m + j];
                    out[t] = l;
                    state[j] = l - q1 * c + k1 * e;
                    state[m + j] = l + q0 * c + k2 * e;
                    break;
                }
                case PARTIAL: {
                    double l = state[0];
                    double c = state[1];
                    out[t] = l + state[2 + j];
                    state[0] = l - q1 * c + k1 * e;
                    state[1] = l + q0 * c + k2 * e;
                    state[2 + j] += b0 * e;
                    break;
                }
                default: {
                    double l = state[0];
                    double c = state[1];
                    double ls = state[2 + j];
                    double cs = state[2 + m + j];
                    out[t] = l + ls;
                    state[0] = l - q1 * c + k1 * e;
                    state[1] = l + q0 * c + k2 * e;
                    state[2 + j] = ls - sq1 * cs + sk1 * e;
                    state[2 + m + j] = ls + sq0 * cs + sk2 * e;
                    break;
                }
            }
            e = 0;
            if (++j == m) {
                j = 0;
            }
        }
    }

    /**
     * Whether the model is admissible (stable, forecastable): the weight of an observation on the states dies out.
     * That is, every root of the model's moving-average polynomial {@code theta(z)} lies on or outside the unit
     * circle (the eigenvalues of the discount matrix of the whole lagged state vector on or inside it), where, with
     * {@code A(z) = det(I - D z)} for the non-seasonal pair's discount matrix {@code D = F - g w'} and
     * {@code E(z) = det(I - F z)}, and {@code B}, {@code C} the same two for the seasonal part in {@code w = z^m}:
     *
     * <pre>
     * NONE, SIMPLE:  theta(z) = A(z)                            (SIMPLE in z^m: the same roots in |z| terms)
     * PARTIAL:       theta(z) = (1 - z^m) A(z) + b z^m E(z)
     * FULL:          theta(z) = A(z) B(z^m) + (C(z^m) - B(z^m)) E(z)
     * A(z) = 1 - (2 - 2 a0 + a1) z + ((1 - a0)^2 + (1 - a0) + a1^2 - a1) z^2
     * E(z) = 1 - (2 - a0) z + (2 - a0 - a1) z^2
     * </pre>
     *
     * (derived by multiplying {@code y_t = (1 + sum of the components' transfer functions) e_t} out, with the
     * matrix determinant lemma; smooth's ces() checks the eigenvalues of the 3x3 or 4x4 matrix that ignores the
     * lags, which is this polynomial for m = 1). The roots are tested by the Schur-Cohn step-down recursion.
     */
    boolean admissible() {
        double[] a = pair(a0, a1, false);
        if (form == CesForm.NONE || form == CesForm.SIMPLE) {
            return rootsOutsideUnitCircle(a);
        }
        double[] e = pair(a0, a1, true);
        double[] b;
        double[] c;
        if (form == CesForm.PARTIAL) {
            b = new double[] {1, -1, 0};
            c = new double[] {1, -(1 - b0), 0};
        } else {
            b = pair(b0, b1, true);
            c = pair(b0, b1, false);
        }
        double[] theta = new double[2 * m + 3];
        for (int i = 0; i <= 2; i++) {
            for (int k = 0; k <= 2; k++) {
                theta[i + k * m] += a[i] * b[k] + e[i] * (c[k] - b[k]);
            }
        }
        return rootsOutsideUnitCircle(theta);
    }

    /** det(I - F z) (transition) or det(I - D z) (discount) of a CES pair, coefficients of 1, z, z^2. */
    private static double[] pair(double r, double i, boolean transition) {
        if (transition) {
            return new double[] {1, -(2 - r), 2 - r - i};
        }
        double q = 1 - r;
        return new double[] {1, -(2 - 2 * r + i), q * q + q + i * i - i};
    }

    /**
     * Whether every root of {@code p(z) = 1 + p1 z + ... + pd z^d} has modulus at least {@code 1 - BOUNDARY}:
     * the step-down (Schur-Cohn, Levinson) recursion on {@code p(rho z)}, rho = 1 - BOUNDARY, whose reflection
     * coefficients all lie strictly inside (-1, 1) exactly when its roots all lie outside the unit circle.
     */
    static boolean rootsOutsideUnitCircle(double[] p) {
        int d = p.length - 1;
        double[] a = new double[d + 1];
        double rho = 1 - BOUNDARY;
        double pow = 1;
        for (int i = 0; i <= d; i++) {
            if (!Double.isFinite(p[i])) {
                return false;
            }
            a[i] = p[i] * pow / p[0];
            pow *= rho;
        }
        double[] tmp = new double[d + 1];
        for (int k = d; k >= 1; k--) {
            double kappa = a[k];
            if (!(Math.abs(kappa) < 1)) {
                return false;
            }
            double scale = 1 - kappa * kappa;
            for (int i = 1; i < k; i++) {
                tmp[i] = (a[i] - kappa * a[k - i]) / scale;
            }
            System.arraycopy(tmp, 1, a, 1, k - 1);
        }
        return true;
    }
}

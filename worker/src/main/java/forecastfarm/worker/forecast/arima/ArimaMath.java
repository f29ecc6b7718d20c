package forecastfarm.worker.forecast.arima;

import org.hipparchus.complex.Complex;

/**
 * Parameter maps and polynomial helpers behind {@link ArimaFit}: the expansion of the
 * multiplicative seasonal ARMA polynomials, the PACF (Monahan / Jones) reparametrisation R uses
 * to keep the AR parts stationary, MA root inversion and root checks.
 *
 * <p>Parameter layout (as R's arima): {@code [ar(p), ma(q), sar(P), sma(Q), xreg...]}.
 */
final class ArimaMath {

    private ArimaMath() {}

    /**
     * Expands the parameters into the full AR and MA polynomials (lengths p + P*m and q + Q*m).
     * With {@code transform} the AR blocks of {@code par} are unconstrained PACF values.
     */
    static void expand(
            double[] par,
            int p,
            int q,
            int sp,
            int sq,
            int m,
            boolean transform,
            double[] work,
            double[] phi,
            double[] theta) {
        expand(par, p, q, sp, sq, m, transform, work, phi, theta, new double[2 * Math.max(p, sp)]);
    }

    /** As above with caller-owned scratch of length >= 2 max(p, P): allocation-free. */
    static void expand(
            double[] par,
            int p,
            int q,
            int sp,
            int sq,
            int m,
            boolean transform,
            double[] work,
            double[] phi,
            double[] theta,
            double[] scratch) {
        System.arraycopy(par, 0, work, 0, p + q + sp + sq);
        if (transform) {
            if (p > 0) {
                pacfToAr(par, 0, p, work, 0, scratch);
            }
            if (sp > 0) {
                pacfToAr(par, p + q, sp, work, p + q, scratch);
            }
        }
        java.util.Arrays.fill(phi, 0.0);
        java.util.Arrays.fill(theta, 0.0);
        for (int i = 0; i < p; i++) {
            phi[i] = work[i];
        }
        for (int i = 0; i < q; i++) {
            theta[i] = work[p + i];
        }
        for (int j = 0; j < sp; j++) {
            double s = work[p + q + j];
            phi[(j + 1) * m - 1] += s;
            for (int i = 0; i < p; i++) {
                phi[(j + 1) * m + i] -= work[i] * s;
            }
        }
        for (int j = 0; j < sq; j++) {
            double s = work[p + q + sp + j];
            theta[(j + 1) * m - 1] += s;
            for (int i = 0; i < q; i++) {
                theta[(j + 1) * m + i] += work[p + i] * s;
            }
        }
    }

    /**
     * Maps k unconstrained values to the coefficients of a stationary AR(k): partial
     * autocorrelations tanh(raw) run through the Durbin-Levinson recursion.
     */
    static void pacfToAr(double[] raw, int from, int k, double[] out, int to) {
        pacfToAr(raw, from, k, out, to, new double[2 * k]);
    }

    /** As {@link #pacfToAr(double[], int, int, double[], int)} with caller-owned scratch of length >= 2k. */
    static void pacfToAr(double[] raw, int from, int k, double[] out, int to, double[] scratch) {
        // scratch[0..k): coefficients being built; scratch[k..2k): previous step's coefficients
        for (int j = 0; j < k; j++) {
            double pj = Math.tanh(raw[from + j]);
            System.arraycopy(scratch, 0, scratch, k, j);
            for (int i = 0; i < j; i++) {
                scratch[i] = scratch[k + i] - pj * scratch[k + j - 1 - i];
            }
            scratch[j] = pj;
        }
        System.arraycopy(scratch, 0, out, to, k);
    }

    /** Inverse of {@link #pacfToAr}: AR coefficients back to atanh of the partial autocorrelations. */
    static void arToPacf(double[] coef, int from, int k, double[] out, int to) {
        double[] c = new double[k];
        System.arraycopy(coef, from, c, 0, k);
        double[] prev = new double[k];
        double[] pacf = new double[k];
        for (int j = k - 1; j >= 0; j--) {
            double pj = c[j];
            pacf[j] = pj;
            double den = 1 - pj * pj;
            System.arraycopy(c, 0, prev, 0, j);
            for (int i = 0; i < j; i++) {
                c[i] = (prev[i] + pj * prev[j - 1 - i]) / den;
            }
        }
        for (int j = 0; j < k; j++) {
            out[to + j] = atanh(pacf[j]);
        }
    }

    static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    /** Roots of 1 + c[0] z + ... + c[k-1] z^k (trailing zeros of c ignored); null when c is all zero. */
    static Complex[] roots(double[] c, int len) {
        int k = len;
        while (k > 0 && c[k - 1] == 0.0) {
            k--;
        }
        if (k == 0) {
            return new Complex[0];
        }
        if (k == 1) {
            return new Complex[] {new Complex(-1.0 / c[0], 0)};
        }
        double[] poly = new double[k + 1];
        poly[0] = 1.0;
        System.arraycopy(c, 0, poly, 1, k);
        return durandKerner(poly);
    }

    /** Smallest modulus of the roots of 1 + sign * (c[0] z + ...), ignoring |c| <= tol tails; 2 when none. */
    static double minRootModulus(double[] c, double sign, double tol) {
        int last = -1;
        for (int i = 0; i < c.length; i++) {
            if (Math.abs(c[i]) > tol) {
                last = i;
            }
        }
        if (last < 0) {
            return 2.0;
        }
        double[] s = new double[last + 1];
        for (int i = 0; i <= last; i++) {
            s[i] = sign * c[i];
        }
        double min = 2.0;
        for (Complex z : roots(s, s.length)) {
            min = Math.min(min, z.norm());
        }
        return min;
    }

    /**
     * Whether every root of 1 + sign * (c[0] z + c[1] z^2 + ...), ignoring the |c| <= tol tail as
     * {@link #minRootModulus} does, has modulus above radius; the same decision as
     * {@code minRootModulus(c, sign, tol) > radius} without finding the roots: with z = radius w the
     * polynomial is an AR polynomial in w, stationary exactly when its roots in z lie outside the
     * radius, and the Durbin-Levinson step-down decides that in O(k^2) (all partial
     * autocorrelations inside (-1, 1)). Allocation-free given scratch of length >= 2 k.
     */
    static boolean rootsOutside(double[] c, double sign, double tol, double radius, double[] scratch) {
        int last = -1;
        for (int i = 0; i < c.length; i++) {
            if (Math.abs(c[i]) > tol) {
                last = i;
            }
        }
        int k = last + 1;
        double[] b = scratch;
        double pow = radius;
        for (int i = 0; i < k; i++) {
            b[i] = -sign * c[i] * pow;
            pow *= radius;
        }
        for (int kk = k; kk >= 1; kk--) {
            double kappa = b[kk - 1];
            if (!(Math.abs(kappa) < 1.0)) {
                return false;
            }
            double inv = 1.0 / (1.0 - kappa * kappa);
            for (int j = 0; j < kk - 1; j++) {
                scratch[k + j] = (b[j] + kappa * b[kk - 2 - j]) * inv;
            }
            System.arraycopy(scratch, k, b, 0, kk - 1);
        }
        return true;
    }

    /** True when 1 - ar[0] z - ... has all roots outside the unit circle (R's arCheck). */
    static boolean arStationary(double[] par, int from, int k) {
        double[] c = new double[k];
        for (int i = 0; i < k; i++) {
            c[i] = -par[from + i];
        }
        for (Complex z : roots(c, k)) {
            if (!(z.norm() > 1.0)) {
                return false;
            }
        }
        return true;
    }

    /** Reflects MA roots inside the unit circle to the outside (R's maInvert), in place. */
    static void maInvert(double[] par, int from, int k) {
        int q0 = k;
        while (q0 > 0 && par[from + q0 - 1] == 0.0) {
            q0--;
        }
        if (q0 == 0) {
            return;
        }
        double[] c = new double[q0];
        System.arraycopy(par, from, c, 0, q0);
        Complex[] r = roots(c, q0);
        boolean any = false;
        for (Complex z : r) {
            if (z.norm() < 1) {
                any = true;
            }
        }
        if (!any) {
            return;
        }
        if (q0 == 1) {
            par[from] = 1.0 / par[from];
            for (int i = 1; i < k; i++) {
                par[from + i] = 0.0;
            }
            return;
        }
        for (int i = 0; i < r.length; i++) {
            if (r[i].norm() < 1) {
                r[i] = Complex.ONE.divide(r[i]);
            }
        }
        // product of (1 - z / root) over roots
        Complex[] x = {Complex.ONE};
        for (Complex root : r) {
            Complex[] nx = new Complex[x.length + 1];
            for (int i = 0; i < nx.length; i++) {
                Complex a = i < x.length ? x[i] : Complex.ZERO;
                Complex b = i > 0 ? x[i - 1].divide(root) : Complex.ZERO;
                nx[i] = a.subtract(b);
            }
            x = nx;
        }
        for (int i = 0; i < k; i++) {
            par[from + i] = i < q0 ? x[i + 1].getReal() : 0.0;
        }
    }

    /** All roots of sum poly[i] z^i (poly[last] != 0) by the Durand-Kerner (Weierstrass) iteration. */
    static Complex[] durandKerner(double[] poly) {
        int k = poly.length - 1;
        double lead = poly[k];
        double[] a = new double[k + 1];
        double bound = 0;
        for (int i = 0; i <= k; i++) {
            a[i] = poly[i] / lead;
            if (i < k) {
                bound = Math.max(bound, Math.abs(a[i]));
            }
        }
        bound = 1 + bound;
        double[] re = new double[k];
        double[] im = new double[k];
        for (int i = 0; i < k; i++) {
            double ang = 2 * Math.PI * i / k + 0.4;
            re[i] = 0.5 * bound * Math.cos(ang);
            im[i] = 0.5 * bound * Math.sin(ang);
        }
        for (int iter = 0; iter < 2000; iter++) {
            double change = 0;
            for (int i = 0; i < k; i++) {
                // p(z) by Horner
                double pr = 1.0;
                double pi = 0.0;
                for (int j = k - 1; j >= 0; j--) {
                    double nr = pr * re[i] - pi * im[i] + a[j];
                    double ni = pr * im[i] + pi * re[i];
                    pr = nr;
                    pi = ni;
                }
                double dr = 1.0;
                double di = 0.0;
                for (int j = 0; j < k; j++) {
                    if (j == i) {
                        continue;
                    }
                    double xr = re[i] - re[j];
                    double xi = im[i] - im[j];
                    double nr = dr * xr - di * xi;
                    double ni = dr * xi + di * xr;
                    dr = nr;
                    di = ni;
                }
                double den = dr * dr + di * di;
                if (den == 0) {
                    re[i] += 1e-10;
                    change = Double.POSITIVE_INFINITY;
                    continue;
                }
                double qr = (pr * dr + pi * di) / den;
                double qi = (pi * dr - pr * di) / den;
                re[i] -= qr;
                im[i] -= qi;
                // the stopping test only needs moduli roughly: sqrt(x^2 + y^2), not the slower exact hypot
                double mod = Math.sqrt(re[i] * re[i] + im[i] * im[i]);
                change = Math.max(change, Math.sqrt(qr * qr + qi * qi) / Math.max(1e-300, mod));
            }
            if (change < 1e-15) {
                break;
            }
        }
        Complex[] out = new Complex[k];
        for (int i = 0; i < k; i++) {
            out[i] = new Complex(re[i], im[i]);
        }
        return out;
    }
}

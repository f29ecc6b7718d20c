package forecastfarm.worker.forecast.arima;

/**
 * Exact Gaussian likelihood of a stationary ARMA series (the differenced series of an ARIMA
 * model) by the Kalman filter on Harvey's state-space form, with the covariance recursion done by
 * the Chandrasekhar equations instead of the Riccati update.
 *
 * <p>For a time-invariant model started at its stationary covariance P0 (P0 = T P0 T' + R R'),
 * the change of the predicted covariance from one step to the next has rank one: P[t+1] - P[t] =
 * s[t] w[t] w[t]'. Propagating w, s, the innovation variance F and the unnormalised gain
 * K = T P Z' is O(r) per observation with the companion matrix T (Morf, Sidhu and Kailath 1974),
 * against O(r^2) for the covariance update R's ARIMA_Like does; the two give the same innovations
 * and variances up to rounding. Only the first column of P0 is needed, computed from the
 * autocovariances of the ARMA process.
 *
 * <p>Observations whose innovation variance is 1e4 or more are left out of the sums, as in R.
 * One instance is the work space of one model; {@link #filter} allocates nothing.
 */
final class ArmaLikelihood {

    private final int p;
    private final int q;
    final int r;
    private final double[] phi; // length r, zero past p
    private final double[] rv; // (1, theta_1, ..., theta_{r-1}), zero past q
    private final double[] psi; // psi weights 0..r-1
    private final double[] gamma; // autocovariances 0..r
    private final double[] c; // first column of P0 (length r + 1, c[r] = 0)
    private final double[] a;
    private final double[] k;
    private final double[] w;
    private final double[] lev; // Durbin-Levinson coefficients, order k in row k (p + 1 rows of p)
    private final double[] pacf;
    private final double[] gar; // autocovariances of the pure AR part, lags 0..r+q
    private final double[] gx; // autocovariances of the MA part, lags 0..q
    private final int[] gxIdx;
    private final int[] phiIdx; // indices of the non-zero phi (multiplicative models are sparse)
    private final int[] rIdx; // indices of the non-zero R = (1, theta)
    private int nzR;
    private int nzg;
    private boolean valid; // phi, rv and the autocovariances below belong together
    private boolean arOk;
    private boolean lastOk;
    private int nzPhi;
    /** Relative size of the covariance change below which the gain is frozen (0: never). */
    double steadyTol = STEADY_TOL;

    static final double STEADY_TOL = 1e-14;

    ArmaLikelihood(int p, int q) {
        this.p = p;
        this.q = q;
        this.r = Math.max(p, q + 1);
        this.phi = new double[r + 1];
        this.rv = new double[r + 1];
        this.psi = new double[r + 1];
        this.gamma = new double[r + 2];
        this.c = new double[r + 1];
        this.a = new double[r + 1];
        this.k = new double[r + 1];
        this.w = new double[r + 1];
        this.lev = new double[(p + 1) * Math.max(p, 1)];
        this.pacf = new double[Math.max(p, 1)];
        this.gar = new double[r + q + 2];
        this.gx = new double[q + 1];
        this.gxIdx = new int[q + 1];
        this.phiIdx = new int[r];
        this.rIdx = new int[q + 1];
    }

    /**
     * Sets phi (length p) and theta (length q) and computes the first column of the stationary
     * state covariance. Returns false when the AR part is not stationary.
     */
    boolean setModel(double[] newPhi, double[] newTheta) {
        // the optimiser's gradient moves one parameter at a time: the AR or the MA part (or both,
        // for a change of the constant) are often bit-identical to the last call's, and their
        // autocovariances are then reused
        boolean phiSame = valid && same(phi, 0, newPhi, p);
        boolean thetaSame = valid && same(rv, 1, newTheta, q);
        if (phiSame && thetaSame) {
            return lastOk;
        }
        valid = false;
        System.arraycopy(newPhi, 0, phi, 0, p);
        rv[0] = 1.0;
        System.arraycopy(newTheta, 0, rv, 1, q);
        nzPhi = 0;
        for (int i = 0; i < p; i++) {
            if (phi[i] != 0.0) {
                phiIdx[nzPhi++] = i;
            }
        }
        nzR = 0;
        for (int i = 0; i <= q; i++) {
            if (rv[i] != 0.0) {
                rIdx[nzR++] = i;
            }
        }
        // psi weights: psi_0 = 1, psi_j = R_j + sum_{k=1..min(j,p)} phi_{k-1} psi_{j-k}
        for (int j = 0; j < r; j++) {
            double s = rv[j];
            for (int kk = 0; kk < nzPhi; kk++) {
                int i = phiIdx[kk];
                if (i + 1 > j) {
                    break;
                }
                s += phi[i] * psi[j - i - 1];
            }
            psi[j] = s;
        }
        if (!phiSame) {
            arOk = arAutocovariances();
        }
        if (!thetaSame) {
            maAutocovariances();
        }
        valid = true;
        lastOk = arOk;
        if (!arOk) {
            return false;
        }
        for (int h = 0; h <= r; h++) {
            double s = gx[0] * gar[h];
            for (int kk = 0; kk < nzg; kk++) {
                int j = gxIdx[kk];
                s += gx[j] * (gar[Math.abs(h - j)] + gar[h + j]);
            }
            gamma[h] = s;
        }
        // c_i = sum_{k=i..r-1} phi_k gamma(k - i + 1) + sum_{k=i..r-1} R_k psi_{k-i}
        // the index lists are ascending: the terms with j >= i are a suffix of each, found by a
        // pointer that only moves forward (no per-term test; the same terms in the same order)
        int fromPhi = 0;
        int fromR = 0;
        for (int i = 0; i < r; i++) {
            while (fromPhi < nzPhi && phiIdx[fromPhi] < i) {
                fromPhi++;
            }
            while (fromR < nzR && rIdx[fromR] < i) {
                fromR++;
            }
            double s = 0;
            for (int kk = fromPhi; kk < nzPhi; kk++) {
                int j = phiIdx[kk];
                s += phi[j] * gamma[j - i + 1];
            }
            for (int kk = fromR; kk < nzR; kk++) {
                int j = rIdx[kk];
                s += rv[j] * psi[j - i];
            }
            c[i] = s;
        }
        c[r] = 0.0;
        return true;
    }

    private static boolean same(double[] mine, int off, double[] theirs, int len) {
        for (int i = 0; i < len; i++) {
            if (Double.doubleToRawLongBits(mine[off + i]) != Double.doubleToRawLongBits(theirs[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Autocovariances (lags 0..r+q, unit innovation variance) of the pure AR part: step-down of phi
     * to its partial autocorrelations, then the Durbin-Levinson recursion; O(p^2). gamma(0..r) of
     * the ARMA process is this convolved with the MA autocovariances. Returns false when the AR part
     * is not stationary.
     */
    private boolean arAutocovariances() {
        int maxLag = r + q;
        double g0 = 1.0;
        if (p == 0) {
            java.util.Arrays.fill(gar, 0, maxLag + 1, 0.0);
            gar[0] = 1.0;
        } else {
            // lev row k (k = 1..p) holds the order-k AR coefficients
            int w = p;
            System.arraycopy(phi, 0, lev, p * w, p);
            for (int k = p; k >= 1; k--) {
                int row = k * w;
                double kappa = lev[row + k - 1];
                pacf[k - 1] = kappa;
                double den = 1.0 - kappa * kappa;
                if (!(den > 0.0)) {
                    return false;
                }
                g0 /= den;
                double inv = 1.0 / den;
                int prev = (k - 1) * w;
                for (int j = 0; j < k - 1; j++) {
                    lev[prev + j] = (lev[row + j] + kappa * lev[row + k - 2 - j]) * inv;
                }
            }
            gar[0] = 1.0;
            for (int k = 1; k <= p; k++) {
                int row = k * w;
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += lev[row + j] * gar[k - 1 - j];
                }
                gar[k] = s;
            }
            for (int h = p + 1; h <= maxLag; h++) {
                double s = 0;
                for (int kk = 0; kk < nzPhi; kk++) {
                    int i = phiIdx[kk];
                    s += phi[i] * gar[h - i - 1];
                }
                gar[h] = s;
            }
            for (int h = 0; h <= maxLag; h++) {
                gar[h] *= g0;
            }
        }
        return true;
    }

    /** Autocovariances of the MA part, gx(j) = sum_i R_i R_{i+j}, j = 0..q, over the non-zero R; non-zero lags indexed. */
    private void maAutocovariances() {
        java.util.Arrays.fill(gx, 0.0);
        for (int a1 = 0; a1 < nzR; a1++) {
            int i1 = rIdx[a1];
            double v1 = rv[i1];
            for (int a2 = a1; a2 < nzR; a2++) {
                int i2 = rIdx[a2];
                gx[i2 - i1] += v1 * rv[i2];
            }
        }
        nzg = 0;
        for (int j = 1; j <= q; j++) {
            if (gx[j] != 0.0) {
                gxIdx[nzg++] = j;
            }
        }
    }

    /**
     * Filters w[from..to) (the differenced series) from the stationary start. Writes {ssq, sumlog,
     * nu} to out. Innovation variances are in units of the innovation variance sigma^2.
     */
    void filter(double[] y, int from, int to, double[] out) {
        final int rr = r;
        final double[] ph = phi;
        final double[] aa = a;
        final double[] kk = k;
        final double[] ww = w;
        java.util.Arrays.fill(aa, 0.0);
        double f = c[0];
        // K = T c, w = K, s = -1 / F
        for (int i = 0; i < rr; i++) {
            kk[i] = c[i + 1];
        }
        for (int i = 0; i < p; i++) {
            kk[i] += ph[i] * c[0];
        }
        kk[rr] = 0.0;
        System.arraycopy(kk, 0, ww, 0, rr + 1);
        double invF = 1.0 / f;
        double s = -invF;
        double ssq = 0;
        double sumlog = 0;
        double prod = 1.0; // product of the F's not yet logged (one log per many steps)
        int nu = 0;
        int t = from;
        for (; t < to; t++) {
            double v = y[t] - aa[0];
            double g = v * invF;
            if (f < 1e4) {
                nu++;
                ssq += v * g;
                prod *= f;
                if (!(prod < 1e200 && prod > 1e-200)) {
                    sumlog += Math.log(prod);
                    prod = 1.0;
                }
            }
            // one pass: a' = T a + K v / F with the current K, then the Chandrasekhar step
            // z = Z w; F' = F + s z^2; K' = K + s z T w; w' = T w - K' z / F'; s' = s F' / F
            double a0 = aa[0];
            double z = ww[0];
            double sz = s * z;
            double fNew = f + sz * z;
            double invFNew = 1.0 / fNew; // the one division of the step
            double zf = z * invFNew;
            double norm = 0;
            for (int i = 0; i < rr; i++) {
                double phiI = ph[i];
                double ki = kk[i];
                aa[i] = aa[i + 1] + phiI * a0 + ki * g;
                double twi = ww[i + 1] + phiI * z;
                ki += sz * twi;
                kk[i] = ki;
                double wi = twi - ki * zf;
                ww[i] = wi;
                norm += wi * wi;
            }
            s = s * fNew * invF;
            f = fNew;
            invF = invFNew;
            // P[t+1] - P[t] = s w w': once it is negligible against F the filter is in its steady state
            // (constant F and gain); only the state recursion goes on
            if (Math.abs(s) * norm <= steadyTol * f) {
                t++;
                break;
            }
        }
        sumlog += Math.log(prod);
        if (t < to) {
            // steady state: constant F and gain
            double ssqSteady = 0;
            int steps = to - t;
            for (; t < to; t++) {
                double v = y[t] - aa[0];
                ssqSteady += v * v * invF;
                double g = v * invF;
                double a0 = aa[0];
                for (int i = 0; i < rr; i++) {
                    aa[i] = aa[i + 1] + ph[i] * a0 + kk[i] * g;
                }
            }
            if (f < 1e4) { // as R, steps with F >= 1e4 add nothing
                nu += steps;
                ssq += ssqSteady;
                sumlog += steps * Math.log(f);
            }
        }
        out[0] = ssq;
        out[1] = sumlog;
        out[2] = nu;
    }
}

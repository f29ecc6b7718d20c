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
    private final double[] phi;   // length r, zero past p
    private final double[] rv;    // (1, theta_1, ..., theta_{r-1}), zero past q
    private final double[] psi;   // psi weights 0..r-1
    private final double[] gamma; // autocovariances 0..r
    private final double[] c;     // first column of P0 (length r + 1, c[r] = 0)
    private final double[] a;
    private final double[] k;
    private final double[] w;
    private final double[] sys;   // (p + 1) x (p + 1) autocovariance system, row-major
    private final double[] rhs;
    private final int[] phiIdx;   // indices of the non-zero phi (multiplicative models are sparse)
    private int nzPhi;

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
        this.sys = new double[(p + 1) * (p + 1)];
        this.rhs = new double[Math.max(p, q) + 2];
        this.phiIdx = new int[r];
    }

    /**
     * Sets phi (length p) and theta (length q) and computes the first column of the stationary
     * state covariance. Returns false when the autocovariance system is singular (a unit AR root).
     */
    boolean setModel(double[] newPhi, double[] newTheta) {
        java.util.Arrays.fill(phi, 0.0);
        java.util.Arrays.fill(rv, 0.0);
        System.arraycopy(newPhi, 0, phi, 0, p);
        rv[0] = 1.0;
        System.arraycopy(newTheta, 0, rv, 1, q);
        nzPhi = 0;
        for (int i = 0; i < p; i++) {
            if (phi[i] != 0.0) {
                phiIdx[nzPhi++] = i;
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
        // right-hand sides: rhs(h) = sum_{j=h..q} theta_j psi_{j-h}  (theta_0 = 1), zero for h > q
        int nr = rhs.length;
        for (int h = 0; h < nr; h++) {
            double s = 0;
            for (int j = h; j <= q; j++) {
                s += rv[j] * psi[j - h];
            }
            rhs[h] = s;
        }
        if (p == 0) {
            for (int h = 0; h <= r; h++) {
                double s = 0;
                for (int j = h; j <= q; j++) {
                    s += rv[j] * rv[j - h];
                }
                gamma[h] = s;
            }
        } else if (!solveAutocovariances()) {
            return false;
        }
        // c_i = sum_{k=i..r-1} phi_k gamma(k - i + 1) + sum_{k=i..r-1} R_k psi_{k-i}
        for (int i = 0; i < r; i++) {
            double s = 0;
            for (int kk = 0; kk < nzPhi; kk++) {
                int j = phiIdx[kk];
                if (j >= i) {
                    s += phi[j] * gamma[j - i + 1];
                }
            }
            for (int j = i; j <= q && j < r; j++) {
                s += rv[j] * psi[j - i];
            }
            c[i] = s;
        }
        c[r] = 0.0;
        return true;
    }

    /**
     * gamma(h) - sum_k phi_k gamma(h - k) = rhs(h) for h = 0..p (gamma(-h) = gamma(h)), solved by
     * Gaussian elimination with partial pivoting; then the recursion for h = p + 1..r.
     */
    private boolean solveAutocovariances() {
        int n = p + 1;
        java.util.Arrays.fill(sys, 0.0);
        for (int h = 0; h < n; h++) {
            int row = h * n;
            sys[row + h] += 1.0;
            for (int kk = 0; kk < nzPhi; kk++) {
                int i = phiIdx[kk];
                int lag = Math.abs(h - (i + 1));
                sys[row + lag] -= phi[i];
            }
            gamma[h] = h < rhs.length ? rhs[h] : 0.0;
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            double best = Math.abs(sys[col * n + col]);
            for (int i = col + 1; i < n; i++) {
                double v = Math.abs(sys[i * n + col]);
                if (v > best) {
                    best = v;
                    piv = i;
                }
            }
            if (!(best > 0.0)) {
                return false;
            }
            if (piv != col) {
                for (int j = col; j < n; j++) {
                    double t = sys[col * n + j];
                    sys[col * n + j] = sys[piv * n + j];
                    sys[piv * n + j] = t;
                }
                double t = gamma[col];
                gamma[col] = gamma[piv];
                gamma[piv] = t;
            }
            double d = sys[col * n + col];
            for (int i = col + 1; i < n; i++) {
                double f = sys[i * n + col];
                if (f != 0.0) {
                    f /= d;
                    for (int j = col + 1; j < n; j++) {
                        sys[i * n + j] -= f * sys[col * n + j];
                    }
                    gamma[i] -= f * gamma[col];
                }
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = gamma[i];
            for (int j = i + 1; j < n; j++) {
                s -= sys[i * n + j] * gamma[j];
            }
            gamma[i] = s / sys[i * n + i];
        }
        for (int h = n; h <= r; h++) {
            double s = h < rhs.length ? rhs[h] : 0.0;
            for (int kk = 0; kk < nzPhi; kk++) {
                int i = phiIdx[kk];
                s += phi[i] * gamma[h - i - 1];
            }
            gamma[h] = s;
        }
        return true;
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
        final int[] idx = phiIdx;
        final int nz = nzPhi;
        java.util.Arrays.fill(aa, 0.0);
        double f = c[0];
        // K = T c, w = K, s = -1 / F
        for (int i = 0; i < rr; i++) {
            kk[i] = c[i + 1];
        }
        for (int j = 0; j < nz; j++) {
            int i = idx[j];
            kk[i] += ph[i] * c[0];
        }
        kk[rr] = 0.0;
        System.arraycopy(kk, 0, ww, 0, rr + 1);
        double s = -1.0 / f;
        boolean converged = false;
        double ssq = 0;
        double sumlog = 0;
        int nu = 0;
        for (int t = from; t < to; t++) {
            double v = y[t] - aa[0];
            if (f < 1e4) {
                nu++;
                ssq += v * v / f;
                sumlog += Math.log(f);
            }
            // a = T a + K v / F
            double g = v / f;
            double a0 = aa[0];
            for (int i = 0; i < rr; i++) {
                aa[i] = aa[i + 1] + kk[i] * g;
            }
            for (int j = 0; j < nz; j++) {
                int i = idx[j];
                aa[i] += ph[i] * a0;
            }
            if (converged) {
                continue;
            }
            // Chandrasekhar step: z = Z w; T w; F' = F + s z^2; K' = K + s z T w; w' = T w - K' z / F'; s' = s F' / F
            double z = ww[0];
            double sz2 = s * z * z;
            if (sz2 == 0.0 || Math.abs(sz2) <= 1e-300) {
                // P no longer changes: the filter has reached its steady state exactly
                converged = true;
                continue;
            }
            for (int i = 0; i < rr; i++) {
                ww[i] = ww[i + 1];
            }
            for (int j = 0; j < nz; j++) {
                int i = idx[j];
                ww[i] += ph[i] * z;
            }
            double fNew = f + sz2;
            double sz = s * z;
            double zf = z / fNew;
            for (int i = 0; i < rr; i++) {
                double ki = kk[i] + sz * ww[i];
                kk[i] = ki;
                ww[i] -= ki * zf;
            }
            s = s * fNew / f;
            f = fNew;
        }
        out[0] = ssq;
        out[1] = sumlog;
        out[2] = nu;
    }
}

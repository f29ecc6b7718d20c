package forecastfarm.worker.forecast.arima;

/**
 * The state-space form of an ARIMA model as used by R's arima (Harvey's form with the
 * differencing polynomial in the state), with its Kalman filter, conditional sum of squares and
 * forecasts. One instance is the work space of one fit: every array is allocated up front and
 * the filter loops allocate nothing.
 *
 * <p>State: r = max(p, q + 1) ARMA components followed by d = deg(Delta) lagged values of the
 * undifferenced series. Observation: y[t] = a[0] + sum Delta[i] a[r + i]. The ARMA block starts
 * at its stationary covariance (the solution of P = T P T' + R R', computed here by the doubling
 * algorithm instead of R's Gardner et al. regression, the same matrix up to rounding); the
 * differencing block starts diffuse with variance kappa = 1e6.
 */
final class StateSpace {

    static final double KAPPA = 1e6;

    final int p; // length of phi (expanded)
    final int q; // length of theta (expanded)
    final int r;
    final int d;
    final int rd;
    final double[] phi;
    final double[] theta;
    final double[] delta;
    final double[] a;
    final double[] anew;
    final double[] pmat; // rd x rd, column-major like R
    final double[] pnew;
    final double[] pinit; // initial covariance Pn
    final double[] mm;
    final double[] gainVec;
    // doubling work (r x r)
    private final double[] dA;
    private final double[] dB;
    private final double[] dC;
    private final int[] deltaIdx;
    private final double[] rvec;
    private final int nzDelta;

    StateSpace(int p, int q, double[] delta) {
        this.p = p;
        this.q = q;
        this.r = Math.max(p, q + 1);
        this.d = delta.length;
        this.rd = r + d;
        this.phi = new double[p];
        this.theta = new double[q];
        this.delta = delta.clone();
        this.a = new double[rd];
        this.anew = new double[rd];
        this.pmat = new double[rd * rd];
        this.pnew = new double[rd * rd];
        this.pinit = new double[rd * rd];
        this.mm = new double[rd * rd];
        this.gainVec = new double[rd];
        this.dA = new double[r * r];
        this.dB = new double[r * r];
        this.dC = new double[r * r];
        int nz = 0;
        int[] idx = new int[d];
        for (int i = 0; i < d; i++) {
            if (delta[i] != 0.0) {
                idx[nz++] = i;
            }
        }
        this.deltaIdx = idx;
        this.nzDelta = nz;
        this.rvec = new double[r];
    }

    /** Sets phi and theta (copied) and resets the state to the start of the series. */
    void setModel(double[] newPhi, double[] newTheta) {
        System.arraycopy(newPhi, 0, phi, 0, p);
        System.arraycopy(newTheta, 0, theta, 0, q);
        for (int i = 0; i < r; i++) {
            rvec[i] = rCoef(i);
        }
        java.util.Arrays.fill(a, 0.0);
        java.util.Arrays.fill(pmat, 0.0);
        java.util.Arrays.fill(pinit, 0.0);
        stationaryCovariance();
        for (int i = 0; i < d; i++) {
            pinit[(r + i) + rd * (r + i)] = KAPPA;
        }
    }

    /** Restores a fitted model's final filtered state (for forecasting from a fresh work space). */
    void restore(double[] newPhi, double[] newTheta, double[] state, double[] cov) {
        System.arraycopy(newPhi, 0, phi, 0, p);
        System.arraycopy(newTheta, 0, theta, 0, q);
        for (int i = 0; i < r; i++) {
            rvec[i] = rCoef(i);
        }
        System.arraycopy(state, 0, a, 0, rd);
        System.arraycopy(cov, 0, pmat, 0, rd * rd);
    }

    private double rCoef(int i) {
        return i == 0 ? 1.0 : (i - 1 < q ? theta[i - 1] : 0.0);
    }

    /** Fills the top-left r x r block of pinit with the stationary ARMA state covariance. */
    private void stationaryCovariance() {
        if (r == 1) {
            pinit[0] = p == 0 ? 1.0 : 1.0 / (1.0 - phi[0] * phi[0]);
            return;
        }
        double[] x = dC; // accumulated P (r x r, column-major)
        for (int j = 0; j < r; j++) {
            for (int i = 0; i < r; i++) {
                x[i + r * j] = rCoef(i) * rCoef(j);
            }
        }
        if (p == 0) {
            // T is the shift matrix: P = sum_k S^k Q S'^k, P[i][j] = sum_k R[i+k] R[j+k]
            for (int j = 0; j < r; j++) {
                for (int i = 0; i < r; i++) {
                    double s = 0;
                    for (int k = 0; i + k < r && j + k < r; k++) {
                        s += rCoef(i + k) * rCoef(j + k);
                    }
                    x[i + r * j] = s;
                }
            }
        } else {
            double[] t = dA;
            java.util.Arrays.fill(t, 0.0);
            for (int i = 0; i < p; i++) {
                t[i] = phi[i];
            }
            for (int i = 0; i + 1 < r; i++) {
                t[i + r * (i + 1)] = 1.0;
            }
            double[] tmp = dB;
            double[] tmp2 = pnew; // large enough scratch (rd*rd >= r*r)
            for (int iter = 0; iter < 80; iter++) {
                // x = x + t x t'
                mul(t, x, tmp, r); // tmp = t x
                mulT(tmp, t, tmp2, r); // tmp2 = tmp t'
                double inc = 0;
                double tot = 0;
                for (int k = 0; k < r * r; k++) {
                    x[k] += tmp2[k];
                    inc = Math.max(inc, Math.abs(tmp2[k]));
                    tot = Math.max(tot, Math.abs(x[k]));
                }
                if (!(inc > 1e-17 * tot)) {
                    break;
                }
                // t = t t
                mul(t, t, tmp, r);
                System.arraycopy(tmp, 0, t, 0, r * r);
            }
        }
        for (int j = 0; j < r; j++) {
            for (int i = 0; i < r; i++) {
                pinit[i + rd * j] = x[i + r * j];
            }
        }
    }

    private static void mul(double[] x, double[] y, double[] out, int n) {
        java.util.Arrays.fill(out, 0, n * n, 0.0);
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                double ykj = y[k + n * j];
                if (ykj != 0.0) {
                    for (int i = 0; i < n; i++) {
                        out[i + n * j] += x[i + n * k] * ykj;
                    }
                }
            }
        }
    }

    /** out = x y' */
    private static void mulT(double[] x, double[] y, double[] out, int n) {
        java.util.Arrays.fill(out, 0, n * n, 0.0);
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                double yjk = y[j + n * k];
                if (yjk != 0.0) {
                    for (int i = 0; i < n; i++) {
                        out[i + n * j] += x[i + n * k] * yjk;
                    }
                }
            }
        }
    }

    /**
     * Runs the Kalman filter over y from the initial state; leaves the final filtered state in
     * a and pmat. Returns {ssq, sumlog, nu} in out; standardized residuals in resid when non-null.
     */
    void filter(double[] y, double[] out, double[] resid) {
        double ssq = 0;
        double sumlog = 0;
        int nu = 0;
        int n = y.length;
        java.util.Arrays.fill(a, 0.0);
        System.arraycopy(pinit, 0, pnew, 0, rd * rd);
        for (int l = 0; l < n; l++) {
            for (int i = 0; i < r; i++) {
                double tmp = i < r - 1 ? a[i + 1] : 0.0;
                if (i < p) {
                    tmp += phi[i] * a[0];
                }
                anew[i] = tmp;
            }
            if (d > 0) {
                for (int i = r + 1; i < rd; i++) {
                    anew[i] = a[i - 1];
                }
                double tmp = a[0];
                for (int i = 0; i < d; i++) {
                    tmp += delta[i] * a[r + i];
                }
                anew[r] = tmp;
            }
            if (l > 0) {
                predictCovariance();
            }
            double resid0 = y[l] - anew[0];
            for (int i = 0; i < d; i++) {
                resid0 -= delta[i] * anew[r + i];
            }
            System.arraycopy(pnew, 0, gainVec, 0, rd);
            for (int k = 0; k < nzDelta; k++) {
                int jj = deltaIdx[k];
                double dj = delta[jj];
                int src = rd * (r + jj);
                for (int i = 0; i < rd; i++) {
                    gainVec[i] += pnew[i + src] * dj;
                }
            }
            double gain = gainVec[0];
            for (int j = 0; j < d; j++) {
                gain += delta[j] * gainVec[r + j];
            }
            if (gain < 1e4) {
                nu++;
                ssq += resid0 * resid0 / gain;
                sumlog += Math.log(gain);
            }
            if (resid != null) {
                resid[l] = resid0 / Math.sqrt(gain);
            }
            for (int i = 0; i < rd; i++) {
                a[i] = anew[i] + gainVec[i] * resid0 / gain;
            }
            for (int j = 0; j < rd; j++) {
                double gj = gainVec[j];
                int col = rd * j;
                for (int i = 0; i < rd; i++) {
                    pmat[i + col] = pnew[i + col] - gainVec[i] * gj / gain;
                }
            }
        }
        out[0] = ssq;
        out[1] = sumlog;
        out[2] = nu;
    }

    /** pnew = T pmat T' + R R' (R = (1, theta, 0...)). */
    private void predictCovariance() {
        if (d == 0) {
            // column by column, adding the terms of T P T' + R R' in a fixed order
            double p0 = pmat[0];
            for (int j = 0; j < r; j++) {
                int col = r * j;
                double vj = rvec[j];
                for (int i = 0; i < r; i++) {
                    pnew[col + i] = rvec[i] * vj;
                }
                if (j < p) {
                    double phj = phi[j];
                    for (int i = 0; i < p; i++) {
                        pnew[col + i] += phi[i] * phj * p0;
                    }
                }
                if (j < r - 1) {
                    int src = r * (j + 1) + 1;
                    for (int i = 0; i < r - 1; i++) {
                        pnew[col + i] += pmat[src + i];
                    }
                    double pj1 = pmat[j + 1];
                    for (int i = 0; i < p; i++) {
                        pnew[col + i] += phi[i] * pj1;
                    }
                }
                if (j < p) {
                    double phj = phi[j];
                    for (int i = 0; i < r - 1; i++) {
                        pnew[col + i] += phj * pmat[i + 1];
                    }
                }
            }
            return;
        }
        // mm = T P (column by column; zero delta terms skipped, which adds exactly nothing)
        for (int j = 0; j < rd; j++) {
            int col = rd * j;
            double p0 = pmat[col];
            for (int i = 0; i < r - 1; i++) {
                mm[col + i] = pmat[col + i + 1];
            }
            mm[col + r - 1] = 0.0;
            for (int i = 0; i < p; i++) {
                mm[col + i] = phi[i] * p0 + mm[col + i];
            }
            double tmp = p0;
            for (int k = 0; k < nzDelta; k++) {
                int kk = deltaIdx[k];
                tmp += delta[kk] * pmat[r + kk + col];
            }
            mm[r + col] = tmp;
            for (int i = 1; i < d; i++) {
                mm[r + i + col] = pmat[r + i - 1 + col];
            }
        }
        // pnew = mm T'
        for (int i = 0; i < r; i++) {
            int out = rd * i;
            if (i < r - 1) {
                int src = rd * (i + 1);
                if (i < p) {
                    double ph = phi[i];
                    for (int j = 0; j < rd; j++) {
                        pnew[out + j] = ph * mm[j] + mm[src + j];
                    }
                } else {
                    System.arraycopy(mm, src, pnew, out, rd);
                }
            } else {
                if (i < p) {
                    double ph = phi[i];
                    for (int j = 0; j < rd; j++) {
                        pnew[out + j] = ph * mm[j];
                    }
                } else {
                    java.util.Arrays.fill(pnew, out, out + rd, 0.0);
                }
            }
        }
        {
            int out = rd * r;
            System.arraycopy(mm, 0, pnew, out, rd);
            for (int k = 0; k < nzDelta; k++) {
                int kk = deltaIdx[k];
                double dk = delta[kk];
                int src = rd * (r + kk);
                for (int j = 0; j < rd; j++) {
                    pnew[out + j] += dk * mm[src + j];
                }
            }
        }
        for (int i = 1; i < d; i++) {
            System.arraycopy(mm, rd * (r + i - 1), pnew, rd * (r + i), rd);
        }
        for (int i = 0; i <= q; i++) {
            double vi = rCoef(i);
            for (int j = 0; j <= q; j++) {
                pnew[i + rd * j] += vi * rCoef(j);
            }
        }
    }

    /**
     * Conditional sum of squares as R's ARIMA_CSS: differences y by the (non-seasonal and
     * seasonal) differencing, then residuals from index ncond on. Returns ssq / nu.
     */
    static double css(
            double[] y,
            int dOrder,
            int dSeasonal,
            int m,
            double[] phiE,
            int pE,
            double[] thetaE,
            int qE,
            int ncond,
            double[] w,
            double[] resid) {
        int n = y.length;
        System.arraycopy(y, 0, w, 0, n);
        for (int i = 0; i < dOrder; i++) {
            for (int l = n - 1; l > 0; l--) {
                w[l] -= w[l - 1];
            }
        }
        for (int i = 0; i < dSeasonal; i++) {
            for (int l = n - 1; l >= m; l--) {
                w[l] -= w[l - m];
            }
        }
        double ssq = 0;
        int nu = 0;
        for (int l = 0; l < ncond && l < n; l++) {
            resid[l] = 0;
        }
        for (int l = ncond; l < n; l++) {
            double tmp = w[l];
            for (int j = 0; j < pE; j++) {
                tmp -= phiE[j] * w[l - j - 1];
            }
            int jmax = Math.min(l - ncond, qE);
            for (int j = 0; j < jmax; j++) {
                tmp -= thetaE[j] * resid[l - j - 1];
            }
            resid[l] = tmp;
            ssq += tmp * tmp;
            nu++;
        }
        return ssq / nu;
    }

    /** h-step forecasts of the state-space series from the current (final filtered) state. */
    void forecast(int h, double[] mean, double[] var) {
        double[] aa = a.clone();
        double[] pp = pmat.clone();
        double[] na = new double[rd];
        double[] savedA = a.clone();
        double[] savedP = pmat.clone();
        for (int l = 0; l < h; l++) {
            // state mean
            for (int i = 0; i < r; i++) {
                double tmp = i < r - 1 ? aa[i + 1] : 0.0;
                if (i < p) {
                    tmp += phi[i] * aa[0];
                }
                na[i] = tmp;
            }
            if (d > 0) {
                for (int i = r + 1; i < rd; i++) {
                    na[i] = aa[i - 1];
                }
                double tmp = aa[0];
                for (int i = 0; i < d; i++) {
                    tmp += delta[i] * aa[r + i];
                }
                na[r] = tmp;
            }
            System.arraycopy(na, 0, aa, 0, rd);
            double fc = aa[0];
            for (int i = 0; i < d; i++) {
                fc += delta[i] * aa[r + i];
            }
            mean[l] = fc;
            // covariance: reuse the filter's prediction on pmat
            System.arraycopy(pp, 0, pmat, 0, rd * rd);
            predictCovariance();
            System.arraycopy(pnew, 0, pp, 0, rd * rd);
            double v = 0;
            for (int i = 0; i < rd; i++) {
                double zi = i == 0 ? 1.0 : (i >= r ? delta[i - r] : 0.0);
                if (zi == 0.0) {
                    continue;
                }
                for (int j = 0; j < rd; j++) {
                    double zj = j == 0 ? 1.0 : (j >= r ? delta[j - r] : 0.0);
                    v += zi * zj * pp[i + rd * j];
                }
            }
            var[l] = v;
        }
        System.arraycopy(savedA, 0, a, 0, rd);
        System.arraycopy(savedP, 0, pmat, 0, rd * rd);
    }
}

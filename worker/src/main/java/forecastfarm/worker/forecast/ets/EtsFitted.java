package forecastfarm.worker.forecast.ets;

import forecastfarm.worker.forecast.Distributions;
import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.Inputs;

/**
 * A fitted ETS model and its forecasts, as R forecast's forecast.ets() (8.20) without
 * simulation: every form ets() selects by default has an analytical forecast distribution
 * (Hyndman, Koehler, Ord and Snyder 2008, ch. 6):
 * class 1 (A,N/A/Ad,N/A) exact linear variances; class 2 (M,N/A/Ad,N/A) the second-moment
 * recursion; class 3 (M,N/A/Ad,M) the Kronecker-product moment recursion, whose mean also
 * carries R's sigma^2 correction. Bounds are mean -+ |qnorm((100 - level)/200)| sqrt(var).
 * R's quirk of placing gamma in the second seasonal state of G for seasonal models without trend
 * (class1()) is reproduced so the intervals match R's.
 * (R simulates only for multiplicative trends, which this package does not fit.)
 */
final class EtsFitted implements FittedModel {

    private final EtsFitResult fit;
    private final String method;

    EtsFitted(EtsFitResult fit, String method) {
        this.fit = fit;
        this.method = method;
    }

    EtsFitResult result() {
        return fit;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public Forecast forecast(int horizon, double[] levels) {
        Inputs.horizon(horizon);
        double[] lv = Inputs.levels(levels);
        double[] mean = new double[horizon];
        double[] var = new double[horizon];
        EtsSpec spec = fit.spec();
        if (!spec.multError()) {
            class1(horizon, mean, var, null);
        } else if (spec.season() != EtsSpec.Season.M) {
            class2(horizon, mean, var);
        } else {
            class3(horizon, mean, var);
        }
        double[][] lower = new double[lv.length][horizon];
        double[][] upper = new double[lv.length][horizon];
        for (int i = 0; i < lv.length; i++) {
            double z = Math.abs(Distributions.normalQuantile((100 - lv[i]) / 200));
            for (int j = 0; j < horizon; j++) {
                double se = var[j] > 0 ? Math.sqrt(var[j]) : 0;
                lower[i][j] = mean[j] - z * se;
                upper[i][j] = mean[j] + z * se;
            }
            Inputs.finite(Ets.NAME, lower[i], "forecast");
            Inputs.finite(Ets.NAME, upper[i], "forecast");
        }
        Inputs.finite(Ets.NAME, mean, "forecast");
        return new Forecast(method, "", mean, lv, lower, upper);
    }

    /** R's class1(): mu = H F^(i-1) x, var = sigma^2 (1 + sum_{j<i} (H F^(j-1) G)^2). */
    private void class1(int h, double[] mu, double[] var, double[] cjOut) {
        EtsSpec spec = fit.spec();
        double[] x = fit.finalState().clone();
        int p = x.length;
        double[] g = new double[p];
        g[0] = fit.alpha();
        if (spec.trend()) {
            g[1] = fit.beta();
        }
        if (spec.seasonal()) {
            // R's class1() sets G[3] = gamma whatever the trend: without a trend that is the
            // second seasonal state, so gamma enters the variances one step early. Kept to match R.
            g[2] = fit.gamma();
        }
        double[] tmp = new double[p];
        double sumC2 = 0;
        for (int i = 0; i < h; i++) {
            mu[i] = applyH(x);
            var[i] = fit.sigma2() * (1 + sumC2);
            double c = applyH(g);
            if (cjOut != null) {
                cjOut[i] = c;
            }
            sumC2 += c * c;
            applyF(x, tmp);
            applyF(g, tmp);
        }
    }

    /** H v: level + phi * slope (+ the oldest season, additive seasonal models only). */
    private double applyH(double[] v) {
        EtsSpec spec = fit.spec();
        double r = v[0];
        if (spec.trend()) {
            r += fit.phi() * v[1];
        }
        if (spec.season() == EtsSpec.Season.A) {
            r += v[v.length - 1];
        }
        return r;
    }

    /** v <- F v. */
    private void applyF(double[] v, double[] tmp) {
        EtsSpec spec = fit.spec();
        System.arraycopy(v, 0, tmp, 0, v.length);
        if (spec.trend()) {
            v[0] = tmp[0] + fit.phi() * tmp[1];
            v[1] = fit.phi() * tmp[1];
        }
        if (spec.season() == EtsSpec.Season.A) {
            int first = spec.trend() ? 2 : 1;
            int m = v.length - first;
            v[first] = tmp[first + m - 1];
            for (int j = 1; j < m; j++) {
                v[first + j] = tmp[first + j - 1];
            }
        }
    }

    /** R's class2(): theta_j = mu_j^2 + sigma^2 sum_{k<j} c_k^2 theta_{j-k}; var = (1 + sigma^2) theta - mu^2. */
    private void class2(int h, double[] mu, double[] var) {
        double[] cj = new double[h];
        class1(h, mu, var, cj);
        double s2 = fit.sigma2();
        double[] theta = new double[h];
        for (int j = 0; j < h; j++) {
            double s = 0;
            for (int k = 0; k < j; k++) {
                s += cj[k] * cj[k] * theta[j - 1 - k];
            }
            theta[j] = mu[j] * mu[j] + s2 * s;
        }
        for (int j = 0; j < h; j++) {
            var[j] = (1 + s2) * theta[j] - mu[j] * mu[j];
        }
    }

    /** R's class3(): moments of the (level, slope) x season product state by Kronecker products. */
    private void class3(int h, double[] mu, double[] var) {
        EtsSpec spec = fit.spec();
        int k = spec.trend() ? 2 : 1;
        int m = fit.m();
        double s2 = fit.sigma2();
        double[] st = fit.finalState();
        double[][] f1 = new double[k][k];
        double[][] g1 = new double[k][k];
        f1[0][0] = 1;
        if (k == 2) {
            f1[0][1] = 1;
            f1[1][1] = fit.phi();
            g1[0][0] = fit.alpha();
            g1[0][1] = fit.alpha();
            g1[1][0] = fit.beta();
            g1[1][1] = fit.beta();
        } else {
            g1[0][0] = fit.alpha();
        }
        double[][] f2 = new double[m][m];
        f2[0][m - 1] = 1;
        for (int i = 1; i < m; i++) {
            f2[i][i - 1] = 1;
        }
        double[][] g2 = new double[m][m];
        g2[0][m - 1] = fit.gamma();
        double[][] mh = new double[k][m];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < m; j++) {
                mh[i][j] = st[i] * st[k + j];
            }
        }
        int km = k * m;
        double[] h21 = new double[km]; // H2 (x) H1: ones on the last season's block
        for (int i = 0; i < k; i++) {
            h21[(m - 1) * k + i] = 1;
        }
        double[][] f21 = kron(f2, f1);
        double[][] g21 = kron(g2, g1);
        double[][] kk = add(kron(g2, f1), kron(f2, g1));
        double[][] vh = new double[km][km];
        double[][] f21t = transpose(f21);
        double[][] g21t = transpose(g21);
        double[][] kt = transpose(kk);
        double[][] f2t = transpose(f2);
        double[][] g2t = transpose(g2);
        for (int i = 0; i < h; i++) {
            double mui = 0;
            for (int a = 0; a < k; a++) {
                mui += mh[a][m - 1];
            }
            mu[i] = mui;
            double quad = 0;
            for (int a = 0; a < km; a++) {
                for (int b = 0; b < km; b++) {
                    quad += h21[a] * vh[a][b] * h21[b];
                }
            }
            var[i] = (1 + s2) * quad + s2 * mui * mui;
            if (i == h - 1) {
                break;
            }
            double[] vec = new double[km]; // column-major vec(Mh)
            for (int c = 0; c < m; c++) {
                for (int r = 0; r < k; r++) {
                    vec[c * k + r] = mh[r][c];
                }
            }
            double[][] outer = new double[km][km];
            for (int a = 0; a < km; a++) {
                for (int b = 0; b < km; b++) {
                    outer[a][b] = vec[a] * vec[b];
                }
            }
            double[][] t1 = mul(mul(f21, vh), f21t);
            double[][] t2 = mul(mul(f21, vh), g21t);
            double[][] t3 = mul(mul(g21, vh), f21t);
            double[][] t4 = mul(mul(kk, add(vh, outer)), kt);
            double[][] inner = new double[km][km];
            for (int a = 0; a < km; a++) {
                for (int b = 0; b < km; b++) {
                    inner[a][b] = 3 * vh[a][b] + 2 * outer[a][b];
                }
            }
            double[][] t5 = mul(mul(g21, inner), g21t);
            double[][] next = new double[km][km];
            for (int a = 0; a < km; a++) {
                for (int b = 0; b < km; b++) {
                    next[a][b] = t1[a][b] + s2 * (t2[a][b] + t3[a][b] + t4[a][b] + s2 * t5[a][b]);
                }
            }
            vh = next;
            double[][] ma = mul(mul(f1, mh), f2t);
            double[][] mb = mul(mul(g1, mh), g2t);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < m; b++) {
                    mh[a][b] = ma[a][b] + mb[a][b] * s2;
                }
            }
        }
    }

    private static double[][] kron(double[][] a, double[][] b) {
        int ar = a.length;
        int ac = a[0].length;
        int br = b.length;
        int bc = b[0].length;
        double[][] out = new double[ar * br][ac * bc];
        for (int i = 0; i < ar; i++) {
            for (int j = 0; j < ac; j++) {
                if (a[i][j] != 0) {
                    for (int p = 0; p < br; p++) {
                        for (int q = 0; q < bc; q++) {
                            out[i * br + p][j * bc + q] = a[i][j] * b[p][q];
                        }
                    }
                }
            }
        }
        return out;
    }

    private static double[][] mul(double[][] a, double[][] b) {
        int n = a.length;
        int inner = b.length;
        int c = b[0].length;
        double[][] out = new double[n][c];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < inner; k++) {
                double v = a[i][k];
                if (v != 0) {
                    for (int j = 0; j < c; j++) {
                        out[i][j] += v * b[k][j];
                    }
                }
            }
        }
        return out;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = a[i][j] + b[i][j];
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return method + " [alpha=" + fit.alpha() + ", beta=" + fit.beta() + ", gamma=" + fit.gamma() + ", phi="
                + fit.phi() + ", sigma2=" + fit.sigma2() + ", aicc=" + fit.aicc() + "]";
    }
}

package forecastfarm.worker.forecast.arima;

/**
 * Seasonal-trend decomposition by loess (Cleveland et al. 1990) with R stats::stl's defaults for
 * a numeric s.window: s.degree 0, t.degree 1, l.degree 1, t.window = nextodd(ceil(1.5 m /
 * (1 - 1.5 / s.window))), l.window = nextodd(m), jumps ceil(window / 10), two inner passes, no
 * robustness iterations. Indices below are 1-based to follow the paper's description.
 */
final class Stl {

    private Stl() {}

    private static int nextOdd(int x) {
        return x % 2 == 0 ? x + 1 : x;
    }

    /** Returns {seasonal, trend}. */
    static double[][] decompose(double[] y, int period, int sWindow) {
        int n = y.length;
        int np = Math.max(2, period);
        int ns = Math.max(3, nextOdd(sWindow));
        int nt = Math.max(3, nextOdd((int) Math.ceil(1.5 * period / (1 - 1.5 / sWindow))));
        int nl = Math.max(3, nextOdd(period));
        int sJump = (int) Math.ceil(sWindow / 10.0);
        int tJump = (int) Math.ceil(nt / 10.0);
        int lJump = (int) Math.ceil(nl / 10.0);
        double[] yy = new double[n + 1];
        System.arraycopy(y, 0, yy, 1, n);
        double[] trend = new double[n + 1];
        double[] season = new double[n + 1];
        double[] w1 = new double[n + 2 * np + 1];
        double[] c = new double[n + 2 * np + 1];
        double[] lp = new double[n + 2 * np + 1];
        double[] l = new double[n + 1];
        for (int it = 0; it < 2; it++) {
            for (int i = 1; i <= n; i++) {
                w1[i] = yy[i] - trend[i];
            }
            cycleSubseries(w1, n, np, ns, 0, sJump, c);
            lowPass(c, n + 2 * np, np, lp);
            loess(lp, n, nl, 1, lJump, l);
            for (int i = 1; i <= n; i++) {
                season[i] = c[np + i] - l[i];
            }
            for (int i = 1; i <= n; i++) {
                w1[i] = yy[i] - season[i];
            }
            loess(w1, n, nt, 1, tJump, trend);
        }
        return new double[][] {
            java.util.Arrays.copyOfRange(season, 1, n + 1), java.util.Arrays.copyOfRange(trend, 1, n + 1)
        };
    }

    /** Loess estimate at xs from y[nleft..nright]; NaN when all weights vanish. */
    private static double estimate(double[] y, int n, int len, int deg, double xs, int nleft, int nright, double[] w) {
        double range = n - 1.0;
        double h = Math.max(xs - nleft, nright - xs);
        if (len > n) {
            h += (len - n) / 2;
        }
        double h9 = 0.999 * h;
        double h1 = 0.001 * h;
        double a = 0;
        for (int j = nleft; j <= nright; j++) {
            w[j] = 0;
            double r = Math.abs(j - xs);
            if (r <= h9) {
                if (r <= h1) {
                    w[j] = 1;
                } else {
                    double u = r / h;
                    double t = 1 - u * u * u;
                    w[j] = t * t * t;
                }
                a += w[j];
            }
        }
        if (a <= 0) {
            return Double.NaN;
        }
        for (int j = nleft; j <= nright; j++) {
            w[j] /= a;
        }
        if (h > 0 && deg > 0) {
            a = 0;
            for (int j = nleft; j <= nright; j++) {
                a += w[j] * j;
            }
            double b = xs - a;
            double cc = 0;
            for (int j = nleft; j <= nright; j++) {
                cc += w[j] * (j - a) * (j - a);
            }
            if (Math.sqrt(cc) > 0.001 * range) {
                b /= cc;
                for (int j = nleft; j <= nright; j++) {
                    w[j] *= b * (j - a) + 1.0;
                }
            }
        }
        double ys = 0;
        for (int j = nleft; j <= nright; j++) {
            ys += w[j] * y[j];
        }
        return ys;
    }

    /** Loess smooth of y[1..n] into ys[1..n], evaluated every jump points and interpolated. */
    static void loess(double[] y, int n, int len, int deg, int jump, double[] ys) {
        loess(y, n, len, deg, jump, ys, 0);
    }

    private static void loess(double[] y, int n, int len, int deg, int jump, double[] ys, int off) {
        double[] w = new double[n + 1];
        double[] yv = y;
        if (n < 2) {
            ys[off + 1] = yv[1];
            return;
        }
        int nj = Math.min(jump, n - 1);
        int nleft = 1;
        int nright = n;
        if (len >= n) {
            nleft = 1;
            nright = n;
            for (int i = 1; i <= n; i += nj) {
                double v = estimate(yv, n, len, deg, i, nleft, nright, w);
                ys[off + i] = Double.isNaN(v) ? yv[i] : v;
            }
        } else if (nj == 1) {
            int nsh = (len + 1) / 2;
            nleft = 1;
            nright = len;
            for (int i = 1; i <= n; i++) {
                if (i > nsh && nright != n) {
                    nleft++;
                    nright++;
                }
                double v = estimate(yv, n, len, deg, i, nleft, nright, w);
                ys[off + i] = Double.isNaN(v) ? yv[i] : v;
            }
        } else {
            int nsh = (len + 1) / 2;
            for (int i = 1; i <= n; i += nj) {
                if (i < nsh) {
                    nleft = 1;
                    nright = len;
                } else if (i >= n - nsh + 1) {
                    nleft = n - len + 1;
                    nright = n;
                } else {
                    nleft = i - nsh + 1;
                    nright = len + i - nsh;
                }
                double v = estimate(yv, n, len, deg, i, nleft, nright, w);
                ys[off + i] = Double.isNaN(v) ? yv[i] : v;
            }
        }
        if (nj != 1) {
            for (int i = 1; i <= n - nj; i += nj) {
                double delta = (ys[off + i + nj] - ys[off + i]) / nj;
                for (int j = i + 1; j <= i + nj - 1; j++) {
                    ys[off + j] = ys[off + i] + delta * (j - i);
                }
            }
            int k = ((n - 1) / nj) * nj + 1;
            if (k != n) {
                double v = estimate(yv, n, len, deg, n, nleft, nright, w);
                ys[off + n] = Double.isNaN(v) ? yv[n] : v;
                if (k != n - 1) {
                    double delta = (ys[off + n] - ys[off + k]) / (n - k);
                    for (int j = k + 1; j <= n - 1; j++) {
                        ys[off + j] = ys[off + k] + delta * (j - k);
                    }
                }
            }
        }
    }

    /** Smooths each cycle-subseries, extending it one period at each end; result in c[1..n+2np]. */
    private static void cycleSubseries(double[] y, int n, int np, int ns, int deg, int jump, double[] c) {
        for (int j = 1; j <= np; j++) {
            int k = (n - j) / np + 1;
            double[] sub = new double[k + 1];
            for (int i = 1; i <= k; i++) {
                sub[i] = y[(i - 1) * np + j];
            }
            double[] sm = new double[k + 3]; // sm[1..k+2]; smooth lands in sm[2..k+1]
            loess(sub, k, ns, deg, jump, sm, 1);
            double[] w = new double[k + 1];
            int nright = Math.min(ns, k);
            double v = estimate(sub, k, ns, deg, 0, 1, nright, w);
            sm[1] = Double.isNaN(v) ? sm[2] : v;
            int nleft = Math.max(1, k - ns + 1);
            v = estimate(sub, k, ns, deg, k + 1, nleft, k, w);
            sm[k + 2] = Double.isNaN(v) ? sm[k + 1] : v;
            for (int m = 1; m <= k + 2; m++) {
                c[(m - 1) * np + j] = sm[m];
            }
        }
    }

    private static void movingAverage(double[] x, int n, int len, double[] out) {
        int newn = n - len + 1;
        double v = 0;
        for (int i = 1; i <= len; i++) {
            v += x[i];
        }
        out[1] = v / len;
        int k = len;
        int m = 0;
        for (int j = 2; j <= newn; j++) {
            k++;
            m++;
            v = v - x[m] + x[k];
            out[j] = v / len;
        }
    }

    private static void lowPass(double[] x, int n, int np, double[] out) {
        double[] t1 = new double[n + 1];
        double[] t2 = new double[n + 1];
        movingAverage(x, n, np, t1);
        movingAverage(t1, n - np + 1, np, t2);
        movingAverage(t2, n - 2 * np + 2, 3, out);
    }
}

package forecastfarm.worker.forecast.ets;

import forecastfarm.worker.forecast.ModelException;

/**
 * R forecast's initstate() heuristic for the starting values of the ETS states, re-implemented:
 * the seasonal part from a classical decomposition (decompose(): centred moving average, mean
 * detrended value per season, normalised) when n >= 3m, otherwise from a linear trend plus one
 * Fourier pair fitted by least squares; the level (and slope) from the first max(10, 2m)
 * seasonally adjusted values (their mean, or a least-squares line).
 *
 * <p>Result layout: l, [b], s0..s(m-2), where s0 is the season just before the first
 * observation (R's order); the last seasonal state is implied by normalisation.
 */
final class InitialState {

    private InitialState() {}

    static double[] compute(double[] y, EtsSpec spec, int m) {
        int n = y.length;
        double[] ySa;
        double[] initSeas = null;
        if (spec.seasonal()) {
            if (n < 4) {
                throw new ModelException("ets: not enough data for a seasonal model");
            }
            boolean mult = spec.season() == EtsSpec.Season.M;
            double[] seasonal = n < 3 * m ? fourierSeasonal(y, m, mult) : decompose(y, m, mult);
            initSeas = new double[m - 1];
            for (int k = 0; k < m - 1; k++) {
                initSeas[k] = seasonal[m - 1 - k];
            }
            ySa = new double[n];
            if (!mult) {
                for (int t = 0; t < n; t++) {
                    ySa[t] = y[t] - seasonal[t];
                }
            } else {
                double sum = 0;
                for (int k = 0; k < m - 1; k++) {
                    initSeas[k] = Math.max(initSeas[k], 0.01);
                    sum += initSeas[k];
                }
                if (sum > m) {
                    double denom = sum + 0.01 * (m - 1);
                    for (int k = 0; k < m - 1; k++) {
                        initSeas[k] /= denom;
                    }
                }
                for (int t = 0; t < n; t++) {
                    ySa[t] = y[t] / Math.max(seasonal[t], 0.01);
                }
            }
        } else {
            m = 1;
            ySa = y;
        }
        int maxn = Math.min(Math.max(10, 2 * m), n);
        int nStates = 1 + (spec.trend() ? 1 : 0) + (initSeas == null ? 0 : initSeas.length);
        double[] out = new double[nStates];
        if (!spec.trend()) {
            double s = 0;
            for (int t = 0; t < maxn; t++) {
                s += ySa[t];
            }
            out[0] = s / maxn;
        } else {
            // least-squares line on x = 1..maxn
            double mx = (maxn + 1) / 2.0;
            double my = 0;
            for (int t = 0; t < maxn; t++) {
                my += ySa[t];
            }
            my /= maxn;
            double sxy = 0;
            double sxx = 0;
            for (int t = 0; t < maxn; t++) {
                double dx = (t + 1) - mx;
                sxy += dx * (ySa[t] - my);
                sxx += dx * dx;
            }
            double b0 = sxx > 0 ? sxy / sxx : 0;
            double l0 = my - b0 * mx;
            if (Math.abs(l0 + b0) < 1e-8) {
                l0 *= 1 + 0.001;
                b0 *= 1 - 0.001;
            }
            out[0] = l0;
            out[1] = b0;
        }
        if (initSeas != null) {
            System.arraycopy(initSeas, 0, out, spec.trend() ? 2 : 1, initSeas.length);
        }
        return out;
    }

    /** Classical decomposition's seasonal component, as R's decompose() (series starting at season 1). */
    static double[] decompose(double[] y, int m, boolean mult) {
        int n = y.length;
        int half = m / 2;
        boolean even = m % 2 == 0;
        double[] sum = new double[m];
        int[] count = new int[m];
        for (int t = half; t < n - half; t++) {
            double trend;
            if (even) {
                double s = 0.5 * (y[t - half] + y[t + half]);
                for (int j = -half + 1; j < half; j++) {
                    s += y[t + j];
                }
                trend = s / m;
            } else {
                double s = 0;
                for (int j = -half; j <= half; j++) {
                    s += y[t + j];
                }
                trend = s / m;
            }
            double d = mult ? y[t] / trend : y[t] - trend;
            sum[t % m] += d;
            count[t % m]++;
        }
        double[] figure = new double[m];
        double mean = 0;
        for (int i = 0; i < m; i++) {
            figure[i] = sum[i] / count[i];
            mean += figure[i];
        }
        mean /= m;
        for (int i = 0; i < m; i++) {
            figure[i] = mult ? figure[i] / mean : figure[i] - mean;
        }
        double[] seasonal = new double[n];
        for (int t = 0; t < n; t++) {
            seasonal[t] = figure[t % m];
        }
        return seasonal;
    }

    /** R: tslm(y ~ trend + fourier(y, 1)); y less (or over) the fitted linear trend. */
    static double[] fourierSeasonal(double[] y, int m, boolean mult) {
        int n = y.length;
        boolean withSin = m != 2; // fourier() drops sin(pi t), which is zero
        int p = withSin ? 4 : 3;
        double[][] xtx = new double[p][p + 1];
        double[] row = new double[p];
        for (int t = 0; t < n; t++) {
            double tt = t + 1;
            row[0] = 1;
            row[1] = tt;
            int c = 2;
            if (withSin) {
                row[c++] = Math.sin(2 * Math.PI * tt / m);
            }
            row[c] = Math.cos(2 * Math.PI * tt / m);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    xtx[i][j] += row[i] * row[j];
                }
                xtx[i][p] += row[i] * y[t];
            }
        }
        double[] beta = solve(xtx, p);
        double[] seasonal = new double[n];
        for (int t = 0; t < n; t++) {
            double trend = beta[0] + beta[1] * (t + 1);
            seasonal[t] = mult ? y[t] / trend : y[t] - trend;
        }
        return seasonal;
    }

    /** Gaussian elimination with partial pivoting on an augmented p x (p+1) matrix. */
    private static double[] solve(double[][] a, int p) {
        for (int col = 0; col < p; col++) {
            int piv = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[piv];
            a[piv] = tmp;
            double d = a[col][col];
            if (d == 0) {
                throw new ModelException("ets: singular regression in initial states");
            }
            for (int r = col + 1; r < p; r++) {
                double f = a[r][col] / d;
                for (int c = col; c <= p; c++) {
                    a[r][c] -= f * a[col][c];
                }
            }
        }
        double[] x = new double[p];
        for (int r = p - 1; r >= 0; r--) {
            double s = a[r][p];
            for (int c = r + 1; c < p; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}

package forecastfarm.worker.forecast.arima;

import forecastfarm.worker.forecast.ForecastModel;
import forecastfarm.worker.forecast.Inputs;
import forecastfarm.worker.forecast.ModelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Automatic ARIMA as forecast 8.20's auto.arima() with all defaults: d by repeated KPSS tests
 * (ndiffs), D by seasonal strength (nsdiffs, test "seas") when there are more than two seasons,
 * then the Hyndman-Khandakar stepwise search over p, q, P, Q and the constant by AICc
 * (max.p = max.q = 5, max.P = max.Q = 2, start (2,2)(1,1), at most 94 models), with the CSS
 * approximation when n > 150 or m > 12 and a final refit by CSS-ML. Models with AR or MA roots
 * within 1.01 of the unit circle are rejected.
 *
 * <p>Not reproduced: R's additional rejection of fits whose Hessian-based coefficient
 * variances are NaN (forecast:::checkarima).
 */
public final class AutoArima implements ForecastModel {

    public static final String NAME = "arima";
    static final int MIN_LENGTH = 3;
    private static final int NMODELS = 94;
    private static final boolean TRACE = Boolean.getBoolean("forecastfarm.arima.trace");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ArimaFit fit(double[] y, int seasonLength) {
        Inputs.seasonLength(seasonLength);
        double[] x = Inputs.series(NAME, y, MIN_LENGTH);
        return new Search(x, seasonLength).run();
    }

    /** One auto.arima run. */
    private static final class Search {
        final double[] x;
        final int n;
        int m;
        int d;
        int sd;
        boolean approximation;
        double offset;
        final List<double[]> results = new ArrayList<>(); // p,q,P,Q,constant,ic
        String ic = "aicc";

        Search(double[] x, int m) {
            this.x = x;
            this.n = x.length;
            this.m = m;
        }

        ArimaFit run() {
            if (UnitRoots.isConstant(x, n)) {
                return ArimaFit.fit(x, ArimaOrder.of(0, 0, 0), true, x[0], ArimaFit.Method.CSS_ML);
            }
            int maxP = Math.min(5, n / 3);
            int maxQ = Math.min(5, n / 3);
            int maxSP = Math.min(2, n / 3 / m);
            int maxSQ = Math.min(2, n / 3 / m);
            if (n <= 3) {
                ic = "aic";
            }
            if (m == 1) {
                sd = 0;
                maxSP = 0;
                maxSQ = 0;
            } else if (n <= 2 * m) {
                sd = 0;
            } else {
                double s = UnitRoots.seasonalStrength(x, n, m);
                sd = s > 0.64 ? 1 : 0;
            }
            double[] dx = x.clone();
            int len = n;
            if (sd > 0) {
                for (int i = 0; i < n - m; i++) {
                    dx[i] = x[i + m] - x[i];
                }
                len = n - m;
            }
            d = UnitRoots.ndiffs(dx, len, 2);
            for (int k = 0; k < d; k++) {
                for (int i = 0; i < len - 1; i++) {
                    dx[i] = dx[i + 1] - dx[i];
                }
                len--;
            }
            if (len <= 0) {
                throw new ModelException(NAME + ": not enough data to proceed");
            }
            int mm = sd > 0 ? m : 1;
            if (UnitRoots.isConstant(dx, len)) {
                double mean = 0;
                for (int i = 0; i < len; i++) {
                    mean += dx[i];
                }
                mean /= len;
                ArimaOrder o = new ArimaOrder(0, d, 0, 0, sd, 0, mm);
                if (sd > 0 && d == 0) {
                    return ArimaFit.fit(x, o, true, mean / m, ArimaFit.Method.CSS_ML);
                } else if (sd > 0 || d == 2) {
                    return ArimaFit.fit(x, o, false, null, ArimaFit.Method.CSS_ML);
                } else {
                    return ArimaFit.fit(x, o, true, mean, ArimaFit.Method.CSS_ML);
                }
            }
            if (m > 1) {
                if (maxSP > 0) {
                    maxP = Math.min(maxP, m - 1);
                }
                if (maxSQ > 0) {
                    maxQ = Math.min(maxQ, m - 1);
                }
            }
            approximation = n > 150 || m > 12;
            offset = 0;
            if (approximation) {
                try {
                    ArimaFit f0 = ArimaFit.fit(
                            x, new ArimaOrder(0, d, 0, 0, sd, 0, mm), d + sd == 0, null, ArimaFit.Method.CSS_ML);
                    offset = -2 * f0.logLikelihood() - n * Math.log(f0.sigma2Arima());
                } catch (RuntimeException e) {
                    offset = 0;
                }
            }
            boolean allowDrift = d + sd == 1;
            boolean allowMean = d + sd == 0;
            boolean constant = allowDrift || allowMean;

            int startP = 2;
            int startQ = 2;
            int startSP = 1;
            int startSQ = 1;
            if (n < 10) {
                startP = Math.min(startP, 1);
                startQ = Math.min(startQ, 1);
                startSP = 0;
                startSQ = 0;
            }
            int p = Math.min(startP, maxP);
            int q = Math.min(startQ, maxQ);
            int sp = Math.min(startSP, maxSP);
            int sq = Math.min(startSQ, maxSQ);

            Candidate best = fitModel(p, q, sp, sq, constant);
            Candidate c = fitModel(0, 0, 0, 0, constant);
            if (better(c, best)) {
                best = c;
                p = q = sp = sq = 0;
            }
            if (maxP > 0 || maxSP > 0) {
                int np = maxP > 0 ? 1 : 0;
                int nsp = m > 1 && maxSP > 0 ? 1 : 0;
                c = fitModel(np, 0, nsp, 0, constant);
                if (better(c, best)) {
                    best = c;
                    p = np;
                    sp = nsp;
                    q = sq = 0;
                }
            }
            if (maxQ > 0 || maxSQ > 0) {
                int nq = maxQ > 0 ? 1 : 0;
                int nsq = m > 1 && maxSQ > 0 ? 1 : 0;
                c = fitModel(0, nq, 0, nsq, constant);
                if (better(c, best)) {
                    best = c;
                    p = sp = 0;
                    q = nq;
                    sq = nsq;
                }
            }
            if (constant) {
                c = fitModel(0, 0, 0, 0, false);
                if (better(c, best)) {
                    best = c;
                    p = q = sp = sq = 0;
                }
            }
            int startk = 0;
            while (startk < results.size() && results.size() < NMODELS) {
                startk = results.size();
                int[][] moves = {
                    {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1},
                    {0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1},
                    {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
                    {-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0}
                };
                boolean improved = false;
                for (int[] mv : moves) {
                    int np = p + mv[0];
                    int nq = q + mv[1];
                    int nsp = sp + mv[2];
                    int nsq = sq + mv[3];
                    if (np < 0
                            || nq < 0
                            || nsp < 0
                            || nsq < 0
                            || np > maxP
                            || nq > maxQ
                            || nsp > maxSP
                            || nsq > maxSQ) {
                        continue;
                    }
                    if (!isNew(np, nq, nsp, nsq, constant)) {
                        continue;
                    }
                    c = fitModel(np, nq, nsp, nsq, constant);
                    if (better(c, best)) {
                        best = c;
                        p = np;
                        q = nq;
                        sp = nsp;
                        sq = nsq;
                        improved = true;
                        break;
                    }
                }
                if (improved) {
                    continue;
                }
                if ((allowDrift || allowMean) && isNew(p, q, sp, sq, !constant)) {
                    c = fitModel(p, q, sp, sq, !constant);
                    if (better(c, best)) {
                        best = c;
                        constant = !constant;
                    }
                }
            }
            if (approximation && best.fit != null) {
                List<double[]> sorted = new ArrayList<>(results);
                sorted.sort((a, b) -> Double.compare(a[5], b[5]));
                best = new Candidate(null, Double.POSITIVE_INFINITY);
                approximation = false;
                for (double[] r : sorted) {
                    if (Double.isNaN(r[5])) {
                        continue;
                    }
                    Candidate f = evaluate((int) r[0], (int) r[1], (int) r[2], (int) r[3], r[4] == 1);
                    if (f.ic < Double.POSITIVE_INFINITY) {
                        best = f;
                        break;
                    }
                }
            }
            if (best.fit == null || best.ic == Double.POSITIVE_INFINITY) {
                throw new ModelException(NAME + ": no suitable ARIMA model found");
            }
            return best.fit;
        }

        private boolean isNew(int p, int q, int sp, int sq, boolean constant) {
            for (double[] r : results) {
                if (r[0] == p && r[1] == q && r[2] == sp && r[3] == sq && r[4] == (constant ? 1 : 0)) {
                    return false;
                }
            }
            return true;
        }

        private Candidate fitModel(int p, int q, int sp, int sq, boolean constant) {
            Candidate c = evaluate(p, q, sp, sq, constant);
            results.add(new double[] {p, q, sp, sq, constant ? 1 : 0, c.ic});
            if (TRACE) {
                System.err.println(" ARIMA(" + p + "," + d + "," + q + ")(" + sp + "," + sd + "," + sq + ")"
                        + (constant ? " c" : "") + " : " + c.ic);
            }
            return c;
        }

        /** forecast's myarima(): fit, information criterion, and root checks. */
        private Candidate evaluate(int p, int q, int sp, int sq, boolean constant) {
            boolean seasonal = sp + sd + sq > 0 && m > 1;
            ArimaOrder o =
                    new ArimaOrder(p, d, q, seasonal ? sp : 0, seasonal ? sd : 0, seasonal ? sq : 0, seasonal ? m : 1);
            ArimaFit f;
            try {
                f = ArimaFit.fit(x, o, constant, null, approximation ? ArimaFit.Method.CSS : ArimaFit.Method.CSS_ML);
            } catch (RuntimeException e) {
                return new Candidate(null, Double.POSITIVE_INFINITY);
            }
            double value;
            int npar = f.coefficients().length + 1;
            int nstar = n - d - sd * m;
            double aic = approximation ? offset + nstar * Math.log(f.sigma2Arima()) + 2 * npar : f.searchAic();
            if (Double.isNaN(aic)) {
                return new Candidate(null, Double.POSITIVE_INFINITY);
            }
            value = criterion(aic, npar, nstar);
            // forecast's myarima rejects a fit with an AR or MA root of modulus below 1.01 (roots of the
            // expanded polynomials, tails below 1e-8 dropped); decided here without finding the roots
            boolean rootsOk = true;
            double[] scratch = new double[2 * Math.max(f.phi().length, f.theta().length) + 2];
            if (p + sp > 0) {
                rootsOk = ArimaMath.rootsOutside(f.phi(), -1, 1e-8, 1.01, scratch);
            }
            if (rootsOk && q + sq > 0 && value < Double.POSITIVE_INFINITY) {
                rootsOk = ArimaMath.rootsOutside(f.theta(), 1, 1e-8, 1.01, scratch);
            }
            if (!rootsOk || Double.isNaN(value) || !f.varianceOk()) {
                value = Double.POSITIVE_INFINITY;
            }
            return new Candidate(f, value, approximation);
        }

        private double criterion(double aic, int npar, int nstar) {
            return "aic".equals(ic) ? aic : aic + 2.0 * npar * (npar + 1) / (nstar - npar - 1);
        }

        /**
         * Whether c beats best. The search compares the ML fits by the exact likelihood of the
         * differenced series, which differs from R's (differencing in the state, prior variance
         * 1e6) by well under 1e-4 in the log-likelihood; when two criteria are closer than
         * {@link #TIE} they are compared by R's likelihood instead, so the choice is R's.
         */
        private boolean better(Candidate c, Candidate best) {
            if (!(Math.abs(c.ic - best.ic) < TIE) || c.css || best.css) {
                return c.ic < best.ic;
            }
            return exactIc(c) < exactIc(best);
        }

        private double exactIc(Candidate c) {
            int npar = c.fit.coefficients().length + 1;
            return criterion(c.fit.aic(), npar, n - d - sd * m);
        }
    }

    /** Criteria closer than this are recomputed with R's likelihood before they are compared. */
    static final double TIE = 0.01;

    /** A fitted candidate and its criterion; css when fitted by the CSS approximation. */
    private record Candidate(ArimaFit fit, double ic, boolean css) {
        Candidate(ArimaFit fit, double ic) {
            this(fit, ic, false);
        }
    }
}

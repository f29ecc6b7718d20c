package forecastfarm.worker.forecast.arima;

import forecastfarm.worker.forecast.Distributions;
import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.Inputs;
import forecastfarm.worker.forecast.ModelException;

/**
 * A fitted seasonal ARIMA model, estimated as R's stats::arima (called through forecast's
 * Arima()): conditional sum of squares for starting values, then exact Gaussian likelihood via
 * the Kalman filter on the state-space form (method "CSS-ML", the default), or CSS alone.
 *
 * <p>Constant: with d + D = 0 an intercept ("mean", R's include.mean), with d + D = 1 a drift
 * (coefficient of t = 1..n, R's include.drift); with more differencing no constant. AR parts are
 * kept stationary during ML by R's PACF transform; MA roots inside the unit circle are inverted.
 * Reported as R: sigma2 = sum(residuals^2) / (nstar - npar + 1), loglik, AIC = -2 loglik +
 * 2 (k + 1), AICc and BIC with nstar = n - d - D m and npar = k + 1 (k estimated coefficients).
 *
 * <p>Speed: the ML optimiser maximises the exact likelihood of the differenced series
 * ({@link ArmaLikelihood}, O(r) per observation), which differs from R's (differencing in the
 * state, prior variance 1e6) by O(1/kappa); {@link #searchAic()} is that criterion. R's filter
 * over the whole series runs once, on first use of the likelihood, residuals or forecasts, and
 * those accessors report R's definitions at the optimum.
 */
public final class ArimaFit implements FittedModel {

    /** Estimation method, as R's arima(method = ...). */
    public enum Method {
        CSS_ML,
        ML,
        CSS
    }

    private final ArimaOrder order;
    private final String method;
    private final double[] coef; // ar, ma, sar, sma, constant (if any), undone transform
    private final boolean hasConstant;
    private final boolean drift;
    private final int n;
    private final int nUsed; // n - d - D m (R's n.used)
    private final int nmask; // estimated coefficients
    private final double scale;
    private final boolean css; // method CSS: value and residuals from the CSS recursion
    private final double searchValue; // the optimiser's objective at the optimum (ML: differenced series)
    private final double searchAic; // AIC from searchValue (NaN for CSS)
    private final double cssSigma2; // CSS: its mean square
    private final double[] cssResid; // CSS: its residuals (scaled units)
    // state for forecasting (in scaled units)
    private final double[] phi;
    private final double[] theta;
    private final double[] delta;
    private final boolean varianceOk;
    // R's Kalman filter with the differencing in the state, run on first use (forecasts, residuals,
    // R's likelihood); the stepwise search mostly does not need it
    private double[] xr; // the regression residual series (scaled), until the filter has run
    private boolean filtered;
    private double sigma2; // forecast variance scale (R forecast's redefinition)
    private double sigma2Arima; // stats::arima's sigma2
    private double loglik;
    private double aic;
    private double aicc;
    private double bic;
    private double[] residuals;
    private double[] stateA;
    private double[] stateP;

    private ArimaFit(
            ArimaOrder order,
            String method,
            double[] coef,
            boolean hasConstant,
            boolean drift,
            int n,
            int nUsed,
            int nmask,
            double scale,
            boolean css,
            double searchValue,
            double cssSigma2,
            double[] cssResid,
            double[] phi,
            double[] theta,
            double[] delta,
            double[] xr,
            boolean varianceOk) {
        this.order = order;
        this.method = method;
        this.coef = coef;
        this.hasConstant = hasConstant;
        this.drift = drift;
        this.n = n;
        this.nUsed = nUsed;
        this.nmask = nmask;
        this.scale = scale;
        this.css = css;
        this.searchValue = searchValue;
        this.searchAic = css ? Double.NaN : -2 * logLik(searchValue) + 2 * nmask + 2;
        this.cssSigma2 = cssSigma2;
        this.cssResid = cssResid;
        this.phi = phi;
        this.theta = theta;
        this.delta = delta;
        this.xr = xr;
        this.varianceOk = varianceOk;
    }

    private double logLik(double value) {
        return -0.5 * (2 * nUsed * value + nUsed + nUsed * Math.log(2 * Math.PI)) - nUsed * Math.log(scale);
    }

    /** Runs R's state-space filter over the whole series once: forecast state, residuals, R's likelihood. */
    private synchronized void filterOnce() {
        if (filtered) {
            return;
        }
        StateSpace ss = new StateSpace(phi.length, theta.length, delta);
        ss.setModel(phi, theta);
        double[] out = new double[3];
        double[] resid = new double[n];
        ss.filter(xr, out, resid);
        double value = searchValue;
        if (css) {
            resid = cssResid;
            sigma2Arima = cssSigma2 / (scale * scale);
        } else {
            sigma2Arima = out[0] / nUsed / (scale * scale);
            if (delta.length > 0) {
                // the optimiser worked on the differenced series (exact diffuse likelihood); R's
                // likelihood has the differencing in the state with prior variance kappa
                value = 0.5 * (Math.log(out[0] / out[2]) + out[1] / out[2]);
            }
        }
        loglik = logLik(value);
        int npar = nmask + 1;
        int nstar = nUsed;
        aic = css ? Double.NaN : -2 * loglik + 2 * nmask + 2;
        aicc = aic + 2.0 * npar * (nstar / (double) (nstar - npar - 1) - 1);
        bic = aic + npar * (Math.log(nstar) - 2);
        double ssr = 0;
        residuals = new double[n];
        for (int i = 0; i < n; i++) {
            ssr += resid[i] * resid[i];
            residuals[i] = resid[i] / scale;
        }
        sigma2 = ssr / (nstar - npar + 1) / (scale * scale);
        stateA = ss.a.clone();
        stateP = ss.pmat.clone();
        xr = null;
        filtered = true;
    }

    /** AIC from the optimiser's own objective (ML: the exact likelihood of the differenced series), for the search. */
    double searchAic() {
        return searchAic;
    }

    /** Fits with method CSS-ML; see {@link #fit(double[], ArimaOrder, boolean, Double, Method)}. */
    public static ArimaFit fit(double[] y, ArimaOrder order, boolean includeConstant) {
        return fit(y, order, includeConstant, null, Method.CSS_ML);
    }

    /**
     * Fits the model.
     *
     * @param y               observations (finite), not modified
     * @param order           the orders
     * @param includeConstant mean (d + D = 0) or drift (d + D = 1); ignored with more differencing
     * @param fixedConstant   when non-null, the constant is fixed at this value instead of estimated
     * @param method          estimation method
     * @throws ModelException when the fit fails (too few observations, non-stationary CSS start,
     *                        non-finite likelihood)
     */
    public static ArimaFit fit(
            double[] y, ArimaOrder order, boolean includeConstant, Double fixedConstant, Method method) {
        try {
            return new Fitter(y, order, includeConstant, fixedConstant, method).run();
        } catch (ArithmeticException e) {
            throw new ModelException("arima " + order + ": " + e.getMessage(), e);
        }
    }

    /** One fit's data and work space. */
    private static final class Fitter {
        final double[] x; // scaled series
        final int n;
        final ArimaOrder o;
        final int p;
        final int q;
        final int sp;
        final int sq;
        final int m;
        final int narma;
        final boolean constant;
        final boolean isDrift;
        final Double fixedConstant;
        final Method method;
        final double scale;
        final double[] z; // xreg column or null
        final double[] delta;
        final int pE;
        final int qE;
        final double[] phiE;
        final double[] thetaE;
        final double[] work;
        final double[] scratch;
        final double[] full; // all parameters
        final boolean[] mask;
        final int nmask;
        final double[] xr; // x - z * beta
        final double[] w;
        final double[] res;
        final double[] out = new double[3];
        final ArmaLikelihood arma;
        final double[] wd; // differenced xr (the ARMA part's series)
        final int[] deltaNz; // indices of the non-zero differencing coefficients
        boolean wdValid; // xr and wd hold the series less the constant wdBeta
        double wdBeta;
        final double[] dx; // x differenced as ARIMA_CSS does (valid from d + D m on)
        final double[] dz; // z differenced likewise, or null
        final int[] phiPos; // positions of phiE that can be non-zero
        final int[] thetaPos; // positions of thetaE that can be non-zero
        int ncond;
        boolean varianceOk = true;

        Fitter(double[] y, ArimaOrder order, boolean includeConstant, Double fixedConstant, Method method) {
            this.n = y.length;
            this.o = order;
            this.p = order.p();
            this.q = order.q();
            this.sp = order.sp();
            this.sq = order.sq();
            this.m = order.period();
            this.narma = p + q + sp + sq;
            int diffs = order.d() + order.sd();
            this.constant = includeConstant && diffs <= 1;
            this.isDrift = constant && diffs == 1;
            this.method = method;
            double maxAbs = 0;
            for (double v : y) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            double s = 1.0;
            if (maxAbs > 0 && (maxAbs < 1e-30 || maxAbs > 1e30)) {
                s = Math.scalb(1.0, -Math.getExponent(maxAbs));
            }
            this.scale = s;
            this.x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = y[i] * s;
            }
            this.fixedConstant = fixedConstant == null ? null : fixedConstant * s;
            if (constant) {
                z = new double[n];
                for (int i = 0; i < n; i++) {
                    z[i] = isDrift ? i + 1 : 1.0;
                }
            } else {
                z = null;
            }
            // differencing polynomial: (1 - B)^d (1 - B^m)^D = 1 - sum delta_i B^i
            double[] poly = {1.0};
            for (int i = 0; i < order.d(); i++) {
                poly = polyMul(poly, lagPoly(1));
            }
            for (int i = 0; i < order.sd(); i++) {
                poly = polyMul(poly, lagPoly(m));
            }
            this.delta = new double[poly.length - 1];
            for (int i = 1; i < poly.length; i++) {
                delta[i - 1] = -poly[i];
            }
            this.pE = p + sp * m;
            this.qE = q + sq * m;
            this.arma = new ArmaLikelihood(pE, qE);
            this.wd = new double[n];
            int nz = 0;
            for (double v : delta) {
                nz += v != 0.0 ? 1 : 0;
            }
            this.deltaNz = new int[nz];
            nz = 0;
            for (int i = 0; i < delta.length; i++) {
                if (delta[i] != 0.0) {
                    deltaNz[nz++] = i;
                }
            }
            this.phiE = new double[pE];
            this.thetaE = new double[qE];
            int npar = narma + (constant ? 1 : 0);
            this.work = new double[npar];
            this.scratch = new double[2 * Math.max(p, sp)];
            this.full = new double[npar];
            this.mask = new boolean[npar];
            int k = 0;
            for (int i = 0; i < npar; i++) {
                mask[i] = !(i == narma && fixedConstant != null);
                if (mask[i]) {
                    k++;
                }
            }
            this.nmask = k;
            this.xr = new double[n];
            this.w = new double[n];
            this.res = new double[n];
            this.dx = x.clone();
            difference(dx);
            if (z != null) {
                this.dz = z.clone();
                difference(dz);
            } else {
                this.dz = null;
            }
            this.phiPos = positions(p, sp, m, pE);
            this.thetaPos = positions(q, sq, m, qE);
        }

        private static double[] lagPoly(int lag) {
            double[] a = new double[lag + 1];
            a[0] = 1;
            a[lag] = -1;
            return a;
        }

        private static double[] polyMul(double[] a, double[] b) {
            double[] c = new double[a.length + b.length - 1];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < b.length; j++) {
                    c[i + j] += a[i] * b[j];
                }
            }
            return c;
        }

        private void setMasked(double[] masked) {
            int k = 0;
            for (int i = 0; i < full.length; i++) {
                if (mask[i]) {
                    full[i] = masked[k++];
                }
            }
        }

        private double[] getMasked() {
            double[] v = new double[nmask];
            int k = 0;
            for (int i = 0; i < full.length; i++) {
                if (mask[i]) {
                    v[k++] = full[i];
                }
            }
            return v;
        }

        private void regressionResidual() {
            wdValid = false;
            if (constant) {
                double beta = full[narma];
                for (int i = 0; i < n; i++) {
                    xr[i] = x[i] - z[i] * beta;
                }
            } else {
                System.arraycopy(x, 0, xr, 0, n);
            }
        }

        double cssObjective(double[] masked) {
            setMasked(masked);
            ArimaMath.expand(full, p, q, sp, sq, m, false, work, phiE, thetaE, scratch);
            return 0.5 * Math.log(css());
        }

        /**
         * R's conditional sum of squares (ARIMA_CSS) at the current phiE, thetaE and constant:
         * the differenced series less the differenced regressor, then the ARMA residuals from
         * ncond on, over the structurally non-zero coefficients only. Residuals in res; returns
         * ssq / nu.
         */
        private double css() {
            int start = o.d() + o.sd() * m;
            if (constant) {
                double beta = full[narma];
                for (int l = start; l < n; l++) {
                    w[l] = dx[l] - dz[l] * beta;
                }
            }
            double[] w = constant ? this.w : dx;
            double ssq = 0;
            int nu = 0;
            for (int l = 0; l < ncond && l < n; l++) {
                res[l] = 0;
            }
            for (int l = ncond; l < n; l++) {
                double tmp = w[l];
                for (int k = 0; k < phiPos.length; k++) {
                    int j = phiPos[k];
                    tmp -= phiE[j] * w[l - j - 1];
                }
                int jmax = Math.min(l - ncond, qE);
                for (int k = 0; k < thetaPos.length; k++) {
                    int j = thetaPos[k];
                    if (j >= jmax) {
                        break;
                    }
                    tmp -= thetaE[j] * res[l - j - 1];
                }
                res[l] = tmp;
                ssq += tmp * tmp;
                nu++;
            }
            return ssq / nu;
        }

        /** Differences v in place as ARIMA_CSS does: (1 - B)^d, then (1 - B^m)^D. */
        private void difference(double[] v) {
            for (int i = 0; i < o.d(); i++) {
                for (int l = n - 1; l > 0; l--) {
                    v[l] -= v[l - 1];
                }
            }
            for (int i = 0; i < o.sd(); i++) {
                for (int l = n - 1; l >= m; l--) {
                    v[l] -= v[l - m];
                }
            }
        }

        /** Sorted positions of the expanded polynomial that can be non-zero: 0..k-1 and s m - 1 + (0..k). */
        private static int[] positions(int k, int seasonal, int period, int len) {
            boolean[] at = new boolean[len];
            for (int i = 0; i < k; i++) {
                at[i] = true;
            }
            for (int j = 0; j < seasonal; j++) {
                for (int i = 0; i <= k; i++) {
                    at[(j + 1) * period - 1 + i] = true;
                }
            }
            int c = 0;
            for (boolean b : at) {
                c += b ? 1 : 0;
            }
            int[] pos = new int[c];
            c = 0;
            for (int i = 0; i < len; i++) {
                if (at[i]) {
                    pos[c++] = i;
                }
            }
            return pos;
        }

        double mlObjective(double[] masked, boolean trans) {
            setMasked(masked);
            ArimaMath.expand(full, p, q, sp, sq, m, trans, work, phiE, thetaE, scratch);
            if (!arma.setModel(phiE, thetaE)) {
                return Double.NaN;
            }
            int dl = delta.length;
            double beta = constant ? full[narma] : 0.0;
            if (wdValid && Double.doubleToRawLongBits(beta) == Double.doubleToRawLongBits(wdBeta)) {
                // the series (less the constant) is the same as the last call's: only phi or theta moved
                arma.filter(dl == 0 ? xr : wd, dl, n, out);
            } else if (dl == 0) {
                regressionResidual();
                wdValid = true;
                wdBeta = beta;
                arma.filter(xr, 0, n, out);
            } else {
                regressionResidual();
                wdValid = true;
                wdBeta = beta;
                for (int t = dl; t < n; t++) {
                    double v = xr[t];
                    for (int k = 0; k < deltaNz.length; k++) {
                        int i = deltaNz[k];
                        v -= delta[i] * xr[t - i - 1];
                    }
                    wd[t] = v;
                }
                arma.filter(wd, dl, n, out);
            }
            double s2 = out[0] / out[2];
            return 0.5 * (Math.log(s2) + out[1] / out[2]);
        }

        ArimaFit run() {
            int nUsed = n - delta.length;
            if (nUsed <= 0) {
                throw new ModelException("arima " + o + ": too few non-missing observations (" + n + ")");
            }
            java.util.Arrays.fill(full, 0.0);
            double[] parscale = new double[nmask];
            java.util.Arrays.fill(parscale, 1.0);
            if (constant) {
                if (fixedConstant != null) {
                    full[narma] = fixedConstant;
                } else {
                    double[] reg = initialRegression();
                    full[narma] = reg[0];
                    double ps = 10 * reg[1];
                    parscale[nmask - 1] = Double.isFinite(ps) && ps > 0 ? ps : 1.0;
                }
            }
            ncond = o.d() + o.sd() * m + pE;
            double value;
            String label;
            if (method == Method.CSS) {
                label = "CSS";
                double[] init = getMasked();
                Bfgs opt = new Bfgs(nmask, parscale);
                value = opt.minimize(this::cssObjective, init);
                double[] hess = hessian(this::cssObjective, init, parscale);
                varianceOk = diagonalOk(hess, null, nUsed);
                setMasked(init);
                ArimaMath.expand(full, p, q, sp, sq, m, false, work, phiE, thetaE, scratch);
                double s2 = css();
                return finish(label, value, s2, res.clone(), nUsed, true);
            }
            label = "CSS-ML";
            if (method == Method.CSS_ML) {
                double[] init = getMasked();
                Bfgs opt = new Bfgs(nmask, parscale);
                try {
                    opt.minimize(this::cssObjective, init);
                    if (opt.converged) {
                        setMasked(init);
                    }
                } catch (ArithmeticException e) {
                    throw new ModelException("arima " + o + ": CSS failed: " + e.getMessage(), e);
                }
                if (p > 0 && !ArimaMath.arStationary(full, 0, p)) {
                    throw new ModelException("arima " + o + ": non-stationary AR part from CSS");
                }
                if (sp > 0 && !ArimaMath.arStationary(full, p + q, sp)) {
                    throw new ModelException("arima " + o + ": non-stationary seasonal AR part from CSS");
                }
            } else {
                label = "ML";
            }
            // to transformed space
            if (p > 0) {
                ArimaMath.arToPacf(full, 0, p, full, 0);
            }
            if (sp > 0) {
                ArimaMath.arToPacf(full, p + q, sp, full, p + q);
            }
            if (q > 0) {
                ArimaMath.maInvert(full, p, q);
            }
            if (sq > 0) {
                ArimaMath.maInvert(full, p + q + sp, sq);
            }
            for (double v : full) {
                if (!Double.isFinite(v)) {
                    throw new ModelException("arima " + o + ": non-finite starting values");
                }
            }
            double[] init = getMasked();
            Bfgs opt = new Bfgs(nmask, parscale);
            value = opt.minimize(v -> mlObjective(v, true), init);
            setMasked(init);
            boolean changed = false;
            if (q > 0) {
                double[] before = full.clone();
                ArimaMath.maInvert(full, p, q);
                changed |= !java.util.Arrays.equals(before, full);
            }
            if (sq > 0) {
                double[] before = full.clone();
                ArimaMath.maInvert(full, p + q + sp, sq);
                changed |= !java.util.Arrays.equals(before, full);
            }
            if (changed) {
                value = mlObjective(getMasked(), true);
            }
            double[] optimum = getMasked();
            double[] hess = hessian(v -> mlObjective(v, true), optimum, parscale);
            double[] jac = transformJacobian();
            setMasked(optimum);
            varianceOk = diagonalOk(hess, jac, nUsed);
            // undo the transform
            if (p > 0) {
                ArimaMath.pacfToAr(full, 0, p, full, 0);
            }
            if (sp > 0) {
                ArimaMath.pacfToAr(full, p + q, sp, full, p + q);
            }
            ArimaMath.expand(full, p, q, sp, sq, m, false, work, phiE, thetaE, scratch);
            return finish(label, value, Double.NaN, null, nUsed, false);
        }

        /**
         * optim's numerical Hessian (R optimHess): central differences of central-difference gradients.
         * The (i, j) and (j, i) terms evaluate fn at bit-identical points, so values are memoised:
         * about half the evaluations, the same result.
         */
        private double[] hessian(Bfgs.Objective fn0, double[] at, double[] parscale) {
            java.util.List<double[]> seen = new java.util.ArrayList<>();
            java.util.List<Double> values = new java.util.ArrayList<>();
            Bfgs.Objective fn = v -> {
                for (int i = 0; i < seen.size(); i++) {
                    if (java.util.Arrays.equals(seen.get(i), v)) {
                        return values.get(i);
                    }
                }
                double f = fn0.value(v);
                seen.add(v.clone());
                values.add(f);
                return f;
            };
            int k = at.length;
            double[] h = new double[k * k];
            double[] g1 = new double[k];
            double[] g2 = new double[k];
            double[] pt = at.clone();
            for (int i = 0; i < k; i++) {
                double eps = 1e-3 * parscale[i];
                pt[i] = at[i] + eps;
                grad(fn, pt, parscale, g1);
                pt[i] = at[i] - eps;
                grad(fn, pt, parscale, g2);
                pt[i] = at[i];
                for (int j = 0; j < k; j++) {
                    h[i * k + j] = (g1[j] - g2[j]) / (2 * eps);
                }
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < i; j++) {
                    double v = 0.5 * (h[i * k + j] + h[j * k + i]);
                    h[i * k + j] = v;
                    h[j * k + i] = v;
                }
            }
            return h;
        }

        private static void grad(Bfgs.Objective fn, double[] at, double[] parscale, double[] out) {
            double[] pt = at.clone();
            for (int j = 0; j < at.length; j++) {
                double eps = 1e-3 * parscale[j];
                pt[j] = at[j] + eps;
                double f1 = fn.value(pt);
                pt[j] = at[j] - eps;
                double f2 = fn.value(pt);
                pt[j] = at[j];
                out[j] = (f1 - f2) / (2 * eps);
            }
        }

        /** Jacobian (masked, row = raw parameter, column = coefficient) of the AR transform, as R's ARIMA_Gradtrans. */
        private double[] transformJacobian() {
            int np = full.length;
            double[] a = new double[np * np];
            for (int i = 0; i < np; i++) {
                a[i * np + i] = 1.0;
            }
            jacBlock(a, np, 0, p);
            jacBlock(a, np, p + q, sp);
            double[] out = new double[nmask * nmask];
            int ri = 0;
            for (int i = 0; i < np; i++) {
                if (!mask[i]) {
                    continue;
                }
                int ci = 0;
                for (int j = 0; j < np; j++) {
                    if (mask[j]) {
                        out[ri * nmask + ci++] = a[i * np + j];
                    }
                }
                ri++;
            }
            return out;
        }

        private void jacBlock(double[] a, int np, int from, int k) {
            if (k == 0) {
                return;
            }
            double[] w1 = new double[k];
            double[] w2 = new double[k];
            double[] w3 = new double[k];
            System.arraycopy(full, from, w1, 0, k);
            ArimaMath.pacfToAr(w1, 0, k, w2, 0);
            for (int i = 0; i < k; i++) {
                w1[i] += 1e-3;
                ArimaMath.pacfToAr(w1, 0, k, w3, 0);
                for (int j = 0; j < k; j++) {
                    a[(from + i) * np + from + j] = (w3[j] - w2[j]) / 1e-3;
                }
                w1[i] -= 1e-3;
            }
        }

        /** forecast:::checkarima: false when a coefficient variance A'(H n)^-1 A is negative, NaN or H is singular. */
        private boolean diagonalOk(double[] h, double[] jac, int nUsed) {
            int k = nmask;
            if (k == 0) {
                return true;
            }
            double[][] hm = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    hm[i][j] = h[i * k + j] * nUsed;
                    if (!Double.isFinite(hm[i][j])) {
                        return false;
                    }
                }
            }
            org.hipparchus.linear.RealMatrix inv;
            try {
                inv = new org.hipparchus.linear.LUDecomposition(
                                new org.hipparchus.linear.Array2DRowRealMatrix(hm, false), 0.0)
                        .getSolver()
                        .getInverse();
            } catch (RuntimeException e) {
                return false;
            }
            for (int c = 0; c < k; c++) {
                double v = 0;
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        double ai = jac == null ? (i == c ? 1 : 0) : jac[i * k + c];
                        double aj = jac == null ? (j == c ? 1 : 0) : jac[j * k + c];
                        v += ai * inv.getEntry(i, j) * aj;
                    }
                }
                if (!(v >= 0)) {
                    return false;
                }
            }
            return true;
        }

        /** Least squares of the differenced series on the differenced regressor: {coef, se}. */
        private double[] initialRegression() {
            double[] dx = x.clone();
            double[] dz = z.clone();
            int len = n;
            for (int i = 0; i < o.d(); i++) {
                len = diffInPlace(dx, len, 1);
                diffInPlace(dz, len + 1, 1);
            }
            for (int i = 0; i < o.sd(); i++) {
                int before = len;
                len = diffInPlace(dx, len, m);
                diffInPlace(dz, before, m);
            }
            double[] r = lsThroughOrigin(dx, dz, len);
            if (r == null) {
                r = lsThroughOrigin(x, z, n);
            }
            return r == null ? new double[] {0, 1} : r;
        }

        private static int diffInPlace(double[] a, int len, int lag) {
            if (len <= lag) {
                return 0;
            }
            for (int i = 0; i < len - lag; i++) {
                a[i] = a[i + lag] - a[i];
            }
            return len - lag;
        }

        private static double[] lsThroughOrigin(double[] yv, double[] zv, int len) {
            if (len <= 1) {
                return null;
            }
            double szz = 0;
            double szy = 0;
            for (int i = 0; i < len; i++) {
                szz += zv[i] * zv[i];
                szy += zv[i] * yv[i];
            }
            if (szz == 0) {
                return null;
            }
            double b = szy / szz;
            double rss = 0;
            for (int i = 0; i < len; i++) {
                double e = yv[i] - b * zv[i];
                rss += e * e;
            }
            return new double[] {b, Math.sqrt(rss / (len - 1) / szz)};
        }

        private ArimaFit finish(String label, double value, double cssS2, double[] cssResid, int nUsed, boolean isCss) {
            double[] coefOut = full.clone();
            if (constant) {
                coefOut[narma] = full[narma] / scale;
            }
            regressionResidual();
            return new ArimaFit(
                    o,
                    label,
                    coefOut,
                    constant,
                    isDrift,
                    n,
                    nUsed,
                    nmask,
                    scale,
                    isCss,
                    value,
                    cssS2,
                    cssResid,
                    phiE.clone(),
                    thetaE.clone(),
                    delta.clone(),
                    xr.clone(),
                    varianceOk);
        }
    }

    /** False when R's forecast would reject the fit for NaN coefficient standard errors (checkarima). */
    public boolean varianceOk() {
        return varianceOk;
    }

    /** The orders. */
    public ArimaOrder order() {
        return order;
    }

    /** Coefficients ar1..p, ma1..q, sar1..P, sma1..Q, then the mean or drift when present. */
    public double[] coefficients() {
        return coef.clone();
    }

    public boolean hasConstant() {
        return hasConstant;
    }

    public boolean hasDrift() {
        return drift;
    }

    /** Residual variance as forecast's Arima() reports it (used for the prediction intervals). */
    public double sigma2() {
        filterOnce();
        return sigma2;
    }

    /** Residual variance as stats::arima reports it (ML: ssq / n.used; CSS: CSS mean square). */
    public double sigma2Arima() {
        if (css) {
            return cssSigma2 / (scale * scale);
        }
        filterOnce();
        return sigma2Arima;
    }

    public double logLikelihood() {
        filterOnce();
        return loglik;
    }

    /** AIC; NaN for method CSS (as R). */
    public double aic() {
        filterOnce();
        return aic;
    }

    public double aicc() {
        filterOnce();
        return aicc;
    }

    public double bic() {
        filterOnce();
        return bic;
    }

    public double[] residuals() {
        filterOnce();
        return residuals.clone();
    }

    /** Expanded AR polynomial coefficients (length p + P m), as R's model$phi. */
    public double[] phi() {
        return phi.clone();
    }

    /** Expanded MA polynomial coefficients (length q + Q m), as R's model$theta. */
    public double[] theta() {
        return theta.clone();
    }

    @Override
    public String method() {
        String s = order.toString();
        if (hasConstant) {
            s += drift ? " with drift" : " with non-zero mean";
        } else if (order.d() + order.sd() == 0) {
            s += " with zero mean";
        }
        return s;
    }

    /** Point forecasts and standard errors (as predict.Arima with forecast's sigma2). */
    public double[][] predict(int horizon) {
        Inputs.horizon(horizon);
        StateSpace s = new StateSpace(phi.length, theta.length, delta);
        filterOnce();
        s.restore(phi, theta, stateA, stateP);
        double[] mean = new double[horizon];
        double[] var = new double[horizon];
        s.forecast(horizon, mean, var);
        double[] se = new double[horizon];
        double c = hasConstant ? coef[coef.length - 1] : 0.0;
        for (int h = 0; h < horizon; h++) {
            mean[h] = mean[h] / scale + (hasConstant ? (drift ? (n + h + 1) * c : c) : 0.0);
            se[h] = Math.sqrt(Math.max(var[h], 0) * sigma2);
        }
        return new double[][] {mean, se};
    }

    @Override
    public Forecast forecast(int horizon, double[] levels) {
        Inputs.horizon(horizon);
        double[] lv = Inputs.levels(levels);
        double[][] ps = predict(horizon);
        double[] mean = ps[0];
        double[] se = ps[1];
        double[][] lower = new double[lv.length][horizon];
        double[][] upper = new double[lv.length][horizon];
        for (int i = 0; i < lv.length; i++) {
            double zq = Distributions.normalQuantile(0.5 + lv[i] / 200);
            for (int j = 0; j < horizon; j++) {
                lower[i][j] = mean[j] - zq * se[j];
                upper[i][j] = mean[j] + zq * se[j];
            }
            Inputs.finite("arima", lower[i], "forecast");
            Inputs.finite("arima", upper[i], "forecast");
        }
        Inputs.finite("arima", mean, "forecast");
        return new Forecast(method(), "", mean, lv, lower, upper);
    }

    @Override
    public String toString() {
        filterOnce();
        return method() + " [coef=" + java.util.Arrays.toString(coef) + ", sigma2=" + sigma2 + ", loglik=" + loglik
                + ", aicc=" + aicc + "]";
    }
}

package forecastfarm.worker.forecast.ets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class EtsInternalsTest {

    static final double[] MONTHLY = new double[60];

    static {
        for (int t = 0; t < MONTHLY.length; t++) {
            MONTHLY[t] = 200 + 2 * t + 30 * Math.sin(2 * Math.PI * t / 12) + ((t * 7919) % 17);
        }
    }

    @Test
    void candidateFormsFollowRsDefaults() {
        List<EtsSpec> positiveSeasonal = Ets.candidates(MONTHLY, 12, false);
        assertEquals(15, positiveSeasonal.size()); // 6 additive-error + 9 multiplicative-error forms
        assertEquals("ETS(A,N,N)", positiveSeasonal.get(0).label());
        assertEquals("ETS(M,A,M)", positiveSeasonal.get(14).label());
        double[] withZero = MONTHLY.clone();
        withZero[5] = 0;
        List<EtsSpec> nonPositive = Ets.candidates(withZero, 12, false);
        assertEquals(6, nonPositive.size());
        assertTrue(nonPositive.stream().noneMatch(s -> s.multError() || s.season() == EtsSpec.Season.M));
        assertEquals(6, Ets.candidates(MONTHLY, 1, false).size()); // N, A, Ad for each error type
        assertEquals(6, Ets.candidates(MONTHLY, 60, false).size()); // n <= m: no seasonal forms
        assertEquals(6, Ets.candidates(MONTHLY, 25, false).size()); // m > 24: seasonality ignored, as R
        // on the log scale (mstl): additive errors and seasons only, as R's ets(additive.only = TRUE)
        assertEquals(
                nonPositive.stream().map(EtsSpec::label).toList(),
                Ets.candidates(MONTHLY, 12, true).stream().map(EtsSpec::label).toList());
    }

    @Test
    void schurCohnFindsRootsOutsideTheRadius() {
        double[] tmp = new double[4];
        // (z - 0.5)(z + 0.9) = z^2 + 0.4 z - 0.45: inside
        assertTrue(EtsModelFitter.rootsWithinRadius(new double[] {-0.45, 0.4, 1}, 2, 1 + 1e-10, tmp));
        // (z - 1.1)(z + 0.2) = z^2 - 0.9 z - 0.22: one root outside
        assertFalse(EtsModelFitter.rootsWithinRadius(new double[] {-0.22, -0.9, 1}, 2, 1 + 1e-10, tmp));
        // z^3 - 0.125 = (z - 0.5)(...): all |z| = 0.5
        assertTrue(EtsModelFitter.rootsWithinRadius(new double[] {-0.125, 0, 0, 1}, 3, 1 + 1e-10, tmp));
        // complex pair of modulus 1.2: z^2 + 1.44
        assertFalse(EtsModelFitter.rootsWithinRadius(new double[] {1.44, 0, 1}, 2, 1 + 1e-10, tmp));
    }

    @Test
    void likelihoodRecursionAllocatesNothing() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        EtsSpec spec = new EtsSpec(true, true, true, EtsSpec.Season.M);
        EtsModelFitter fitter = new EtsModelFitter(MONTHLY, 12, spec);
        double[] x = new double[4 + 2 + 11];
        x[0] = 0.3;
        x[1] = 0.05;
        x[2] = 0.1;
        x[3] = 0.95;
        x[4] = 200;
        x[5] = 2;
        for (int j = 0; j < 11; j++) {
            x[6 + j] = 1 + 0.01 * (j - 5);
        }
        double sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm up (JIT) before measuring
            sink += fitter.objective(x);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            sink += fitter.objective(x);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(Double.isFinite(sink));
        assertTrue(allocated < 10_000, "10000 objective evaluations allocated " + allocated + " bytes");
    }

    @Test
    void fittedFormsAreReproducibleAndWithinBounds() {
        EtsFitResult r = new EtsModelFitter(MONTHLY, 12, new EtsSpec(false, true, true, EtsSpec.Season.A)).fit();
        assertTrue(r.alpha() >= 1e-4 && r.alpha() <= 0.9999);
        assertTrue(r.beta() >= 1e-4 && r.beta() <= r.alpha());
        assertTrue(r.gamma() >= 1e-4 && r.gamma() <= 1 - r.alpha());
        assertTrue(r.phi() >= 0.8 && r.phi() <= 0.98);
        assertTrue(r.evaluations() <= EtsModelFitter.MAX_EVALUATIONS + 2 * 18);
        EtsFitResult again =
                new EtsModelFitter(MONTHLY.clone(), 12, new EtsSpec(false, true, true, EtsSpec.Season.A)).fit();
        assertEquals(r.aicc(), again.aicc());
    }
    /**
     * The objective against the recursion as R's etscalc writes it (trend update through beta / alpha, one logarithm
     * per step), for a multiplicative form on the series as it is and scaled so far up or down that a product of a few
     * fitted values leaves the range of a double.
     */
    @Test
    void objectiveMatchesRsRecursionAtAnyScale() {
        EtsSpec spec = new EtsSpec(true, true, true, EtsSpec.Season.M);
        for (double scale : new double[] {1, 1e60, 1e-60}) {
            double[] y = MONTHLY.clone();
            for (int t = 0; t < y.length; t++) {
                y[t] *= scale;
            }
            double[] x = new double[4 + 2 + 11];
            x[0] = 0.3;
            x[1] = 0.05;
            x[2] = 0.1;
            x[3] = 0.95;
            x[4] = 200 * scale;
            x[5] = 2 * scale;
            for (int j = 0; j < 11; j++) {
                x[6 + j] = 1 + 0.01 * (j - 5);
            }
            double expected = rsMultiplicativeLikelihood(y, x, 12);
            double actual = new EtsModelFitter(y, 12, spec).objective(x);
            assertTrue(Double.isFinite(expected), "reference at scale " + scale);
            assertEquals(expected, actual, 1e-11 * Math.abs(expected), "scale " + scale);
        }
    }

    /** ETS(M,Ad,M) as R's etscalc (a state below 1e-10 divides as 1e10): x = alpha, beta, gamma, phi, l0, b0, s(-1) .. s(-m+1). */
    private static double rsMultiplicativeLikelihood(double[] y, double[] x, int m) {
        double alpha = x[0];
        double beta = x[1];
        double gamma = x[2];
        double phi = x[3];
        double l = x[4];
        double b = x[5];
        double[] s = new double[m]; // s[0] the newest season
        double sum = 0;
        for (int j = 0; j < m - 1; j++) {
            s[j] = x[6 + j];
            sum += s[j];
        }
        s[m - 1] = m - sum;
        double sumE2 = 0;
        double sumLog = 0;
        for (double yt : y) {
            double q = l + phi * b;
            double sOld = s[m - 1];
            double yhat = q * sOld;
            double e = (yt - yhat) / yhat;
            sumE2 += e * e;
            sumLog += Math.log(Math.abs(yhat));
            double ol = l;
            l = q + alpha * ((Math.abs(sOld) < 1e-10 ? 1e10 : yt / sOld) - q);
            b = phi * b + (beta / alpha) * (l - ol - phi * b);
            System.arraycopy(s, 0, s, 1, m - 1);
            s[0] = sOld + gamma * ((Math.abs(q) < 1e-10 ? 1e10 : yt / q) - sOld);
        }
        return y.length * Math.log(sumE2) + 2 * sumLog;
    }
}

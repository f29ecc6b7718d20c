package forecastfarm.worker.forecast.arima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArimaMathTest {

    @Test
    void pacfTransformRoundTrips() {
        double[] ar = {0.5, -0.3, 0.2};
        double[] raw = new double[3];
        ArimaMath.arToPacf(ar, 0, 3, raw, 0);
        double[] back = new double[3];
        ArimaMath.pacfToAr(raw, 0, 3, back, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(ar[i], back[i], 1e-12);
        }
    }

    @Test
    void stationarityCheck() {
        assertTrue(ArimaMath.arStationary(new double[] {0.5, 0.3}, 0, 2));
        assertFalse(ArimaMath.arStationary(new double[] {1.2}, 0, 1));
        assertFalse(ArimaMath.arStationary(new double[] {0.5, 0.6}, 0, 2));
    }

    @Test
    void maInversionReflectsRoots() {
        double[] ma = {2.0, 0.0};
        ArimaMath.maInvert(ma, 0, 2);
        assertEquals(0.5, ma[0], 1e-12);
        assertEquals(0.0, ma[1], 0);
        // 1 + 2.5 z + z^2 = (1 + 2z)(1 + 0.5z): roots -0.5 and -2 -> (1 + 0.5z)^2 = 1 + z + 0.25 z^2
        double[] ma2 = {2.5, 1.0};
        ArimaMath.maInvert(ma2, 0, 2);
        assertEquals(1.0, ma2[0], 1e-9);
        assertEquals(0.25, ma2[1], 1e-9);
    }

    @Test
    void rootsOfAQuadratic() {
        // 1 - 0.5 z - 0.06 z^2 ... check |roots| via the smallest modulus of 1 - 1.5 z + 0.5 z^2: roots 1 and 2
        assertEquals(1.0, ArimaMath.minRootModulus(new double[] {1.5, -0.5}, -1, 1e-8), 1e-9);
    }

    @Test
    void rootsOutsideDecidesAsTheSmallestRootModulus() {
        // random non-seasonal and multiplicative seasonal AR/MA polynomials, both signs, some with roots
        // inside the radius: the step-down decision equals minRootModulus(...) > 1.01
        java.util.Random rnd = new java.util.Random(42);
        double[] scratch = new double[64];
        int inside = 0;
        int outside = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int p = 1 + rnd.nextInt(3);
            int sp = rnd.nextInt(3);
            int m = rnd.nextBoolean() ? 12 : 4;
            double[] par = new double[p + sp];
            for (int i = 0; i < par.length; i++) {
                par[i] = (rnd.nextDouble() * 2 - 1) * (rnd.nextBoolean() ? 1.2 : 0.9);
            }
            int len = p + sp * m;
            double[] poly = new double[len];
            ArimaMath.expand(par, p, 0, sp, 0, m, false, new double[par.length], poly, new double[0]);
            double sign = rnd.nextBoolean() ? -1 : 1;
            double min = ArimaMath.minRootModulus(poly, sign, 1e-8);
            if (Math.abs(min - 1.01) < 1e-6) {
                continue; // too close to call for either method
            }
            boolean want = min > 1.01;
            assertEquals(
                    want,
                    ArimaMath.rootsOutside(poly, sign, 1e-8, 1.01, scratch),
                    java.util.Arrays.toString(poly) + " sign " + sign + " min root " + min);
            if (want) {
                outside++;
            } else {
                inside++;
            }
        }
        assertTrue(inside > 300 && outside > 300, inside + " inside, " + outside + " outside");
        // the tail below 1e-8 is ignored, as minRootModulus does
        assertTrue(ArimaMath.rootsOutside(new double[] {0.5, 1e-9}, -1, 1e-8, 1.01, scratch));
        assertFalse(ArimaMath.rootsOutside(new double[] {0.995}, -1, 1e-8, 1.01, scratch));
        assertTrue(ArimaMath.rootsOutside(new double[0], 1, 1e-8, 1.01, scratch));
    }
}

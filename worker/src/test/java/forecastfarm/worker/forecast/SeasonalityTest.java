package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The seasonality tests and the multiplicative decomposition against R 4.2.2 / forecast 8.20
 * (golden_theta.csv, written by golden_theta.R). Seasonal indices: 1e-12 relative.
 */
class SeasonalityTest {

    /** The golden records of golden_theta.csv, shared by ThetaTest and Naive2Test. */
    static final class Golden {
        final String id;
        final int m;
        final int h;
        final double[] y;
        boolean thetaSeasonal;
        boolean m4Seasonal;
        double[] figure;
        double[] ses; // alpha, sigma2, last level, drift
        final List<double[]> theta = new ArrayList<>();
        final List<double[]> naive2 = new ArrayList<>();

        Golden(String id, int m, int h, double[] y) {
            this.id = id;
            this.m = m;
            this.h = h;
            this.y = y;
        }

        static Map<String, Golden> all() {
            Map<String, Golden> out = new LinkedHashMap<>();
            for (String[] r : GoldenCsv.rows("golden_theta.csv")) {
                String id = r[0];
                int step = Integer.parseInt(r[2]);
                switch (r[1]) {
                    case "series": {
                        String[] parts = r[4].trim().split(" +");
                        double[] y = new double[parts.length];
                        for (int i = 0; i < y.length; i++) {
                            y[i] = GoldenCsv.number(parts[i]);
                        }
                        out.put(id, new Golden(id, step, Integer.parseInt(r[3]), y));
                        break;
                    }
                    case "seasonal":
                        out.get(id).thetaSeasonal = "1".equals(r[3]);
                        out.get(id).m4Seasonal = "1".equals(r[4]);
                        break;
                    case "figure": {
                        Golden g = out.get(id);
                        if (g.figure == null) {
                            g.figure = new double[g.m];
                        }
                        g.figure[step - 1] = GoldenCsv.number(r[3]);
                        break;
                    }
                    case "ses":
                        out.get(id).ses = values(r, 4);
                        break;
                    case "theta":
                        assertEquals(out.get(id).theta.size() + 1, step);
                        out.get(id).theta.add(values(r, 5));
                        break;
                    case "naive2":
                        assertEquals(out.get(id).naive2.size() + 1, step);
                        out.get(id).naive2.add(values(r, 5));
                        break;
                    default:
                        throw new IllegalStateException("unknown record " + r[1]);
                }
            }
            return out;
        }

        private static double[] values(String[] r, int count) {
            double[] v = new double[count];
            for (int i = 0; i < count; i++) {
                v[i] = GoldenCsv.number(r[3 + i]);
            }
            return v;
        }
    }

    @TestFactory
    List<DynamicTest> decisionsAndIndicesMatchR() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Golden g : Golden.all().values()) {
            tests.add(DynamicTest.dynamicTest(g.id, () -> {
                assertEquals(g.thetaSeasonal, Seasonality.isSeasonalForTheta(g.y, g.m), "thetaf test");
                assertEquals(g.m4Seasonal, Seasonality.isSeasonal(g.y, g.m), "M4 test");
                if (g.figure != null) {
                    double[] got = Seasonality.multiplicativeSeasonalIndices(g.y, g.m);
                    for (int i = 0; i < g.m; i++) {
                        assertEquals(g.figure[i], got[i], 1e-12 * Math.abs(g.figure[i]), "index " + i);
                    }
                }
            }));
        }
        return tests;
    }

    @Test
    void goldenSetHasBothOutcomes() {
        int seasonal = 0;
        int not = 0;
        for (Golden g : Golden.all().values()) {
            if (g.thetaSeasonal) {
                seasonal++;
            } else {
                not++;
            }
        }
        assertTrue(seasonal >= 3 && not >= 3, seasonal + " seasonal, " + not + " not");
    }

    @Test
    void indicesAreAlignedWithTheFirstObservation() {
        double[] pattern = {0.8, 1.3, 1.1, 0.8}; // averages to 1
        double[] y = new double[20];
        for (int t = 0; t < y.length; t++) {
            y[t] = 50 * pattern[t % 4];
        }
        double[] got = Seasonality.multiplicativeSeasonalIndices(y, 4);
        for (int i = 0; i < 4; i++) {
            assertEquals(pattern[i], got[i], 1e-12);
        }
        // odd season length, with the series starting at a different phase
        double[] p3 = {1.2, 0.9, 0.9};
        double[] z = new double[13];
        for (int t = 0; t < z.length; t++) {
            z[t] = 7 * p3[(t + 1) % 3];
        }
        double[] got3 = Seasonality.multiplicativeSeasonalIndices(z, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(p3[(i + 1) % 3], got3[i], 1e-12);
        }
    }

    @Test
    void indicesAverageToOne() {
        double[] y = ForecastModelContractTest.SERIES_A;
        double[] f = Seasonality.multiplicativeSeasonalIndices(y, 4);
        assertEquals(4, f.length);
        assertEquals(1.0, (f[0] + f[1] + f[2] + f[3]) / 4, 1e-14);
    }

    @Test
    void decompositionNeedsTwoSeasons() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Seasonality.multiplicativeSeasonalIndices(new double[] {1, 2, 3, 4, 5, 6, 7}, 4));
        assertThrows(
                IllegalArgumentException.class,
                () -> Seasonality.multiplicativeSeasonalIndices(new double[] {1, 2, 3, 4}, 1));
    }

    @Test
    void shortNonSeasonalOrConstantSeriesAreNotSeasonal() {
        double[] strong = new double[40];
        for (int t = 0; t < strong.length; t++) {
            strong[t] = 10 + ((t % 4 == 1) ? 5 : 0) + 0.01 * t;
        }
        assertTrue(Seasonality.isSeasonal(strong, 4));
        assertTrue(Seasonality.isSeasonalForTheta(strong, 4));
        assertFalse(Seasonality.isSeasonal(strong, 1));
        assertFalse(Seasonality.isSeasonalForTheta(strong, 1));
        double[] eleven = java.util.Arrays.copyOf(strong, 11); // < 3m: the M4 test does not apply
        assertFalse(Seasonality.isSeasonal(eleven, 4));
        double[] eight = java.util.Arrays.copyOf(strong, 8); // <= 2m: nor does thetaf's
        assertFalse(Seasonality.isSeasonalForTheta(eight, 4));
        double[] constant = new double[40];
        java.util.Arrays.fill(constant, 3.5);
        assertFalse(Seasonality.isSeasonal(constant, 4));
        assertFalse(Seasonality.isSeasonalForTheta(constant, 4));
    }

    @Test
    void isConstantFollowsRsTolerance() {
        assertTrue(Seasonality.isConstantLikeR(new double[] {5, 5, 5}));
        assertTrue(Seasonality.isConstantLikeR(new double[] {1e6, 1e6 + 1e-4, 1e6}));
        assertFalse(Seasonality.isConstantLikeR(new double[] {1, 1.001, 1}));
    }
}

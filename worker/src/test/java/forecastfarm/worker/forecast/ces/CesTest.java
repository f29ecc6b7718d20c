package forecastfarm.worker.forecast.ces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.ModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Selection of the seasonal form, the fitted model against its own recursion, intervals, scaling, bad input. */
class CesTest {

    private static double[] seasonal(int n, int m, long seed) {
        Random random = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 200
                    + 0.5 * t
                    + 40 * Math.sin(2 * Math.PI * t / m)
                    + 15 * Math.cos(4 * Math.PI * t / m)
                    + 3 * random.nextGaussian();
        }
        return y;
    }

    private static double[] randomWalk(int n, long seed) {
        Random random = new Random(seed);
        double[] y = new double[n];
        double level = 500;
        for (int t = 0; t < n; t++) {
            level += 5 * random.nextGaussian();
            y[t] = level + 2 * random.nextGaussian();
        }
        return y;
    }

    private static CesFitted fit(double[] y, int m) {
        return (CesFitted) new Ces().fit(y, m);
    }

    @Test
    void aStronglySeasonalSeriesGetsASeasonalForm() {
        for (long seed = 1; seed <= 5; seed++) {
            CesFitted fitted = fit(seasonal(72, 12, seed), 12);
            assertTrue(fitted.fit().model().form().seasonal(), fitted.toString());
            fitted = fit(seasonal(40, 4, seed), 4);
            assertTrue(fitted.fit().model().form().seasonal(), fitted.toString());
        }
    }

    @Test
    void aNonSeasonalSeriesGetsNone() {
        for (long seed = 1; seed <= 5; seed++) {
            CesFitted fitted = fit(randomWalk(72, seed), 12);
            assertEquals(CesForm.NONE, fitted.fit().model().form(), fitted.toString());
            assertEquals("", fitted.forecast(3, new double[0]).note());
        }
    }

    @Test
    void formsTriedFollowTheSeasonLengthAndTheLength() {
        List<CesForm> forms = new ArrayList<>();
        assertEquals("", Ces.candidates(100, 1, forms));
        assertEquals(List.of(CesForm.NONE), forms);
        forms.clear();
        // m = 12: simple from 2m + 5 = 29, partial from m + 8 = 20, full from 2m + 9 = 33 observations
        assertEquals("", Ces.candidates(29, 12, forms));
        assertEquals(List.of(CesForm.NONE, CesForm.SIMPLE, CesForm.PARTIAL), forms);
        forms.clear();
        assertEquals("", Ces.candidates(33, 12, forms));
        assertEquals(List.of(CesForm.NONE, CesForm.SIMPLE, CesForm.PARTIAL, CesForm.FULL), forms);
        forms.clear();
        assertEquals(
                "CES(n) only: the seasonal forms need at least 20 observations for season length 12",
                Ces.candidates(19, 12, forms));
        assertEquals(List.of(CesForm.NONE), forms);
        forms.clear();
        assertEquals("CES(n) only: season length 60 is above 52", Ces.candidates(1000, 60, forms));
        assertEquals(List.of(CesForm.NONE), forms);
        Forecast f = new Ces().fit(seasonal(19, 12, 1), 12).forecast(2, new double[0]);
        assertTrue(f.note().startsWith("CES(n) only"), f.note());
        assertTrue(f.method().startsWith("CES(n) "), f.method());
    }

    @Test
    void theForecastContinuesTheFittedRecursion() {
        double[] y = seasonal(30, 4, 9);
        for (int m : new int[] {1, 4}) {
            CesFitted fitted = fit(y, m);
            CesFit f = fitted.fit();
            CesModel model = f.model();
            double scale = fitted.scale();
            double[] z = new double[y.length];
            for (int t = 0; t < y.length; t++) {
                z[t] = y[t] / scale;
            }
            // the recursion from the fitted initial state reproduces the fit's errors and last state ...
            double[] state = f.initial().clone();
            double[] errors = new double[y.length];
            assertEquals(f.sse(), model.filter(z, z.length, state, errors), 1e-15);
            assertArrayEquals(f.errors(), errors, 0);
            assertArrayEquals(f.last(), state, 0);
            // ... and continued with zero errors gives the point forecasts
            double[] expected = new double[12];
            model.iterate(state, y.length, expected.length, 0, expected);
            double[] mean = fitted.forecast(expected.length, new double[] {95}).mean();
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[j] * scale, mean[j], 1e-12 * Math.abs(mean[j]), "step " + j);
            }
        }
    }

    @Test
    void intervalsWidenByTheImpulseResponse() {
        CesFitted fitted = fit(randomWalk(60, 3), 1);
        CesModel model = fitted.fit().model();
        Forecast f = fitted.forecast(3, new double[] {95});
        double[] se = new double[3];
        for (int j = 0; j < 3; j++) {
            se[j] = (f.upper(0)[j] - f.mean()[j]) / 1.959963984540054;
        }
        // one step: sigma; two steps: sigma sqrt(1 + (a0 - a1)^2), the first weight of CES(n) being a0 - a1
        double sigma = fitted.scale() * Math.sqrt(fitted.fit().sigma2());
        assertEquals(sigma, se[0], 1e-9 * sigma);
        double c1 = model.a0() - model.a1();
        assertEquals(sigma * Math.sqrt(1 + c1 * c1), se[1], 1e-9 * sigma);
        // the second weight is l after two steps: (a0 - a1) - (1 - a1)(a0 + a1)
        double c2 = c1 - (1 - model.a1()) * (model.a0() + model.a1());
        assertEquals(sigma * Math.sqrt(1 + c1 * c1 + c2 * c2), se[2], 1e-9 * sigma);
        // sigma^2 = SSE / (n - k), k = 2 smoothing parameters + variance (CES(n) keeps its starting states)
        assertEquals(3, fitted.fit().parameters());
        assertEquals(fitted.fit().sse() / 57, fitted.fit().sigma2(), 1e-15);
    }

    @Test
    void scalingTheDataByAPowerOfTwoScalesTheForecastExactly() {
        double[] y = seasonal(48, 12, 4);
        double[] scaled = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            scaled[t] = y[t] * 1024;
        }
        Forecast a = new Ces().fit(y, 12).forecast(6, new double[] {80});
        Forecast b = new Ces().fit(scaled, 12).forecast(6, new double[] {80});
        assertEquals(a.method(), b.method());
        for (int j = 0; j < 6; j++) {
            assertEquals(a.mean()[j] * 1024, b.mean()[j], 0);
            assertEquals(a.lower(0)[j] * 1024, b.lower(0)[j], 0);
        }
    }

    @Test
    void methodNamesTheFormAndItsParameters() {
        assertEquals("CES(n) a=1.300+1.000i", CesFitted.describe(new CesModel(CesForm.NONE, 1, 1.3, 1.0, 0, 0)));
        assertEquals(
                "CES(s) a=1.234-0.056i", CesFitted.describe(new CesModel(CesForm.SIMPLE, 4, 1.2344, -0.0555, 0, 0)));
        assertEquals(
                "CES(p) a=1.300+0.900i b=0.100",
                CesFitted.describe(new CesModel(CesForm.PARTIAL, 4, 1.3, 0.9, 0.1, 0)));
        assertEquals(
                "CES(f) a=1.300+1.000i b=1.100+0.950i",
                CesFitted.describe(new CesModel(CesForm.FULL, 4, 1.3, 1.0, 1.1, 0.95)));
        CesFitted fitted = fit(seasonal(48, 12, 2), 12);
        assertTrue(fitted.toString().startsWith(fitted.method() + " [n=48, parameters="), fitted.toString());
        assertTrue(fitted.toString().contains("AICc="), fitted.toString());
    }

    @Test
    void badInputIsRefusedWithTheBadValue() {
        Ces ces = new Ces();
        assertEquals(
                "ces needs at least 3 observations, got 2",
                assertThrows(ModelException.class, () -> ces.fit(new double[] {1, 2}, 1))
                        .getMessage());
        assertEquals(
                "ces: y contains NaN at index 1 (missing values are not supported)",
                assertThrows(ModelException.class, () -> ces.fit(new double[] {1, Double.NaN, 3, 4}, 1))
                        .getMessage());
        assertEquals(
                "Invalid season length 0 (must be >= 1)",
                assertThrows(IllegalArgumentException.class, () -> ces.fit(new double[] {1, 2, 3, 4}, 0))
                        .getMessage());
        assertEquals(
                "Invalid forecast horizon h = 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ces.fit(new double[] {1, 2, 3, 4}, 1).forecast(0, new double[0]))
                        .getMessage());
    }
}

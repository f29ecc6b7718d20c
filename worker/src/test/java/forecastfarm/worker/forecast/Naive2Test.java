package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Naive2 against R 4.2.2 (golden_theta.csv: the reference run_r_forecast.R's naive2 mean, and
 * naive() intervals on the adjusted series times the seasonal index). Tolerance 1e-10 relative
 * (observed: at most 3e-15): the arithmetic is R's step by step, only summation order differs.
 */
class Naive2Test extends ForecastModelContractTest {

    static final double REL_TOL = 1e-10;

    @Override
    protected ForecastModel model() {
        return new Naive2();
    }

    @Override
    protected String expectedName() {
        return "naive2";
    }

    @Override
    protected int minimumLength() {
        return 2;
    }

    @TestFactory
    List<DynamicTest> matchesR() {
        List<DynamicTest> tests = new ArrayList<>();
        for (SeasonalityTest.Golden g : SeasonalityTest.Golden.all().values()) {
            tests.add(DynamicTest.dynamicTest(g.id, () -> {
                Forecast f = new Naive2().fit(g.y, g.m).forecast(g.h, LEVELS);
                double[][] got = {f.mean(), f.lower(0), f.upper(0), f.lower(1), f.upper(1)};
                String[] what = {"mean", "lo80", "hi80", "lo95", "hi95"};
                for (int step = 0; step < g.h; step++) {
                    for (int c = 0; c < 5; c++) {
                        double r = g.naive2.get(step)[c];
                        double j = got[c][step];
                        assertTrue(
                                Math.abs(j - r) <= REL_TOL * Math.max(1, Math.abs(r)),
                                g.id + " step " + (step + 1) + " " + what[c] + ": R " + r + ", Java " + j);
                    }
                }
            }));
        }
        return tests;
    }

    @Test
    void nonSeasonalIsTheNaiveMethod() {
        Forecast f = new Naive2().fit(SERIES_B, 1).forecast(6, LEVELS);
        Forecast naive = new Naive().fit(SERIES_B, 1).forecast(6, LEVELS);
        assertArrayEquals(naive.mean(), f.mean());
        assertArrayEquals(naive.lower(1), f.lower(1));
        assertEquals("Naive2", f.method());
    }

    @Test
    void shorterThanThreeSeasonsIsNotAdjustedAndSaysSo() {
        double[] y = java.util.Arrays.copyOf(SERIES_A, 11);
        Forecast f = new Naive2().fit(y, 4).forecast(3, LEVELS);
        assertEquals("no seasonal adjustment: 11 observations < 3 seasons (m=4)", f.note());
        assertArrayEquals(new double[] {y[10], y[10], y[10]}, f.mean());
    }

    @Test
    void nonPositiveSeasonalDataIsNotAdjustedAndSaysSo() {
        double[] y = new double[40];
        for (int t = 0; t < y.length; t++) {
            y[t] = ((t % 4 == 1) ? 5 : 0) + 0.01 * t - 1;
        }
        assertTrue(Seasonality.isSeasonal(y, 4));
        Forecast f = new Naive2().fit(y, 4).forecast(2, LEVELS);
        assertEquals("no seasonal adjustment: seasonal by the test but the series has non-positive values", f.note());
        assertArrayEquals(new double[] {y[39], y[39]}, f.mean());
    }

    @Test
    void seasonalForecastIsTheLastAdjustedValueTimesTheIndex() {
        double[] y = new double[42];
        double[] pattern = {0.7, 1.5, 1.0, 0.8};
        for (int t = 0; t < y.length; t++) {
            y[t] = (100 + 0.1 * (t % 3)) * pattern[t % 4];
        }
        assertTrue(Seasonality.isSeasonal(y, 4));
        double[] fig = Seasonality.multiplicativeSeasonalIndices(y, 4);
        double last = y[41] / fig[41 % 4];
        Forecast f = new Naive2().fit(y, 4).forecast(5, LEVELS);
        for (int h = 1; h <= 5; h++) {
            assertEquals(last * fig[(42 + h - 1) % 4], f.mean()[h - 1], 1e-9);
            assertTrue(f.lower(0)[h - 1] < f.mean()[h - 1]);
        }
    }
}

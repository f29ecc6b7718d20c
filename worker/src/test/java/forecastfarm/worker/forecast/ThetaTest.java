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
 * Theta against R 4.2.2 / forecast 8.20 thetaf() on M3 series (golden_theta.csv).
 *
 * <p>Tolerance: point forecasts and interval bounds within {@link #REL_TOL} = 1e-10 relative
 * (|java - R| <= REL_TOL * max(1, |R|)). The SES fit replicates R's Nelder-Mead (nmmin) step by
 * step, so the observed differences are a few ulps (at most 8e-15 relative on these series).
 * Series of 6 or fewer observations go through R's HoltWintersZZ fallback, whose L-BFGS-B alpha
 * is matched by a golden-section search only to about 1e-7: {@link #SHORT_REL_TOL} = 1e-6 there.
 */
class ThetaTest extends ForecastModelContractTest {

    static final double REL_TOL = 1e-10;
    static final double SHORT_REL_TOL = 1e-6;

    @Override
    protected ForecastModel model() {
        return new Theta();
    }

    @Override
    protected String expectedName() {
        return "theta";
    }

    @Override
    protected int minimumLength() {
        return 2;
    }

    @TestFactory
    List<DynamicTest> matchesRThetaf() {
        List<DynamicTest> tests = new ArrayList<>();
        for (SeasonalityTest.Golden g : SeasonalityTest.Golden.all().values()) {
            tests.add(DynamicTest.dynamicTest(g.id, () -> {
                Forecast f = new Theta().fit(g.y, g.m).forecast(g.h, LEVELS);
                assertEquals(g.h, g.theta.size());
                double[][] got = {f.mean(), f.lower(0), f.upper(0), f.lower(1), f.upper(1)};
                String[] what = {"mean", "lo80", "hi80", "lo95", "hi95"};
                double tol = g.y.length <= 6 ? SHORT_REL_TOL : REL_TOL;
                for (int step = 0; step < g.h; step++) {
                    for (int c = 0; c < 5; c++) {
                        double r = g.theta.get(step)[c];
                        double j = got[c][step];
                        assertTrue(
                                Math.abs(j - r) <= tol * Math.max(1, Math.abs(r)),
                                g.id + " step " + (step + 1) + " " + what[c] + ": R " + r + ", Java " + j);
                    }
                }
            }));
        }
        return tests;
    }

    @Test
    void sesMatchesRsEtsAnn() {
        for (SeasonalityTest.Golden g : SeasonalityTest.Golden.all().values()) {
            if (Inputs.constant(g.y)) {
                continue; // any alpha fits a constant series; Theta does not fit one
            }
            double tol = g.y.length <= 6 ? SHORT_REL_TOL : REL_TOL;
            double[] x = g.y;
            if (g.thetaSeasonal) {
                double[] fig = Seasonality.multiplicativeSeasonalIndices(g.y, g.m);
                x = new double[g.y.length];
                for (int t = 0; t < x.length; t++) {
                    x[t] = g.y[t] / fig[t % g.m];
                }
            }
            Ses ses = Ses.fit(x);
            assertEquals(g.ses[0], Math.max(1e-10, ses.alpha), tol * g.ses[0], g.id + " alpha");
            assertEquals(g.ses[1], ses.sigma2, tol * g.ses[1], g.id + " sigma2");
            assertEquals(g.ses[2], ses.level, tol * Math.abs(g.ses[2]), g.id + " level");
            assertEquals(g.ses[3], Theta.slope(x) / 2, 1e-9 * Math.max(1, Math.abs(g.ses[3])), g.id + " drift");
        }
    }

    @Test
    void constantSeriesIsItsValue() {
        double[] y = new double[30];
        java.util.Arrays.fill(y, 12.5);
        Forecast f = new Theta().fit(y, 12).forecast(5, LEVELS);
        for (int s = 0; s < 5; s++) {
            assertEquals(12.5, f.mean()[s]);
            assertEquals(12.5, f.lower(1)[s]);
            assertEquals(12.5, f.upper(1)[s]);
        }
        assertEquals("", f.note());
    }

    @Test
    void seasonalDataShorterThanTwoSeasonsIsNotAdjustedAndSaysSo() {
        double[] y = java.util.Arrays.copyOf(SERIES_A, 8);
        Forecast f = new Theta().fit(y, 4).forecast(4, LEVELS);
        assertEquals("no seasonal adjustment: 8 observations <= 2 seasons (m=4)", f.note());
        assertArrayEquals(new Theta().fit(y, 1).forecast(4, LEVELS).mean(), f.mean());
    }

    @Test
    void nonPositiveSeasonalDataIsNotAdjustedAndSaysSo() {
        double[] y = new double[40];
        for (int t = 0; t < y.length; t++) {
            y[t] = ((t % 4 == 1) ? 5 : 0) + 0.01 * t - 1; // seasonal, with negative values
        }
        assertTrue(Seasonality.isSeasonalForTheta(y, 4));
        Forecast f = new Theta().fit(y, 4).forecast(4, LEVELS);
        assertEquals("no seasonal adjustment: seasonal by the test but the series has non-positive values", f.note());
        assertArrayEquals(new Theta().fit(y, 1).forecast(4, LEVELS).mean(), f.mean());
    }

    @Test
    void seasonalSeriesIsReseasonalizedWithTheNextPeriodsIndex() {
        double[] y = new double[41]; // starts mid-season: step 1 is position 41 % 4 = 1
        double[] pattern = {0.7, 1.5, 1.0, 0.8};
        for (int t = 0; t < y.length; t++) {
            y[t] = (100 + t) * pattern[t % 4];
        }
        Forecast f = new Theta().fit(y, 4).forecast(8, new double[0]);
        assertEquals("", f.note());
        double[] mean = f.mean();
        assertTrue(mean[0] > mean[1] && mean[1] > mean[2] && mean[3] < mean[0], java.util.Arrays.toString(mean));
        assertEquals(mean[0] / mean[4], mean[1] / mean[5], 1e-2);
    }
}

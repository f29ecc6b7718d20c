package forecastfarm.worker.forecast.dot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.ModelException;
import forecastfarm.worker.forecast.Seasonality;
import forecastfarm.worker.forecast.Ses;
import forecastfarm.worker.forecast.Theta;
import org.junit.jupiter.api.Test;

class DotTest {

    private static final double[] NONE = {};

    /** A trending series with noise, no seasonality. */
    private static final double[] TREND = {
        503.1, 480.7, 470.2, 455.9, 447.3, 431.0, 426.8, 410.5, 402.2, 398.6, 385.1, 379.9, 366.4, 360.8, 352.0, 349.7,
        338.3
    };

    /** (100 + t) times a period-4 pattern, starting mid-season. */
    private static double[] seasonal(int n) {
        double[] pattern = {0.7, 1.5, 1.0, 0.8};
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = (100 + t + 3 * Math.sin(t)) * pattern[t % 4];
        }
        return y;
    }

    /**
     * The paper's model with theta = 2 and the line fixed at the least-squares line of the whole series (A_n, B_n on t
     * = 1..n) is the standard theta method: its forecast is l_n + (A_n q^n + B_n ((h - 1) + (1 - q^(n+1)) / alpha)) / 2,
     * thetaf's is l_n + B_n ((h - 1) + (1 - q^n) / alpha) / 2, and the two differ by (A_n + B_n) q^n / 2 (the line's
     * value at t = 1, discounted over the series). So they agree exactly when the paper's level starts that much lower:
     * l_0 = l_0(SES) - (A_n + B_n) / 2, with thetaf's own alpha and l_0 (R's ses()). Checked against our theta (R's
     * thetaf to 1e-10) to 1e-10 relative, they differ by rounding only, on series that SES smooths heavily, so that
     * the q^n terms are far from negligible (q^n = 0.078 and 0.9988 here).
     */
    @Test
    void withThetaTwoAndTheLineFixedItIsTheStandardThetaMethod() {
        double[] sawtooth = new double[30]; // a trend with a saw-tooth of period 13 on top
        for (int t = 0; t < sawtooth.length; t++) {
            sawtooth[t] = 50 + 0.3 * t + ((t * 7919) % 13 - 6) * 2;
        }
        for (double[] x : new double[][] {sawtooth, java.util.Arrays.copyOf(sawtooth, 12)}) {
            int n = x.length;
            Ses ses = Ses.fit(x);
            assertTrue(Math.pow(1 - ses.alpha(), n) > 0.05, "a check that means something: alpha " + ses.alpha());
            double slope = Theta.slope(x);
            double mean = java.util.Arrays.stream(x).average().orElseThrow();
            double intercept = mean - slope * (n + 1) / 2.0;
            DotRecursion r = DotRecursion.fixedLine(
                    ses.alpha(), 2, ses.initialLevel() - (intercept + slope) / 2, intercept, slope);
            for (double v : x) {
                r.update(v);
            }
            double[] ours = new DotFit("m", "", r, 1, null).forecast(12, NONE).mean();
            double[] theta = new Theta().fit(x, 1).forecast(12, NONE).mean();
            for (int h = 0; h < 12; h++) {
                assertEquals(theta[h], ours[h], 1e-10 * Math.abs(theta[h]), "n " + n + ", step " + (h + 1));
            }
        }
    }

    @Test
    void theDynamicModelIsNotTheStandardThetaMethod() {
        Forecast dot = new Dot().fit(TREND, 1).forecast(6, NONE);
        Forecast theta = new Theta().fit(TREND, 1).forecast(6, NONE);
        assertFalse(java.util.Arrays.equals(dot.mean(), theta.mean()));
    }

    @Test
    void aSeasonalSeriesIsAdjustedAndReseasonalised() {
        double[] y = seasonal(41); // step 1 is position 41 % 4 = 1 of the pattern
        assertTrue(Seasonality.isSeasonalForTheta(y, 4));
        FittedModel fit = new Dot().fit(y, 4);
        assertTrue(fit.method().endsWith(", seasonally adjusted m=4)"), fit.method());
        Forecast f = fit.forecast(8, new double[] {80});
        assertEquals("", f.note());
        double[] mean = f.mean();
        assertTrue(mean[0] > mean[1] && mean[1] > mean[2] && mean[3] < mean[0], java.util.Arrays.toString(mean));
        assertEquals(mean[0] / mean[4], mean[1] / mean[5], 2e-2);
        double width1 = f.upper(0)[0] - f.lower(0)[0];
        double width4 = f.upper(0)[3] - f.lower(0)[3];
        assertTrue(width1 > width4, "the bounds are reseasonalised too: " + width1 + " vs " + width4);
        assertFalse(new Dot().fit(y, 1).method().contains("seasonally"));
    }

    @Test
    void aSeriesTheTestCallsNotSeasonalIsNotAdjusted() {
        assertFalse(Seasonality.isSeasonalForTheta(TREND, 4));
        FittedModel fit = new Dot().fit(TREND, 4);
        assertFalse(fit.method().contains("seasonally"), fit.method());
        assertEquals(new Dot().fit(TREND, 1).forecast(5, new double[] {95}), fit.forecast(5, new double[] {95}));
    }

    @Test
    void seasonalDataTooShortOrNotPositiveIsNotAdjustedAndSaysSo() {
        double[] shortY = java.util.Arrays.copyOf(seasonal(41), 8);
        Forecast f = new Dot().fit(shortY, 4).forecast(4, NONE);
        assertEquals("no seasonal adjustment: 8 observations <= 2 seasons (m=4)", f.note());
        assertArrayEquals(new Dot().fit(shortY, 1).forecast(4, NONE).mean(), f.mean());

        double[] y = new double[40];
        for (int t = 0; t < y.length; t++) {
            y[t] = ((t % 4 == 1) ? 5 : 0) + 0.01 * t - 1;
        }
        assertTrue(Seasonality.isSeasonalForTheta(y, 4));
        Forecast g = new Dot().fit(y, 4).forecast(4, NONE);
        assertEquals("no seasonal adjustment: seasonal by the test but the series has non-positive values", g.note());
    }

    @Test
    void fittedParametersStayInTheirBounds() {
        for (double[] y : new double[][] {TREND, seasonal(41), {1, 5, 2, 8, 3, 9, 1, 7}}) {
            String method = new Dot().fit(y, 1).method();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("theta=([0-9.]+), alpha=([0-9.]+)")
                    .matcher(method);
            assertTrue(m.find(), method);
            double theta = Double.parseDouble(m.group(1));
            double alpha = Double.parseDouble(m.group(2));
            assertTrue(theta >= 1 && alpha >= 0.1 && alpha <= 0.99, method);
        }
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        ModelException tooShort = assertThrows(ModelException.class, () -> new Dot().fit(new double[] {1, 2}, 1));
        assertEquals("dot needs at least 3 observations, got 2", tooShort.getMessage());
        ModelException nan =
                assertThrows(ModelException.class, () -> new Dot().fit(new double[] {1, 2, Double.NaN}, 1));
        assertTrue(nan.getMessage().startsWith("dot: y contains NaN at index 2"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dot().fit(TREND, 0));
        FittedModel fit = new Dot().fit(TREND, 1);
        assertEquals(
                "Invalid forecast horizon h = 0",
                assertThrows(IllegalArgumentException.class, () -> fit.forecast(0, NONE))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> fit.forecast(3, new double[] {100}));
    }
}

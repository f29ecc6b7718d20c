package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DriftTest extends ForecastModelContractTest {

    @Override
    protected ForecastModel model() {
        return new Drift();
    }

    @Override
    protected String expectedName() {
        return "drift";
    }

    @Override
    protected int minimumLength() {
        return 3; // with 2 points no residual degree of freedom is left (R gives NaN intervals)
    }

    @Test
    void twoObservationsAreNotEnough() {
        ModelException e = assertThrows(ModelException.class, () -> new Drift().fit(new double[] {1, 3}, 1));
        assertTrue(e.getMessage().contains("drift needs at least 3 observations"), e.getMessage());
    }

    @Test
    void driftStandardErrorWidensTheIntervals() {
        // differences 2, 1, 4: drift b = 7/3, residual variance sigma^2 = RSS/(n-2) = (14/3)/2;
        // se(h) = sigma * sqrt(h * (1 + h/(n-1)))
        Forecast f = new Drift().fit(new double[] {1, 3, 4, 8}, 1).forecast(5, LEVELS);
        assertEquals("Random walk with drift", f.method());
        double sigma2 = 7.0 / 3;
        double z95 = 1.959963984540054;
        for (int h = 1; h <= 5; h++) {
            double mean = 8 + h * 7.0 / 3;
            double se = Math.sqrt(sigma2 * h * (1 + h / 3.0));
            assertEquals(mean, f.mean()[h - 1], 1e-12);
            assertEquals(mean - z95 * se, f.lower(1)[h - 1], 1e-12);
            assertEquals(mean + z95 * se, f.upper(1)[h - 1], 1e-12);
        }
    }

    @Test
    void exactlyZeroDriftUsesDivisorNMinusOne() {
        // R's forecast.lagwalk divides the squared residuals by (n-1) - (drift != 0): when lm()
        // returns a drift of exactly 0 the mse is RSS/(n-1), while the drift's se keeps RSS/(n-2).
        double[] y = {2, 5, 3, 6, 4, 7, 5, 2}; // lm() gives exactly 0 here (see golden_baselines.R)
        Forecast f = new Drift().fit(y, 1).forecast(3, LEVELS);
        double rss = 9 + 4 + 9 + 4 + 9 + 4 + 9; // differences 3,-2,3,-2,3,-2,-3 around 0
        double z80 = 1.2815515655446004;
        for (int h = 1; h <= 3; h++) {
            double se = Math.sqrt(rss / 7 * h + h * h * (rss / 6 / 7));
            assertEquals(2.0, f.mean()[h - 1]);
            assertEquals(2.0 - z80 * se, f.lower(0)[h - 1], 1e-12);
        }
    }

    @Test
    void straightLineIsForecastExactly() {
        Forecast f = new Drift().fit(new double[] {3, 5, 7, 9, 11}, 1).forecast(3, LEVELS);
        assertArrayEquals(new double[] {13, 15, 17}, f.mean(), 1e-12);
        assertArrayEquals(f.mean(), f.upper(1), 1e-12);
    }

    @Test
    void interceptMatchesTheMeanOfTheDifferences() {
        double[] d = {0.5, -1.25, 3.0, 2.75, -0.5, 1.0, 0.125};
        double mean = (0.5 - 1.25 + 3.0 + 2.75 - 0.5 + 1.0 + 0.125) / 7;
        assertEquals(mean, LagWalkFit.interceptLikeLm(d), 1e-15);
    }
}

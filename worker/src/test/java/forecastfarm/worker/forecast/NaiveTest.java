package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NaiveTest extends ForecastModelContractTest {

    @Override
    protected ForecastModel model() {
        return new Naive();
    }

    @Override
    protected String expectedName() {
        return "naive";
    }

    @Override
    protected int minimumLength() {
        return 2;
    }

    @Test
    void lastValueWithRandomWalkIntervals() {
        // residuals 2, -1, 3: sigma^2 = mean of squares = 14/3 (not centred, divisor n-1 = 3)
        Forecast f = new Naive().fit(new double[] {1, 3, 2, 5}, 1).forecast(4, LEVELS);
        assertEquals("Naive method", f.method());
        double z95 = 1.959963984540054; // qnorm(0.975)
        for (int h = 1; h <= 4; h++) {
            double se = Math.sqrt(14.0 / 3 * h);
            assertEquals(5.0, f.mean()[h - 1]);
            assertEquals(5.0 - z95 * se, f.lower(1)[h - 1], 1e-12);
            assertEquals(5.0 + z95 * se, f.upper(1)[h - 1], 1e-12);
        }
    }

    @Test
    void seasonLengthIsIgnored() {
        assertEquals(
                new Naive().fit(SERIES_A, 1).forecast(5, LEVELS),
                new Naive().fit(SERIES_A, 12).forecast(5, LEVELS));
    }
}

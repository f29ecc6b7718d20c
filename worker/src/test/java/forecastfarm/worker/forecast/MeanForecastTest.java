package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MeanForecastTest extends ForecastModelContractTest {

    @Override
    protected ForecastModel model() {
        return new MeanForecast();
    }

    @Override
    protected String expectedName() {
        return "mean";
    }

    @Override
    protected int minimumLength() {
        return 2;
    }

    @Test
    void sampleMeanWithStudentTIntervals() {
        // mean 3.5, sd = sqrt(3.5); half-width qt(0.975, 5) * sd * sqrt(1 + 1/6)
        Forecast f = new MeanForecast().fit(new double[] {1, 2, 3, 4, 5, 6}, 1).forecast(3, LEVELS);
        assertEquals("Mean", f.method());
        double w95 = 2.570581835636314 * Math.sqrt(3.5) * Math.sqrt(1 + 1.0 / 6);
        for (int s = 0; s < 3; s++) {
            assertEquals(3.5, f.mean()[s], 1e-15);
            assertEquals(3.5 - w95, f.lower(1)[s], 1e-12);
            assertEquals(3.5 + w95, f.upper(1)[s], 1e-12);
        }
    }

    @Test
    void meanIsAccurateForLargeOffsets() {
        double[] y = {1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3};
        Forecast f = new MeanForecast().fit(y, 1).forecast(1, LEVELS);
        assertEquals(1e9 + 0.2, f.mean()[0], 1e-6);
    }
}

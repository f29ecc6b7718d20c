package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.worker.forecast.ces.Ces;
import org.junit.jupiter.api.Test;

class CesContractTest extends ForecastModelContractTest {

    @Override
    protected ForecastModel model() {
        return new Ces();
    }

    @Override
    protected String expectedName() {
        return "ces";
    }

    @Override
    protected int minimumLength() {
        return Ces.MIN_LENGTH;
    }

    @Override
    protected int concurrentIterations() {
        return 60; // a fit of the four forms takes milliseconds
    }

    @Test
    void monthlySeriesGetsASeasonalForm() {
        double[] y = new double[48];
        for (int t = 0; t < y.length; t++) {
            y[t] = 100 + t + 20 * Math.sin(2 * Math.PI * t / 12) + ((t * 7919) % 13) * 0.5;
        }
        String method = new Ces().fit(y, 12).method();
        assertTrue(method.matches("CES\\([spf]\\) .*"), method);
    }
}

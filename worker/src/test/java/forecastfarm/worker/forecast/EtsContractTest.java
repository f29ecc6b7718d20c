package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import forecastfarm.worker.forecast.ets.Ets;
import org.junit.jupiter.api.Test;

class EtsContractTest extends ForecastModelContractTest {

    @Override
    protected ForecastModel model() {
        return new Ets();
    }

    @Override
    protected String expectedName() {
        return "ets";
    }

    @Override
    protected int minimumLength() {
        return Ets.MIN_LENGTH;
    }

    @Test
    void monthlySeriesGetsASeasonalModel() {
        double[] y = new double[48];
        for (int t = 0; t < y.length; t++) {
            y[t] = 100 + t + 20 * Math.sin(2 * Math.PI * t / 12) + ((t * 7919) % 13) * 0.5;
        }
        FittedModel fit = new Ets().fit(y, 12);
        assertEquals(true, fit.method().endsWith(",A)") || fit.method().endsWith(",M)"), fit.method());
    }
}

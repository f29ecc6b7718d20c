package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.worker.forecast.arima.AutoArima;
import org.junit.jupiter.api.Test;

/**
 * The model contract for "arima" (auto.arima). An automatic search costs milliseconds, so the concurrency check runs
 * 20 fits per thread rather than 300.
 */
class AutoArimaContractTest extends ForecastModelContractTest {

    @Override
    protected ForecastModel model() {
        return new AutoArima();
    }

    @Override
    protected String expectedName() {
        return "arima";
    }

    @Override
    protected int minimumLength() {
        return 3;
    }

    @Override
    protected int concurrentIterations() {
        return 20;
    }

    @Test
    void aStronglySeasonalMonthlySeriesGetsASeasonalDifference() {
        double[] y = new double[72];
        for (int t = 0; t < y.length; t++) {
            y[t] = 100 + 0.5 * t + 20 * Math.sin(2 * Math.PI * t / 12) + ((t * 7919) % 13 - 6) * 0.3;
        }
        String method = new AutoArima().fit(y, 12).method();
        assertTrue(method.startsWith("ARIMA("), method);
        assertTrue(method.matches("ARIMA\\(\\d,\\d,\\d\\)\\(\\d,1,\\d\\)\\[12\\].*"), method);
    }

    @Test
    void aRandomWalkIsDifferencedOnce() {
        double[] y = new double[60];
        java.util.Random random = new java.util.Random(42);
        double level = 50;
        for (int t = 0; t < y.length; t++) {
            level += random.nextGaussian();
            y[t] = level;
        }
        String method = new AutoArima().fit(y, 1).method();
        assertTrue(method.startsWith("ARIMA(") && method.matches("ARIMA\\(\\d,1,\\d\\).*"), method);
    }
}

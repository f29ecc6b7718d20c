package forecastfarm.worker.forecast;

import forecastfarm.worker.forecast.arima.AutoArima;

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
}

package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.worker.forecast.dot.Dot;
import org.junit.jupiter.api.Test;

/** The model contract for "dot", the dynamic optimised theta model. */
class DotContractTest extends ForecastModelContractTest {

    @Override
    protected ForecastModel model() {
        return new Dot();
    }

    @Override
    protected String expectedName() {
        return "dot";
    }

    @Override
    protected int minimumLength() {
        return Dot.MIN_LENGTH;
    }

    @Test
    void methodNamesThetaAndAlpha() {
        String method = new Dot().fit(SERIES_B, 1).method();
        assertTrue(method.matches("DOTM\\(theta=\\d+\\.\\d\\d, alpha=0\\.\\d\\d\\)"), method);
    }
}

package forecastfarm.worker.forecast.arima;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.ModelException;
import org.junit.jupiter.api.Test;

class ArimaTest {

    private static double[] airPassengers() {
        return ArimaGolden.series().get("AirPassengers").values();
    }

    @Test
    void fixedOrderModelIsTheAirlineFit() {
        double[] y = airPassengers();
        ArimaFit direct = ArimaFit.fit(y, new ArimaOrder(0, 1, 1, 0, 1, 1, 12), false);
        ArimaFit viaModel = new Arima(0, 1, 1, 0, 1, 1, false).fit(y, 12);
        assertArrayEquals(direct.coefficients(), viaModel.coefficients());
        Forecast f = viaModel.forecast(12, new double[] {80, 95});
        assertEquals("ARIMA(0,1,1)(0,1,1)[12]", f.method());
        assertArrayEquals(direct.predict(12)[0], f.mean());
        for (int h = 0; h < 12; h++) {
            assertTrue(f.lower(1)[h] < f.lower(0)[h] && f.upper(0)[h] < f.upper(1)[h]);
        }
    }

    @Test
    void cssMethodGivesNoAic() {
        ArimaFit css =
                ArimaFit.fit(airPassengers(), new ArimaOrder(1, 1, 0, 0, 1, 0, 12), false, null, ArimaFit.Method.CSS);
        assertTrue(Double.isNaN(css.aic()));
        assertTrue(css.sigma2Arima() > 0);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(
                ModelException.class, () -> new Arima(1, 0, 0, 0, 0, 0, true).fit(new double[] {1, Double.NaN, 2}, 1));
        assertThrows(ModelException.class, () -> new Arima(0, 1, 1, 0, 1, 1, false).fit(airPassengers(), 1));
        assertThrows(IllegalArgumentException.class, () -> new Arima(-1, 0, 0, 0, 0, 0, false));
        assertThrows(ModelException.class, () -> ArimaFit.fit(new double[] {1, 2}, ArimaOrder.of(0, 2, 0), false));
    }
}

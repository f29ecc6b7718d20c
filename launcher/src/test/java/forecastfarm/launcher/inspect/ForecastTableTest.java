package forecastfarm.launcher.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import forecastfarm.shared.forecast.ModelForecast;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastTableTest {
    @Test
    void everyNumberHasSixSignificantDigits() {
        assertEquals("203.215", ForecastTable.format(203.21542385965873));
        assertEquals("211.250", ForecastTable.format(211.25));
        assertEquals("5.00000", ForecastTable.format(5));
        assertEquals("-0.0000123457", ForecastTable.format(-0.0000123456789));
        assertEquals("1234570", ForecastTable.format(1234567.4));
        assertEquals("0", ForecastTable.format(0));
        assertEquals("NaN", ForecastTable.format(Double.NaN));
    }

    @Test
    void aModelIsItsSpecThenOneRowPerStepWithDateForecastAndBounds() {
        final ModelForecast theta = new ModelForecast(
                "theta",
                "Theta",
                "",
                "",
                new double[] {80, 97.5},
                new double[] {203.21542385965873, 1002.5},
                new double[][] {{199.49721003281482, 990}, {197.5289065291321, 985}},
                new double[][] {{206.93363768650264, 1010}, {208.90194119018537, 1020.25}});
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ForecastTable.print(
                new PrintStream(bytes, true, StandardCharsets.UTF_8), theta, List.of("2018-08-21", "2018-08-22"));
        assertEquals(
                String.join(
                        System.lineSeparator(),
                        "theta: Theta",
                        "  step  ds          forecast    lo-80    hi-80  lo-97.5  hi-97.5",
                        "  1     2018-08-21   203.215  199.497  206.934  197.529  208.902",
                        "  2     2018-08-22   1002.50  990.000  1010.00  985.000  1020.25",
                        ""),
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailedModelSaysWhy() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ForecastTable.print(
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                ModelForecast.failed("arima", "did not converge"),
                List.of());
        assertEquals(
                "arima: failed: did not converge" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }
}

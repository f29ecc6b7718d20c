package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.ModelForecast;
import org.junit.jupiter.api.Test;

class ForecastTest {

    private static Forecast sample() {
        return new Forecast(
                "m", "", new double[] {1, 2}, new double[] {80}, new double[][] {{0, 1}}, new double[][] {{2, 3}});
    }

    @Test
    void copiesItsInputs() {
        double[] mean = {1, 2};
        double[][] lower = {{0, 1}};
        Forecast f = new Forecast("m", "", mean, new double[] {80}, lower, new double[][] {{2, 3}});
        mean[0] = 99;
        lower[0][0] = 99;
        assertArrayEquals(new double[] {1, 2}, f.mean());
        assertArrayEquals(new double[] {0, 1}, f.lower(0));
        assertEquals(sample(), f);
        assertEquals(sample().hashCode(), f.hashCode());
    }

    @Test
    void equalityIsBitForBit() {
        Forecast negativeZero = new Forecast(
                "m", "", new double[] {1, 2}, new double[] {80}, new double[][] {{-0.0, 1}}, new double[][] {{2, 3}});
        Forecast positiveZero = new Forecast(
                "m", "", new double[] {1, 2}, new double[] {80}, new double[][] {{0.0, 1}}, new double[][] {{2, 3}});
        assertNotEquals(negativeZero, positiveZero);
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Forecast(
                        "m", "", new double[] {1, 2}, new double[] {80}, new double[][] {{0}}, new double[][] {{2, 3}
                        }));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Forecast(
                        "m", "", new double[] {1, 2}, new double[] {80, 95}, new double[][] {{0, 1}}, new double[][] {
                            {2, 3}
                        }));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Forecast("m", "", new double[0], new double[0], new double[0][], new double[0][]));
        assertThrows(IndexOutOfBoundsException.class, () -> sample().lower(1));
    }

    private static final double NAN = Double.NaN;

    private static ModelForecast carried(double[] mean, double[] lower95, double[] upper95) {
        return new Forecast(
                        "m",
                        "95% not given",
                        mean,
                        new double[] {80, 95},
                        new double[][] {{0, 1}, lower95},
                        new double[][] {{2, 3}, upper95})
                .toModelForecast("onnx:x", "95% not given");
    }

    @Test
    void aLevelNaNAtEveryStepIsCarriedAsNotGiven() {
        ModelForecast f = carried(new double[] {1, 2}, new double[] {NAN, NAN}, new double[] {NAN, NAN});
        assertEquals("", f.error());
        assertArrayEquals(new double[] {NAN, NAN}, f.lower()[1]);
        assertArrayEquals(new double[] {NAN, NAN}, f.upper()[1]);
        assertArrayEquals(new double[] {0, 1}, f.lower()[0]);
        assertEquals("95% not given", f.note());
    }

    @Test
    void nonFiniteBoundsAtSomeStepsOnlyOrInfiniteOrInThePointForecastFail() {
        double inf = Double.POSITIVE_INFINITY;
        assertFailed(carried(new double[] {1, 2}, new double[] {NAN, 1}, new double[] {NAN, NAN}), "95.0% interval");
        assertFailed(carried(new double[] {1, 2}, new double[] {NAN, NAN}, new double[] {3, NAN}), "95.0% interval");
        assertFailed(carried(new double[] {1, 2}, new double[] {-inf, -inf}, new double[] {inf, inf}), "95.0%");
        assertFailed(carried(new double[] {1, NAN}, new double[] {NAN, NAN}, new double[] {NAN, NAN}), "forecasts");
        assertFailed(carried(new double[] {1, inf}, new double[] {0, 0}, new double[] {3, 3}), "forecasts");
    }

    private static void assertFailed(ModelForecast f, String named) {
        assertTrue(!f.ok(), f.toString());
        assertTrue(f.error().contains(named), f.error());
    }
}

package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}

package forecastfarm.worker.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import forecastfarm.worker.forecast.Forecast;
import org.junit.jupiter.api.Test;

/**
 * The post-processing, on quantiles made up so that each is recognisable: quantile k (0.1 * (k + 1)) is
 * {@code 10 * (k + 1) + step}, i.e. 10, 20, ..., 90 at step 0.
 */
class QuantileForecastsTest {

    private static final double[][] QUANTILES = quantiles(2);

    private static double[][] quantiles(int horizon) {
        double[][] q = new double[9][horizon];
        for (int k = 0; k < 9; k++) {
            for (int t = 0; t < horizon; t++) {
                q[k][t] = 10 * (k + 1) + t;
            }
        }
        return q;
    }

    @Test
    void thePointForecastIsTheMedian() {
        Forecast f = QuantileForecasts.toForecast("m", "", QUANTILES, new double[0]);
        assertArrayEquals(new double[] {50, 51}, f.mean(), 0.0);
        assertEquals("", f.note());
        assertEquals("m", f.method());
    }

    @Test
    void levelsOnTheGridAreQuantilesExactly() {
        Forecast f = QuantileForecasts.toForecast("m", "", QUANTILES, new double[] {80, 60, 20});
        assertArrayEquals(new double[] {10, 11}, f.lower(0), 0.0);
        assertArrayEquals(new double[] {90, 91}, f.upper(0), 0.0);
        assertArrayEquals(new double[] {20, 21}, f.lower(1), 0.0);
        assertArrayEquals(new double[] {80, 81}, f.upper(1), 0.0);
        assertArrayEquals(new double[] {40, 41}, f.lower(2), 0.0);
        assertArrayEquals(new double[] {60, 61}, f.upper(2), 0.0);
        assertEquals("", f.note());
    }

    /** 50%: quantiles 0.25 and 0.75, halfway between 0.2 and 0.3 (20, 30) and between 0.7 and 0.8 (70, 80). */
    @Test
    void aLevelBetweenTheGridIsInterpolated() {
        Forecast f = QuantileForecasts.toForecast("m", "", QUANTILES, new double[] {50});
        assertArrayEquals(new double[] {25, 26}, f.lower(0), 1e-12);
        assertArrayEquals(new double[] {75, 76}, f.upper(0), 1e-12);
    }

    @Test
    void aLevelWiderThanTheQuantilesIsLeftEmptyAndNamed() {
        Forecast f = QuantileForecasts.toForecast("m", "kept", QUANTILES, new double[] {80, 95, 99.5});
        assertArrayEquals(new double[] {10, 11}, f.lower(0), 0.0);
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, f.lower(1), 0.0);
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, f.upper(1), 0.0);
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, f.upper(2), 0.0);
        assertArrayEquals(new double[] {80, 95, 99.5}, f.levels(), 0.0);
        assertEquals("kept; no 95%, 99.5% interval: the model's quantiles 0.1 to 0.9 give 80% at most", f.note());
    }
}

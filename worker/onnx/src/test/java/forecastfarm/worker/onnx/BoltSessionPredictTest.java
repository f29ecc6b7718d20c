package forecastfarm.worker.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tiny model run through a session, against values computed by hand from its stated arithmetic (the generator's
 * docstring): the median is the mean of the observed values among the last 16 positions, quantile k at step t is
 * {@code median + (k - 4) * 0.25 * (t + 1) * scale}, scale the population standard deviation of the last 64 points.
 * The model computes in float32: tolerance 1e-4 absolute on values below 50.
 */
class BoltSessionPredictTest {

    private static final double TOLERANCE = 1e-4;

    /** sqrt(21.25): the population standard deviation of 1..16, (16^2 - 1) / 12 = 21.25. */
    private static final double SCALE_OF_1_TO_16 = 4.6097722286;

    private final BoltSession session = BoltSessions.open(TinyModels.tiny(), 1);

    @Test
    void oneToSixteenHandComputed() {
        double[][] q = session.predict(List.of(TinyModels.ramp(16)), 8)[0];
        assertEquals(9, q.length);
        for (int t = 0; t < 8; t++) {
            assertEquals(8.5, q[4][t], TOLERANCE, "median = mean of 1..16 at step " + t);
        }
        assertEquals(8.5 - SCALE_OF_1_TO_16, q[0][0], TOLERANCE); // 3.8902278
        assertEquals(8.5 + SCALE_OF_1_TO_16, q[8][0], TOLERANCE); // 13.1097722
        assertEquals(8.5 - 0.75 * SCALE_OF_1_TO_16, q[1][0], TOLERANCE); // 5.0426709
        assertEquals(8.5 - 8 * SCALE_OF_1_TO_16, q[0][7], TOLERANCE); // -28.3781778
        assertEquals(8.5 + 8 * SCALE_OF_1_TO_16, q[8][7], TOLERANCE); // 45.3781778
    }

    @Test
    void aShorterHorizonIsTheFirstSteps() {
        double[][] full = session.predict(List.of(TinyModels.ramp(16)), 8)[0];
        double[][] three = session.predict(List.of(TinyModels.ramp(16)), 3)[0];
        for (int k = 0; k < 9; k++) {
            assertArrayEquals(Arrays.copyOf(full[k], 3), three[k], 0.0);
        }
    }

    /** The points before the last 64 are not read: a series of 1000s then 32 zeros and 32 fours forecasts as the latter. */
    @Test
    void onlyTheLastContextLengthPointsAreRead() {
        double[] y = new double[80];
        Arrays.fill(y, 0, 16, 1000);
        Arrays.fill(y, 48, 80, 4);
        double[][] q = session.predict(List.of(y), 1)[0];
        // loc 2, scale 2 (half 0, half 4), last patch all 4
        assertEquals(4, q[4][0], TOLERANCE);
        assertEquals(4 - 2, q[0][0], TOLERANCE);
        assertEquals(4 + 2, q[8][0], TOLERANCE);
    }

    /** 1..8, NaN, 9..16: the NaN is masked, so loc and scale are those of 1..16; the last 16 positions hold 2..16. */
    @Test
    void aMissingValueIsLeftOut() {
        double[] y = new double[17];
        for (int i = 0; i < 8; i++) {
            y[i] = i + 1;
        }
        y[8] = Double.NaN;
        for (int i = 9; i < 17; i++) {
            y[i] = i;
        }
        double[][] q = session.predict(List.of(y), 1)[0];
        assertEquals(9, q[4][0], TOLERANCE, "mean of 2..16");
        assertEquals(9 - SCALE_OF_1_TO_16, q[0][0], TOLERANCE);
    }

    /** A flat series has standard deviation 0: the scale is then |loc| + 1e-5, as Chronos-Bolt's InstanceNorm. */
    @Test
    void aFlatSeries() {
        double[] y = new double[20];
        Arrays.fill(y, 5);
        double[][] q = session.predict(List.of(y), 1)[0];
        assertEquals(5, q[4][0], TOLERANCE);
        assertEquals(5 + 5.00001, q[8][0], TOLERANCE);
        assertEquals(5 - 5.00001, q[0][0], TOLERANCE);
    }

    /**
     * Beyond the prediction length of 8, the median forecast is appended and the model run again, as Chronos-Bolt's
     * pipeline does. For 1..16 the second run reads 1..16 and eight 8.5s: loc 8.5, variance 340 / 24, last 16
     * positions 9..16 and eight 8.5s, mean (100 + 68) / 16 = 10.5.
     */
    @Test
    void aLongerHorizonFeedsTheMedianBack() {
        double[][] q = session.predict(List.of(TinyModels.ramp(16)), 20)[0];
        double secondScale = Math.sqrt(340.0 / 24); // 3.7638633
        assertEquals(20, q[4].length);
        assertEquals(8.5, q[4][7], TOLERANCE);
        assertEquals(10.5, q[4][8], TOLERANCE);
        assertEquals(10.5 + secondScale, q[8][8], TOLERANCE, "the band restarts at its first step's width");
        assertEquals(10.5 - 2 * secondScale, q[0][9], TOLERANCE);
        // third run: 1..16, eight 8.5s, eight 10.5s; last 16 positions eight 8.5s and eight 10.5s
        assertEquals(9.5, q[4][16], TOLERANCE);
        assertEquals(9.5, q[4][19], TOLERANCE);
    }

    @Test
    void aHorizonBelowOneIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> session.predict(List.of(TinyModels.ramp(4)), 0));
        assertEquals("Invalid forecast horizon h = 0", e.getMessage());
    }

    /**
     * No series' values reach another's forecast: each of 300 series (lengths 1 to 100, scales 1e-3 to 1e6, some
     * missing values) forecast alone equals its forecast inside the batch of all 300, and inside the batch of the same
     * series in reverse order. Equal to 1e-6 of the series' largest quantile rather than bit for bit: ONNX Runtime
     * may sum in another order for another batch shape (float32 differences of a few ulps were seen from the third run
     * of the horizon on); a neighbour's values, up to 1e9 times larger, would show far beyond that.
     */
    @Test
    void aBatchGivesEachSeriesItsOwnForecast() {
        List<double[]> series = randomSeries(300, new Random(16));
        double[][][] batch = session.predict(series, 20);
        List<double[]> reversed = new ArrayList<>(series);
        java.util.Collections.reverse(reversed);
        double[][][] reversedBatch = session.predict(reversed, 20);
        for (int s = 0; s < series.size(); s++) {
            double[][] alone = session.predict(List.of(series.get(s)), 20)[0];
            double tolerance = 1e-6 * largest(alone);
            for (int k = 0; k < 9; k++) {
                assertArrayEquals(alone[k], batch[s][k], tolerance, "series " + s + ", quantile " + k);
                assertArrayEquals(alone[k], reversedBatch[series.size() - 1 - s][k], tolerance);
            }
        }
    }

    /** The largest absolute value of a forecast's quantiles. */
    static double largest(double[][] quantiles) {
        double largest = 0;
        for (double[] row : quantiles) {
            for (double value : row) {
                largest = Math.max(largest, Math.abs(value));
            }
        }
        return largest;
    }

    static List<double[]> randomSeries(int count, Random random) {
        List<double[]> series = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            double[] y = new double[1 + random.nextInt(100)];
            double scale = Math.pow(10, -3 + 9 * random.nextDouble());
            for (int i = 0; i < y.length; i++) {
                y[i] = random.nextInt(10) == 0 ? Double.NaN : scale * (Math.sin(i / 3.0) + random.nextGaussian());
            }
            series.add(y);
        }
        return series;
    }
}

package forecastfarm.shared.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CvWireTest {

    private static CvRequest request(int length, int horizon, int windows, int step, int inputSize) {
        return new CvRequest(
                new ForecastRequest(new double[length], horizon, 1, List.of("naive"), new double[] {80}),
                windows,
                step,
                inputSize);
    }

    @Test
    void theWindowsEndAtTheSeriesEndStepApart() {
        // n = 10, H = 3, K = 3, step 2: the test parts cover 3 + 2 * 2 = 7 points; cutoffs 10 - 3 - 2 * (2 - k) - 1.
        CvRequest expanding = request(10, 3, 3, 2, 0);
        assertEquals(7, CvRequest.testPoints(3, 3, 2));
        assertEquals(2, expanding.cutoff(10, 0));
        assertEquals(4, expanding.cutoff(10, 1));
        assertEquals(6, expanding.cutoff(10, 2), "the last window's test part is points 7, 8, 9");
        for (int k = 0; k < 3; k++) {
            assertEquals(0, expanding.trainStart(10, k));
        }
    }

    @Test
    void aRollingWindowStartsInputSizePointsBeforeItsCutoffOrAtTheSeriesStart() {
        CvRequest rolling = request(10, 3, 3, 2, 2);
        assertEquals(1, rolling.trainStart(10, 0));
        assertEquals(3, rolling.trainStart(10, 1));
        assertEquals(5, rolling.trainStart(10, 2));
        CvRequest wide = request(10, 3, 3, 2, 5);
        assertEquals(0, wide.trainStart(10, 0), "cutoff 2 + 1 - 5 < 0");
        assertEquals(0, wide.trainStart(10, 1));
        assertEquals(2, wide.trainStart(10, 2));
    }

    @Test
    void oneWindowOfStepOneCoversTheHorizon() {
        CvRequest one = request(10, 4, 1, 1, 0);
        assertEquals(4, CvRequest.testPoints(4, 1, 7));
        assertEquals(5, one.cutoff(10, 0));
    }

    @Test
    void badWindowsStepOrInputSizeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> request(10, 3, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> request(10, 3, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> request(10, 3, 1, 1, -1));
    }

    @Test
    void aRequestRoundTrips() {
        CvRequest request = new CvRequest(ForecastCodecTest.REQUEST, 4, 3, 24);
        CvRequest decoded = CvRequest.decode(request.encode());
        ForecastCodecTest.assertSameRequest(request.forecast(), decoded.forecast());
        assertEquals(4, decoded.windows());
        assertEquals(3, decoded.step());
        assertEquals(24, decoded.inputSize());
    }

    @Test
    void aResultRoundTripsWithFailedForecastsAndNaNScores() {
        CvResult.Window first = new CvResult.Window(
                7,
                0,
                Double.NaN,
                new double[] {1, 2, 3},
                List.of(ForecastCodecTest.OK, ModelForecast.failed("drift", "drift needs at least 3")));
        CvResult.Window second = new CvResult.Window(9, 2, 0.5, new double[] {4, 5, 6}, List.of());
        CvResult.Score scored = new CvResult.Score(
                "snaive",
                2,
                1.5,
                2.5,
                12,
                0.75,
                new double[] {80, 95},
                new double[] {0.5, 1},
                new double[] {3, 4},
                new double[] {0.25, 0.5, 1});
        CvResult.Score none = new CvResult.Score(
                "drift",
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                new double[] {80},
                new double[] {Double.NaN},
                new double[] {Double.NaN},
                new double[] {Double.NaN});
        CvResult decoded = CvResult.decode(new CvResult(List.of(first, second), List.of(scored, none)).encode());
        assertEquals(2, decoded.windows().size());
        assertSameWindow(first, decoded.windows().get(0));
        assertSameWindow(second, decoded.windows().get(1));
        assertEquals(2, decoded.scores().size());
        assertSameScore(scored, decoded.scores().get(0));
        assertSameScore(none, decoded.scores().get(1));
    }

    private static void assertSameWindow(CvResult.Window expected, CvResult.Window actual) {
        assertEquals(expected.cutoff(), actual.cutoff());
        assertEquals(expected.trainStart(), actual.trainStart());
        assertEquals(expected.scale(), actual.scale());
        assertArrayEquals(expected.actual(), actual.actual());
        assertEquals(expected.forecasts().size(), actual.forecasts().size());
        for (int i = 0; i < expected.forecasts().size(); i++) {
            ForecastCodecTest.assertSameForecast(
                    expected.forecasts().get(i), actual.forecasts().get(i));
        }
    }

    private static void assertSameScore(CvResult.Score expected, CvResult.Score actual) {
        assertEquals(expected.model(), actual.model());
        assertEquals(expected.windows(), actual.windows());
        assertEquals(expected.mae(), actual.mae());
        assertEquals(expected.rmse(), actual.rmse());
        assertEquals(expected.smape(), actual.smape());
        assertEquals(expected.mase(), actual.mase());
        assertArrayEquals(expected.levels(), actual.levels());
        assertArrayEquals(expected.coverage(), actual.coverage());
        assertArrayEquals(expected.msis(), actual.msis());
        assertArrayEquals(expected.scaledErrorByStep(), actual.scaledErrorByStep());
    }
}

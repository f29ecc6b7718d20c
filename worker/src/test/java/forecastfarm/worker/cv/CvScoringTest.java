package forecastfarm.worker.cv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ModelForecast;
import java.util.List;
import org.junit.jupiter.api.Test;

class CvScoringTest {

    private static final double TOL = 1e-12;
    private static final double[] LEVEL_80 = {80};

    private static ModelForecast forecast(double[] mean, double[] lower, double[] upper) {
        return new ModelForecast("m", "M", "", "", LEVEL_80, mean, new double[][] {lower}, new double[][] {upper});
    }

    private static CvResult.Window window(double scale, double[] actual, ModelForecast forecast) {
        return new CvResult.Window(0, 0, scale, actual, List.of(forecast));
    }

    /**
     * Window A (scale 2): actual 10 12 14, forecast 11 11 11, 80% interval [9, 13] at every step (14 is above it).
     * Window B (scale 4): actual 0 5 2, forecast 0 4 4, intervals [-2, 2] [2, 6] [3, 5] (2 is below the last).
     * Window C: the model failed; it is not scored.
     */
    private static final List<CvResult.Window> WINDOWS = List.of(
            window(
                    2,
                    new double[] {10, 12, 14},
                    forecast(new double[] {11, 11, 11}, new double[] {9, 9, 9}, new double[] {13, 13, 13})),
            window(4, new double[] {0, 5, 2}, forecast(new double[] {0, 4, 4}, new double[] {-2, 2, 3}, new double[] {
                2, 6, 5
            })),
            window(3, new double[] {1, 2, 3}, ModelForecast.failed("m", "too short")));

    @Test
    void twoWindowsOfThreeStepsScoredByHandAndTheFailedWindowSkipped() {
        CvResult.Score score = CvScoring.score("m", 0, LEVEL_80, 3, WINDOWS);
        assertEquals("m", score.model());
        assertEquals(2, score.windows());
        // Absolute errors: A 1 1 3, B 0 1 2.
        assertEquals((1 + 1 + 3 + 0 + 1 + 2) / 6.0, score.mae(), TOL);
        assertEquals(Math.sqrt((1 + 1 + 9 + 0 + 1 + 4) / 6.0), score.rmse(), TOL);
        // sMAPE points 200|y-f|/(|y|+|f|): A 200/21, 200/23, 600/25; B 0 (both 0), 200/9, 400/6.
        assertEquals((200.0 / 21 + 200.0 / 23 + 600.0 / 25 + 0 + 200.0 / 9 + 400.0 / 6) / 6, score.smape(), TOL);
        // Scaled errors: A 0.5 0.5 1.5, B 0 0.25 0.5.
        assertEquals((0.5 + 0.5 + 1.5 + 0 + 0.25 + 0.5) / 6, score.mase(), TOL);
        assertArrayEquals(LEVEL_80, score.levels());
        // Inside: A yes yes no, B yes yes no.
        assertArrayEquals(new double[] {4 / 6.0}, score.coverage(), TOL);
        // Interval scores with 2/alpha = 2/0.2 = 10: A 4, 4, 4 + 10*(14-13) = 14, over scale 2: 2 2 7;
        // B 4, 4, 2 + 10*(3-2) = 12, over scale 4: 1 1 3.
        assertArrayEquals(new double[] {(2 + 2 + 7 + 1 + 1 + 3) / 6.0}, score.msis(), TOL);
        assertArrayEquals(
                new double[] {(0.5 + 0) / 2, (0.5 + 0.25) / 2, (1.5 + 0.5) / 2}, score.scaledErrorByStep(), TOL);
    }

    @Test
    void aZeroScaleMakesOnlyTheScaledMetricsNaN() {
        List<CvResult.Window> windows = List.of(
                window(0, new double[] {5, 5}, forecast(new double[] {5, 6}, new double[] {4, 4}, new double[] {6, 7})),
                window(1, new double[] {1, 2}, forecast(new double[] {1, 2}, new double[] {0, 1}, new double[] {2, 3
                })));
        CvResult.Score score = CvScoring.score("m", 0, LEVEL_80, 2, windows);
        assertEquals(2, score.windows());
        assertEquals(1 / 4.0, score.mae(), TOL);
        assertEquals(1.0, score.coverage()[0], TOL);
        assertTrue(Double.isNaN(score.mase()));
        assertTrue(Double.isNaN(score.msis()[0]));
        assertTrue(Double.isNaN(score.scaledErrorByStep()[0]), "0/0 at a perfect step of the 0-scale window");
        assertTrue(Double.isNaN(score.scaledErrorByStep()[1]));
    }

    @Test
    void aModelThatFailedEverywhereScoresNoWindowAndOnlyNaN() {
        List<CvResult.Window> windows = List.of(window(1, new double[] {1, 2}, ModelForecast.failed("m", "no")));
        CvResult.Score score = CvScoring.score("m", 0, LEVEL_80, 2, windows);
        assertEquals(0, score.windows());
        for (double value : new double[] {
            score.mae(),
            score.rmse(),
            score.smape(),
            score.mase(),
            score.coverage()[0],
            score.msis()[0],
            score.scaledErrorByStep()[0],
            score.scaledErrorByStep()[1]
        }) {
            assertTrue(Double.isNaN(value));
        }
    }

    @Test
    void aLevelTheForecastLacksIsNaNWhileTheOthersAreScored() {
        CvResult.Score score = CvScoring.score("m", 0, new double[] {80, 95}, 3, WINDOWS);
        assertEquals(4 / 6.0, score.coverage()[0], TOL);
        assertTrue(Double.isNaN(score.coverage()[1]));
        assertTrue(Double.isNaN(score.msis()[1]));
    }

    @Test
    void aLevelTheModelCannotGiveIsNaNNotZeroCoverage() {
        double[] none = {Double.NaN, Double.NaN, Double.NaN};
        List<CvResult.Window> windows = List.of(window(
                2,
                new double[] {10, 12, 14},
                new ModelForecast(
                        "m",
                        "M",
                        "",
                        "",
                        new double[] {80, 95},
                        new double[] {11, 11, 11},
                        new double[][] {{9, 9, 9}, none},
                        new double[][] {{13, 13, 13}, none})));
        CvResult.Score score = CvScoring.score("m", 0, new double[] {80, 95}, 3, windows);
        assertEquals(2 / 3.0, score.coverage()[0], TOL);
        assertTrue(Double.isFinite(score.msis()[0]));
        assertTrue(Double.isNaN(score.coverage()[1]), "coverage " + score.coverage()[1]);
        assertTrue(Double.isNaN(score.msis()[1]));
    }

    @Test
    void theScaleUsesTheSeasonalLagOnlyWhenThePartIsLongerThanASeason() {
        // lag 2: |2-1| + |6-3| over 2 differences.
        assertEquals(2.0, CvScoring.scale(new double[] {1, 3, 2, 6}, 2), TOL);
        // 2 points, not longer than the season 2: lag 1.
        assertEquals(2.0, CvScoring.scale(new double[] {1, 3}, 2), TOL);
        // lag 1: |3-1| + |2-3| + |6-2| over 3 differences.
        assertEquals(7 / 3.0, CvScoring.scale(new double[] {1, 3, 2, 6}, 1), TOL);
        assertEquals(0.0, CvScoring.scale(new double[] {7, 7, 7}, 1));
        assertTrue(Double.isNaN(CvScoring.scale(new double[] {7}, 1)));
    }
}

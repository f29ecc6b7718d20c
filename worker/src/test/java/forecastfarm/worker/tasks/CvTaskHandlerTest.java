package forecastfarm.worker.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.CvRequest;
import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.forecast.ModelForecast;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CvTaskHandlerTest {

    private static final double TOL = 1e-12;
    private static final double[] LEVEL_80 = {80};

    /** y[i] = i*i: distinct values, and lag differences with closed forms (the scales below). */
    private static double[] squares(int length) {
        double[] y = new double[length];
        for (int i = 0; i < length; i++) {
            y[i] = (double) i * i;
        }
        return y;
    }

    /** Horizon 2, 3 windows, step 2: the test parts cover the last 6 points. */
    private static CvRequest squaresRequest(int length, int season, List<String> models, int inputSize) {
        return new CvRequest(new ForecastRequest(squares(length), 2, season, models, LEVEL_80), 3, 2, inputSize);
    }

    private static CvResult run(CvRequest request) throws Exception {
        return CvResult.decode(new CvTaskHandler().handle("S", request.encode()));
    }

    /** Asserts window k's cutoff, trainStart, actual and the naive forecast (its last training value). */
    private static void assertNaiveWindow(CvResult.Window window, int cutoff, int trainStart) {
        assertEquals(cutoff, window.cutoff());
        assertEquals(trainStart, window.trainStart());
        assertArrayEquals(new double[] {(cutoff + 1.0) * (cutoff + 1), (cutoff + 2.0) * (cutoff + 2)}, window.actual());
        ModelForecast naive = window.forecasts().get(0);
        assertTrue(naive.ok(), naive.error());
        assertArrayEquals(new double[] {(double) cutoff * cutoff, (double) cutoff * cutoff}, naive.mean());
    }

    @Test
    void theCvKindIsBuiltIn() {
        assertInstanceOf(CvTaskHandler.class, new BuiltInTasks().handlers().get(CvRequest.KIND));
    }

    @Test
    void expandingWindowsTrainOnEveryPointUpToTheirCutoffs() throws Exception {
        // n = 12: cutoffs 12 - 2 - 2 * (2 - k) - 1 = 5, 7, 9.
        CvResult result = run(squaresRequest(12, 1, List.of("naive"), 0));
        assertEquals(3, result.windows().size());
        int[] cutoffs = {5, 7, 9};
        for (int k = 0; k < 3; k++) {
            CvResult.Window window = result.windows().get(k);
            assertNaiveWindow(window, cutoffs[k], 0);
            // Lag 1 over 0..c: the differences 2t - 1, t = 1..c, sum to c^2 over c of them.
            assertEquals(cutoffs[k], window.scale(), TOL);
        }
        CvResult.Score naive = result.scores().get(0);
        assertEquals(3, naive.windows());
        // Errors (c+1)^2 - c^2 = 2c + 1 and (c+2)^2 - c^2 = 4c + 4: 11 24, 15 32, 19 40.
        assertEquals((11 + 24 + 15 + 32 + 19 + 40) / 6.0, naive.mae(), TOL);
        assertArrayEquals(
                new double[] {(11 / 5.0 + 15 / 7.0 + 19 / 9.0) / 3, (24 / 5.0 + 32 / 7.0 + 40 / 9.0) / 3},
                naive.scaledErrorByStep(),
                TOL);
    }

    @Test
    void rollingWindowsTrainOnTheirLastInputSizePoints() throws Exception {
        CvResult result = run(squaresRequest(12, 1, List.of("naive"), 3));
        int[] cutoffs = {5, 7, 9};
        for (int k = 0; k < 3; k++) {
            CvResult.Window window = result.windows().get(k);
            assertNaiveWindow(window, cutoffs[k], cutoffs[k] - 2);
            // Lag 1 over (c-2)^2, (c-1)^2, c^2: (c^2 - (c-2)^2) / 2 = 2c - 2.
            assertEquals(2.0 * cutoffs[k] - 2, window.scale(), TOL);
        }
    }

    @Test
    void theScaleTakesTheSeasonalLagOnlyForAPartLongerThanTheSeason() throws Exception {
        CvResult expanding = run(squaresRequest(12, 2, List.of("naive"), 0));
        // Lag 2 over 0..c: (c^2 + (c-1)^2 - 1) / (c - 1) = 2c.
        assertEquals(10.0, expanding.windows().get(0).scale(), TOL);
        CvResult rolling = run(squaresRequest(12, 2, List.of("naive"), 2));
        // Two points, not longer than the season 2: lag 1, c^2 - (c-1)^2 = 2c - 1.
        assertEquals(9.0, rolling.windows().get(0).scale(), TOL);
    }

    @Test
    void aModelThatFailsInEveryWindowLeavesTheOthersScored() throws Exception {
        // Rolling windows of 2 points: drift needs 3.
        CvResult result = run(squaresRequest(12, 1, List.of("naive", "drift"), 2));
        for (CvResult.Window window : result.windows()) {
            assertTrue(window.forecasts().get(0).ok());
            ModelForecast drift = window.forecasts().get(1);
            assertFalse(drift.ok());
            assertEquals("drift", drift.model());
            assertTrue(drift.error().contains("needs at least 3"), drift.error());
        }
        assertEquals(3, result.scores().get(0).windows());
        assertTrue(Double.isFinite(result.scores().get(0).mase()));
        CvResult.Score drift = result.scores().get(1);
        assertEquals("drift", drift.model());
        assertEquals(0, drift.windows());
        assertTrue(Double.isNaN(drift.mae()));
    }

    @Test
    void aModelThatFailsInSomeWindowsIsScoredOnTheOthers() throws Exception {
        // n = 8: cutoffs 1, 3, 5; the first window has 2 points, too few for drift.
        CvResult result = run(squaresRequest(8, 1, List.of("naive", "drift"), 0));
        assertFalse(result.windows().get(0).forecasts().get(1).ok());
        assertTrue(result.windows().get(1).forecasts().get(1).ok());
        assertEquals(3, result.scores().get(0).windows());
        assertEquals(2, result.scores().get(1).windows());
    }

    @Test
    void everyModelFailingInEveryWindowFailsTheTaskWithTheReasons() {
        IllegalArgumentException ex = assertThrows(
                IllegalArgumentException.class, () -> run(squaresRequest(12, 1, List.of("drift", "nosuch"), 2)));
        assertTrue(ex.getMessage().contains("drift: drift needs at least 3 observations, got 2"), ex.getMessage());
        assertTrue(ex.getMessage().contains("; nosuch: model 'nosuch': unknown model"), ex.getMessage());
        assertEquals(
                ex.getMessage().indexOf("unknown model"),
                ex.getMessage().lastIndexOf("unknown model"),
                "the same error in every window is given once");
    }

    @Test
    void aSeriesTooShortForTheWindowsGivesTheReason() throws Exception {
        IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> run(squaresRequest(7, 1, List.of("naive"), 0)));
        assertEquals(
                "the series has 7 points; H=2, K=3 windows, step 2 need at least 8 (the windows' test parts cover 6"
                        + " points and the first window needs 2 training points)",
                ex.getMessage());
        assertEquals(3, run(squaresRequest(8, 1, List.of("naive"), 0)).windows().size(), "8 points are enough");
        assertThrows(IllegalArgumentException.class, () -> run(squaresRequest(3, 1, List.of("naive"), 0)));
    }

    @Test
    void anInputSizeOfOneIsRejected() {
        IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> run(squaresRequest(12, 1, List.of("naive"), 1)));
        assertTrue(ex.getMessage().contains("at least 2"), ex.getMessage());
    }

    private static double[] seasonal(int length) {
        double[] y = new double[length];
        for (int i = 0; i < length; i++) {
            y[i] = 50 + 0.4 * i + 6 * Math.sin(2 * Math.PI * i / 4) + ((i * 37) % 11) / 2.0;
        }
        return y;
    }

    @Test
    void aSeasonalSeriesGivesFiniteResultsAndEachWindowForecastsLikeTheForecastKind() throws Exception {
        List<String> models = List.of("naive", "snaive", "mean", "drift", "theta", "ets");
        double[] levels = {80, 95};
        ForecastRequest whole = new ForecastRequest(seasonal(48), 4, 4, models, levels);
        CvRequest request = new CvRequest(whole, 4, 3, 0);
        CvResult result = run(request);
        assertEquals(4, result.windows().size());
        for (CvResult.Window window : result.windows()) {
            assertTrue(Double.isFinite(window.scale()) && window.scale() > 0);
            assertEquals(
                    models,
                    window.forecasts().stream().map(ModelForecast::model).toList());
            for (ModelForecast forecast : window.forecasts()) {
                assertTrue(forecast.ok(), forecast.model() + ": " + forecast.error());
            }
        }
        CvResult.Window last = result.windows().get(3);
        assertEquals(43, last.cutoff(), "the last window's test part is the series' last 4 points");
        double[] train = Arrays.copyOfRange(whole.y(), 0, 44);
        ForecastResult direct = ForecastResult.decode(
                new ForecastTaskHandler().handle("S", new ForecastRequest(train, 4, 4, models, levels).encode()));
        for (int i = 0; i < models.size(); i++) {
            assertArrayEquals(
                    direct.forecasts().get(i).mean(), last.forecasts().get(i).mean(), models.get(i));
            assertEquals(
                    direct.forecasts().get(i).method(), last.forecasts().get(i).method());
        }
        assertEquals(models, result.scores().stream().map(CvResult.Score::model).toList());
        for (CvResult.Score score : result.scores()) {
            assertEquals(4, score.windows());
            assertArrayEquals(levels, score.levels());
            assertEquals(4, score.scaledErrorByStep().length);
            for (double value : new double[] {score.mae(), score.rmse(), score.smape(), score.mase()}) {
                assertTrue(Double.isFinite(value) && value >= 0, score.model());
            }
            assertTrue(score.smape() <= 200 && score.rmse() >= score.mae(), score.model());
            for (int j = 0; j < levels.length; j++) {
                assertTrue(score.coverage()[j] >= 0 && score.coverage()[j] <= 1, score.model());
                assertTrue(Double.isFinite(score.msis()[j]), score.model());
            }
            assertTrue(Arrays.stream(score.scaledErrorByStep()).allMatch(Double::isFinite), score.model());
        }
    }
}

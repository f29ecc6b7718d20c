package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code auto}: which member it picks where the answer is certain, its notes, its fallback and its settings. */
class AutoSelectTest {

    private static final double[] LEVELS = {80, 95};

    private static ForecastModel auto(String spec) {
        return Models.forSpec(ModelSpec.parse("--model", spec));
    }

    private static Forecast forecast(String spec, double[] y, int m, int h) {
        return auto(spec).fit(y, m).forecast(h, LEVELS);
    }

    /** 10, 12, ..., a straight line: drift forecasts it exactly, naive lags 2 per step behind. */
    private static double[] line(int n) {
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 10 + 2 * t;
        }
        return y;
    }

    /** A trend of 1 per step plus a season of 4 (0, 6, 2, 9): seasonal naive is off by 4 a step, naive far more. */
    private static double[] seasonal(int n) {
        double[] pattern = {0, 6, 2, 9};
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 50 + t + pattern[t % 4];
        }
        return y;
    }

    @Test
    void onAStraightLineDriftBeatsNaiveAndIsForecastOnTheWholeSeries() {
        double[] y = line(30);
        Forecast f = forecast("auto:naive+drift", y, 1, 3);
        Forecast drift = Models.byName("drift").fit(y, 1).forecast(3, LEVELS);
        assertEquals("auto->" + drift.method(), f.method());
        // naive's errors over a window are 2, 4, 6 and the scale is 2: MASE 2; drift's are 0
        assertEquals("chosen by mase 0 over 2 windows of h=3; naive 2", f.note());
        assertArrayEquals(drift.mean(), f.mean(), 0.0);
        assertArrayEquals(drift.lower(1), f.lower(1), 0.0);
        assertArrayEquals(drift.upper(0), f.upper(0), 0.0);
    }

    @Test
    void onASeasonalSeriesSeasonalNaiveBeatsNaiveByEveryScore() {
        double[] y = seasonal(40);
        for (String by : List.of("mase", "smape", "rmse", "msis")) {
            Forecast f = forecast("auto:naive+snaive+by=" + by, y, 4, 4);
            assertEquals("auto->" + Models.byName("snaive").fit(y, 4).method(), f.method(), by + ": " + f.note());
            assertTrue(f.note().startsWith("chosen by " + by + (by.equals("msis") ? " at 95% " : " ")), f.note());
        }
        assertEquals(
                "chosen by mase 1 over 3 windows of h=4; naive 1.06", // naive: errors 8, 1, 4, 4, scale 4
                forecast("auto:naive+snaive+windows=3", y, 4, 4).note());
    }

    @Test
    void aTieGoesToTheMemberListedFirst() {
        double[] y = seasonal(40);
        // naive2 with no season forecasts as naive does: the same scores, told apart only by the list's order
        Forecast naiveFirst = forecast("auto:naive+naive2", y, 1, 4);
        Forecast naive2First = forecast("auto:naive2+naive", y, 1, 4);
        assertEquals("auto->" + Models.byName("naive").fit(y, 1).method(), naiveFirst.method());
        assertEquals("auto->" + Models.byName("naive2").fit(y, 1).method(), naive2First.method());
        assertArrayEquals(naiveFirst.mean(), naive2First.mean(), 0.0);
        assertNotEquals(naiveFirst.method(), naive2First.method());
    }

    @Test
    void aMemberThatFailedInAWindowIsNotEligible() {
        // 6 points, 2 windows of 2: the first window trains on 2 points, too few for drift (3)
        double[] y = line(6);
        Forecast f = forecast("auto:drift+naive", y, 1, 2);
        assertEquals("auto->" + Models.byName("naive").fit(y, 1).method(), f.method());
        assertEquals(
                "chosen by mase 1.5 over 2 windows of h=2; drift failed in 1 of 2 windows (drift needs at least 3"
                        + " observations, got 2)",
                f.note());
    }

    @Test
    void aSeriesTooShortForTheWindowsFallsBackToComb() {
        double[] y = {5, 7, 6, 8, 9};
        Forecast f = forecast("auto", y, 1, 3);
        Forecast comb = Models.byName("comb").fit(y, 1).forecast(3, LEVELS);
        assertEquals("auto->" + comb.method(), f.method());
        assertEquals(
                "too short for 2 windows of h=3 (needs 8 points, has 5): comb"
                        + (comb.note().isEmpty() ? "" : "; comb: " + comb.note()),
                f.note());
        assertArrayEquals(comb.mean(), f.mean(), 0.0);
        assertTrue(forecast("auto:naive+windows=3", line(10), 1, 3)
                .note()
                .startsWith("too short for 3 windows of h=3 (needs 11 points, has 10): comb"));
    }

    @Test
    void whenNoMemberHasAScoreItFallsBackToCombSayingWhy() {
        double[] y = new double[20];
        java.util.Arrays.fill(y, 7);
        // a constant training part has scale 0: MASE is NaN for every member
        Forecast f = forecast("auto:naive+mean", y, 1, 2);
        assertTrue(f.method().startsWith("auto->Median of "), f.method());
        assertTrue(
                f.note().startsWith("no member forecast every window with a finite mase (naive NaN, mean NaN): comb"),
                f.note());
    }

    @Test
    void whenCombFailsTooTheErrorSaysBoth() {
        ModelException e = assertThrows(ModelException.class, () -> forecast("auto", new double[] {5}, 1, 3));
        assertTrue(
                e.getMessage()
                        .startsWith("too short for 2 windows of h=3 (needs 8 points, has 1), and the fallback comb"
                                + " failed: no component of comb could fit"),
                e.getMessage());
    }

    @Test
    void theChoiceUsesOnlyTheSeriesItWasFittedOn() {
        double[] y = line(30);
        FittedModel fit = auto("auto:naive+drift").fit(y, 1);
        y[29] = -1000; // the caller's array changing later changes nothing
        assertEquals(fit.forecast(3, LEVELS), fit.forecast(3, LEVELS));
        assertEquals(
                Models.byName("drift").fit(line(30), 1).forecast(3, LEVELS).mean()[0],
                fit.forecast(3, LEVELS).mean()[0],
                0.0);
    }

    @Test
    void settingsAreNamedByTheCanonicalSpecAndBadOnesRefused() {
        ForecastModel auto = Models.byName("auto");
        assertEquals("auto", auto.name());
        assertEquals("auto:by=smape", auto.withArguments(List.of("by=smape")).name());
        assertEquals(
                "auto:naive+drift+by=rmse+windows=3",
                auto.withArguments(List.of("windows=3", "naive", "by=rmse", "drift"))
                        .name());
        assertEquals("auto", auto.withArguments(List.of("by=mase")).name());
        assertEquals(
                "model 'auto:by=mae': 'by=mae' in the argument of auto: by must be one of mase, smape, rmse, msis",
                assertThrows(IllegalArgumentException.class, () -> auto.withArguments(List.of("by=mae")))
                        .getMessage());
        assertEquals(
                "model 'auto:windows=0': 'windows=0' in the argument of auto: windows must be a whole number from 1"
                        + " to 100",
                assertThrows(IllegalArgumentException.class, () -> auto.withArguments(List.of("windows=0")))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> auto.withArguments(List.of()));
        assertThrows(IllegalArgumentException.class, () -> auto.fit(line(10), 1).forecast(0, LEVELS));
    }

    @Test
    void everyScoreTheCatalogDeclaresIsOne() {
        for (String by : ModelCatalog.MODELS
                .find("auto")
                .orElseThrow()
                .setting("by")
                .orElseThrow()
                .choices()) {
            AutoSelect.score(by);
        }
    }

    @Test
    void msisIsScoredAt95WhenAskedForElseAtTheHighestLevel() {
        assertEquals(95, AutoSelect.msisLevel(new double[] {80, 95, 99}));
        assertEquals(90, AutoSelect.msisLevel(new double[] {80, 90}));
        assertEquals(95, AutoSelect.msisLevel(new double[0]));
        Forecast f = auto("auto:naive+snaive+by=msis").fit(seasonal(40), 4).forecast(4, new double[] {80});
        assertTrue(f.note().startsWith("chosen by msis at 80% "), f.note());
    }

    @Test
    void formatsScoresToThreeSignificantDigits() {
        assertEquals("0.712", AutoSelect.format(0.71234));
        assertEquals("2", AutoSelect.format(2.0));
        assertEquals("12300", AutoSelect.format(12345.6));
        assertEquals("NaN", AutoSelect.format(Double.NaN));
        assertEquals("0", AutoSelect.format(0.0));
        assertEquals("1.23e-16", AutoSelect.format(1.234e-16));
        assertEquals("4.57e+08", AutoSelect.format(456789012));
    }
}

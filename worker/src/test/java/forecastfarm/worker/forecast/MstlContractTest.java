package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.shared.forecast.ModelSpec;
import forecastfarm.worker.forecast.ets.Ets;
import forecastfarm.worker.forecast.mstl.Mstl;
import forecastfarm.worker.tasks.ForecastTaskHandler;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MstlContractTest extends ForecastModelContractTest {

    @Override
    protected ForecastModel model() {
        return new Mstl();
    }

    @Override
    protected String expectedName() {
        return "mstl";
    }

    @Override
    protected int minimumLength() {
        return Mstl.MIN_LENGTH;
    }

    @Override
    protected int concurrentIterations() {
        return 30;
    }

    /** Periods 4 and 12 (exactly periodic), a slow trend and a little deterministic noise: 120 points. */
    private static double[] twoSeasons(int n) {
        double[] short4 = {3, -1, -4, 2};
        double[] long12 = {10, 8, 5, 0, -4, -8, -10, -7, -3, 1, 4, 8};
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 100 + 0.05 * t + short4[t % 4] + long12[t % 12] + 0.3 * (((t * 7919) % 11) - 5) / 5.0;
        }
        return y;
    }

    @Test
    void twoSeasonsAreBothContinued() {
        double[] y = twoSeasons(120);
        Forecast f = new Mstl().fit(y, new double[] {4, 12}).forecast(24, LEVELS);
        assertTrue(f.method().startsWith("MSTL(4,12) + ETS("), f.method());
        assertEquals("", f.note());
        double[] truth = twoSeasons(144);
        double[] mean = f.mean();
        for (int step = 0; step < 24; step++) {
            // the two patterns span 28; within 2 of the truth is following both (ets may damp the slope)
            assertEquals(truth[120 + step], mean[step], 2.0, "step " + step + " follows both seasons");
        }
        // with the first season alone the 12-pattern is lost: its error is far larger
        Forecast one = new Mstl().fit(y, 4).forecast(24, LEVELS);
        assertTrue(one.method().startsWith("MSTL(4) + "), one.method());
        double errorBoth = 0;
        double errorOne = 0;
        for (int step = 0; step < 24; step++) {
            errorBoth += Math.abs(truth[120 + step] - mean[step]);
            errorOne += Math.abs(truth[120 + step] - one.mean()[step]);
        }
        assertTrue(errorOne > 3 * errorBoth, errorOne + " vs " + errorBoth);
    }

    @Test
    void seasonsAreRoundedSortedAndDroppedWhenTooLongWithANote() {
        double[] y = twoSeasons(120);
        Forecast f = new Mstl().fit(y, new double[] {12.2, 4, 60, 1.4}).forecast(6, LEVELS);
        assertTrue(f.method().startsWith("MSTL(4,12) + "), f.method());
        assertEquals(
                "season 12.2 rounded to 12; season 60 dropped (fewer than 2 full periods in 120 observations);"
                        + " season 1.4 rounded to 1; season 1.4 dropped (below 2)",
                f.note());
    }

    @Test
    void withNoSeasonLeftTheAdjustedModelForecastsTheSeries() {
        double[] y = twoSeasons(30);
        // on its own scale: the log scale is for decomposing, and an exponential trend would surprise here
        Forecast f = new Mstl().fit(y, new double[] {15, 48}).forecast(6, LEVELS);
        Forecast ets = new Ets().fit(y, 1).forecast(6, LEVELS);
        assertTrue(f.method().startsWith("MSTL() + ETS("), f.method());
        assertTrue(f.note().endsWith("no season left: ets on the series"), f.note());
        assertEquals(List.of(ets.mean()[0], ets.upper(1)[5]), List.of(f.mean()[0], f.upper(1)[5]));
        assertEquals("", new Mstl().fit(y, 1).forecast(6, LEVELS).note(), "season 1 is no season: nothing to say");
    }

    /**
     * By default a positive series is decomposed and forecast on the log scale: exp of the same decomposition of its
     * logs, their adjusted series fitted by ets with additive errors only.
     */
    @Test
    void aPositiveSeriesIsForecastOnTheLogScale() {
        double[] y = twoSeasons(120);
        double[] logs = Arrays.stream(y).map(Math::log).toArray();
        ForecastModel plain = Models.forSpec(ModelSpec.parse("--model", "mstl:ets+transform=none"));
        assertEquals("mstl:ets+transform=none", plain.name());
        ForecastModel additiveOnLogs =
                new Mstl(name -> Models.member(name).onLogScale()).withArguments(List.of("ets", "transform=none"));
        Forecast onLogs = additiveOnLogs.fit(logs, new double[] {4, 12}).forecast(12, LEVELS);
        assertTrue(onLogs.method().contains("ETS(A,"), onLogs.method());
        assertTrue(
                plain.fit(logs, new double[] {4, 12})
                        .forecast(12, LEVELS)
                        .method()
                        .contains("ETS(M,"),
                "all of ets's forms would take a multiplicative error on these logs");
        Forecast f = new Mstl().fit(y, new double[] {4, 12}).forecast(12, LEVELS);
        assertEquals(onLogs.method() + ", log scale", f.method());
        assertEquals("", f.note());
        for (int t = 0; t < 12; t++) {
            assertEquals(Math.exp(onLogs.mean()[t]), f.mean()[t], 1e-12 * f.mean()[t], "point at step " + t);
            assertEquals(Math.exp(onLogs.lower(1)[t]), f.lower(1)[t], 1e-12 * f.mean()[t], "lower 95 at " + t);
            assertEquals(Math.exp(onLogs.upper(0)[t]), f.upper(0)[t], 1e-12 * f.mean()[t], "upper 80 at " + t);
        }
        Forecast same = plain.fit(y, new double[] {4, 12}).forecast(12, LEVELS);
        assertNotEquals(same.mean()[11], f.mean()[11], "transform=none forecasts the series itself");
    }

    /** A series with a value at or below 0 has no log: it is forecast on its own scale, and the note says so. */
    @Test
    void aSeriesThatIsNotPositiveStaysOnItsScaleWithANote() {
        double[] y = twoSeasons(120);
        y[7] = 0;
        Forecast f = new Mstl().fit(y, new double[] {4, 12}).forecast(6, LEVELS);
        Forecast plain = Models.forSpec(ModelSpec.parse("--model", "mstl:transform=none"))
                .fit(y, new double[] {4, 12})
                .forecast(6, LEVELS);
        assertEquals(plain.method(), f.method());
        assertEquals("not on the log scale: the series has a value at or below 0", f.note());
        assertArrayEquals(plain.mean(), f.mean(), 0.0);
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class, () -> new Mstl().withArguments(List.of("ets", "transform=sqrt")));
        assertTrue(bad.getMessage().contains("must be one of log, none"), bad.getMessage());
    }

    @Test
    void theAdjustedModelIsSelectableAndOnlyOnePlainModel() {
        ForecastModel naive = Models.forSpec(ModelSpec.parse("--model", "mstl:naive"));
        assertEquals("mstl:naive", naive.name());
        Forecast f = naive.fit(twoSeasons(120), new double[] {4, 12}).forecast(3, LEVELS);
        assertEquals("MSTL(4,12) + Naive method, log scale", f.method());
        IllegalArgumentException two =
                assertThrows(IllegalArgumentException.class, () -> new Mstl().withArguments(List.of("ets", "arima")));
        assertTrue(two.getMessage().contains("at most 1 model"), two.getMessage());
        IllegalArgumentException comb =
                assertThrows(IllegalArgumentException.class, () -> new Mstl().withArguments(List.of("comb")));
        assertTrue(comb.getMessage().contains("not a model of models"), comb.getMessage());
    }

    @Test
    void aTaskPassesAllItsSeasonsAndTheNotesSayWhoUsedWhich() {
        ForecastRequest request = new ForecastRequest(
                twoSeasons(120), 12, new double[] {4, 12}, List.of("mstl", "comb:mstl+snaive"), LEVELS);
        ModelForecast mstl = ForecastTaskHandler.forecastOne("mstl", request);
        assertTrue(mstl.method().startsWith("MSTL(4,12) + "), mstl.method());
        assertEquals("", mstl.note(), "mstl used both seasons: no 'uses season' note");
        ModelForecast comb = ForecastTaskHandler.forecastOne("comb:mstl+snaive", request);
        assertTrue(comb.method().contains("MSTL(4,12) + "), comb.method());
        assertEquals("snaive uses season 4 of 4,12", comb.note());
        ModelForecast auto = ForecastTaskHandler.forecastOne("auto:mstl+naive", request);
        assertTrue(auto.method().startsWith("auto->MSTL(4,12) + "), auto.method() + " / " + auto.note());
        assertFalse(auto.note().contains("uses season"), auto.note());
    }
}

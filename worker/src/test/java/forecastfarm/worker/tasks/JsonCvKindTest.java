package forecastfarm.worker.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.CvRequest;
import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.worker.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCvKindTest {
    private static final double[] Y = {
        112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133,
        114, 140
    };
    private static final List<String> MODELS = List.of("snaive", "theta", "ets", "drift");

    private static Map<?, ?> run(String args) throws Exception {
        TaskHandler handler = TaskKinds.discover().handler("json:cv");
        return (Map<?, ?>) JsonReader.read(handler.handle("s1", args.getBytes(StandardCharsets.UTF_8)));
    }

    private static double[] doubles(Object list) {
        return ((List<?>) list)
                .stream()
                        .mapToDouble(v -> v == null ? Double.NaN : ((Number) v).doubleValue())
                        .toArray();
    }

    private static double number(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    private static List<String> months(int count) {
        List<String> ds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ds.add(String.format("%d-%02d", 2020 + i / 12, i % 12 + 1));
        }
        return ds;
    }

    private static String quoted(List<String> texts) {
        return "[\"" + String.join("\", \"", texts) + "\"]";
    }

    @Test
    void givesTheBinaryKindsWindowsAndScoresForTheSameSeries() throws Exception {
        List<String> ds = months(Y.length);
        Map<?, ?> result = run("{\"y\": " + Arrays.toString(Y) + ", \"ds\": " + quoted(ds)
                + ", \"horizon\": 3, \"season_length\": 4, \"models\": " + quoted(MODELS)
                + ", \"levels\": [80, 99.5], \"windows\": 3, \"step\": 2, \"input_size\": 16}");
        CvResult binary = CvTaskHandler.crossValidate(
                new CvRequest(new ForecastRequest(Y, 3, 4, MODELS, new double[] {80, 99.5}), 3, 2, 16));

        List<?> windows = (List<?>) result.get("windows");
        assertEquals(3, windows.size());
        for (int k = 0; k < 3; k++) {
            Map<?, ?> window = (Map<?, ?>) windows.get(k);
            CvResult.Window expected = binary.windows().get(k);
            assertEquals(Y.length - 3 - 2 * (2 - k) - 1, expected.cutoff(), "statsforecast's cutoffs");
            assertEquals(expected.cutoff(), ((Number) window.get("cutoff_index")).intValue());
            assertEquals(ds.get(expected.cutoff()), window.get("cutoff_ds"));
            Map<?, ?> models = (Map<?, ?>) window.get("models");
            assertEquals(MODELS, List.copyOf(models.keySet()), "every model forecast every window, in order");
            assertEquals(Map.of(), window.get("failures"));
            for (ModelForecast forecast : expected.forecasts()) {
                Map<?, ?> model = (Map<?, ?>) models.get(forecast.model());
                assertEquals(forecast.method(), model.get("model_spec"));
                assertArrayEquals(forecast.mean(), doubles(model.get("mean")), 0.0, forecast.model());
                assertArrayEquals(forecast.lower()[0], doubles(model.get("lo-80")), 0.0);
                assertArrayEquals(forecast.upper()[1], doubles(model.get("hi-99.5")), 0.0);
                assertArrayEquals(expected.actual(), doubles(model.get("y")), 0.0);
                assertEquals(ds.subList(expected.cutoff() + 1, expected.cutoff() + 4), model.get("ds"));
            }
        }
        Map<?, ?> metrics = (Map<?, ?>) result.get("metrics");
        assertEquals(MODELS, List.copyOf(metrics.keySet()));
        for (CvResult.Score score : binary.scores()) {
            Map<?, ?> model = (Map<?, ?>) metrics.get(score.model());
            assertEquals(3, ((Number) model.get("windows")).intValue());
            assertEquals(score.mae(), number(model.get("mae")), 0.0, score.model());
            assertEquals(score.rmse(), number(model.get("rmse")), 0.0);
            assertEquals(score.smape(), number(model.get("smape")), 0.0);
            assertEquals(score.mase(), number(model.get("mase")), 0.0);
            assertEquals(score.coverage()[0], number(model.get("coverage-80")), 0.0);
            assertEquals(score.msis()[1], number(model.get("msis-99.5")), 0.0);
            assertEquals(
                    List.of(
                            "windows",
                            "mae",
                            "rmse",
                            "smape",
                            "mase",
                            "coverage-80",
                            "msis-80",
                            "coverage-99.5",
                            "msis-99.5",
                            "mase-h1",
                            "mase-h2",
                            "mase-h3"),
                    List.copyOf(model.keySet()),
                    "cv_metrics.csv's columns");
            for (int step = 0; step < 3; step++) {
                assertEquals(score.scaledErrorByStep()[step], number(model.get("mase-h" + (step + 1))), 0.0);
            }
        }
    }

    @Test
    void withoutDsTheWindowsHaveOnlyTheirIndexAndAModelFailedInAWindowIsReportedThere() throws Exception {
        // 5 points, horizon 2, 2 windows: cutoffs 1 and 2; drift needs 3 training points, so it fails in the first.
        Map<?, ?> result = run(
                "{\"y\": [3, 5, 4, 6, 5], \"horizon\": 2, \"windows\": 2, \"models\": [\"naive\", \"drift\"], \"levels\": [80]}");
        List<?> windows = (List<?>) result.get("windows");
        Map<?, ?> first = (Map<?, ?>) windows.get(0);
        assertEquals(1, ((Number) first.get("cutoff_index")).intValue());
        assertFalse(first.containsKey("cutoff_ds"));
        Map<?, ?> naive = (Map<?, ?>) ((Map<?, ?>) first.get("models")).get("naive");
        assertEquals(List.of(5.0, 5.0), naive.get("mean"));
        assertEquals(List.of(4.0, 6.0), naive.get("y"));
        assertFalse(naive.containsKey("ds"));
        assertEquals(List.of("naive"), List.copyOf(((Map<?, ?>) first.get("models")).keySet()));
        assertTrue(
                ((String) ((Map<?, ?>) first.get("failures")).get("drift")).contains("at least 3"), first.toString());
        Map<?, ?> second = (Map<?, ?>) windows.get(1);
        assertEquals(2, ((Number) second.get("cutoff_index")).intValue());
        assertEquals(List.of("naive", "drift"), List.copyOf(((Map<?, ?>) second.get("models")).keySet()));
        Map<?, ?> metrics = (Map<?, ?>) result.get("metrics");
        assertEquals(2, ((Number) ((Map<?, ?>) metrics.get("naive")).get("windows")).intValue());
        assertEquals(1, ((Number) ((Map<?, ?>) metrics.get("drift")).get("windows")).intValue(), "the one it forecast");
    }

    @Test
    void dsMayLabelOnlyTheSeriesLastPointsTheWindowsNeed() throws Exception {
        // horizon 2, 2 windows, step 1: the cutoffs (5 and 6) and the test points are the last 4 of 8.
        String series = "\"y\": [3, 5, 4, 6, 5, 7, 6, 8], \"horizon\": 2, \"windows\": 2, \"models\": [\"naive\"]";
        Map<?, ?> result = run("{" + series + ", \"ds\": [\"e\", \"f\", \"g\", \"h\"]}");
        Map<?, ?> second = (Map<?, ?>) ((List<?>) result.get("windows")).get(1);
        assertEquals("f", second.get("cutoff_ds"));
        assertEquals(List.of("g", "h"), ((Map<?, ?>) ((Map<?, ?>) second.get("models")).get("naive")).get("ds"));
        IllegalArgumentException tooFew = assertThrows(
                IllegalArgumentException.class, () -> run("{" + series + ", \"ds\": [\"f\", \"g\", \"h\"]}"));
        assertTrue(tooFew.getMessage().contains("at least the last 4"), tooFew.getMessage());
    }

    @Test
    void aSeriesTooShortForTheWindowsFailsWithThePointsItHasAndNeeds() {
        IllegalArgumentException tooShort = assertThrows(
                IllegalArgumentException.class,
                () -> run("{\"y\": [1, 2, 3, 4, 5, 6, 7, 8], \"horizon\": 3, \"windows\": 3, \"step\": 2}"));
        assertTrue(
                tooShort.getMessage().startsWith("the series has 8 points; H=3, K=3 windows, step 2 need at least 9"),
                tooShort.getMessage());
    }

    @Test
    void badWindowArgumentsFailNamingTheArgument() {
        String series = "\"y\": [1, 2, 3, 4, 5, 6, 7, 8], \"horizon\": 1";
        for (String[] bad : new String[][] {
            {"", "'windows'"},
            {", \"windows\": 0", "'windows'"},
            {", \"windows\": 2, \"step\": 0", "'step'"},
            {", \"windows\": 2, \"input_size\": 0", "'input_size'"},
            {", \"windows\": 2, \"ds\": [\"a\"]", "'ds'"},
            {", \"windows\": 2.5", "'windows'"}
        }) {
            IllegalArgumentException ex =
                    assertThrows(IllegalArgumentException.class, () -> run("{" + series + bad[0] + "}"), bad[0]);
            assertTrue(ex.getMessage().contains(bad[1]), bad[0] + " -> " + ex.getMessage());
        }
    }
}

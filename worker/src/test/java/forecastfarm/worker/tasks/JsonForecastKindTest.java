package forecastfarm.worker.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.worker.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonForecastKindTest {
    private static final double[] Y = {12, 15, 11, 18, 14, 17, 13, 20, 16, 19, 15, 22};

    private static Map<?, ?> run(String args) throws Exception {
        TaskHandler handler = TaskKinds.discover().handler("json:forecast");
        return (Map<?, ?>) JsonReader.read(handler.handle("s1", args.getBytes(StandardCharsets.UTF_8)));
    }

    private static double[] doubles(Object list) {
        return ((List<?>) list)
                .stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    @Test
    void givesTheBinaryKindsValuesForTheSameSeries() throws Exception {
        Map<?, ?> result = run("{\"y\": [12, 15, 11, 18, 14, 17, 13, 20, 16, 19, 15, 22], \"horizon\": 3,"
                + " \"season_length\": 4, \"models\": [\"snaive\", \"drift\"], \"levels\": [80, 99.5],"
                + " \"future_ds\": [\"2024-01\", \"2024-02\", \"2024-03\"]}");
        List<ModelForecast> binary = ForecastResult.decode(new ForecastTaskHandler()
                        .handle(
                                "s1",
                                new ForecastRequest(Y, 3, 4, List.of("snaive", "drift"), new double[] {80, 99.5})
                                        .encode()))
                .forecasts();
        Map<?, ?> models = (Map<?, ?>) result.get("models");
        assertEquals(List.of("snaive", "drift"), List.copyOf(models.keySet()), "in the order asked");
        assertEquals(Map.of(), result.get("failures"));
        for (ModelForecast expected : binary) {
            Map<?, ?> model = (Map<?, ?>) models.get(expected.model());
            assertEquals(expected.method(), model.get("model_spec"));
            assertArrayEquals(expected.mean(), doubles(model.get("mean")), 0.0);
            assertArrayEquals(expected.lower()[0], doubles(model.get("lo-80")), 0.0);
            assertArrayEquals(expected.upper()[1], doubles(model.get("hi-99.5")), 0.0);
            assertEquals(List.of("2024-01", "2024-02", "2024-03"), model.get("ds"));
            assertFalse(model.containsKey("note"), "no note when there is none");
        }
    }

    @Test
    void autoGivesTheChosenModelAsItsModelSpec() throws Exception {
        Map<?, ?> result = run("{\"y\": [12, 15, 11, 18, 14, 17, 13, 20, 16, 19, 15, 22], \"horizon\": 2,"
                + " \"season_length\": 4, \"models\": [\"auto:naive+snaive+windows=3\"]}");
        Map<?, ?> auto = (Map<?, ?>) ((Map<?, ?>) result.get("models")).get("auto:naive+snaive+windows=3");
        assertTrue(((String) auto.get("model_spec")).startsWith("auto->"), auto.toString());
        assertTrue(((String) auto.get("note")).startsWith("chosen by mase "), auto.toString());
    }

    @Test
    void defaultsAndFailedModelsAreReported() throws Exception {
        Map<?, ?> result = run("{\"y\": [5, 6], \"horizon\": 2, \"models\": \"naive,drift\"}");
        Map<?, ?> models = (Map<?, ?>) result.get("models");
        Map<?, ?> naive = (Map<?, ?>) models.get("naive");
        assertEquals(List.of(6.0, 6.0), naive.get("mean"));
        assertTrue(naive.containsKey("lo-95") && !naive.containsKey("ds"), naive.toString());
        Map<?, ?> failures = (Map<?, ?>) result.get("failures");
        assertEquals(List.of("drift"), List.copyOf(failures.keySet()), result.toString());
        IllegalArgumentException allFailed = assertThrows(
                IllegalArgumentException.class, () -> run("{\"y\": [6], \"horizon\": 2, \"models\": \"naive,drift\"}"));
        assertTrue(
                allFailed.getMessage().contains("naive: ")
                        && allFailed.getMessage().contains("drift: "),
                allFailed.getMessage());
    }

    @Test
    void badArgumentsFailNamingTheArgument() {
        IllegalArgumentException missingY = assertThrows(IllegalArgumentException.class, () -> run("{\"horizon\": 3}"));
        assertTrue(missingY.getMessage().contains("'y'"), missingY.getMessage());
        IllegalArgumentException badModel = assertThrows(
                IllegalArgumentException.class, () -> run("{\"y\": [1, 2], \"horizon\": 1, \"models\": [\"nope\"]}"));
        assertTrue(badModel.getMessage().contains("models"), badModel.getMessage());
        IllegalArgumentException shortDs = assertThrows(
                IllegalArgumentException.class, () -> run("{\"y\": [1, 2], \"horizon\": 2, \"future_ds\": [\"a\"]}"));
        assertTrue(shortDs.getMessage().contains("'future_ds'"), shortDs.getMessage());
    }
}

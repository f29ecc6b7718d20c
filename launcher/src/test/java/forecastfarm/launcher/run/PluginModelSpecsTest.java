package forecastfarm.launcher.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.io.TaskFileReader.TaskLine;
import forecastfarm.launcher.io.TimeSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginModelSpecsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return the plugin specs of tasks with these models (JSON values of "models"), as the first pass collects them. */
    private static List<String> collected(final String kind, final String... models) throws Exception {
        final PluginModelSpecs specs = new PluginModelSpecs();
        long line = 1;
        for (final String json : models) {
            final TaskLine task = new TaskLine(
                    line++, "t" + line, (ObjectNode) JSON.readTree("{\"y\": [1, 2, 3], \"models\": " + json + "}"));
            ForecastArgs.prepare(kind, task, TimeSettings.DEFAULT, specs::add);
        }
        return specs.specs();
    }

    @Test
    void keepsEachDistinctPluginSpecOnceInTheOrderFirstNamedAlsoInsideALists() throws Exception {
        assertEquals(
                List.of("onnx:/m/a.onnx", "comb:naive+onnx:b.onnx"),
                collected(
                        ForecastArgs.KIND,
                        "[\"naive\", \"onnx:/m/a.onnx\"]",
                        "\"comb: naive + onnx:b.onnx, onnx:/m/a.onnx\"",
                        "[\"onnx:/m/a.onnx\", \"snaive\"]"));
        assertEquals(List.of("onnx:c.onnx"), collected(ForecastArgs.CV_KIND, "[\"drift\", \"onnx:c.onnx\"]"));
    }

    @Test
    void tasksOfBuiltInModelsOnlyNameNone() throws Exception {
        assertEquals(
                List.of(),
                collected(ForecastArgs.KIND, "[\"naive\", \"comb:naive+snaive\"]", "\"auto:naive+drift+by=smape\""));
    }

    @Test
    void aKindWhoseArgsAreNotPreparedHereNamesNone() throws Exception {
        assertEquals(List.of(), collected("score", "[\"onnx:a.onnx\"]"));
    }
}

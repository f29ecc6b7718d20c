package forecastfarm.launcher.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.TaskFileReader.TaskLine;
import forecastfarm.launcher.io.TimeSettings;
import org.junit.jupiter.api.Test;

class ForecastArgsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TaskLine task(final String args) throws Exception {
        return new TaskLine(3, "s1", (ObjectNode) JSON.readTree(args));
    }

    @Test
    void dsGivesTheForecastStepsDatesAndModelsTheirCanonicalSpecs() throws Exception {
        final ObjectNode args = ForecastArgs.prepare(
                ForecastArgs.KIND,
                task("{\"y\": [1,2,3], \"ds\": [\"2024-01-01\", \"2024-01-02\", \"2024-01-03\"], \"horizon\": 2,"
                        + " \"models\": \"naive,snaive\"}"),
                TimeSettings.DEFAULT);
        assertEquals("[\"2024-01-04\",\"2024-01-05\"]", args.get("future_ds").toString());
        assertEquals("[\"naive\",\"snaive\"]", args.get("models").toString());
    }

    @Test
    void autoTakesItsSettingsInTheSpecAndIsCanonical() throws Exception {
        final ObjectNode args = ForecastArgs.prepare(
                ForecastArgs.KIND,
                task("{\"y\": [1,2,3], \"horizon\": 2, \"models\": [\"auto: windows=2 + by=smape\","
                        + " \"auto:naive+snaive+windows=03\"]}"),
                TimeSettings.DEFAULT);
        assertEquals(
                "[\"auto:by=smape\",\"auto:naive+snaive+windows=3\"]",
                args.get("models").toString());
        final IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class,
                () -> ForecastArgs.prepare(
                        ForecastArgs.KIND, task("{\"models\": \"auto:by=mae\"}"), TimeSettings.DEFAULT));
        assertTrue(
                bad.getMessage()
                        .endsWith("'by=mae' in the argument of auto: by must be one of mase, smape, rmse," + " msis"),
                bad.getMessage());
    }

    @Test
    void aBadDsIsThatTasksProblemAndABadModelRefusesTheRun() throws Exception {
        final InputException ds = assertThrows(
                InputException.class,
                () -> ForecastArgs.prepare(
                        ForecastArgs.KIND,
                        task("{\"ds\": [\"2024-01-02\", \"2024-01-01\"], \"horizon\": 1}"),
                        TimeSettings.DEFAULT));
        assertTrue(ds.getMessage().startsWith("line 3: task s1: bad \"ds\""), ds.getMessage());
        assertThrows(
                InputException.class,
                () -> ForecastArgs.prepare(
                        ForecastArgs.KIND, task("{\"ds\": [\"2024-01-01\"], \"horizon\": 0}"), TimeSettings.DEFAULT));
        final IllegalArgumentException model = assertThrows(
                IllegalArgumentException.class,
                () -> ForecastArgs.prepare(
                        ForecastArgs.KIND, task("{\"models\": [\"nosuch\"]}"), TimeSettings.DEFAULT));
        assertTrue(model.getMessage().contains("models of task s1 (line 3)"), model.getMessage());
    }

    @Test
    void aCvTaskKeepsItsDsAsWrittenAndIsCheckedAsAForecastTask() throws Exception {
        final ObjectNode args = ForecastArgs.prepare(
                ForecastArgs.CV_KIND,
                task("{\"y\": [1,2,3], \"ds\": [\"2024-01-01\", \"2024-01-02\", \"2024-01-03\"], \"horizon\": 2,"
                        + " \"windows\": 1, \"models\": \"naive, auto:by=smape\"}"),
                TimeSettings.DEFAULT);
        assertEquals(
                "[\"2024-01-01\",\"2024-01-02\",\"2024-01-03\"]", args.get("ds").toString());
        assertFalse(args.has("future_ds"), "a cv task's steps are its own points");
        assertEquals("[\"naive\",\"auto:by=smape\"]", args.get("models").toString());
        final InputException ds = assertThrows(
                InputException.class,
                () -> ForecastArgs.prepare(
                        ForecastArgs.CV_KIND,
                        task("{\"ds\": [\"2024-01-02\", \"2024-01-01\"], \"windows\": 1}"),
                        TimeSettings.DEFAULT));
        assertTrue(ds.getMessage().startsWith("line 3: task s1: bad \"ds\""), ds.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ForecastArgs.prepare(
                        ForecastArgs.CV_KIND, task("{\"models\": [\"nosuch\"]}"), TimeSettings.DEFAULT));
        final ObjectNode other = task("{\"models\": [\"nosuch\"], \"ds\": 3}").args();
        assertEquals(
                other,
                ForecastArgs.prepare("score", new TaskLine(3, "s1", other.deepCopy()), TimeSettings.DEFAULT),
                "another kind's args are its own");
    }
}

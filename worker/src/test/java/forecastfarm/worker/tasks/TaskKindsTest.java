package forecastfarm.worker.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.codec.PayloadReader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskKindsTest {

    @Test
    void discoverFindsTheBuiltInKinds() {
        TaskKinds kinds = TaskKinds.discover();
        assertInstanceOf(ForecastTaskHandler.class, kinds.handler("forecast"));
        assertInstanceOf(SpinTaskHandler.class, kinds.handler("spin"));
        assertNotNull(kinds.handler("noop"));
    }

    @Test
    void unknownKindNamesItAndTheKnownOnes() {
        IllegalArgumentException ex = assertThrows(
                IllegalArgumentException.class, () -> TaskKinds.discover().handler("Forecast"));
        assertTrue(ex.getMessage().contains("'Forecast'"), ex.getMessage());
        // the test classpath may offer extra kinds, so check the built-in ones are listed, sorted
        String known = ex.getMessage().substring(ex.getMessage().indexOf('['));
        assertTrue(
                known.startsWith("[cv, forecast, forecast-batch, json:cv, json:forecast, model-check, noop, spin"),
                ex.getMessage());
    }

    @Test
    void theRegistryIsACopy() throws Exception {
        Map<String, TaskHandler> handlers = new HashMap<>();
        handlers.put("a", (key, payload) -> new byte[] {1});
        TaskKinds kinds = new TaskKinds(handlers);
        handlers.clear();
        assertArrayEquals(new byte[] {1}, kinds.handler("a").handle("k", new byte[0]));
    }

    @Test
    void noopReturnsItsPayload() throws Exception {
        byte[] payload = {4, 5, 6};
        assertArrayEquals(
                payload, TaskKinds.discover().handler(BuiltInTasks.NOOP).handle("k", payload));
    }

    @Test
    void spinIsDeterministicAndDependsOnIterations() throws Exception {
        TaskHandler spin = TaskKinds.discover().handler(BuiltInTasks.SPIN);
        byte[] a = spin.handle("k", SpinTaskHandler.payload(1_000));
        assertArrayEquals(a, spin.handle("other", SpinTaskHandler.payload(1_000)));
        byte[] b = spin.handle("k", SpinTaskHandler.payload(1_001));
        assertNotEquals(new PayloadReader(a).getLong(), new PayloadReader(b).getLong());
        assertEquals(
                0.5,
                Double.longBitsToDouble(new PayloadReader(spin.handle("k", SpinTaskHandler.payload(0))).getLong()));
        assertThrows(IllegalArgumentException.class, () -> spin.handle("k", new byte[3]));
    }
}

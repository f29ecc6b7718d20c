package forecastfarm.worker.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.ModelCheckRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check as a worker without plugins runs it (worker/onnx's tests run it with the plugin and its model files). */
class ModelCheckTaskHandlerTest {

    private static byte[] check(final String... models) {
        return new ModelCheckTaskHandler().handle("models", new ModelCheckRequest(List.of(models)).encode());
    }

    @Test
    void modelsThisWorkerCanMakePassWithAnEmptyResult() {
        assertEquals(0, check("ets", "comb:ets+theta+combine=median", "auto", "mstl:arima").length);
    }

    @Test
    void aPluginModelWithoutItsPluginFailsNamingThePlugin() {
        final IllegalArgumentException alone = assertThrows(IllegalArgumentException.class, () -> check("onnx:m.onnx"));
        assertTrue(alone.getMessage().contains("needs the onnx plugin"), alone.getMessage());
        final IllegalArgumentException member =
                assertThrows(IllegalArgumentException.class, () -> check("ets", "comb:ets+onnx:m.onnx"));
        assertTrue(member.getMessage().contains("needs the onnx plugin"), member.getMessage());
    }
}

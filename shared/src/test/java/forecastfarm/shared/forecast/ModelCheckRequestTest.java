package forecastfarm.shared.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCheckRequestTest {

    @Test
    void roundTripsSpecsWithCommasAndSpacesInPaths() {
        final ModelCheckRequest request =
                new ModelCheckRequest(List.of("onnx:/m/a b,c.onnx", "comb:ets+onnx:/m/x.onnx", "ets"));
        assertEquals(request, ModelCheckRequest.decode(request.encode()));
    }

    @Test
    void onlyJobsNamingAPluginModelNeedTheCheck() {
        assertFalse(ModelCheckRequest.needed(List.of("ets", "comb:ets+theta", "auto")));
        assertTrue(ModelCheckRequest.needed(List.of("ets", "onnx:/m/a.onnx")));
        assertTrue(ModelCheckRequest.needed(List.of("auto:ets+onnx:/m/a.onnx+by=msis")));
    }

    @Test
    void emptyOrMultiLineSpecsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckRequest(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckRequest(List.of("onnx:a\nb.onnx")).encode());
    }
}

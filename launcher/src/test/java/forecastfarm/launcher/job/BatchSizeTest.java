package forecastfarm.launcher.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSizeTest {
    @Test
    void autoBatchesOnlyWhenTheModelsNameOnnxDirectly() {
        assertEquals(1, BatchSize.resolve("auto", List.of("naive", "ets")));
        assertEquals(BatchSize.BATCHING_DEFAULT, BatchSize.resolve("auto", List.of("naive", "onnx:/m/tiny.onnx")));
        assertEquals(BatchSize.BATCHING_DEFAULT, BatchSize.resolve(null, List.of("onnx:/m/tiny.onnx")));
        for (final String inside : List.of("comb:naive+onnx:/m.onnx", "auto:ets+onnx:/m.onnx", "mstl:onnx:/m.onnx")) {
            assertEquals(1, BatchSize.resolve("auto", List.of(inside)), inside);
        }
    }

    @Test
    void aNumberIsTakenAsItIsAndAnythingElseIsRefusedNamingTheOption() {
        assertEquals(1, BatchSize.resolve("1", List.of("onnx:/m.onnx")));
        assertEquals(128, BatchSize.resolve(" 128 ", List.of("naive")));
        for (final String bad : List.of("0", "-3", "many", "2.5", "")) {
            final IllegalArgumentException ex =
                    assertThrows(IllegalArgumentException.class, () -> BatchSize.resolve(bad, List.of("naive")));
            assertTrue(ex.getMessage().startsWith("--batch-size '" + bad + "'"), ex.getMessage());
            assertTrue(ex.getMessage().contains("auto or a whole number of at least 1"), ex.getMessage());
        }
        assertTrue(BatchSize.asksForBatches("8"));
        assertFalse(BatchSize.asksForBatches("auto"));
        assertFalse(BatchSize.asksForBatches("1"));
    }
}

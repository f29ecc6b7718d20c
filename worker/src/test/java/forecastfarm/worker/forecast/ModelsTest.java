package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelsTest {

    @Test
    void namesInRegistryOrder() {
        assertEquals(
                List.of("naive", "snaive", "mean", "drift", "naive2", "theta", "ets", "arima", "comb"), Models.names());
        assertEquals(
                forecastfarm.shared.forecast.ModelNames.BUILT_IN,
                Models.names(),
                "the launcher checks names against the shared list");
        assertThrows(UnsupportedOperationException.class, () -> Models.names().add("arima"));
    }

    @Test
    void byNameReturnsTheModelWithThatName() {
        for (String name : Models.names()) {
            assertEquals(name, Models.byName(name).name());
        }
    }

    @Test
    void unknownNameIsNamedAndKnownOnesListed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.byName("prophet"));
        assertTrue(e.getMessage().contains("'prophet'"), e.getMessage());
        for (String name : Models.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Models.byName(null));
        assertThrows(IllegalArgumentException.class, () -> Models.byName("Naive"));
    }
}

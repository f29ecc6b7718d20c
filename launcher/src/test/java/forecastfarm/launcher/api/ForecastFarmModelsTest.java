package forecastfarm.launcher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.shared.forecast.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API takes models in the {@code --model} syntax and refuses a bad spec before anything starts. */
class ForecastFarmModelsTest {

    @TempDir
    Path tmp;

    @Test
    void aBadSpecIsRefusedAtStartNamingTheBadPart() {
        final Path farmDir = tmp.resolve("farm");
        final IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ForecastFarm.builder(new FarmContext().farmDir(farmDir))
                        .horizon(3)
                        .models("ets", "comb:ets+thta")
                        .start());
        assertEquals(
                "models 'ets,comb:ets+thta': unknown model 'thta' in the argument of comb; known models: "
                        + ModelCatalog.MODELS.usages(),
                e.getMessage());
        assertFalse(Files.exists(farmDir), "nothing started");
    }

    @Test
    void autosSettingsAreCheckedAtStart() {
        final IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ForecastFarm.builder(new FarmContext().farmDir(tmp.resolve("farm")))
                        .horizon(3)
                        .models("auto:ets+theta+windows=0")
                        .start());
        assertEquals(
                "models 'auto:ets+theta+windows=0': 'windows=0' in the argument of auto: windows must be a whole"
                        + " number from 1 to 100",
                e.getMessage());
    }

    @Test
    void noModelIsRefusedAtStart() {
        final IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ForecastFarm.builder(new FarmContext().farmDir(tmp.resolve("farm")))
                        .horizon(3)
                        .models()
                        .start());
        assertEquals("models '': no model named; known models: " + ModelCatalog.MODELS.usages(), e.getMessage());
    }
}

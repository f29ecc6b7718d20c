package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job {@code scripts/common.sh} runs to record the launcher's class cache must succeed: when it failed (a model
 * added to the catalog that needs an argument), every launcher silently started without its cache.
 */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClassCacheTrainingIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void workers() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    @Test
    void theTrainingJobSucceedsWithEveryBuiltInModel() throws Exception {
        assertEquals(ExitCodes.OK, ClassCacheTraining.train(tmp));
        assertTrue(Files.size(tmp.resolve("out").resolve("forecasts.csv")) > 0);
    }
}

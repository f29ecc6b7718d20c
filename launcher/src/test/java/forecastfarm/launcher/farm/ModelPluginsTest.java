package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPluginsTest {
    private static final String PROPERTY = ModelPlugins.jarProperty("onnx");

    @TempDir
    Path tmp;

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    private static FarmContext plain() {
        return new FarmContext().workerClasspath("worker.jar");
    }

    @Test
    void theJarIsAddedOnlyWhenAModelNeedsIt() throws Exception {
        final Path jar = Files.createFile(tmp.resolve("forecast-farm-onnx.jar"));
        System.setProperty(PROPERTY, jar.toString());
        assertEquals(
                "worker.jar",
                ModelPlugins.addJars(plain(), List.of("naive", "comb:ets+theta"))
                        .workerClasspath());
        assertEquals(
                "worker.jar" + File.pathSeparator + jar,
                ModelPlugins.addJars(plain(), List.of("naive", "onnx:/m/a.onnx", "onnx:b.onnx"))
                        .workerClasspath());
    }

    @Test
    void aMissingJarIsRefusedSayingHowToBuildIt() {
        final Path jar = tmp.resolve("forecast-farm-onnx.jar");
        System.setProperty(PROPERTY, jar.toString());
        final IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ModelPlugins.addJars(plain(), List.of("onnx:m.onnx")));
        assertTrue(e.getMessage().contains(jar + " is not built"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -q -DskipTests package -pl worker/onnx -am"), e.getMessage());

        System.clearProperty(PROPERTY);
        final IllegalArgumentException unset = assertThrows(
                IllegalArgumentException.class, () -> ModelPlugins.addJars(plain(), List.of("onnx:m.onnx")));
        assertTrue(unset.getMessage().contains(PROPERTY + " that names it is not set"), unset.getMessage());
    }
}

package forecastfarm.launcher;

import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import forecastfarm.launcher.farm.ModelPlugins;
import java.nio.file.Files;
import java.nio.file.Path;

/** The onnx plugin as the process tests use it: the jar worker/onnx packaged and its committed tiny models. */
final class OnnxPlugin {
    private static final Path MODULE =
            Path.of("..", "worker", "onnx").toAbsolutePath().normalize();
    static final Path JAR = MODULE.resolve("target/forecast-farm-onnx.jar");
    /** Its median forecast is the mean of the last 16 observed values. */
    static final Path TINY = MODULE.resolve("src/test/resources/forecastfarm/worker/onnx/tiny_chronos_bolt.onnx");
    /** A model of another interface (three quantiles), which the plugin refuses. */
    static final Path THREE_QUANTILES = TINY.resolveSibling("three_quantiles.onnx");

    private OnnxPlugin() {}

    /** Sets the workers' classpath and names the plugin's jar, as scripts/farm does. */
    static void useBuiltJar() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the tests with 'mvn verify' so it is packaged");
        }
        System.setProperty(ModelPlugins.jarProperty("onnx"), JAR.toString());
    }
}

package forecastfarm.launcher.farm;

import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelDeclaration;
import forecastfarm.shared.forecast.ModelSpec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts the jars of the plugins a job's models need ({@code onnx}: worker/onnx's jar, whose manifest pulls ONNX
 * Runtime from its {@code lib/}) on the workers' classpath, and only then: a job without them runs on the plain
 * workers. The launcher never loads a plugin; it only names its jar, found by the system property
 * {@code farm.plugin.NAME.jar} ({@link #jarProperty}), which {@code scripts/farm} sets. The workers' class cache is
 * keyed by their classpath, so a job with a plugin gets an archive of its own.
 */
public final class ModelPlugins {
    private ModelPlugins() {}

    /** @return the system property naming the jar of {@code plugin}: {@code farm.plugin.onnx.jar}. */
    public static String jarProperty(final String plugin) {
        return "farm.plugin." + plugin + ".jar";
    }

    /**
     * Adds to {@code ctx}'s worker classpath the jar of every plugin that {@code models} name.
     *
     * @param models canonical {@code --model} specs, as the job carries them
     * @return {@code ctx}
     * @throws IllegalArgumentException when a plugin's jar is not built (or its property not set), saying how to
     *     build it
     */
    public static FarmContext addJars(final FarmContext ctx, final List<String> models) {
        final List<ModelSpec> specs = models.stream()
                .map(m -> ModelCatalog.MODELS.parse("--model", m))
                .toList();
        for (final ModelDeclaration model : ModelCatalog.MODELS.pluginModels(specs)) {
            ctx.workerClasspath(ctx.workerClasspath() + File.pathSeparator + jar(model));
        }
        return ctx;
    }

    /**
     * Adds to {@code ctx}'s worker classpath the jar of every plugin that is built (its property set and the file
     * there): for a standing farm, whose workers start before any job names a model. An unbuilt plugin is left out;
     * a job naming its model then fails its model check with the worker's message saying how to build it.
     *
     * @return the plugins added
     */
    public static List<String> addBuiltJars(final FarmContext ctx) {
        final Set<String> added = new LinkedHashSet<>();
        for (final ModelDeclaration model : ModelCatalog.MODELS.declarations()) {
            if (model.builtIn() || added.contains(model.plugin())) {
                continue;
            }
            final String configured = System.getProperty(jarProperty(model.plugin()));
            if (configured != null && !configured.isBlank() && Files.isRegularFile(Path.of(configured))) {
                ctx.workerClasspath(ctx.workerClasspath()
                        + File.pathSeparator
                        + Path.of(configured).toAbsolutePath());
                added.add(model.plugin());
            }
        }
        return List.copyOf(added);
    }

    private static Path jar(final ModelDeclaration model) {
        final String property = jarProperty(model.plugin());
        final String configured = System.getProperty(property);
        final String build = "build it with '" + model.pluginBuildCommand() + "' in the project's root";
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("model '" + model.name() + "' needs the " + model.plugin()
                    + " plugin's jar, and the system property " + property + " that names it is not set"
                    + " (scripts/farm sets it to worker/" + model.plugin() + "/target/forecast-farm-"
                    + model.plugin() + ".jar; " + build + ")");
        }
        final Path jar = Path.of(configured).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("model '" + model.name() + "' needs the " + model.plugin()
                    + " plugin, whose jar " + jar + " is not built: " + build);
        }
        return jar;
    }
}

package forecastfarm.launcher.run;

import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The distinct model specs of a run's forecast and cv tasks that name a plugin model (also inside a list, {@code
 * comb:naive+onnx:m.onnx}), as {@link ForecastArgs} parsed them in the first pass: what the workers' classpath and
 * the model check before the first task need. A built-in model needs neither, so only plugin specs are kept: the
 * memory is one entry per distinct plugin spec, however many tasks name it, and the check stays one small task.
 */
final class PluginModelSpecs {
    private final Set<String> specs = new LinkedHashSet<>();

    /** Adds one task's models. */
    void add(final List<ModelSpec> models) {
        for (final ModelSpec model : models) {
            if (!ModelCatalog.MODELS.pluginModels(List.of(model)).isEmpty()) {
                specs.add(model.toString());
            }
        }
    }

    /** @return the canonical specs in the order first named; empty when no task names a plugin model. */
    List<String> specs() {
        return List.copyOf(specs);
    }
}

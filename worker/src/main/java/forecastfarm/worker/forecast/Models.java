package forecastfarm.worker.forecast;

import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Registry of the forecasting models by name. The instances are stateless and shared. The models of this package are
 * named here; those of sub-packages ({@code ets}, {@code arima}) are found with {@link ServiceLoader}, listed in
 * {@code META-INF/services/forecastfarm.worker.forecast.ForecastModel}, in the order of that file. The names, their
 * order and the argument each model takes are declared in the shared {@link ModelCatalog#MODELS} (the launcher
 * checks {@code --model} against it); {@code ModelsTest} checks that this registry holds its built-in models. A plugin
 * model ({@code onnx}) is registered the same way, by its plugin jar's {@code META-INF/services}, only when that jar
 * is on the worker's classpath.
 */
public final class Models {

    private static final Map<String, ForecastModel> MODELS = build();
    private static final List<String> NAMES = List.copyOf(MODELS.keySet());

    private Models() {}

    private static Map<String, ForecastModel> build() {
        List<ForecastModel> models = new ArrayList<>(
                List.of(new Naive(), new SeasonalNaive(), new MeanForecast(), new Drift(), new Naive2(), new Theta()));
        // The models of the sub-packages (ets, then arima) are listed in
        // META-INF/services/forecastfarm.worker.forecast.ForecastModel: they build on this package, so this package
        // finds them rather than naming them (which made a package cycle).
        ServiceLoader.load(ForecastModel.class, Models.class.getClassLoader()).forEach(models::add);
        models.add(new Combination(Models::member));
        models.add(new AutoSelect(Models::member));
        Map<String, ForecastModel> m = new LinkedHashMap<>();
        for (ForecastModel model : models) {
            if (m.putIfAbsent(model.name(), model) != null) {
                throw new IllegalStateException("forecast model '" + model.name() + "' is registered twice");
            }
        }
        return m;
    }

    /**
     * The model registered under {@code name} (exact, case-sensitive).
     *
     * @throws IllegalArgumentException naming the unknown model and listing the known ones, or, for a plugin model
     *     whose plugin is not on the classpath, saying how to build it
     */
    public static ForecastModel byName(String name) {
        ForecastModel model = name == null ? null : MODELS.get(name);
        if (model == null && name != null) {
            ModelCatalog.MODELS.find(name).filter(d -> !d.builtIn()).ifPresent(d -> {
                throw new IllegalArgumentException("model '" + name + "' needs the " + d.plugin()
                        + " plugin, which this worker lacks: build it (" + d.pluginBuildCommand()
                        + " in the project's root); farm forecast and farm cv then put its jar on the workers'"
                        + " classpath");
            });
        }
        if (model == null) {
            throw new IllegalArgumentException(
                    "Unknown forecast model '" + name + "'; known models: " + String.join(", ", NAMES));
        }
        return model;
    }

    /**
     * The model a parsed spec names: the registered one, or, for {@code NAME:ARG}, that model given the argument.
     *
     * @throws IllegalArgumentException for an unknown name or an argument the model does not take
     */
    public static ForecastModel forSpec(ModelSpec spec) {
        ForecastModel model = byName(spec.name());
        return spec.hasArgument() ? model.withArguments(spec.arguments()) : model;
    }

    /**
     * The model a member of a list argument names: {@code ets}, or one with a text argument ({@code onnx:PATH}), as
     * the shared {@code ModelCatalog} checked it; the lookup of {@code comb}, {@code auto} and {@code mstl}.
     *
     * @throws IllegalArgumentException as {@link #forSpec}
     */
    public static ForecastModel member(String text) {
        return text.indexOf(':') < 0 ? byName(text) : forSpec(ModelCatalog.MODELS.parse("model", text));
    }

    /** The registered names in a fixed order. Unmodifiable. */
    public static List<String> names() {
        return NAMES;
    }
}

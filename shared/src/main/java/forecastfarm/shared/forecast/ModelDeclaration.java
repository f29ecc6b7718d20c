package forecastfarm.shared.forecast;

import forecastfarm.shared.forecast.ModelCatalog.Argument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One model's declaration.
 *
 * @param name          the name {@code --model} uses, lower case
 * @param argument      what its argument is
 * @param defaultModels for {@link Argument#MODELS}: what the name alone means; empty when the argument is required
 * @param placeholder   for {@link Argument#TEXT}: the argument's name in usage lines, e.g. {@code PATH} (the
 *                      argument is then required)
 * @param settings      for {@link Argument#MODELS}: the settings its list may hold, in canonical order
 * @param mostModels    for {@link Argument#MODELS}: the most models its list may name (at least 1)
 * @param modelsOfModels for {@link Argument#MODELS}: whether its list may name a model of models ({@code comb})
 * @param aloneSettings for {@link Argument#MODELS}: settings the name written alone means besides its default
 *                      models, where they differ from the settings' defaults ({@link #whenAlone})
 * @param plugin        "" for a model built into the worker; else the plugin that provides it, built as the module
 *                      {@code worker/PLUGIN} into {@code worker/PLUGIN/target/forecast-farm-PLUGIN.jar}, which the
 *                      workers need on their classpath ({@link #fromPlugin})
 * @param batches       whether the worker forecasts many series with it in one call ({@link #inBatches}): a job
 *                      that names it directly (not inside a list) runs its series in batch tasks by default
 */
public record ModelDeclaration(
        String name,
        Argument argument,
        List<String> defaultModels,
        String placeholder,
        List<ModelSetting> settings,
        int mostModels,
        boolean modelsOfModels,
        Map<String, String> aloneSettings,
        String plugin,
        boolean batches) {
    public ModelDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argument, "argument");
        defaultModels = List.copyOf(defaultModels);
        Objects.requireNonNull(placeholder, "placeholder");
        settings = List.copyOf(settings);
        if (!settings.isEmpty() && argument != Argument.MODELS) {
            throw new IllegalArgumentException(name + ": only a model of models takes settings");
        }
        if (settings.stream().map(ModelSetting::key).distinct().count() != settings.size()) {
            throw new IllegalArgumentException(name + " declares a setting twice");
        }
        if (mostModels < 1 || defaultModels.size() > mostModels) {
            throw new IllegalArgumentException(
                    name + ": at most " + mostModels + " models, with " + defaultModels.size() + " by default");
        }
        aloneSettings = Map.copyOf(aloneSettings);
        for (final Map.Entry<String, String> alone : aloneSettings.entrySet()) {
            final ModelSetting setting = settings.stream()
                    .filter(s -> s.key().equals(alone.getKey()))
                    .findFirst()
                    .orElseThrow(() ->
                            new IllegalArgumentException(name + " alone sets an undeclared '" + alone.getKey() + "'"));
            setting.check(alone.getValue());
        }
        Objects.requireNonNull(plugin, "plugin");
    }

    /** A model that takes no argument. */
    public static ModelDeclaration plain(final String name) {
        return new ModelDeclaration(
                name, Argument.NONE, List.of(), "", List.of(), Integer.MAX_VALUE, true, Map.of(), "", false);
    }

    /**
     * A model of other models ({@code name:a+b}); the name alone means {@code defaultModels} (required when that
     * is empty). Its list may also hold {@code settings} ({@code name:a+b+KEY=VALUE}).
     */
    public static ModelDeclaration ofModels(
            final String name, final List<String> defaultModels, final ModelSetting... settings) {
        return new ModelDeclaration(
                name,
                Argument.MODELS,
                defaultModels,
                "MODEL+MODEL...",
                List.of(settings),
                Integer.MAX_VALUE,
                true,
                Map.of(),
                "",
                false);
    }

    /**
     * This model of models taking at most {@code mostModels} models in its list, none of them a model of models
     * ({@code mstl:arima} but neither {@code mstl:ets+arima} nor {@code mstl:comb}).
     */
    public ModelDeclaration atMostPlainModels(final int mostModels) {
        if (argument != Argument.MODELS) {
            throw new IllegalArgumentException(name + ": only a model of models lists models");
        }
        final String written = mostModels == 1 ? "MODEL" : placeholder;
        return new ModelDeclaration(
                name, argument, defaultModels, written, settings, mostModels, false, aloneSettings, plugin, batches);
    }

    /**
     * This model of models with its name alone meaning {@code key=value} as well as its default models, while a
     * written list keeps the setting's declared default ({@code comb} alone is the median of its default members,
     * {@code comb:ets+theta} the mean of those two).
     */
    public ModelDeclaration whenAlone(final String key, final String value) {
        final Map<String, String> alone = new LinkedHashMap<>(aloneSettings);
        alone.put(key, value);
        return new ModelDeclaration(
                name,
                argument,
                defaultModels,
                placeholder,
                settings,
                mostModels,
                modelsOfModels,
                alone,
                plugin,
                batches);
    }

    /** This model as provided by the plugin {@code plugin} ({@code onnx}), not built into the worker. */
    public ModelDeclaration fromPlugin(final String plugin) {
        return new ModelDeclaration(
                name,
                argument,
                defaultModels,
                placeholder,
                settings,
                mostModels,
                modelsOfModels,
                aloneSettings,
                plugin,
                batches);
    }

    /** This model as one the worker forecasts many series with in one call ({@link #batches}). */
    public ModelDeclaration inBatches() {
        return new ModelDeclaration(
                name,
                argument,
                defaultModels,
                placeholder,
                settings,
                mostModels,
                modelsOfModels,
                aloneSettings,
                plugin,
                true);
    }

    /** @return whether the worker has this model without a plugin. */
    public boolean builtIn() {
        return plugin.isEmpty();
    }

    /** @return how to build this model's plugin from the project's root: {@code mvn ... -pl worker/onnx -am}. */
    public String pluginBuildCommand() {
        if (builtIn()) {
            throw new IllegalStateException(name + " is built in");
        }
        return "mvn -q -DskipTests package -pl worker/" + plugin + " -am";
    }

    /**
     * @param spec a parsed spec of this model.
     * @return the models it lists, or this model's default models when it lists none.
     */
    public List<String> modelsIn(final ModelSpec spec) {
        return spec.listedModels().isEmpty() ? defaultModels : spec.listedModels();
    }

    /**
     * @param spec a parsed spec of this model (which keeps only the settings that differ from their defaults).
     * @return the value of setting {@code key} in it: as written, else what the name alone means ({@link #whenAlone})
     *     or the declared default.
     */
    public String valueIn(final ModelSpec spec, final String key) {
        final String written = spec.settings().get(key);
        if (written != null) {
            return written;
        }
        return spec.hasArgument() ? setting(key).orElseThrow().defaultValue() : aloneValue(key);
    }

    /** @return the value of setting {@code key} for the name written alone (see {@link #whenAlone}). */
    public String aloneValue(final String key) {
        final String alone = aloneSettings.get(key);
        return alone != null ? alone : setting(key).orElseThrow().defaultValue();
    }

    /** A model that needs one text argument ({@code name:PLACEHOLDER}). */
    public static ModelDeclaration withText(final String name, final String placeholder) {
        return new ModelDeclaration(
                name, Argument.TEXT, List.of(), placeholder, List.of(), Integer.MAX_VALUE, true, Map.of(), "", false);
    }

    /** @return the setting named {@code key}, if this model takes it. */
    public Optional<ModelSetting> setting(final String key) {
        return settings.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** @return whether the name alone is refused. */
    public boolean argumentRequired() {
        return argument == Argument.TEXT || (argument == Argument.MODELS && defaultModels.isEmpty());
    }

    /**
     * @return how to write it: {@code ets}, {@code comb[:MODEL+MODEL...]}, {@code onnx:PATH},
     *     {@code auto[:MODEL+MODEL...+by=mase|smape+windows=K]}.
     */
    public String usage() {
        if (argument == Argument.NONE) {
            return name;
        }
        final StringBuilder written = new StringBuilder(placeholder);
        settings.forEach(s -> written.append('+').append(s.usage()));
        return argumentRequired() ? name + ":" + written : name + "[:" + written + "]";
    }
}

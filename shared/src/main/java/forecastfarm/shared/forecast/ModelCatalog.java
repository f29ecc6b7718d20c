package forecastfarm.shared.forecast;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The models the workers know and the argument each takes: the one table the launcher checks a {@code --model} list
 * against before any worker starts (the launcher cannot load the worker's classes), and that the worker's registry is
 * tested to match, name for name and in this order.
 *
 * <p>The {@code --model} syntax: a comma-separated list of {@code NAME} or {@code NAME:ARG}; a list argument joins
 * model names with {@code +} ({@code comb:ets+theta+arima}). A model of models may also take settings, written as
 * {@code KEY=VALUE} elements of its list ({@code auto:ets+theta+by=smape+windows=3}); a list of settings only keeps
 * the default models ({@code auto:by=smape}). Model names never contain {@code =}, so an element is a setting exactly
 * when it has one. The canonical text lists the models as written, then the settings that differ from their defaults
 * in declared order ({@code auto:by=mase} is {@code auto}). Spaces around names are ignored; an argument cannot
 * contain {@code ,}. {@link #parseList} refuses, naming the bad part: an empty list, an empty part, a leading or
 * trailing comma, an unknown name (also inside an argument), {@code +} outside an argument, an argument for a model
 * that takes none, a missing or empty argument where one is required, an empty, repeated, self-naming or
 * argument-needing model inside a list, more models than the owner takes or a model of models where it takes plain
 * ones only ({@link Declaration#atMostPlainModels}), an unknown, repeated or badly valued setting, and a spec named
 * twice.
 */
public final class ModelCatalog {

    /** What a model's argument is. */
    public enum Argument {
        /** none: {@code ets} */
        NONE,
        /** models joined by {@code +}: {@code comb:ets+theta} */
        MODELS,
        /** one text, e.g. a path: {@code onnx:/path/model.onnx} */
        TEXT
    }

    /** {@code auto}'s default score, {@code by=mase} (a constant so that the command line's help can say it). */
    public static final String AUTO_BY_DEFAULT = "mase";

    /** {@code auto}'s default number of cross-validation windows, {@code windows=2}. */
    public static final int AUTO_WINDOWS_DEFAULT = 2;

    /** The most windows {@code auto} takes: each refits every member, so more is rarely worth its time. */
    public static final int AUTO_WINDOWS_MAX = 100;

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
    public record Declaration(
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
        public Declaration {
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
                        .orElseThrow(() -> new IllegalArgumentException(
                                name + " alone sets an undeclared '" + alone.getKey() + "'"));
                setting.check(alone.getValue());
            }
            Objects.requireNonNull(plugin, "plugin");
        }

        /** A model that takes no argument. */
        public static Declaration plain(final String name) {
            return new Declaration(
                    name, Argument.NONE, List.of(), "", List.of(), Integer.MAX_VALUE, true, Map.of(), "", false);
        }

        /**
         * A model of other models ({@code name:a+b}); the name alone means {@code defaultModels} (required when that
         * is empty). Its list may also hold {@code settings} ({@code name:a+b+KEY=VALUE}).
         */
        public static Declaration ofModels(
                final String name, final List<String> defaultModels, final ModelSetting... settings) {
            return new Declaration(
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
        public Declaration atMostPlainModels(final int mostModels) {
            if (argument != Argument.MODELS) {
                throw new IllegalArgumentException(name + ": only a model of models lists models");
            }
            final String written = mostModels == 1 ? "MODEL" : placeholder;
            return new Declaration(
                    name,
                    argument,
                    defaultModels,
                    written,
                    settings,
                    mostModels,
                    false,
                    aloneSettings,
                    plugin,
                    batches);
        }

        /**
         * This model of models with its name alone meaning {@code key=value} as well as its default models, while a
         * written list keeps the setting's declared default ({@code comb} alone is the median of its default members,
         * {@code comb:ets+theta} the mean of those two).
         */
        public Declaration whenAlone(final String key, final String value) {
            final Map<String, String> alone = new LinkedHashMap<>(aloneSettings);
            alone.put(key, value);
            return new Declaration(
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
        public Declaration fromPlugin(final String plugin) {
            return new Declaration(
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
        public Declaration inBatches() {
            return new Declaration(
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

        /** @return the value of setting {@code key} for the name written alone (see {@link #whenAlone}). */
        public String aloneValue(final String key) {
            final String alone = aloneSettings.get(key);
            return alone != null ? alone : setting(key).orElseThrow().defaultValue();
        }

        /** A model that needs one text argument ({@code name:PLACEHOLDER}). */
        public static Declaration withText(final String name, final String placeholder) {
            return new Declaration(
                    name,
                    Argument.TEXT,
                    List.of(),
                    placeholder,
                    List.of(),
                    Integer.MAX_VALUE,
                    true,
                    Map.of(),
                    "",
                    false);
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

    /**
     * The models the farm knows: those built into the worker, in its registry's order, then those of plugins (which
     * a worker has only with the plugin's jar on its classpath).
     */
    public static final ModelCatalog MODELS = new ModelCatalog(List.of(
            Declaration.plain("naive"),
            Declaration.plain("snaive"),
            Declaration.plain("mean"),
            Declaration.plain("drift"),
            Declaration.plain("naive2"),
            Declaration.plain("theta"),
            Declaration.plain("ets"),
            Declaration.plain("arima"),
            Declaration.plain("ces"),
            Declaration.plain("dot"),
            // mstl decomposes by every season and forecasts the seasonally adjusted series with the one model listed
            Declaration.ofModels("mstl", List.of("ets")).atMostPlainModels(1),
            // comb alone: the members and statistic chosen by cross-validation on M3's training parts
            // (scripts/bench comb-choice, README "Choosing comb's members"); a written list is their mean by default
            Declaration.ofModels(
                            "comb",
                            List.of("ets", "arima", "ces", "dot"),
                            ModelSetting.oneOf("combine", List.of("mean", "median")))
                    .whenAlone("combine", "median"),
            // auto picks, per series, the member with the best cross-validated score (the worker's AutoSelect)
            Declaration.ofModels(
                    "auto",
                    List.of("ets", "theta", "arima", "comb"),
                    ModelSetting.oneOf("by", List.of(AUTO_BY_DEFAULT, "smape", "rmse", "msis")),
                    ModelSetting.wholeNumber("windows", AUTO_WINDOWS_DEFAULT, 1, AUTO_WINDOWS_MAX)),
            // a pretrained model exported to ONNX (worker/onnx: ONNX Runtime stays out of the worker and launcher)
            Declaration.withText("onnx", "PATH").fromPlugin("onnx").inBatches()));

    private final Map<String, Declaration> byName = new LinkedHashMap<>();
    private final List<String> names;

    /**
     * @throws IllegalArgumentException for a name declared twice or a default model that is not declared before.
     */
    public ModelCatalog(final List<Declaration> declarations) {
        for (final Declaration d : declarations) {
            for (final String model : d.defaultModels()) {
                if (!byName.containsKey(model)) {
                    throw new IllegalArgumentException(d.name() + " defaults to '" + model + "', declared after it");
                }
            }
            if (byName.putIfAbsent(d.name(), d) != null) {
                throw new IllegalArgumentException("model '" + d.name() + "' is declared twice");
            }
        }
        names = List.copyOf(byName.keySet());
    }

    /** The declared names in order. Unmodifiable. */
    public List<String> names() {
        return names;
    }

    /** The names of the models built into the worker, in order. */
    public List<String> builtInNames() {
        return byName.values().stream()
                .filter(Declaration::builtIn)
                .map(Declaration::name)
                .toList();
    }

    /**
     * @return the declarations of the plugin models {@code specs} name, also inside a list argument, in catalog order
     *     and each once.
     */
    public List<Declaration> pluginModels(final List<ModelSpec> specs) {
        final Set<String> named = new HashSet<>();
        for (final ModelSpec spec : specs) {
            named.add(spec.name());
            if (find(spec.name()).map(d -> d.argument() == Argument.MODELS).orElse(false)) {
                spec.listedModels().forEach(member -> named.add(member.split(":", 2)[0]));
            }
        }
        return byName.values().stream()
                .filter(d -> !d.builtIn() && named.contains(d.name()))
                .toList();
    }

    /**
     * @return whether one of {@code specs} itself is a model that forecasts in batches ({@link Declaration#batches}); a
     *     member of a list argument ({@code comb:ets+onnx:m.onnx}) does not count, as its owner forecasts one series
     *     at a time.
     */
    public boolean namesBatchingModel(final List<ModelSpec> specs) {
        return specs.stream()
                .anyMatch(spec -> find(spec.name()).map(Declaration::batches).orElse(false));
    }

    /** @return the usages of the models that take a text argument, comma separated: {@code onnx:PATH}. */
    String textModels() {
        return byName.values().stream()
                .filter(d -> d.argument() == Argument.TEXT)
                .map(Declaration::usage)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Every declaration in order. */
    public List<Declaration> declarations() {
        return List.copyOf(byName.values());
    }

    public Optional<Declaration> find(final String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return the usage of every model, comma separated: {@code naive, ..., comb[:MODEL+MODEL...]}. */
    public String usages() {
        final List<String> usages = new ArrayList<>();
        byName.values().forEach(d -> usages.add(d.usage()));
        return String.join(", ", usages);
    }

    /**
     * Parses a comma-separated list of specs.
     *
     * @param label what the text was given as ({@code --model}); each message reads {@code LABEL 'TEXT': problem}
     * @return the specs in the order written, at least one
     * @throws IllegalArgumentException naming the bad part and what to write instead
     */
    public List<ModelSpec> parseList(final String label, final String text) {
        return new ModelSpecParser(this, label, text).parseList();
    }

    /**
     * Parses exactly one spec (a list element of {@link ForecastRequest#models()}).
     *
     * @throws IllegalArgumentException as {@link #parseList} does, or when the text names more than one model
     */
    public ModelSpec parse(final String label, final String text) {
        return new ModelSpecParser(this, label, text).parseOne();
    }

    /**
     * {@code spec} with {@code settings} (key to value) set, replacing those it has; as the command line's
     * {@code --select-by} rewrites {@code auto}.
     *
     * @param label what the settings were given as; a refusal reads {@code LABEL 'TEXT': problem}
     * @return the canonical spec
     * @throws IllegalArgumentException for a setting the model does not take or a bad value
     */
    public ModelSpec withSettings(final String label, final ModelSpec spec, final Map<String, String> settings) {
        final Map<String, String> merged = new LinkedHashMap<>(spec.settings());
        merged.putAll(settings);
        final List<String> elements = new ArrayList<>(spec.listedModels());
        merged.forEach((key, value) -> elements.add(key + "=" + value));
        return parse(label, elements.isEmpty() ? spec.name() : spec.name() + ":" + String.join("+", elements));
    }
}

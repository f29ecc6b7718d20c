package forecastfarm.shared.forecast;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * the default models ({@code auto:by=smape}). A listed model may take a text argument of its own
 * ({@code comb:ets+onnx:/m/a.onnx}, which cannot hold {@code +}); model names never contain {@code =}, so an element is
 * a setting exactly when it has one before any {@code :}. The canonical text lists the models as written, then the settings that differ from their defaults
 * in declared order ({@code auto:by=mase} is {@code auto}). Spaces around names are ignored; an argument cannot
 * contain {@code ,}. {@link #parseList} refuses, naming the bad part: an empty list, an empty part, a leading or
 * trailing comma, an unknown name (also inside an argument), {@code +} outside an argument, an argument for a model
 * that takes none, a missing or empty argument where one is required, an empty, repeated or self-naming model
 * inside a list, one there without the argument it needs or with a list argument of its own, more models than the owner takes or a model of models where it takes plain
 * ones only ({@link ModelDeclaration#atMostPlainModels}), an unknown, repeated or badly valued setting, and a spec named
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
     * The models the farm knows: those built into the worker, in its registry's order, then those of plugins (which
     * a worker has only with the plugin's jar on its classpath).
     */
    public static final ModelCatalog MODELS = new ModelCatalog(List.of(
            ModelDeclaration.plain("naive"),
            ModelDeclaration.plain("snaive"),
            ModelDeclaration.plain("mean"),
            ModelDeclaration.plain("drift"),
            ModelDeclaration.plain("naive2"),
            ModelDeclaration.plain("theta"),
            ModelDeclaration.plain("ets"),
            ModelDeclaration.plain("arima"),
            ModelDeclaration.plain("ces"),
            ModelDeclaration.plain("dot"),
            // mstl decomposes by every season and forecasts the seasonally adjusted series with the one model listed;
            // a positive series on the log scale (transform=log, chosen by cross-validation: README "Several
            // seasonalities") unless transform=none, which is R's stlf
            ModelDeclaration.ofModels("mstl", List.of("ets"), ModelSetting.oneOf("transform", List.of("log", "none")))
                    .atMostPlainModels(1),
            // comb alone: the members and statistic chosen by cross-validation on M3's training parts
            // (scripts/bench comb-choice, README "Choosing comb's members"); a written list is their mean by default
            ModelDeclaration.ofModels(
                            "comb",
                            List.of("arima", "ces", "dot", "mstl", "drift", "snaive"),
                            ModelSetting.oneOf("combine", List.of("mean", "median")))
                    .whenAlone("combine", "median"),
            // auto picks, per series, the member with the best cross-validated score (the worker's AutoSelect)
            ModelDeclaration.ofModels(
                    "auto",
                    List.of("ets", "theta", "arima", "comb"),
                    ModelSetting.oneOf("by", List.of(AUTO_BY_DEFAULT, "smape", "rmse", "msis")),
                    ModelSetting.wholeNumber("windows", AUTO_WINDOWS_DEFAULT, 1, AUTO_WINDOWS_MAX)),
            // a pretrained model exported to ONNX (worker/onnx: ONNX Runtime stays out of the worker and launcher)
            ModelDeclaration.withText("onnx", "PATH").fromPlugin("onnx").inBatches()));

    private final Map<String, ModelDeclaration> byName = new LinkedHashMap<>();
    private final List<String> names;

    /**
     * @throws IllegalArgumentException for a name declared twice or a default model that is not declared before.
     */
    public ModelCatalog(final List<ModelDeclaration> declarations) {
        for (final ModelDeclaration d : declarations) {
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
                .filter(ModelDeclaration::builtIn)
                .map(ModelDeclaration::name)
                .toList();
    }

    /**
     * @return the declarations of the plugin models {@code specs} name, also inside a list argument, in catalog order
     *     and each once.
     */
    public List<ModelDeclaration> pluginModels(final List<ModelSpec> specs) {
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
     * @return whether one of {@code specs} itself is a model that forecasts in batches ({@link ModelDeclaration#batches}); a
     *     member of a list argument ({@code comb:ets+onnx:m.onnx}) does not count, as its owner forecasts one series
     *     at a time.
     */
    public boolean namesBatchingModel(final List<ModelSpec> specs) {
        return specs.stream()
                .anyMatch(
                        spec -> find(spec.name()).map(ModelDeclaration::batches).orElse(false));
    }

    /** @return the usages of the models that take a text argument, comma separated: {@code onnx:PATH}. */
    String textModels() {
        return byName.values().stream()
                .filter(d -> d.argument() == Argument.TEXT)
                .map(ModelDeclaration::usage)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Every declaration in order. */
    public List<ModelDeclaration> declarations() {
        return List.copyOf(byName.values());
    }

    public Optional<ModelDeclaration> find(final String name) {
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

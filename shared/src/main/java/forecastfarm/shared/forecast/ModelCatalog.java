package forecastfarm.shared.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The models the workers know and the argument each takes: the one table the launcher checks a {@code --model} list
 * against before any worker starts (the launcher cannot load the worker's classes), and that the worker's registry is
 * tested to match, name for name and in this order.
 *
 * <p>The {@code --model} syntax: a comma-separated list of {@code NAME} or {@code NAME:ARG}; a list argument joins
 * model names with {@code +} ({@code comb:ets+theta+arima}). Spaces around names are ignored; an argument cannot
 * contain {@code ,}. {@link #parseList} refuses, naming the bad part: an empty list, an empty part, a leading or
 * trailing comma, an unknown name (also inside an argument), {@code +} outside an argument, an argument for a model
 * that takes none, a missing or empty argument where one is required, an empty, repeated, self-naming or
 * argument-needing model inside a list, and a spec named twice.
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

    /**
     * One model's declaration.
     *
     * @param name          the name {@code --model} uses, lower case
     * @param argument      what its argument is
     * @param defaultModels for {@link Argument#MODELS}: what the name alone means; empty when the argument is required
     * @param placeholder   for {@link Argument#TEXT}: the argument's name in usage lines, e.g. {@code PATH} (the
     *                      argument is then required)
     */
    public record Declaration(String name, Argument argument, List<String> defaultModels, String placeholder) {
        public Declaration {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argument, "argument");
            defaultModels = List.copyOf(defaultModels);
            Objects.requireNonNull(placeholder, "placeholder");
        }

        /** A model that takes no argument. */
        public static Declaration plain(final String name) {
            return new Declaration(name, Argument.NONE, List.of(), "");
        }

        /**
         * A model of other models ({@code name:a+b}); the name alone means {@code defaultModels} (required when that
         * is empty).
         */
        public static Declaration ofModels(final String name, final List<String> defaultModels) {
            return new Declaration(name, Argument.MODELS, defaultModels, "MODEL+MODEL...");
        }

        /** A model that needs one text argument ({@code name:PLACEHOLDER}). */
        public static Declaration withText(final String name, final String placeholder) {
            return new Declaration(name, Argument.TEXT, List.of(), placeholder);
        }

        /** @return whether the name alone is refused. */
        public boolean argumentRequired() {
            return argument == Argument.TEXT || (argument == Argument.MODELS && defaultModels.isEmpty());
        }

        /** @return how to write it: {@code ets}, {@code comb[:MODEL+MODEL...]}, {@code onnx:PATH}. */
        public String usage() {
            if (argument == Argument.NONE) {
                return name;
            }
            return argumentRequired() ? name + ":" + placeholder : name + "[:" + placeholder + "]";
        }
    }

    /** The models built into the worker, in its registry's order. */
    public static final ModelCatalog BUILT_IN = new ModelCatalog(List.of(
            Declaration.plain("naive"),
            Declaration.plain("snaive"),
            Declaration.plain("mean"),
            Declaration.plain("drift"),
            Declaration.plain("naive2"),
            Declaration.plain("theta"),
            Declaration.plain("ets"),
            Declaration.plain("arima"),
            // comb alone is the M3/M4 combination benchmark as this farm has always run it
            Declaration.ofModels("comb", List.of("ets", "theta", "arima"))));

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
}

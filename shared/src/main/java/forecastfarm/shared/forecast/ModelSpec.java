package forecastfarm.shared.forecast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One model as {@code --model} names it: {@code NAME} or {@code NAME:ARG}, where a list argument joins models with
 * {@code +} ({@code comb:ets+theta+arima}) and may hold settings ({@code auto:ets+theta+by=smape}). Immutable; made
 * only by {@link ModelCatalog}'s parser, so every instance was checked against the catalog's declarations.
 * {@link #toString()} is the canonical text (no spaces, the models in the user's order, then the settings that differ
 * from their defaults in declared order), which the wire format ({@link ForecastRequest#models()}) and the
 * {@code model} column of forecasts.csv carry.
 */
public final class ModelSpec {
    private final String name;
    private final List<String> listed;
    private final Map<String, String> settings;
    private final List<String> arguments;
    private final String text;

    /**
     * @param listed   a list argument's models, or a text argument's one text; empty when none was given
     * @param settings the settings that differ from their defaults, in declared order
     */
    ModelSpec(final String name, final List<String> listed, final Map<String, String> settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.listed = List.copyOf(listed);
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        final List<String> all = new ArrayList<>(this.listed);
        this.settings.forEach((key, value) -> all.add(key + "=" + value));
        this.arguments = List.copyOf(all);
        this.text = this.arguments.isEmpty() ? name : name + ":" + String.join("+", this.arguments);
    }

    /**
     * Parses a comma-separated {@code --model} list against {@link ModelCatalog#MODELS}.
     *
     * @param label what the text was given as, e.g. {@code --model}; error messages start with it
     * @throws IllegalArgumentException naming the bad part (see {@link ModelCatalog#parseList})
     */
    public static List<ModelSpec> parseList(final String label, final String text) {
        return ModelCatalog.MODELS.parseList(label, text);
    }

    /**
     * Parses exactly one spec against {@link ModelCatalog#MODELS}, e.g. one element of
     * {@link ForecastRequest#models()}.
     */
    public static ModelSpec parse(final String label, final String text) {
        return ModelCatalog.MODELS.parse(label, text);
    }

    /**
     * @return the canonical texts of {@code specs}, in order.
     */
    public static List<String> texts(final List<ModelSpec> specs) {
        return specs.stream().map(ModelSpec::toString).toList();
    }

    /** The model's registered name, e.g. {@code comb}. */
    public String name() {
        return name;
    }

    /**
     * The argument, as a model's {@code withArguments} takes it: empty when none was given; the models of a list
     * argument in the order written, then its non-default settings as {@code KEY=VALUE}; one element (the text after
     * the first {@code :}) for a text argument.
     */
    public List<String> arguments() {
        return arguments;
    }

    /** A list argument's models as written, without its settings (empty when it lists none); a text argument. */
    public List<String> listedModels() {
        return listed;
    }

    /** The settings that differ from their defaults, key to value, in declared order; unmodifiable. */
    public Map<String, String> settings() {
        return settings;
    }

    public boolean hasArgument() {
        return !arguments.isEmpty();
    }

    /** The canonical text, e.g. {@code comb:ets+theta}. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ModelSpec other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}

package forecastfarm.shared.forecast;

import forecastfarm.shared.forecast.ModelCatalog.Argument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Parses one {@code --model} text against a {@link ModelCatalog}; every message names the bad part. */
final class ModelSpecParser {
    private final ModelCatalog catalog;
    private final String label;
    private final String text;

    ModelSpecParser(final ModelCatalog catalog, final String label, final String text) {
        this.catalog = catalog;
        this.label = Objects.requireNonNull(label, "label");
        this.text = Objects.requireNonNull(text, "text");
    }

    List<ModelSpec> parseList() {
        final String list = text.strip();
        if (list.isEmpty()) {
            throw refused("no model named; known models: " + catalog.usages());
        }
        if (list.startsWith(",")) {
            throw refused("empty part before the first ','");
        }
        if (list.endsWith(",")) {
            throw refused("trailing ','; remove it or name a model after it");
        }
        final String[] parts = list.split(",", -1);
        final List<ModelSpec> specs = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            final String part = parts[i].strip();
            if (part.isEmpty()) {
                throw refused("empty part after '" + parts[i - 1].strip() + ",' (two ',' in a row)");
            }
            final ModelSpec spec = spec(part);
            if (specs.contains(spec)) {
                throw refused("'" + spec + "' is named twice");
            }
            specs.add(spec);
        }
        return List.copyOf(specs);
    }

    ModelSpec parseOne() {
        final List<ModelSpec> specs = parseList();
        if (specs.size() != 1) {
            throw refused("names " + specs.size() + " models; one was expected");
        }
        return specs.get(0);
    }

    private ModelSpec spec(final String part) {
        final int colon = part.indexOf(':');
        final String name = (colon < 0 ? part : part.substring(0, colon)).strip();
        if (name.isEmpty()) {
            throw refused("no model name before ':' in '" + part + "'");
        }
        if (name.contains("+")) {
            throw refused("'+' outside an argument in '" + part + "'; separate models with ',' ("
                    + name.replace('+', ',') + ")" + asArgument(name));
        }
        final ModelDeclaration declaration = catalog.find(name).orElseThrow(() -> refused(unknown(name, "")));
        if (colon < 0) {
            if (declaration.argumentRequired()) {
                throw refused(name + " needs an argument: " + declaration.usage());
            }
            return new ModelSpec(name, List.of(), Map.of());
        }
        if (declaration.argument() == Argument.NONE) {
            throw refused(name + " takes no argument");
        }
        final String argument = part.substring(colon + 1).strip();
        if (argument.isEmpty()) {
            throw refused("empty argument after '" + name + ":'; write "
                    + (declaration.argumentRequired() ? "" : name + " or ") + name + ":" + declaration.placeholder());
        }
        return declaration.argument() == Argument.TEXT
                ? new ModelSpec(name, List.of(argument), Map.of())
                : listSpec(declaration, argument);
    }

    /**
     * A list argument: its models (known, each once, not the owner itself, none needing an argument) and its settings
     * ({@code KEY=VALUE}: declared for the owner, each once, a valid value).
     */
    private ModelSpec listSpec(final ModelDeclaration declaration, final String argument) {
        final String owner = declaration.name();
        final String where = " in the argument of " + owner;
        final List<String> models = new ArrayList<>();
        final Map<String, String> given = new HashMap<>();
        for (final String element : argument.split("\\+", -1)) {
            final String model = element.strip();
            if (model.isEmpty()) {
                throw refused("empty model" + where + " ('" + argument + "')");
            }
            final int colon = model.indexOf(':');
            final int equals = model.indexOf('=');
            if (equals >= 0 && (colon < 0 || equals < colon)) {
                setting(declaration, model, where, given);
                continue;
            }
            final String name = (colon < 0 ? model : model.substring(0, colon)).strip();
            final ModelDeclaration listed = catalog.find(name).orElseThrow(() -> refused(unknown(name, where)));
            if (name.equals(owner)) {
                throw refused(owner + " cannot list itself");
            }
            if (!declaration.modelsOfModels() && listed.argument() == Argument.MODELS) {
                throw refused("'" + name + "'" + where + ": " + owner + " takes a plain model, not a model of models");
            }
            final String member = colon < 0 ? name : member(listed, model, where);
            if (colon < 0 && listed.argumentRequired()) {
                throw refused(name + where + " needs an argument of its own: " + listed.usage());
            }
            if (models.contains(member)) {
                throw refused("'" + member + "' is named twice" + where);
            }
            models.add(member);
        }
        if (models.size() > declaration.mostModels()) {
            throw refused(owner + " takes at most " + declaration.mostModels() + " model"
                    + (declaration.mostModels() == 1 ? "" : "s") + ", got " + models.size() + " ("
                    + String.join("+", models) + "): " + declaration.usage());
        }
        if (models.isEmpty() && declaration.defaultModels().isEmpty()) {
            throw refused(owner + " needs at least one model besides its settings: " + declaration.usage());
        }
        final Map<String, String> settings = new LinkedHashMap<>();
        for (final ModelSetting setting : declaration.settings()) {
            final String value = given.get(setting.key());
            if (value != null && !value.equals(setting.defaultValue())) {
                settings.put(setting.key(), value);
            }
        }
        return new ModelSpec(owner, models, settings);
    }

    /**
     * A listed model with an argument of its own: only a text argument ({@code onnx:PATH}), which holds no {@code +};
     * a model of models cannot be nested in a list, and a model without an argument is refused as outside a list.
     *
     * @return the member's canonical text
     */
    private String member(final ModelDeclaration listed, final String element, final String where) {
        if (listed.argument() == Argument.MODELS) {
            throw refused("'" + element + "'" + where + ": only a model with a text argument (" + catalog.textModels()
                    + ") takes an argument inside a list");
        }
        return spec(element).toString();
    }

    /** Checks one {@code KEY=VALUE} element of {@code declaration}'s list and adds it to {@code given}. */
    private void setting(
            final ModelDeclaration declaration,
            final String element,
            final String where,
            final Map<String, String> given) {
        final int equals = element.indexOf('=');
        final String key = element.substring(0, equals).strip();
        final String value = element.substring(equals + 1).strip();
        if (declaration.settings().isEmpty()) {
            throw refused("'" + element + "'" + where + ": " + declaration.name() + " takes models only, no settings");
        }
        final ModelSetting setting = declaration
                .setting(key)
                .orElseThrow(() -> refused("unknown setting '" + key + "'" + where + "; " + declaration.name()
                        + " takes "
                        + String.join(
                                ", ",
                                declaration.settings().stream()
                                        .map(ModelSetting::usage)
                                        .toList())));
        final String canonical;
        try {
            canonical = setting.check(value);
        } catch (final IllegalArgumentException bad) {
            throw refused("'" + element + "'" + where + ": " + key + " " + bad.getMessage());
        }
        if (given.putIfAbsent(key, canonical) != null) {
            throw refused("'" + key + "' is set twice" + where);
        }
    }

    private String unknown(final String name, final String where) {
        final String lower = name.toLowerCase(Locale.ROOT);
        final String hint = !lower.equals(name) && catalog.find(lower).isPresent() ? " (names are lower case)" : "";
        return "unknown model '" + name + "'" + where + hint + "; known models: " + catalog.usages();
    }

    /** How the '+'-joined names would be written as an argument, when the catalog has a model of models taking them. */
    private String asArgument(final String joined) {
        final int count = joined.split("\\+", -1).length;
        return catalog.declarations().stream()
                .filter(d -> d.argument() == Argument.MODELS && d.mostModels() >= count)
                .findFirst()
                .map(d -> " or give them as an argument (" + d.name() + ":" + joined + ")")
                .orElse("");
    }

    private IllegalArgumentException refused(final String problem) {
        return new IllegalArgumentException(label + " '" + text + "': " + problem);
    }
}

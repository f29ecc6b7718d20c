package forecastfarm.worker.tasks;

import forecastfarm.api.Args;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The arguments of a JSON {@code forecast} task: {@code {"y": [numbers], "horizon": H, "season_length": M or
 * [M1, M2] (default 1), "models": [specs] or "spec,spec" (the --model syntax; default naive, snaive, drift),
 * "levels": [80, 95] (default), "future_ds": [strings] (optional, one per step)}}. Each error names its argument.
 *
 * @param request  the forecast to make, with canonical model specs.
 * @param futureDs the dates of the forecast steps, or null when not given.
 */
public record ForecastArgs(ForecastRequest request, List<String> futureDs) {
    public static final List<String> DEFAULT_MODELS = List.of("naive", "snaive", "drift");
    private static final double[] DEFAULT_LEVELS = {80, 95};

    /**
     * @throws IllegalArgumentException naming the missing or bad argument.
     */
    public static ForecastArgs parse(final Args args) {
        final double[] y = args.doubles("y");
        if (y.length == 0) {
            throw new IllegalArgumentException("argument 'y' is empty: a forecast needs a history");
        }
        final int horizon = args.integer("horizon");
        if (horizon < 1) {
            throw new IllegalArgumentException("argument 'horizon' must be at least 1, got " + horizon);
        }
        final double[] levels = args.has("levels") && args.asMap().get("levels") != null
                ? args.doubles("levels")
                : DEFAULT_LEVELS.clone();
        for (final double level : levels) {
            if (!(level > 0 && level < 100)) {
                throw new IllegalArgumentException(
                        "argument 'levels': " + formatLevel(level) + " is not a percentage between 0 and 100");
            }
        }
        final ForecastRequest request = new ForecastRequest(y, horizon, seasons(args), models(args), levels);
        return new ForecastArgs(request, futureDs(args, horizon));
    }

    /** 80 as "80", 99.5 as "99.5": the suffix of the lo-/hi- fields. */
    static String formatLevel(final double level) {
        return level == Math.rint(level) ? Long.toString((long) level) : Double.toString(level);
    }

    private static double[] seasons(final Args args) {
        final Object value = args.asMap().get("season_length");
        final double[] seasons = value == null
                ? new double[] {1}
                : value instanceof List<?>
                        ? args.doubles("season_length")
                        : new double[] {args.number("season_length")};
        if (seasons.length == 0) {
            throw new IllegalArgumentException("argument 'season_length' is empty: give 1 for no season");
        }
        for (final double season : seasons) {
            if (season < 1) {
                throw new IllegalArgumentException("argument 'season_length': " + season + " is less than 1");
            }
        }
        return seasons;
    }

    private static List<String> models(final Args args) {
        final Object value = args.asMap().get("models");
        if (value == null) {
            return DEFAULT_MODELS;
        }
        final List<String> texts = new ArrayList<>();
        if (value instanceof String list) {
            texts.addAll(ModelSpec.texts(ModelSpec.parseList("argument 'models'", list)));
        } else {
            for (final Object model : args.list("models")) {
                if (!(model instanceof String text)) {
                    throw new IllegalArgumentException("argument 'models' holds " + model + ", not a model spec");
                }
                texts.add(ModelSpec.parse("argument 'models'", text).toString());
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("argument 'models' is empty");
        }
        final Set<String> seen = new LinkedHashSet<>();
        for (final String text : texts) {
            if (!seen.add(text)) {
                throw new IllegalArgumentException("argument 'models' names '" + text + "' twice");
            }
        }
        return List.copyOf(texts);
    }

    private static List<String> futureDs(final Args args, final int horizon) {
        if (args.asMap().get("future_ds") == null) {
            return null;
        }
        final List<?> values = args.list("future_ds");
        if (values.size() != horizon) {
            throw new IllegalArgumentException(
                    "argument 'future_ds' has " + values.size() + " dates for a horizon of " + horizon);
        }
        return dateStrings("future_ds", values);
    }

    /** @return the values of the date-string argument {@code name}, each checked to be a string. */
    static List<String> dateStrings(final String name, final List<?> values) {
        final List<String> ds = new ArrayList<>(values.size());
        for (final Object value : values) {
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException("argument '" + name + "' holds " + value + ", not a date string");
            }
            ds.add(text);
        }
        return List.copyOf(ds);
    }
}

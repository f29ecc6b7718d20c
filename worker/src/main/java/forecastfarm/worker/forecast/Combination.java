package forecastfarm.worker.forecast;

import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelDeclaration;
import forecastfarm.shared.forecast.ModelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The equally weighted mean, or the median, of other models' forecasts, step by step. {@code comb} alone is what the
 * shared {@code ModelCatalog} declares (the median of ets, arima, ces and dot, chosen by cross-validation on M3's
 * training parts), {@code comb:ets+theta} the mean of the models named, and
 * {@code comb:ets+theta+arima+combine=median} takes the median instead of the mean (of an even number of forecasts:
 * the mean of the middle two). The interval bounds are the means (medians) of the components' bounds at each level:
 * for the mean, the exact interval of the mean forecast only if the components' errors were perfectly correlated; for
 * normal intervals the mean's true interval is never wider, so these err wide, as far as the components' own intervals
 * are right (R's forecast gives combinations no intervals; coverage has not been measured here). A component that
 * cannot fit or forecast is left out and named in the note; the combination fails only when every component does.
 */
public final class Combination implements ForecastModel {

    public static final String NAME = "comb";

    /** How the components' forecasts are combined at each step: the catalog's {@code combine} setting. */
    public enum Statistic {
        MEAN,
        MEDIAN;

        static Statistic parse(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }

        /** @param values at least one; reordered in place */
        double of(double[] values) {
            if (this == MEAN) {
                double sum = 0;
                for (double v : values) {
                    sum += v;
                }
                return sum / values.length;
            }
            Arrays.sort(values);
            int mid = values.length / 2;
            return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
        }

        String title() {
            return this == MEAN ? "Mean" : "Median";
        }
    }

    private final String name;
    private final List<String> components;
    private final Statistic statistic;
    private final Function<String, ForecastModel> lookup;

    /**
     * {@code comb} as the catalog declares it: its default members, combined by its default statistic.
     *
     * @param lookup resolves component names at fit time (so a combination can name models registered after it)
     */
    public Combination(Function<String, ForecastModel> lookup) {
        this(ModelCatalog.MODELS.parse("model", NAME), lookup);
    }

    private static ModelDeclaration declaration() {
        return ModelCatalog.MODELS.find(NAME).orElseThrow();
    }

    private Combination(ModelSpec spec, Function<String, ForecastModel> lookup) {
        this(
                spec.toString(),
                declaration().modelsIn(spec),
                Statistic.parse(declaration().valueIn(spec, "combine")),
                lookup);
    }

    /**
     * @param name       the canonical spec it answers to
     * @param components the models combined, at least one
     * @param lookup     resolves component names at fit time
     */
    public Combination(
            String name, List<String> components, Statistic statistic, Function<String, ForecastModel> lookup) {
        this.name = Objects.requireNonNull(name, "name");
        this.components = List.copyOf(components);
        this.statistic = Objects.requireNonNull(statistic, "statistic");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        if (this.components.isEmpty()) {
            throw new IllegalArgumentException("a combination needs at least one component");
        }
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * {@code comb} of the models and settings of {@code arguments} ({@code ets}, {@code theta},
     * {@code combine=median}), as the shared {@code ModelCatalog} parses them; settings alone keep the default members.
     *
     * @throws IllegalArgumentException for an unknown model or setting, or a bad value, naming it
     */
    @Override
    public ForecastModel withArguments(List<String> arguments) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one model to combine");
        }
        return new Combination(ModelCatalog.MODELS.parse("model", NAME + ":" + String.join("+", arguments)), lookup);
    }

    @Override
    public FittedModel fit(double[] y, int seasonLength) {
        Inputs.seasonLength(seasonLength);
        return fit(y, new double[] {seasonLength});
    }

    /** Fits every component with all the seasons (each uses what it can: ets the first, mstl all). */
    @Override
    public FittedModel fit(double[] y, double[] seasons) {
        Objects.requireNonNull(y, "y");
        Inputs.seasons(seasons);
        List<FittedModel> fitted = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String component : components) {
            ForecastModel model;
            try {
                model = lookup.apply(component);
            } catch (IllegalArgumentException unavailable) {
                // an unknown model, a plugin this worker lacks, a model file that cannot be opened
                dropped.add(component + " (" + unavailable.getMessage() + ")");
                continue;
            }
            try {
                fitted.add(model.fit(y, seasons));
            } catch (IllegalArgumentException | NullPointerException callersMistake) {
                throw callersMistake;
            } catch (RuntimeException ex) {
                dropped.add(component + " (" + ex.getMessage() + ")");
            }
        }
        if (fitted.isEmpty()) {
            throw new ModelException("no component of " + name + " could fit: " + String.join("; ", dropped));
        }
        return new Fit(fitted, dropped, statistic);
    }

    /** The components' season notes, each named: "ets uses season 48 of 48,336; theta uses season 48 of 48,336". */
    @Override
    public String seasonNote(double[] seasons) {
        List<String> notes = new ArrayList<>();
        for (String component : components) {
            try {
                String note = lookup.apply(component).seasonNote(seasons);
                if (!note.isEmpty()) {
                    notes.add(component + " " + note);
                }
            } catch (IllegalArgumentException unknown) {
                // the fit names it as not available
            }
        }
        return String.join("; ", notes);
    }

    private static final class Fit implements FittedModel {
        private final List<FittedModel> fitted;
        private final List<String> droppedAtFit;
        private final Statistic statistic;

        Fit(List<FittedModel> fitted, List<String> droppedAtFit, Statistic statistic) {
            this.fitted = List.copyOf(fitted);
            this.droppedAtFit = List.copyOf(droppedAtFit);
            this.statistic = statistic;
        }

        @Override
        public String method() {
            List<String> methods = new ArrayList<>();
            fitted.forEach(f -> methods.add(f.method()));
            return statistic.title() + " of " + String.join(", ", methods);
        }

        @Override
        public Forecast forecast(int horizon, double[] levels) {
            List<Forecast> forecasts = new ArrayList<>();
            List<String> dropped = new ArrayList<>(droppedAtFit);
            List<String> methods = new ArrayList<>();
            for (FittedModel f : fitted) {
                try {
                    forecasts.add(f.forecast(horizon, levels));
                    methods.add(f.method());
                } catch (IllegalArgumentException | NullPointerException callersMistake) {
                    throw callersMistake; // a bad horizon or level is the caller's mistake, not a component's
                } catch (RuntimeException ex) {
                    dropped.add(f.method() + " (" + ex.getMessage() + ")");
                }
            }
            if (forecasts.isEmpty()) {
                throw new ModelException("no component could forecast: " + String.join("; ", dropped));
            }
            double[] mean = combine(forecasts, Forecast::mean);
            double[][] lower = new double[levels.length][];
            double[][] upper = new double[levels.length][];
            List<String> notGiven = new ArrayList<>();
            for (int i = 0; i < levels.length; i++) {
                int level = i;
                String without = withoutLevel(forecasts, methods, level);
                if (without.isEmpty()) {
                    lower[i] = combine(forecasts, f -> f.lower(level));
                    upper[i] = combine(forecasts, f -> f.upper(level));
                } else {
                    // a bound of the others alone would not match the point, which all members make
                    lower[i] = Forecast.notGivenBounds(horizon);
                    upper[i] = Forecast.notGivenBounds(horizon);
                    notGiven.add(Inputs.formatLevel(levels[i]) + "% (" + without + " gives none)");
                }
            }
            List<String> notes = new ArrayList<>();
            if (!notGiven.isEmpty()) {
                notes.add("no interval at " + String.join(", ", notGiven));
            }
            if (!dropped.isEmpty()) {
                notes.add("left out: " + String.join("; ", dropped));
            }
            return new Forecast(
                    statistic.title() + " of " + String.join(", ", methods),
                    String.join("; ", notes),
                    mean,
                    levels,
                    lower,
                    upper);
        }

        /** @return the methods of the members that cannot give level {@code level}, comma separated; "" if none. */
        private static String withoutLevel(List<Forecast> forecasts, List<String> methods, int level) {
            List<String> without = new ArrayList<>();
            for (int k = 0; k < forecasts.size(); k++) {
                if (!forecasts.get(k).givesLevel(level)) {
                    without.add(methods.get(k));
                }
            }
            return String.join(", ", without);
        }

        /** The statistic of the components' values at each step, e.g. of their means or of one level's bounds. */
        private double[] combine(List<Forecast> forecasts, Function<Forecast, double[]> part) {
            double[][] parts = new double[forecasts.size()][];
            for (int k = 0; k < parts.length; k++) {
                parts[k] = part.apply(forecasts.get(k)); // Forecast's accessors copy: once per component
            }
            double[] combined = new double[parts[0].length];
            double[] values = new double[parts.length];
            for (int t = 0; t < combined.length; t++) {
                for (int k = 0; k < values.length; k++) {
                    values[k] = parts[k][t];
                }
                combined[t] = statistic.of(values);
            }
            return combined;
        }
    }
}

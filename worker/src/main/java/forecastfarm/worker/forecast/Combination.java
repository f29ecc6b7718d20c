package forecastfarm.worker.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The equally weighted mean of other models' forecasts. {@code comb} alone combines ets, theta and arima (the M3/M4
 * combination benchmark; the shared {@code ModelCatalog} declares that default), {@code comb:ets+theta} the models
 * named. The interval bounds are the means of the components' bounds at each level: the exact interval of the mean
 * forecast only if the components' errors were perfectly correlated; for normal intervals the mean's true interval is
 * never wider, so these err wide, as far as the components' own intervals are right (R's forecast gives combinations
 * no intervals; coverage has not been measured here). A component that cannot fit or forecast is left out and named
 * in the note; the combination fails only when every component does.
 */
public final class Combination implements ForecastModel {

    private final String name;
    private final List<String> components;
    private final Function<String, ForecastModel> lookup;

    /**
     * @param lookup resolves component names at fit time (so a combination can name models registered after it)
     */
    public Combination(String name, List<String> components, Function<String, ForecastModel> lookup) {
        this.name = Objects.requireNonNull(name, "name");
        this.components = List.copyOf(components);
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        if (this.components.isEmpty()) {
            throw new IllegalArgumentException("a combination needs at least one component");
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The mean of {@code models} instead of this combination's components, named {@code NAME:a+b}. */
    @Override
    public ForecastModel withArguments(List<String> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one model to combine");
        }
        return new Combination(name + ":" + String.join("+", models), models, lookup);
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
            } catch (IllegalArgumentException unknown) {
                dropped.add(component + " (not available)");
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
        return new Fit(fitted, dropped);
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

        Fit(List<FittedModel> fitted, List<String> droppedAtFit) {
            this.fitted = List.copyOf(fitted);
            this.droppedAtFit = List.copyOf(droppedAtFit);
        }

        @Override
        public String method() {
            List<String> methods = new ArrayList<>();
            fitted.forEach(f -> methods.add(f.method()));
            return "Mean of " + String.join(", ", methods);
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
            int k = forecasts.size();
            double[] mean = new double[horizon];
            double[][] lower = new double[levels.length][horizon];
            double[][] upper = new double[levels.length][horizon];
            for (Forecast f : forecasts) {
                for (int t = 0; t < horizon; t++) {
                    mean[t] += f.mean()[t] / k;
                    for (int i = 0; i < levels.length; i++) {
                        lower[i][t] += f.lower(i)[t] / k;
                        upper[i][t] += f.upper(i)[t] / k;
                    }
                }
            }
            String note = dropped.isEmpty() ? "" : "left out: " + String.join("; ", dropped);
            return new Forecast("Mean of " + String.join(", ", methods), note, mean, levels, lower, upper);
        }
    }
}

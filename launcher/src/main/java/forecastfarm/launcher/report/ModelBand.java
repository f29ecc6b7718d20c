package forecastfarm.launcher.report;

import forecastfarm.shared.forecast.ModelForecast;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * One model's forecast of one series, as plotted: the mean and, per interval level, the lower and upper bounds.
 *
 * @param model  the model's name, shown in the legend and the title
 * @param spec   the fitted model ({@code ModelForecast.method}: "ETS(M,N,N)", "ARIMA(0,1,0)"), shown in the legend
 *               after the name; empty when unknown
 * @param mean   point forecasts, one per horizon step
 * @param levels interval levels in percent (e.g. 80, 95); may be empty
 * @param lower  {@code lower[i]} belongs to {@code levels[i]}, same length as {@code mean}
 * @param upper  {@code upper[i]} belongs to {@code levels[i]}, same length as {@code mean}
 */
public record ModelBand(String model, String spec, double[] mean, double[] levels, double[][] lower, double[][] upper) {
    public ModelBand {
        Objects.requireNonNull(model, "model");
        spec = spec == null ? "" : spec.strip();
        Objects.requireNonNull(mean, "mean");
        levels = levels == null ? new double[0] : levels;
        lower = lower == null ? new double[0][] : lower;
        upper = upper == null ? new double[0][] : upper;
        if (lower.length != levels.length || upper.length != levels.length) {
            throw new IllegalArgumentException("model " + model + ": " + levels.length + " levels but " + lower.length
                    + " lower and " + upper.length + " upper bounds");
        }
        for (int i = 0; i < levels.length; i++) {
            if (lower[i] == null
                    || upper[i] == null
                    || lower[i].length != mean.length
                    || upper[i].length != mean.length) {
                throw new IllegalArgumentException("model " + model + ": the bounds of level " + levels[i]
                        + " must have " + mean.length + " values, like the mean");
            }
        }
    }

    /** A model without its fitted spec. */
    public ModelBand(String model, double[] mean, double[] levels, double[][] lower, double[][] upper) {
        this(model, "", mean, levels, lower, upper);
    }

    /**
     * A model's forecast as a worker gave it (one that did not fail), without the levels it could not give (bounds
     * NaN at every step, as a pretrained model's 95%): there is no band to draw for them.
     */
    public static ModelBand of(ModelForecast f) {
        List<Integer> given = IntStream.range(0, f.levels().length)
                .filter(i -> !allNaN(f.lower()[i]) || !allNaN(f.upper()[i]))
                .boxed()
                .toList();
        return new ModelBand(
                f.model(),
                f.method(),
                f.mean(),
                given.stream().mapToDouble(i -> f.levels()[i]).toArray(),
                given.stream().map(i -> f.lower()[i]).toArray(double[][]::new),
                given.stream().map(i -> f.upper()[i]).toArray(double[][]::new));
    }

    private static boolean allNaN(double[] values) {
        return Arrays.stream(values).allMatch(Double::isNaN);
    }

    /** A model with a mean and no intervals. */
    public static ModelBand meanOnly(String model, double[] mean) {
        return new ModelBand(model, mean, new double[0], new double[0][], new double[0][]);
    }

    /** Its legend entry: {@link #label} of its name and spec. */
    public String legend(int maxSpec) {
        return label(model, spec, maxSpec);
    }

    /**
     * How plots and the report name a fitted model: {@code "ets: ETS(M,N,N)"}; the name alone when the spec is empty
     * or says no more than the name ("theta", "Theta"); the spec cut to {@code maxSpec} characters ("…" marks a cut).
     */
    public static String label(String model, String spec, int maxSpec) {
        if (spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase(model)) {
            return model;
        }
        String s = spec.strip();
        return model + ": " + (s.length() <= maxSpec ? s : s.substring(0, maxSpec - 1) + "…");
    }
}

package forecastfarm.launcher.report;

import java.util.Objects;

/**
 * One model's forecast of one series, as plotted: the mean and, per interval level, the lower and upper bounds.
 *
 * @param model  the model's name, shown in the legend and the title
 * @param mean   point forecasts, one per horizon step
 * @param levels interval levels in percent (e.g. 80, 95); may be empty
 * @param lower  {@code lower[i]} belongs to {@code levels[i]}, same length as {@code mean}
 * @param upper  {@code upper[i]} belongs to {@code levels[i]}, same length as {@code mean}
 */
public record ModelBand(String model, double[] mean, double[] levels, double[][] lower, double[][] upper) {
    public ModelBand {
        Objects.requireNonNull(model, "model");
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

    /** A model with a mean and no intervals. */
    public static ModelBand meanOnly(String model, double[] mean) {
        return new ModelBand(model, mean, new double[0], new double[0][], new double[0][]);
    }
}

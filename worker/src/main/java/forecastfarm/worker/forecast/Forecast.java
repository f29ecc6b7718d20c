package forecastfarm.worker.forecast;

import forecastfarm.shared.forecast.ModelForecast;
import java.util.Arrays;
import java.util.Objects;

/**
 * Immutable point forecasts and prediction intervals. {@code lower(i)[step]} and
 * {@code upper(i)[step]} are the bounds for {@code levels()[i]} at {@code step} (0-based, so
 * step 0 is one period ahead). Every accessor returns a fresh copy.
 */
public final class Forecast {

    private final String method;
    private final String note;
    private final double[] mean;
    private final double[] levels;
    private final double[][] lower;
    private final double[][] upper;

    /**
     * @param method readable method description
     * @param note   "" unless something noteworthy happened (e.g. a fallback)
     * @param mean   point forecasts, length = horizon >= 1
     * @param levels interval levels in percent
     * @param lower  lower[i] has the lower bounds for levels[i], each of length horizon
     * @param upper  upper[i] has the upper bounds for levels[i], each of length horizon
     */
    public Forecast(String method, String note, double[] mean, double[] levels, double[][] lower, double[][] upper) {
        this.method = Objects.requireNonNull(method, "method");
        this.note = Objects.requireNonNull(note, "note");
        this.mean = Objects.requireNonNull(mean, "mean").clone();
        this.levels = Objects.requireNonNull(levels, "levels").clone();
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        if (this.mean.length < 1) {
            throw new IllegalArgumentException("Invalid forecast horizon h = 0");
        }
        if (lower.length != this.levels.length || upper.length != this.levels.length) {
            throw new IllegalArgumentException("need one lower and one upper row per level: " + this.levels.length
                    + " levels, " + lower.length + " lower, " + upper.length + " upper");
        }
        this.lower = copyRows(lower, this.mean.length, "lower");
        this.upper = copyRows(upper, this.mean.length, "upper");
    }

    private static double[][] copyRows(double[][] rows, int horizon, String what) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            Objects.requireNonNull(rows[i], what + "[" + i + "]");
            if (rows[i].length != horizon) {
                throw new IllegalArgumentException(
                        what + "[" + i + "] has length " + rows[i].length + ", expected horizon " + horizon);
            }
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    /** Point forecasts, one per step. */
    public double[] mean() {
        return mean.clone();
    }

    /** Interval levels in percent, in the order they were requested. */
    public double[] levels() {
        return levels.clone();
    }

    /** Lower bounds for {@code levels()[levelIndex]}, one per step. */
    public double[] lower(int levelIndex) {
        return lower[checkIndex(levelIndex)].clone();
    }

    /** Upper bounds for {@code levels()[levelIndex]}, one per step. */
    public double[] upper(int levelIndex) {
        return upper[checkIndex(levelIndex)].clone();
    }

    private int checkIndex(int levelIndex) {
        if (levelIndex < 0 || levelIndex >= levels.length) {
            throw new IndexOutOfBoundsException(
                    "level index " + levelIndex + " out of range for " + levels.length + " levels");
        }
        return levelIndex;
    }

    /** Number of steps forecast. */
    public int horizon() {
        return mean.length;
    }

    /** Readable method description, e.g. "Naive method". */
    public String method() {
        return method;
    }

    /** A note, e.g. that a fallback happened; "" otherwise. */
    public String note() {
        return note;
    }

    /**
     * This forecast as a task's result carries it: the forecast of the "forecast" and "cv" kinds, and of the
     * {@code auto} model's windows. A level whose bounds are NaN at every step is one the model cannot give (a
     * pretrained model's quantiles reach 80% at most): it is carried as it is, and written as empty cells.
     *
     * @param model the spec the user asked for, e.g. {@code comb:ets+theta}
     * @param note  the note to carry (this forecast's, or it with more said)
     * @return the forecast, or a failed one when a point is not finite, or a level's bounds are not finite at some
     *     steps while given at others, or infinite
     */
    public ModelForecast toModelForecast(String model, String note) {
        if (!allFinite(mean)) {
            return ModelForecast.failed(model, method + " produced non-finite forecasts");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!givenOrNotGiven(lower[i]) || !givenOrNotGiven(upper[i])) {
                return ModelForecast.failed(
                        model, method + " produced non-finite bounds at some steps of its " + levels[i] + "% interval");
            }
        }
        return new ModelForecast(model, method, note, "", levels(), mean(), copy(lower), copy(upper));
    }

    /**
     * @param level the level's index in {@link #levels()}
     * @return false for a level the model cannot give: its bounds are NaN at every step
     */
    public boolean givesLevel(int level) {
        return !isNotGiven(lower[level]) || !isNotGiven(upper[level]);
    }

    /** @return the bounds of a level a model cannot give: NaN at each of {@code horizon} steps. */
    public static double[] notGivenBounds(int horizon) {
        double[] bounds = new double[horizon];
        Arrays.fill(bounds, Double.NaN);
        return bounds;
    }

    private static boolean isNotGiven(double[] bounds) {
        return Arrays.stream(bounds).allMatch(Double::isNaN);
    }

    /** @return whether {@code bounds} are finite at every step, or NaN at every step (a level not given). */
    private static boolean givenOrNotGiven(double[] bounds) {
        return allFinite(bounds) || isNotGiven(bounds);
    }

    private static boolean allFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    private static double[][] copy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    /** Bit-for-bit equality of all numbers (as {@link Double#equals}) and of method and note. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Forecast)) {
            return false;
        }
        Forecast other = (Forecast) o;
        return method.equals(other.method)
                && note.equals(other.note)
                && Arrays.equals(mean, other.mean)
                && Arrays.equals(levels, other.levels)
                && Arrays.deepEquals(lower, other.lower)
                && Arrays.deepEquals(upper, other.upper);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(method, note);
        h = 31 * h + Arrays.hashCode(mean);
        h = 31 * h + Arrays.hashCode(levels);
        h = 31 * h + Arrays.deepHashCode(lower);
        return 31 * h + Arrays.deepHashCode(upper);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Forecast[method=").append(method);
        if (!note.isEmpty()) {
            sb.append(", note=").append(note);
        }
        sb.append(", mean=").append(Arrays.toString(mean));
        for (int i = 0; i < levels.length; i++) {
            sb.append(", ")
                    .append(levels[i])
                    .append("%=[")
                    .append(Arrays.toString(lower[i]))
                    .append(", ")
                    .append(Arrays.toString(upper[i]))
                    .append(']');
        }
        return sb.append(']').toString();
    }
}

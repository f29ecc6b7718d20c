package forecastfarm.worker.forecast;

import java.util.Objects;

/** Argument checks shared by the models (those in sub-packages too). */
public final class Inputs {

    private Inputs() {}

    /**
     * Checks that {@code y} is non-null, long enough and finite, and returns a private copy.
     *
     * @param model     model name used in messages
     * @param minLength fewest observations the model can fit
     */
    public static double[] series(String model, double[] y, int minLength) {
        Objects.requireNonNull(y, "y");
        double[] copy = y.clone(); // copy first: checks and fit then see one consistent snapshot
        for (int i = 0; i < copy.length; i++) {
            double v = copy[i];
            if (Double.isNaN(v)) {
                throw new ModelException(
                        model + ": y contains NaN at index " + i + " (missing values are not supported)");
            }
            if (Double.isInfinite(v)) {
                throw new ModelException(model + ": y contains an infinite value (" + v + ") at index " + i);
            }
        }
        if (copy.length < minLength) {
            throw new ModelException(model + " needs at least " + minLength + " observations, got " + copy.length);
        }
        return copy;
    }

    public static void seasonLength(int seasonLength) {
        if (seasonLength < 1) {
            throw new IllegalArgumentException("Invalid season length " + seasonLength + " (must be >= 1)");
        }
    }

    /**
     * Checks a task's season lengths and returns a private copy.
     *
     * @throws IllegalArgumentException when there is none, or one is below 1 or not finite
     */
    public static double[] seasons(double[] seasons) {
        Objects.requireNonNull(seasons, "seasons");
        if (seasons.length == 0) {
            throw new IllegalArgumentException("no season length given (1 for none)");
        }
        double[] copy = seasons.clone();
        for (double season : copy) {
            if (!(season >= 1) || Double.isInfinite(season)) {
                throw new IllegalArgumentException("Invalid season length " + season + " (must be finite and >= 1)");
            }
        }
        return copy;
    }

    /** The season a model that takes one integer season uses: the first, rounded (as ForecastRequest does). */
    public static int mainSeason(double[] seasons) {
        return (int) Math.round(seasons(seasons)[0]);
    }

    /** A level as notes write it: {@code 95}, {@code 97.5}. */
    public static String formatLevel(double level) {
        return level == Math.rint(level) ? Long.toString((long) level) : Double.toString(level);
    }

    /** Joins the non-empty notes with "; ". */
    public static String joinNotes(String... notes) {
        StringBuilder joined = new StringBuilder();
        for (String note : notes) {
            if (!note.isEmpty()) {
                joined.append(joined.length() == 0 ? "" : "; ").append(note);
            }
        }
        return joined.toString();
    }

    /** Checks that the forecast horizon is at least one step. */
    public static void horizon(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("Invalid forecast horizon h = " + horizon);
        }
    }

    /** Checks that every level is in the open interval (0, 100) and returns a private copy. */
    public static double[] levels(double[] levels) {
        Objects.requireNonNull(levels, "levels");
        double[] copy = levels.clone();
        for (double level : copy) {
            if (!(level > 0 && level < 100)) {
                throw new IllegalArgumentException("Invalid prediction interval level " + level
                        + " (levels are percentages strictly between 0 and 100)");
            }
        }
        return copy;
    }

    /** True when every value is strictly positive (a multiplicative form or a log needs it). */
    public static boolean allPositive(double[] y) {
        for (double v : y) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }

    /** True when every value equals the first one. */
    public static boolean constant(double[] y) {
        for (double v : y) {
            if (v != y[0]) {
                return false;
            }
        }
        return true;
    }

    /** Throws when a computed forecast value is not finite (it can only happen for data near overflow). */
    public static void finite(String model, double[] values, String what) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new ModelException(model + ": " + what + " overflowed (data too large in magnitude)");
            }
        }
    }
}

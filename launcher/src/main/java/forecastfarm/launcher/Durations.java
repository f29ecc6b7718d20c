package forecastfarm.launcher;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as users write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or plain seconds.
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {}

    /**
     * @throws IllegalArgumentException naming the bad value.
     */
    public static long toMillis(final String text) {
        final Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration '" + text + "': use e.g. 500ms, 30s, 2m or 1h");
        }
        final double value = Double.parseDouble(m.group(1));
        final String unit = m.group(2) == null ? "s" : m.group(2);
        final double ms;
        switch (unit) {
            case "ms":
                ms = value;
                break;
            case "m":
                ms = value * 60_000;
                break;
            case "h":
                ms = value * 3_600_000;
                break;
            default:
                ms = value * 1000;
                break;
        }
        if (ms < 1) {
            throw new IllegalArgumentException("invalid duration '" + text + "': must be at least 1 ms");
        }
        return (long) ms;
    }

    /**
     * @return {@code millis} as {@link #toMillis} reads it back, in the largest unit that holds it whole
     *     ({@code 1800000} gives {@code 30m}, {@code 5000} gives {@code 5s}, {@code 1500} gives {@code 1500ms}).
     * @throws IllegalArgumentException when {@code millis} is less than 1.
     */
    public static String format(final long millis) {
        if (millis < 1) {
            throw new IllegalArgumentException("invalid duration " + millis + " ms: must be at least 1 ms");
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}

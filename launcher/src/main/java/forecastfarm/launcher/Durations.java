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
}

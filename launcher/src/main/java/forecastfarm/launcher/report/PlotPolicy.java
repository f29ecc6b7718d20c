package forecastfarm.launcher.report;

import java.util.Locale;
import java.util.Objects;

/**
 * Which series get a plot: the value of {@code --plots none|failed|all|N}.
 * <ul>
 *   <li>{@code none}: no plots;
 *   <li>{@code failed}: every failed series (its history, with the reason), no forecast plots;
 *   <li>{@code all}: every series, however many;
 *   <li>{@code N} (an integer, 0 = none): the first N series in the report's order, failed ones included.
 * </ul>
 * The default is {@code 200}: enough to look at, bounded for inputs with millions of series.
 * Parsing is case-insensitive and ignores surrounding spaces; {@link #toString()} gives the canonical form.
 */
public final class PlotPolicy {

    /** What a policy selects. */
    public enum Mode {
        NONE,
        FAILED,
        ALL,
        FIRST_N
    }

    /** Number of series the default policy plots. */
    public static final int DEFAULT_LIMIT = 200;

    public static final PlotPolicy NONE = new PlotPolicy(Mode.NONE, 0);
    public static final PlotPolicy FAILED = new PlotPolicy(Mode.FAILED, Integer.MAX_VALUE);
    public static final PlotPolicy ALL = new PlotPolicy(Mode.ALL, Integer.MAX_VALUE);
    public static final PlotPolicy DEFAULT = new PlotPolicy(Mode.FIRST_N, DEFAULT_LIMIT);

    private final Mode mode;
    private final int limit;

    private PlotPolicy(Mode mode, int limit) {
        this.mode = mode;
        this.limit = limit;
    }

    /** The first {@code n} series ({@code n = 0} is {@link #NONE}). */
    public static PlotPolicy firstN(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("plot limit must be >= 0, got " + n);
        }
        return n == 0 ? NONE : new PlotPolicy(Mode.FIRST_N, n);
    }

    /**
     * Parses {@code none}, {@code failed}, {@code all} or a non-negative integer.
     *
     * @throws IllegalArgumentException naming the value and the allowed forms (picocli shows the message)
     */
    public static PlotPolicy parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException(invalid("null"));
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        switch (v) {
            case "none":
                return NONE;
            case "failed":
                return FAILED;
            case "all":
                return ALL;
            default:
                break;
        }
        if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(invalid(value));
        }
        try {
            return firstN(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(invalid(value) + " (the number is too large)");
        }
    }

    private static String invalid(String value) {
        return "invalid --plots value '" + value + "': use none, failed, all or a number of series N >= 0 (default "
                + DEFAULT_LIMIT + ")";
    }

    public Mode mode() {
        return mode;
    }

    /** Most series plotted: 0 for none, {@link Integer#MAX_VALUE} for failed and all. */
    public int limit() {
        return limit;
    }

    /**
     * @param seriesIndex 0-based position of the series in the report's order (all series counted)
     * @param failed      whether the series has no forecast (it is then plotted as history with the reason)
     * @return whether this series gets a plot
     */
    public boolean shouldPlot(int seriesIndex, boolean failed) {
        return switch (mode) {
            case NONE -> false;
            case FAILED -> failed;
            case ALL -> true;
            case FIRST_N -> seriesIndex >= 0 && seriesIndex < limit;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlotPolicy p && p.mode == mode && p.limit == limit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, limit);
    }

    /** The form {@link #parse} reads back: {@code none}, {@code failed}, {@code all} or the number. */
    @Override
    public String toString() {
        return switch (mode) {
            case NONE -> "none";
            case FAILED -> "failed";
            case ALL -> "all";
            case FIRST_N -> Integer.toString(limit);
        };
    }
}

package forecastfarm.launcher.inspect;

import forecastfarm.shared.forecast.ModelForecast;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One model's forecast of one series as a table for {@code farm inspect --id}: a line with the model and what was
 * fitted ({@link ModelForecast#method()}), then one row per step with its date, the point forecast and the interval
 * bounds (the columns of forecasts.csv), every number to {@link #SIGNIFICANT_DIGITS} significant digits.
 */
final class ForecastTable {
    static final int SIGNIFICANT_DIGITS = 6;
    private static final MathContext PRECISION = new MathContext(SIGNIFICANT_DIGITS);

    private ForecastTable() {}

    /**
     * @param ds the steps' dates; fewer than the steps (an index of an earlier version) leaves the rest blank.
     */
    static void print(final PrintStream out, final ModelForecast forecast, final List<String> ds) {
        final String note = forecast.note().isEmpty() ? "" : " [" + forecast.note() + "]";
        if (!forecast.ok()) {
            out.println(forecast.model() + ": failed: " + forecast.error() + note);
            return;
        }
        out.println(forecast.model() + ": " + forecast.method() + note);
        final List<String[]> rows = new ArrayList<>();
        rows.add(header(forecast.levels()));
        for (int step = 0; step < forecast.mean().length; step++) {
            final String[] row = new String[3 + 2 * forecast.levels().length];
            row[0] = Integer.toString(step + 1);
            row[1] = step < ds.size() ? ds.get(step) : "";
            row[2] = format(forecast.mean()[step]);
            for (int k = 0; k < forecast.levels().length; k++) {
                row[3 + 2 * k] = format(forecast.lower()[k][step]);
                row[4 + 2 * k] = format(forecast.upper()[k][step]);
            }
            rows.add(row);
        }
        printAligned(out, rows);
    }

    private static String[] header(final double[] levels) {
        final String[] header = new String[3 + 2 * levels.length];
        header[0] = "step";
        header[1] = "ds";
        header[2] = "forecast";
        for (int k = 0; k < levels.length; k++) {
            final String level =
                    BigDecimal.valueOf(levels[k]).stripTrailingZeros().toPlainString();
            header[3 + 2 * k] = "lo-" + level;
            header[4 + 2 * k] = "hi-" + level;
        }
        return header;
    }

    /**
     * @return the value to {@link #SIGNIFICANT_DIGITS} significant digits, trailing zeros kept so that a column
     *     reads evenly, never an exponent (203.215, 211.250, 0.0000123457, 1234570, 5.00000).
     */
    static String format(final double value) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "Inf" : "-Inf";
        }
        if (value == 0) {
            return "0";
        }
        final BigDecimal rounded = new BigDecimal(value).round(PRECISION);
        final int digitsBeforePoint = rounded.precision() - rounded.scale();
        return rounded.setScale(Math.max(0, SIGNIFICANT_DIGITS - digitsBeforePoint), RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    /** Text columns (step, ds) left-aligned, numbers right-aligned, two spaces apart, indented by two. */
    private static void printAligned(final PrintStream out, final List<String[]> rows) {
        final int[] widths = new int[rows.get(0).length];
        for (final String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (final String[] row : rows) {
            final StringBuilder line = new StringBuilder(" ");
            for (int c = 0; c < row.length; c++) {
                final String pad = " ".repeat(widths[c] - row[c].length());
                line.append(' ').append(c < 2 ? row[c] + pad : pad + row[c]);
                if (c < row.length - 1) {
                    line.append(' ');
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}

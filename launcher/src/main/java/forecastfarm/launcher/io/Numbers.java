package forecastfarm.launcher.io;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Number parsing for input files and formatting for output files. */
final class Numbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INFINITE = Pattern.compile("[+-]?(inf|infinity)", Pattern.CASE_INSENSITIVE);

    private Numbers() {}

    /**
     * Whether an input value cell (already stripped) is a missing value: empty, {@code NA} or {@code NaN}
     * (any case).
     */
    static boolean isMissing(String v) {
        return v.isEmpty() || v.equalsIgnoreCase("NA") || v.equalsIgnoreCase("NaN");
    }

    /**
     * The number an input value cell (already stripped, not {@link #isMissing missing}) holds: a decimal
     * ({@code 12}, {@code -1.5}, {@code 2e3}; no thousands separators, no hex). Returns an infinity for
     * {@code inf}/{@code infinity} (any case, optional sign) and for decimals too large for a double, and
     * NaN when the cell is not a number at all. Callers reject both: input values must be finite.
     */
    static double parseValue(String v) {
        if (DECIMAL.matcher(v).matches()) {
            return Double.parseDouble(v);
        }
        if (INFINITE.matcher(v).matches()) {
            return v.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.NaN;
    }

    /**
     * The shortest decimal that reads back as exactly {@code x} (as {@link Double#toString}), in plain
     * notation for 1e-7 <= |x| < 1e21 (no "1.0E7"), without a trailing ".0" ({@code 2640}, {@code 0.5},
     * {@code 10000000}); exponent notation outside that range ({@code 1E-9}, {@code 1.5E300}). NaN and
     * infinities give "" (an empty cell); -0 gives "0".
     */
    static String format(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return "";
        }
        if (x == 0) {
            return "0";
        }
        String s = Double.toString(x);
        int e = s.indexOf('E');
        if (e < 0) {
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
        double a = Math.abs(x);
        if (a >= 1e-7 && a < 1e21) {
            return new BigDecimal(s).stripTrailingZeros().toPlainString();
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + s.substring(e);
    }
}

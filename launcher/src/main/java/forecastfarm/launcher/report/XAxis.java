package forecastfarm.launcher.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

/**
 * The x positions of a plot's points, from its ds labels: a time axis (dates, months, datetimes; UTC), a number
 * axis (integers), an ordinal axis (other labels, drawn evenly spaced and labelled with the label itself), or a
 * step axis (no labels: 0 = last observation).
 */
final class XAxis {
    enum Kind {
        TIME,
        NUMBER,
        ORDINAL,
        STEPS
    }

    final Kind kind;
    /** {@link Date} for TIME, {@link Double} otherwise. */
    final List<Object> historyX;

    final List<Object> futureX;
    /** Tick label text for NUMBER, ORDINAL and STEPS axes (null for TIME). */
    final Function<Double, String> tickLabels;
    /** The x value of the last observation (ms for TIME), NaN without history. */
    final double originX;
    /**
     * TIME only: the tick label pattern, or null to let XChart choose (spans over two years: it labels years or
     * months well). Shorter spans get the full date, so that no label lacks its year.
     */
    final String datePattern;

    private XAxis(
            Kind kind,
            List<Object> historyX,
            List<Object> futureX,
            Function<Double, String> tickLabels,
            double originX,
            String datePattern) {
        this.kind = kind;
        this.datePattern = datePattern;
        this.historyX = historyX;
        this.futureX = futureX;
        this.tickLabels = tickLabels;
        this.originX = originX;
    }

    /**
     * @param historyDs labels of the plotted history window (length n), or null
     * @param n         points in the plotted history window
     * @param futureDs  labels of the forecast (at least h), or null
     * @param h         forecast steps
     */
    static XAxis of(String[] historyDs, int n, String[] futureDs, int h) {
        if (historyDs != null && (futureDs != null || h == 0)) {
            String[] all = new String[n + h];
            System.arraycopy(historyDs, 0, all, 0, n);
            if (h > 0) {
                System.arraycopy(futureDs, 0, all, n, h);
            }
            XAxis parsed = parsed(all, n, h);
            return parsed != null ? parsed : ordinal(all, n, h);
        }
        if (historyDs != null && n >= 2) {
            // No future labels: continue the history's time or numbers by its median step.
            XAxis past = parsed(historyDs, n, 0);
            if (past != null && past.kind != Kind.ORDINAL) {
                double[] x = values(past.historyX);
                double step = medianStep(x);
                double[] all = Arrays.copyOf(x, n + h);
                for (int i = 0; i < h; i++) {
                    all[n + i] = x[n - 1] + step * (i + 1);
                }
                return build(past.kind, all, n, h, past.tickLabels);
            }
        }
        double[] x = new double[n + h];
        for (int i = 0; i < n + h; i++) {
            x[i] = i - (n - 1);
        }
        return build(Kind.STEPS, x, n, h, XAxis::integerLabel);
    }

    private static XAxis parsed(String[] all, int n, int h) {
        double[] x = new double[all.length];
        boolean time = false;
        boolean number = false;
        for (int i = 0; i < all.length; i++) {
            String s = all[i] == null ? "" : all[i].strip();
            Double v = integer(s);
            if (v != null) {
                number = true;
            } else {
                v = epochMillis(s);
                if (v == null) {
                    return null;
                }
                time = true;
            }
            if ((time && number) || (i > 0 && !(v > x[i - 1]))) {
                return null;
            }
            x[i] = v;
        }
        return time ? build(Kind.TIME, x, n, h, null) : build(Kind.NUMBER, x, n, h, XAxis::integerLabel);
    }

    private static XAxis ordinal(String[] all, int n, int h) {
        double[] x = new double[all.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        String[] labels = all.clone();
        return build(Kind.ORDINAL, x, n, h, v -> {
            long k = Math.round(v);
            boolean at = Math.abs(v - k) < 1e-9 && k >= 0 && k < labels.length && labels[(int) k] != null;
            return at ? labels[(int) k] : "";
        });
    }

    private static XAxis build(Kind kind, double[] x, int n, int h, Function<Double, String> labels) {
        List<Object> past = new ArrayList<>(n);
        List<Object> future = new ArrayList<>(h);
        for (int i = 0; i < n + h; i++) {
            Object v = kind == Kind.TIME ? new Date((long) x[i]) : (Object) x[i];
            (i < n ? past : future).add(v);
        }
        String pattern = null;
        if (kind == Kind.TIME) {
            double spanDays = (x[x.length - 1] - x[0]) / 86_400_000.0;
            pattern = spanDays <= 3 ? "MM-dd HH:mm" : spanDays <= 2 * 365 ? "yyyy-MM-dd" : null;
        }
        return new XAxis(kind, past, future, labels, n > 0 ? x[n - 1] : Double.NaN, pattern);
    }

    private static String integerLabel(Double v) {
        long k = Math.round(v);
        return Math.abs(v - k) < 1e-9 ? Long.toString(k) : "";
    }

    private static Double integer(String s) {
        int start = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        if (s.length() == start || s.length() > 15) {
            return null;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        return (double) Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
    }

    /** yyyy-MM-dd, yyyy-MM, ISO datetimes (T or space, optional seconds, fraction, offset or Z); else null. */
    static Double epochMillis(String s) {
        try {
            if (s.length() == 10) {
                return (double) LocalDate.parse(s).toEpochDay() * 86_400_000L;
            }
            if (s.length() == 7 && s.charAt(4) == '-') {
                return (double) YearMonth.parse(s).atDay(1).toEpochDay() * 86_400_000L;
            }
            if (s.length() >= 16 && (s.charAt(10) == 'T' || s.charAt(10) == ' ')) {
                String t = s.substring(0, 10) + 'T' + s.substring(11);
                Instant at;
                if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                    at = OffsetDateTime.parse(t.endsWith("Z") ? t : t.replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
                            .toInstant();
                } else {
                    at = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
                }
                return (double) at.toEpochMilli();
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        return null;
    }

    private static double[] values(List<Object> xs) {
        double[] v = new double[xs.size()];
        for (int i = 0; i < v.length; i++) {
            Object o = xs.get(i);
            v[i] = o instanceof Date d ? d.getTime() : (Double) o;
        }
        return v;
    }

    private static double medianStep(double[] x) {
        double[] d = new double[x.length - 1];
        for (int i = 1; i < x.length; i++) {
            d[i - 1] = x[i] - x[i - 1];
        }
        Arrays.sort(d);
        return d[(d.length - 1) / 2];
    }
}

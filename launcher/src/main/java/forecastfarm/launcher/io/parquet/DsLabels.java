package forecastfarm.launcher.io.parquet;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The ds labels of a time column, written as the CSV readers read them, so that every input format goes through one
 * time axis: DATE as {@code yyyy-MM-dd}; TIMESTAMP as {@code yyyy-MM-dd} when every value of the series is at
 * midnight (pandas stores dates as timestamps), else {@code yyyy-MM-dd HH:mm:ss} (isAdjustedToUTC false: wall-clock
 * time) or {@code yyyy-MM-ddTHH:mm:ssZ} (isAdjustedToUTC true: an instant, in UTC); integers as written; strings as
 * they are. Collects one series' values (or a wide file's whole time column), kept as numbers until asked for labels.
 */
final class DsLabels {
    enum Kind {
        DATE,
        INSTANT,
        LOCAL,
        INTEGER,
        STRING
    }

    private static final DateTimeFormatter LOCAL_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter INSTANT_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    private final Kind kind;
    /** Nanoseconds per unit of a TIMESTAMP column; 0 for other kinds. */
    private final long nanosPerUnit;

    private long[] raw = new long[256];
    private final List<String> strings = new ArrayList<>();
    private int n;

    DsLabels(Kind kind, PrimitiveType column) {
        this.kind = kind;
        this.nanosPerUnit = column.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation ts
                ? switch (ts.getUnit()) {
                    case MILLIS -> 1_000_000L;
                    case MICROS -> 1_000L;
                    case NANOS -> 1L;
                }
                : 0;
    }

    Kind kind() {
        return kind;
    }

    void clear() {
        n = 0;
        strings.clear();
    }

    int size() {
        return n;
    }

    /** Adds the cursor's current value; a null becomes an empty label (refused later by the time axis). */
    void add(ColumnCursor c) {
        if (kind == Kind.STRING || c.isNull()) {
            strings.add(c.isNull() ? "" : c.stringValue());
            if (kind != Kind.STRING) {
                ensure();
                raw[n] = Long.MIN_VALUE;
            }
        } else {
            ensure();
            raw[n] = c.longValue();
            strings.add(null);
        }
        n++;
    }

    private void ensure() {
        if (n == raw.length) {
            raw = Arrays.copyOf(raw, n * 2);
        }
    }

    /** The labels of the values added, oldest first. */
    List<String> labels() {
        if (kind == Kind.STRING) {
            return new ArrayList<>(strings);
        }
        boolean dates = kind == Kind.DATE || allMidnight();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(raw[i] == Long.MIN_VALUE ? "" : label(raw[i], dates));
        }
        return out;
    }

    private String label(long v, boolean dates) {
        return switch (kind) {
            case DATE -> LocalDate.ofEpochDay(v).toString();
            case INTEGER -> Long.toString(v);
            default -> {
                LocalDateTime t = dateTime(v);
                yield dates
                        ? t.toLocalDate().toString()
                        : t.format(kind == Kind.INSTANT ? INSTANT_FORMAT : LOCAL_FORMAT);
            }
        };
    }

    private boolean allMidnight() {
        if (nanosPerUnit == 0) {
            return false;
        }
        long nanosPerDay = 86_400_000_000_000L;
        for (int i = 0; i < n; i++) {
            if (raw[i] != Long.MIN_VALUE && Math.floorMod(raw[i], nanosPerDay / nanosPerUnit) != 0) {
                return false;
            }
        }
        return true;
    }

    private LocalDateTime dateTime(long v) {
        long unitsPerSecond = 1_000_000_000L / nanosPerUnit;
        long seconds = Math.floorDiv(v, unitsPerSecond);
        int nanos = (int) (Math.floorMod(v, unitsPerSecond) * nanosPerUnit);
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }
}

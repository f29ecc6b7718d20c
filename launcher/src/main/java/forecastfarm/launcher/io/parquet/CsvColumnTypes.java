package forecastfarm.launcher.io.parquet;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The Parquet type of each column of a forecasts CSV, decided by its name and, for {@code ds} and the columns not
 * known by name, by every cell of the column (one pass over the file, counting as it goes). Known names:
 * {@code unique_id}, {@code model}, {@code model_spec} are strings, {@code step} is INT64. {@code ds} is a DATE when
 * every label is {@code yyyy-MM-dd}, a TIMESTAMP (micros) when every label is a date-time, adjusted to UTC when every
 * one has {@code Z} or an offset, a wall-clock one when none has, INT64 when every label is an integer, else a string.
 * Any other column is DOUBLE when every non-empty cell is a number (the forecast and the interval columns, whatever
 * shape the CSV has), else a string. Every column is optional: an empty cell is a null.
 */
final class CsvColumnTypes {
    enum Kind {
        STRING,
        INT64,
        DOUBLE,
        DATE,
        INSTANT,
        LOCAL
    }

    private static final Set<String> STRINGS = Set.of("unique_id", "model", "model_spec");

    private final List<String> names;
    private final Kind[] kinds;
    /** Per column, the candidate kinds still open (bit per Kind ordinal). */
    private final int[] open;

    CsvColumnTypes(List<String> names) {
        this.names = List.copyOf(names);
        this.kinds = new Kind[names.size()];
        this.open = new int[names.size()];
        for (int i = 0; i < open.length; i++) {
            String name = names.get(i);
            open[i] = STRINGS.contains(name)
                    ? bit(Kind.STRING)
                    : name.equals("step")
                            ? bit(Kind.INT64)
                            : name.equals("ds")
                                    ? bit(Kind.DATE) | bit(Kind.INSTANT) | bit(Kind.LOCAL) | bit(Kind.INT64)
                                    : bit(Kind.DOUBLE);
        }
    }

    private static int bit(Kind k) {
        return 1 << k.ordinal();
    }

    List<String> names() {
        return names;
    }

    /** Narrows the candidates with one row's cells. */
    void see(List<String> cells) {
        for (int i = 0; i < open.length && i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell.isEmpty() || open[i] == 0) {
                continue;
            }
            for (Kind k : Kind.values()) {
                if ((open[i] & bit(k)) != 0 && k != Kind.STRING && convert(k, cell) == null) {
                    open[i] &= ~bit(k);
                }
            }
        }
    }

    /** The kinds, once every row has been seen. */
    Kind[] kinds() {
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = Kind.STRING;
            for (Kind k : new Kind[] {Kind.INT64, Kind.DATE, Kind.INSTANT, Kind.LOCAL, Kind.DOUBLE}) {
                if ((open[i] & bit(k)) != 0) {
                    kinds[i] = k;
                    break;
                }
            }
        }
        return kinds.clone();
    }

    MessageType schema() {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (int i = 0; i < kinds.length; i++) {
            String name = names.get(i);
            switch (kinds[i]) {
                case STRING ->
                    b.optional(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(name);
                case INT64 -> b.optional(PrimitiveTypeName.INT64).named(name);
                case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(name);
                case DATE ->
                    b.optional(PrimitiveTypeName.INT32)
                            .as(LogicalTypeAnnotation.dateType())
                            .named(name);
                case INSTANT ->
                    b.optional(PrimitiveTypeName.INT64)
                            .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS))
                            .named(name);
                case LOCAL ->
                    b.optional(PrimitiveTypeName.INT64)
                            .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS))
                            .named(name);
            }
        }
        return b.named("forecasts");
    }

    /** A cell as the value the kind's column stores, or null when it is not of that kind. */
    static Object convert(Kind kind, String cell) {
        try {
            return switch (kind) {
                case STRING -> cell;
                case INT64 -> Long.parseLong(cell);
                case DOUBLE -> Double.parseDouble(cell);
                case DATE -> cell.length() == 10 ? (int) LocalDate.parse(cell).toEpochDay() : null;
                case INSTANT -> hasOffset(cell) ? instantMicros(OffsetDateTime.parse(iso(cell))) : null;
                case LOCAL ->
                    cell.length() > 10 && !hasOffset(cell)
                            ? micros(LocalDateTime.parse(iso(cell)), ZoneOffset.UTC)
                            : null;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    private static boolean hasOffset(String cell) {
        return cell.length() > 16 && (cell.endsWith("Z") || cell.lastIndexOf('+') > 15 || cell.lastIndexOf('-') > 15);
    }

    private static String iso(String cell) {
        return cell.length() > 10 && cell.charAt(10) == ' ' ? cell.substring(0, 10) + 'T' + cell.substring(11) : cell;
    }

    private static long instantMicros(OffsetDateTime t) {
        return micros(t.toLocalDateTime(), t.getOffset());
    }

    private static long micros(LocalDateTime t, ZoneOffset offset) {
        return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t.minusSeconds(offset.getTotalSeconds()));
    }
}

package forecastfarm.launcher.io.parquet;

import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.RecentDs;
import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.SeriesReader;
import forecastfarm.launcher.io.TimeAxis;
import forecastfarm.launcher.io.TimeSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

/**
 * Reads a wide Parquet file (a time column, then one numeric column per series, its name the series id: what
 * {@code DataFrame.to_parquet} writes for a frame indexed by time), as {@code WideCsvReader} reads a wide CSV: each
 * column's leading and trailing nulls are trimmed, a null (or NaN) between two values skips that series, the time
 * column must be valid for every series (else a whole-file error). The time column is {@code timeCol} when given and
 * present, else the first DATE or TIMESTAMP column (pandas writes the index last), else the first column. The whole
 * file is read before the first series is handed over (8 bytes a cell); problems name rows (1-based).
 */
public final class ParquetWideReader implements SeriesReader {
    private final String timeCol;
    private final TimeSettings timeSettings;
    private final RecentDs kept;

    /** As {@link forecastfarm.launcher.io.WideCsvReader}'s: the time column, how ds are read and how many are kept. */
    public ParquetWideReader(String timeCol, TimeSettings timeSettings, RecentDs kept) {
        this.timeCol = timeCol == null || timeCol.isBlank() ? null : timeCol.strip();
        this.timeSettings = java.util.Objects.requireNonNull(timeSettings, "timeSettings");
        this.kept = java.util.Objects.requireNonNull(kept, "kept");
    }

    /** The time column of a wide file with these columns. */
    static String timeColumn(ParquetTable table, String timeCol) {
        List<String> names = table.columnNames();
        if (timeCol != null && names.contains(timeCol)) {
            return timeCol;
        }
        for (String name : names) {
            Type t = table.field(name);
            if (t.isPrimitive()) {
                LogicalTypeAnnotation logical = t.asPrimitiveType().getLogicalTypeAnnotation();
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
                    return name;
                }
            }
        }
        return names.get(0);
    }

    @Override
    public void read(Path file, Consumer<Series> onSeries, Consumer<InputProblem> onProblem) {
        try (ParquetTable table = ParquetTable.open(file)) {
            String time = timeColumn(table, timeCol);
            List<String> ids =
                    table.columnNames().stream().filter(c -> !c.equals(time)).toList();
            if (ids.isEmpty()) {
                throw new InputException(
                        file,
                        "input " + file + " has only one column ('" + time + "'); a wide file has a time column and"
                                + " one column per series (or use --format long with --id-col)");
            }
            Type timeType = table.field(time);
            DsLabels ds = new DsLabels(ParquetTypes.timeKind(file, timeType), timeType.asPrimitiveType());
            for (String id : ids) {
                ParquetTypes.valueColumn(file, table.field(id), "series " + id);
            }
            long rowCount = table.rowCount();
            if (rowCount == 0) {
                throw new InputException(file, "input " + file + " has no rows");
            }
            if (rowCount > Integer.MAX_VALUE) {
                throw new InputException(
                        file, "input " + file + " has " + rowCount + " rows; a wide file can have at most 2^31");
            }
            double[][] values = new double[ids.size()][(int) rowCount];
            int row = 0;
            while (table.nextRowGroup()) {
                ColumnCursor times = table.cursor(time);
                ColumnCursor[] cols = ids.stream().map(table::cursor).toArray(ColumnCursor[]::new);
                for (long i = 0, rows = table.rowGroupRows(); i < rows; i++, row++) {
                    ds.add(times);
                    times.next();
                    for (int k = 0; k < cols.length; k++) {
                        values[k][row] = cols[k].isNull() ? Double.NaN : cols[k].doubleValue();
                        cols[k].next();
                    }
                }
            }
            List<String> labels = ds.labels();
            validate(file, time, labels, timeSettings);
            for (int k = 0; k < ids.size(); k++) {
                emit(ids.get(k), values[k], labels, timeSettings, kept, onSeries, onProblem);
                values[k] = null;
            }
        }
    }

    private static void validate(Path file, String time, List<String> labels, TimeSettings timeSettings) {
        try {
            TimeAxis.of(labels, "time column '" + time + "'", timeSettings, null);
        } catch (InputException e) {
            int i = e.offendingIndex();
            throw new InputException(
                    file,
                    "input " + file + (i >= 0 ? " row " + (i + 1) : "") + ", " + e.getMessage()
                            + " (the times of a wide file must be strictly increasing, one row per time)",
                    e);
        }
    }

    private static void emit(
            String id,
            double[] col,
            List<String> labels,
            TimeSettings timeSettings,
            RecentDs kept,
            Consumer<Series> onSeries,
            Consumer<InputProblem> onProblem) {
        int from = 0;
        while (from < col.length && Double.isNaN(col[from])) {
            from++;
        }
        if (from == col.length) {
            onProblem.accept(new InputProblem(id, 0, "series " + id + " (column '" + id + "') has no values"));
            return;
        }
        int to = col.length - 1;
        while (Double.isNaN(col[to])) {
            to--;
        }
        int missing = 0;
        int infinite = 0;
        int firstBad = -1;
        for (int t = from; t <= to; t++) {
            if (Double.isNaN(col[t])) {
                missing++;
            } else if (Double.isInfinite(col[t])) {
                infinite++;
            } else {
                continue;
            }
            if (firstBad < 0) {
                firstBad = t;
            }
        }
        if (missing + infinite > 0) {
            onProblem.accept(new InputProblem(
                    id,
                    firstBad + 1,
                    "series " + id + " has " + missing + (missing == 1 ? " missing value" : " missing values")
                            + (infinite > 0 ? " and " + infinite + " infinite" : "") + " between its first and last"
                            + " value (first at row " + (firstBad + 1) + ")"));
            return;
        }
        List<String> range = labels.subList(from, to + 1);
        onSeries.accept(Series.of(
                id,
                Arrays.copyOfRange(col, from, to + 1),
                TimeAxis.of(range, id, timeSettings, null),
                from + 1,
                range,
                id,
                kept));
    }
}

package forecastfarm.launcher.io.parquet;

import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.RecentDs;
import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.SeriesReader;
import forecastfarm.launcher.io.TimeAxis;
import forecastfarm.launcher.io.TimeSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Streams a long Parquet file (one row per series and time) and hands over one {@link Series} at a time, as
 * {@code LongCsvReader} does for a CSV: rows of one series contiguous and sorted by time, only the current series
 * in memory (plus one row group's pages). Times become ds labels as {@link DsLabels} says; a null or NaN value is a
 * missing value and skips its series, as an empty CSV cell does. Problems name the row (1-based, over the whole
 * file) instead of a line.
 */
public final class ParquetLongReader implements SeriesReader {
    private final String idCol;
    private final String timeCol;
    private final String valueCol;
    private final TimeSettings time;
    private final RecentDs kept;

    /** As {@link forecastfarm.launcher.io.LongCsvReader}'s: the columns, how ds are read and how many are kept. */
    public ParquetLongReader(String idCol, String timeCol, String valueCol, TimeSettings time, RecentDs kept) {
        this.idCol = Objects.requireNonNull(idCol, "idCol");
        this.timeCol = Objects.requireNonNull(timeCol, "timeCol");
        this.valueCol = Objects.requireNonNull(valueCol, "valueCol");
        this.time = Objects.requireNonNull(time, "time");
        this.kept = Objects.requireNonNull(kept, "kept");
    }

    @Override
    public void read(Path file, Consumer<Series> onSeries, Consumer<InputProblem> onProblem) {
        try (ParquetTable table = ParquetTable.open(file)) {
            new Pass(table, onSeries, onProblem).run();
        }
    }

    /** State of one read. */
    private final class Pass {
        private final ParquetTable table;
        private final Path file;
        private final Consumer<Series> onSeries;
        private final Consumer<InputProblem> onProblem;
        private final Set<String> seen = new HashSet<>();
        private DsLabels ds;
        private boolean intIds;

        private String id;
        private long firstRow;
        private boolean skipping;
        private double[] values = new double[256];
        private int n;
        private long missingRow;
        private int missing;
        private long infiniteRow;
        private int infinite;

        Pass(ParquetTable table, Consumer<Series> onSeries, Consumer<InputProblem> onProblem) {
            this.table = table;
            this.file = table.file();
            this.onSeries = onSeries;
            this.onProblem = onProblem;
        }

        void run() {
            checkColumns();
            if (table.rowCount() == 0) {
                throw new InputException(file, "input " + file + " has no rows");
            }
            long row = 0;
            while (table.nextRowGroup()) {
                ColumnCursor ids = table.cursor(idCol);
                ColumnCursor times = table.cursor(timeCol);
                ColumnCursor ys = table.cursor(valueCol);
                for (long i = 0, rows = table.rowGroupRows(); i < rows; i++) {
                    row(++row, ids, times, ys);
                    ids.next();
                    times.next();
                    ys.next();
                }
            }
            if (id != null) {
                flush();
            }
        }

        private void checkColumns() {
            List<String> names = table.columnNames();
            List<String> missingCols = new ArrayList<>();
            List<String> options = new ArrayList<>();
            List<String> roles = new ArrayList<>();
            addIfMissing(names, idCol, "--id-col", "series id", missingCols, options, roles);
            addIfMissing(names, timeCol, "--time-col", "time", missingCols, options, roles);
            addIfMissing(names, valueCol, "--value-col", "value", missingCols, options, roles);
            if (!missingCols.isEmpty()) {
                boolean one = missingCols.size() == 1;
                throw new InputException(
                        file,
                        "input " + file + " has no column" + (one ? " " : "s ") + String.join(", ", missingCols)
                                + "; its columns are: " + String.join(", ", names) + ". Use "
                                + String.join(", ", options) + " to name the " + String.join(", ", roles)
                                + (one ? " column" : " columns"));
            }
            Type idType = table.field(idCol);
            ParquetTypes.idColumn(file, idType);
            intIds = idType.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY;
            Type timeType = table.field(timeCol);
            ds = new DsLabels(ParquetTypes.timeKind(file, timeType), timeType.asPrimitiveType());
            ParquetTypes.valueColumn(file, table.field(valueCol), "value");
        }

        private void addIfMissing(
                List<String> names,
                String col,
                String option,
                String role,
                List<String> missingCols,
                List<String> options,
                List<String> roles) {
            if (!names.contains(col)) {
                missingCols.add("'" + col + "'");
                options.add(option);
                roles.add(role);
            }
        }

        private void row(long row, ColumnCursor ids, ColumnCursor times, ColumnCursor ys) {
            String rowId = ids.isNull() ? "" : intIds ? Long.toString(ids.longValue()) : ids.stringValue();
            if (id == null || !rowId.equals(id)) {
                if (id != null) {
                    flush();
                }
                start(rowId, row);
            }
            if (skipping) {
                return;
            }
            double y = ys.isNull() ? Double.NaN : ys.doubleValue();
            if (Double.isNaN(y) && missing++ == 0) {
                missingRow = row;
            } else if (Double.isInfinite(y) && infinite++ == 0) {
                infiniteRow = row;
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = y;
            ds.add(times);
        }

        private void start(String rowId, long row) {
            id = rowId;
            firstRow = row;
            n = 0;
            ds.clear();
            missing = 0;
            infinite = 0;
            skipping = rowId.isBlank();
            if (skipping) {
                onProblem.accept(new InputProblem(
                        null, row, "row " + row + ": the series id column '" + idCol + "' is empty or null"));
            } else if (!seen.add(rowId)) {
                skipping = true;
                onProblem.accept(new InputProblem(
                        rowId,
                        row,
                        "series " + rowId + " appears again at row " + row
                                + " after other series; group rows by series"));
            }
        }

        private void flush() {
            if (skipping) {
                return;
            }
            boolean ok = true;
            if (infinite > 0) {
                ok = false;
                problem(
                        infiniteRow,
                        "series " + id + " row " + infiniteRow + ": value is not a finite number"
                                + (infinite > 1 ? " (and " + (infinite - 1) + " more in this series)" : ""));
            }
            if (missing > 0) {
                ok = false;
                problem(
                        missingRow,
                        "series " + id + " has " + missing
                                + (missing == 1 ? " missing value" : " missing values") + " (first at row " + missingRow
                                + ")");
            }
            List<String> labels = ds.labels();
            TimeAxis axis;
            try {
                axis = TimeAxis.of(labels, id, time, null);
            } catch (InputException e) {
                int i = e.offendingIndex();
                long row = i >= 0 && i < n ? firstRow + i : firstRow;
                problem(row, e.getMessage() + " (row " + row + ")");
                return;
            }
            if (ok) {
                onSeries.accept(Series.of(id, Arrays.copyOf(values, n), axis, firstRow, labels, valueCol, kept));
            }
        }

        private void problem(long row, String message) {
            onProblem.accept(new InputProblem(id, row, message));
        }
    }
}

package forecastfarm.launcher.io;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streams a long CSV (one row per series and time, with a header; UTF-8, an optional BOM, comma
 * separated, RFC 4180 quoting; gzip-compressed when the name ends in {@code .gz}) and hands over one {@link Series} at a time. Only the rows of the current
 * series are held in memory, plus a compact set of the ids already seen.
 *
 * <p>Rows of one series must be contiguous and sorted by ds. Whole-file problems throw
 * {@link InputException}; problems of one series are passed to {@code onProblem} and that series is
 * skipped while the others go on. Columns other than the three named ones are ignored (but every row must
 * have as many fields as the header). Values are decimal numbers ({@code 12}, {@code -1.5}, {@code 2e3});
 * empty, {@code NA} and {@code NaN} (any case) count as missing; a series with missing values is skipped
 * (never interpolated). Lines whose fields are all blank are ignored.
 */
public final class LongCsvReader implements SeriesReader {

    public static final String DEFAULT_ID_COL = "unique_id";
    public static final String DEFAULT_TIME_COL = "ds";
    public static final String DEFAULT_VALUE_COL = "y";

    private final String idCol;
    private final String timeCol;
    private final String valueCol;
    private final TimeSettings time;
    private final RecentDs kept;

    /** Columns {@code unique_id}, {@code ds}, {@code y}. */
    public LongCsvReader() {
        this(DEFAULT_ID_COL, DEFAULT_TIME_COL, DEFAULT_VALUE_COL);
    }

    public LongCsvReader(String idCol, String timeCol, String valueCol) {
        this(idCol, timeCol, valueCol, TimeSettings.DEFAULT, RecentDs.DEFAULT);
    }

    /**
     * {@code time}: the zone of naive date-times, and whether integers are epoch seconds; {@code kept}: how many of
     * each series' last ds labels to keep ({@link RecentDs}).
     */
    public LongCsvReader(String idCol, String timeCol, String valueCol, TimeSettings time, RecentDs kept) {
        this.time = Objects.requireNonNull(time, "time");
        this.kept = Objects.requireNonNull(kept, "kept");
        this.idCol = Objects.requireNonNull(idCol, "idCol").strip();
        this.timeCol = Objects.requireNonNull(timeCol, "timeCol").strip();
        this.valueCol = Objects.requireNonNull(valueCol, "valueCol").strip();
    }

    public String idCol() {
        return idCol;
    }

    public String timeCol() {
        return timeCol;
    }

    public String valueCol() {
        return valueCol;
    }

    /**
     * Reads the file, calling {@code onSeries} for each valid series and {@code onProblem} for each problem
     * (in file order). Exceptions thrown by the callbacks propagate unchanged.
     *
     * @throws InputException when the file is missing, unreadable, empty, has no data rows, lacks a named
     *                        column, or is not valid CSV
     */
    @Override
    public void read(Path csv, Consumer<Series> onSeries, Consumer<InputProblem> onProblem) {
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(onSeries, "onSeries");
        Objects.requireNonNull(onProblem, "onProblem");
        try (CsvRows rows = CsvRows.open(csv)) {
            new Pass(csv, rows, onSeries, onProblem).run();
        }
    }

    /** State of one read. */
    private final class Pass {
        private final Path csv;
        private final CsvRows rows;
        private final Consumer<Series> onSeries;
        private final Consumer<InputProblem> onProblem;
        private final IdSet seen = new IdSet();

        private int fieldCount;
        private int idIdx;
        private int timeIdx;
        private int valueIdx;

        // the current group of rows (one series)
        private String id; // null before the first data row
        private long firstLine;
        private boolean skipping; // the id reappeared: drop its rows
        private boolean emptyId;
        private int groupRows;
        private final List<String> ds = new ArrayList<>();
        private double[] values = new double[256];
        private long[] lines = new long[256];
        private int n;
        private final ValueChecks checks = new ValueChecks();

        Pass(Path csv, CsvRows rows, Consumer<Series> onSeries, Consumer<InputProblem> onProblem) {
            this.csv = csv;
            this.rows = rows;
            this.onSeries = onSeries;
            this.onProblem = onProblem;
        }

        void run() {
            CsvRecord header = rows.next();
            if (header == null) {
                throw new InputException(csv, "input " + csv + " is empty");
            }
            readHeader(header);
            CsvRecord r = rows.next();
            if (r == null) {
                throw new InputException(csv, "input " + csv + " has a header but no data rows");
            }
            for (; r != null; r = rows.next()) {
                row(r);
            }
            if (id != null) {
                flush();
            }
        }

        private void readHeader(CsvRecord header) {
            fieldCount = header.getFieldCount();
            List<String> names = CsvRows.stripped(header);
            idIdx = names.indexOf(idCol);
            timeIdx = names.indexOf(timeCol);
            valueIdx = names.indexOf(valueCol);
            List<String> missing = new ArrayList<>();
            List<String> options = new ArrayList<>();
            List<String> roles = new ArrayList<>();
            if (idIdx < 0) {
                missing.add("'" + idCol + "'");
                options.add("--id-col");
                roles.add("series id");
            }
            if (timeIdx < 0) {
                missing.add("'" + timeCol + "'");
                options.add("--time-col");
                roles.add("time");
            }
            if (valueIdx < 0) {
                missing.add("'" + valueCol + "'");
                options.add("--value-col");
                roles.add("value");
            }
            String columns = String.join(", ", names);
            if (missing.size() == 1) {
                throw new InputException(
                        csv,
                        "input " + csv + " has no column " + missing.get(0)
                                + "; its columns are: " + columns + ". Use " + options.get(0) + " to name the "
                                + roles.get(0) + " column");
            }
            if (missing.size() > 1) {
                throw new InputException(
                        csv,
                        "input " + csv + " has no columns " + String.join(", ", missing)
                                + "; its columns are: " + columns + ". Use " + String.join(", ", options)
                                + " to name the " + String.join(", ", roles) + " columns");
            }
            for (String name : new String[] {idCol, timeCol, valueCol}) {
                if (names.lastIndexOf(name) != names.indexOf(name)) {
                    throw new InputException(
                            csv,
                            "input " + csv + " has more than one column named '" + name + "'; its columns are: "
                                    + columns);
                }
            }
        }

        private void row(CsvRecord r) {
            long line = r.getStartingLineNumber();
            int fc = r.getFieldCount();
            if (idIdx >= fc) {
                // cannot tell which series the row belongs to: most likely the one around it
                if (id == null) {
                    onProblem.accept(new InputProblem(
                            null, line, "line " + line + ": expected " + fieldCount + " fields but found " + fc));
                } else if (!skipping) {
                    checks.wrongFields(line, fc);
                }
                return;
            }
            String rowId = r.getField(idIdx);
            if (rowId.isBlank()) {
                rowId = "";
            }
            if (id == null || !rowId.equals(id)) {
                if (id != null) {
                    flush();
                }
                start(rowId, line);
            }
            groupRows++;
            if (skipping) {
                return;
            }
            if (fc != fieldCount) {
                checks.wrongFields(line, fc);
                return;
            }
            double y = checks.value(r.getField(valueIdx), line);
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
                lines = Arrays.copyOf(lines, n * 2);
            }
            values[n] = y;
            lines[n] = line;
            n++;
            ds.add(r.getField(timeIdx));
        }

        private void start(String rowId, long line) {
            id = rowId;
            firstLine = line;
            groupRows = 0;
            n = 0;
            ds.clear();
            checks.reset();
            emptyId = rowId.isEmpty();
            skipping = false;
            if (emptyId) {
                skipping = true;
            } else if (!seen.add(rowId)) {
                skipping = true;
                onProblem.accept(new InputProblem(
                        rowId,
                        line,
                        "series " + rowId + " appears again at line " + line
                                + " after other series; group rows by series"));
            }
        }

        private void flush() {
            if (emptyId) {
                onProblem.accept(new InputProblem(
                        null,
                        firstLine,
                        "line " + firstLine + ": the series id column '" + idCol + "' is empty (" + groupRows
                                + (groupRows == 1 ? " row" : " rows") + " skipped)"));
                return;
            }
            if (skipping) {
                return;
            }
            boolean ok = checks.report(id, "series " + id, fieldCount, onProblem);
            TimeAxis axis = null;
            if (n > 0) {
                try {
                    axis = TimeAxis.of(ds, id, time, i -> lines[i]);
                } catch (InputException e) {
                    ok = false;
                    int i = e.offendingIndex();
                    problem(i >= 0 && i < n ? lines[i] : firstLine, e.getMessage());
                }
            }
            if (ok && axis != null) {
                onSeries.accept(Series.of(id, Arrays.copyOf(values, n), axis, firstLine, ds, valueCol, kept));
            }
        }

        private void problem(long line, String message) {
            onProblem.accept(new InputProblem(id, line, message));
        }
    }
}

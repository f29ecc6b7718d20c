package forecastfarm.launcher.io;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a wide CSV: one date column and one column per series, what spreadsheets, {@code pandas.DataFrame.to_csv}
 * and price exports look like (a name ending in {@code .gz} is read as gzip-compressed):
 *
 * <pre>
 * Date,AAPL,MSFT,META
 * 2012-05-17,18.9,29.1,
 * 2012-05-18,18.9,29.3,38.2
 * </pre>
 *
 * <p>The date column is the one named by {@code timeCol} when that is given and in the header, else the first
 * column (whose header may be empty, as pandas writes an unnamed index). Every other column is one series, its id
 * the column header; its header must not be empty, and columns sharing a name are all skipped with a problem. Same
 * CSV dialect, number syntax and missing-value words as {@link LongCsvReader} (empty, {@code NA}, {@code NaN}). A
 * column's leading and trailing missing cells are trimmed: series may start and end at different dates (a stock
 * listed later, or delisted). A missing cell between two values skips that series, as do cells that are not finite
 * numbers (never interpolated). A column with no value at all is skipped with a problem.
 *
 * <p>Whole-file problems throw {@link InputException}: those of {@link LongCsvReader} (missing, unreadable, empty,
 * no data rows, not CSV), a header with no series column, with an empty series column name or with the date
 * column's name twice, a row with another number of fields than the header, and a date column that is not strictly
 * increasing dates in one format (as {@link TimeAxis} validates; it is shared by all series, so it is checked once
 * for the file, and rows must be sorted by date). Each series gets its own {@link TimeAxis} over its trimmed range,
 * so frequencies are inferred per series.
 *
 * <p>Memory: unlike the long reader, this one reads the whole file before handing over the first series, because
 * every row holds a value of every series. Values are kept column-wise in primitive {@code double[]} arrays (8 bytes
 * a cell, plus the date labels once per row; arrays grow by doubling, so up to twice that while reading): a file of
 * 2,000 series by 10,000 rows takes about 160 MB. Wide files are meant for up to some thousands of columns; larger
 * collections belong in the long format. Series are handed over in column order after the whole file has been read;
 * problems come in column order too, those of duplicate column names first.
 */
public final class WideCsvReader implements SeriesReader {

    /** Marks a cell that holds something other than a finite number (already reported by its column's check). */
    private static final double BAD = Double.POSITIVE_INFINITY;

    private final String timeCol;
    private final TimeSettings time;
    private final RecentDs kept;

    /** The date column is the first column. */
    public WideCsvReader() {
        this(null);
    }

    /**
     * @param timeCol name of the date column, or null; when null or not in the header, the first column is the date
     *                column
     */
    public WideCsvReader(String timeCol) {
        this(timeCol, TimeSettings.DEFAULT, RecentDs.DEFAULT);
    }

    /**
     * {@code time}: the zone of naive date-times, and whether integers are epoch seconds; {@code kept}: how many of
     * each series' last ds labels to keep ({@link RecentDs}).
     */
    public WideCsvReader(String timeCol, TimeSettings time, RecentDs kept) {
        this.time = java.util.Objects.requireNonNull(time, "time");
        this.kept = java.util.Objects.requireNonNull(kept, "kept");
        this.timeCol = timeCol == null || timeCol.isBlank() ? null : timeCol.strip();
    }

    /** The date column asked for, or null (the first column). */
    public String timeCol() {
        return timeCol;
    }

    /**
     * Reads the file, then calls {@code onSeries} for each valid series and {@code onProblem} for each problem, in
     * column order. Exceptions thrown by the callbacks propagate unchanged.
     *
     * @throws InputException for whole-file problems (see the class comment)
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

    /** Index of the date column in a header: {@code timeCol} if given and present, else 0. */
    static int timeIndex(List<String> names, String timeCol) {
        int i = timeCol == null ? -1 : names.indexOf(timeCol);
        return i < 0 ? 0 : i;
    }

    /** State of one read. */
    private final class Pass {
        private final Path csv;
        private final CsvRows rows;
        private final Consumer<Series> onSeries;
        private final Consumer<InputProblem> onProblem;

        private List<String> names;
        private int fieldCount;
        private int timeIdx;
        /** Field index of each series column read, in column order. */
        private int[] seriesIdx;

        private final List<InputProblem> headerProblems = new ArrayList<>();

        private final List<String> ds = new ArrayList<>();
        private long[] lines = new long[256];
        private double[][] values;
        private int n;

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
            values = new double[seriesIdx.length][256];
            // cells are parsed once, here; bad ones are noted by the column's check and kept as +infinity (never a
            // valid value), missing ones as NaN, to be counted once the column's range is known
            List<ValueChecks> checks = new ArrayList<>(seriesIdx.length);
            for (int k = 0; k < seriesIdx.length; k++) {
                checks.add(new ValueChecks());
            }
            int[] first = new int[seriesIdx.length];
            int[] last = new int[seriesIdx.length];
            Arrays.fill(first, -1);
            for (; r != null; r = rows.next()) {
                long line = r.getStartingLineNumber();
                if (r.getFieldCount() != fieldCount) {
                    throw new InputException(
                            csv,
                            "input " + csv + " line " + line + ": expected " + fieldCount
                                    + " fields but found " + r.getFieldCount()
                                    + " (every row of a wide file needs a field for"
                                    + " the date and each series column, empty where a series has no value)");
                }
                if (n == lines.length) {
                    lines = Arrays.copyOf(lines, n * 2);
                    for (int k = 0; k < values.length; k++) {
                        values[k] = Arrays.copyOf(values[k], n * 2);
                    }
                }
                lines[n] = line;
                ds.add(r.getField(timeIdx));
                for (int k = 0; k < seriesIdx.length; k++) {
                    String raw = r.getField(seriesIdx[k]);
                    String v = raw.strip();
                    double y;
                    if (Numbers.isMissing(v)) {
                        y = Double.NaN;
                    } else {
                        if (first[k] < 0) {
                            first[k] = n;
                        }
                        last[k] = n;
                        y = checks.get(k).value(raw, line);
                        if (Double.isNaN(y)) {
                            y = BAD;
                        }
                    }
                    values[k][n] = y;
                }
                n++;
            }
            validateDates();
            for (InputProblem p : headerProblems) {
                onProblem.accept(p);
            }
            for (int k = 0; k < seriesIdx.length; k++) {
                emit(k, first[k], last[k], checks.get(k));
                values[k] = null; // handed over: let it go
            }
        }

        private void readHeader(CsvRecord header) {
            fieldCount = header.getFieldCount();
            names = CsvRows.stripped(header);
            timeIdx = timeIndex(names, timeCol);
            String timeName = names.get(timeIdx);
            String columns = String.join(", ", names);
            if (fieldCount < 2) {
                throw new InputException(
                        csv,
                        "input " + csv + " has only one column ('" + timeName + "'); a wide file"
                                + " has a date column and one column per series (or use --format long with --id-col)");
            }
            if (!timeName.isEmpty() && names.indexOf(timeName) != names.lastIndexOf(timeName)) {
                throw new InputException(
                        csv,
                        "input " + csv + " has more than one column named '" + timeName
                                + "' (the date column); its columns are: " + columns);
            }
            Map<String, List<Integer>> byName = new HashMap<>();
            for (int i = 0; i < fieldCount; i++) {
                if (i == timeIdx) {
                    continue;
                }
                String name = names.get(i);
                if (name.isEmpty()) {
                    throw new InputException(
                            csv,
                            "input " + csv + ": column " + (i + 1) + " of the header has no name;"
                                    + " in a wide file each column after the date column is a series and its name is the"
                                    + " series id (its columns are: " + columns + ")");
                }
                byName.computeIfAbsent(name, x -> new ArrayList<>()).add(i);
            }
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < fieldCount; i++) {
                if (i == timeIdx) {
                    continue;
                }
                List<Integer> same = byName.get(names.get(i));
                if (same.size() == 1) {
                    kept.add(i);
                } else if (same.get(0) == i) {
                    String name = names.get(i);
                    List<String> positions =
                            same.stream().map(c -> Integer.toString(c + 1)).toList();
                    headerProblems.add(new InputProblem(
                            name,
                            1,
                            "series " + name + ": columns "
                                    + String.join(", ", positions.subList(0, positions.size() - 1)) + " and "
                                    + positions.get(positions.size() - 1)
                                    + (same.size() == 2 ? " are both" : " are all")
                                    + " named '" + name + "'; " + (same.size() == 2 ? "both" : "all")
                                    + " skipped (series ids"
                                    + " must be unique)"));
                }
            }
            seriesIdx = kept.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The date column must be valid for every series: checked once, as one whole-file error. */
        private void validateDates() {
            String label = "date column '" + names.get(timeIdx) + "'";
            try {
                TimeAxis.of(ds, label, time, null);
            } catch (InputException e) {
                int i = e.offendingIndex();
                String prefix = "series " + label + ": ";
                String msg =
                        e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
                msg = msg.replace(" (rows must be sorted by ds within a series)", "");
                String where = i >= 0 && i < n ? " line " + lines[i] : "";
                throw new InputException(
                        csv,
                        "input " + csv + where + ", " + label + ": " + msg
                                + " (the dates of a wide file must be strictly increasing, in one format: yyyy-MM-dd,"
                                + " yyyy-MM-dd HH:mm[:ss], yyyy-MM or integers)",
                        e);
            }
        }

        private void emit(int k, int from, int to, ValueChecks check) {
            String id = names.get(seriesIdx[k]);
            if (from < 0) {
                onProblem.accept(
                        new InputProblem(id, 1, "series " + id + " (column " + (seriesIdx[k] + 1) + ") has no values"));
                return;
            }
            double[] col = values[k];
            for (int t = from; t <= to; t++) {
                if (Double.isNaN(col[t])) {
                    check.missing(lines[t]);
                }
            }
            if (!check.report(id, "series " + id, fieldCount, onProblem)) {
                return;
            }
            List<String> range = ds.subList(from, to + 1);
            TimeAxis axis;
            try {
                axis = TimeAxis.of(range, id, time, null);
            } catch (InputException e) {
                // cannot happen after validateDates (a part of increasing dates is increasing); report anyway
                int i = e.offendingIndex();
                onProblem.accept(new InputProblem(id, i >= 0 ? lines[from + i] : lines[from], e.getMessage()));
                return;
            }
            onSeries.accept(Series.of(id, Arrays.copyOfRange(col, from, to + 1), axis, lines[from], range, id, kept));
        }
    }
}

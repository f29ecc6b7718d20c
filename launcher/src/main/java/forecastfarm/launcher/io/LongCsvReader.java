package forecastfarm.launcher.io;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streams a long CSV (one row per series and time, with a header; UTF-8, an optional BOM, comma
 * separated, RFC 4180 quoting) and hands over one {@link Series} at a time. Only the rows of the current
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

    /** Columns {@code unique_id}, {@code ds}, {@code y}. */
    public LongCsvReader() {
        this(DEFAULT_ID_COL, DEFAULT_TIME_COL, DEFAULT_VALUE_COL);
    }

    public LongCsvReader(String idCol, String timeCol, String valueCol) {
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
        if (!Files.exists(csv)) {
            throw new InputException(csv, "input file " + csv + " does not exist");
        }
        if (Files.isDirectory(csv)) {
            throw new InputException(csv, "input " + csv + " is a directory, not a file");
        }
        if (!Files.isReadable(csv)) {
            throw new InputException(csv, "input file " + csv + " cannot be read (permission denied)");
        }
        CsvReader<CsvRecord> reader;
        try {
            reader = CsvReader.builder()
                    .ignoreDifferentFieldCount(true)
                    .skipEmptyLines(true)
                    .detectBomHeader(true)
                    .ofCsvRecord(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(csv, "cannot read input " + csv + ": " + e.getMessage(), e);
        }
        try (reader) {
            new Pass(csv, reader.iterator(), onSeries, onProblem).run();
        } catch (IOException e) {
            throw new InputException(csv, "cannot read input " + csv + ": " + e.getMessage(), e);
        }
    }

    /** State of one read. */
    private final class Pass {
        private final Path csv;
        private final CloseableIterator<CsvRecord> rows;
        private final Consumer<Series> onSeries;
        private final Consumer<InputProblem> onProblem;
        private final IdSet seen = new IdSet();

        private int fieldCount;
        private int idIdx;
        private int timeIdx;
        private int valueIdx;

        // the current group of rows (one series)
        private String id;            // null before the first data row
        private long firstLine;
        private boolean skipping;     // the id reappeared: drop its rows
        private boolean emptyId;
        private int groupRows;
        private final List<String> ds = new ArrayList<>();
        private double[] values = new double[256];
        private long[] lines = new long[256];
        private int n;
        private long wrongFieldsLine;
        private int wrongFieldsFound;
        private int wrongFieldsCount;
        private long badNumberLine;
        private String badNumber;
        private int badNumberCount;
        private long infiniteLine;
        private String infinite;
        private int infiniteCount;
        private long missingLine;
        private int missingCount;

        Pass(Path csv, CloseableIterator<CsvRecord> rows, Consumer<Series> onSeries,
             Consumer<InputProblem> onProblem) {
            this.csv = csv;
            this.rows = rows;
            this.onSeries = onSeries;
            this.onProblem = onProblem;
        }

        /** The next non-blank record, or null at the end; read errors become InputException. */
        private CsvRecord next() {
            try {
                while (rows.hasNext()) {
                    CsvRecord r = rows.next();
                    if (!isBlank(r)) {
                        return r;
                    }
                }
                return null;
            } catch (UncheckedIOException e) {
                throw new InputException(csv, "cannot read input " + csv + ": " + e.getCause().getMessage(), e);
            } catch (CsvParseException e) {
                String detail = e.getCause() != null && e.getCause().getMessage() != null
                        ? e.getMessage() + ": " + e.getCause().getMessage() : e.getMessage();
                throw new InputException(csv, "input " + csv + " is not valid CSV: " + detail, e);
            }
        }

        void run() {
            CsvRecord header = next();
            if (header == null) {
                throw new InputException(csv, "input " + csv + " is empty");
            }
            readHeader(header);
            CsvRecord r = next();
            if (r == null) {
                throw new InputException(csv, "input " + csv + " has a header but no data rows");
            }
            for (; r != null; r = next()) {
                row(r);
            }
            if (id != null) {
                flush();
            }
        }

        private void readHeader(CsvRecord header) {
            fieldCount = header.getFieldCount();
            List<String> names = new ArrayList<>(fieldCount);
            for (String f : header.getFields()) {
                names.add(f.strip());
            }
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
                throw new InputException(csv, "input " + csv + " has no column " + missing.get(0)
                        + "; its columns are: " + columns + ". Use " + options.get(0) + " to name the "
                        + roles.get(0) + " column");
            }
            if (missing.size() > 1) {
                throw new InputException(csv, "input " + csv + " has no columns " + String.join(", ", missing)
                        + "; its columns are: " + columns + ". Use " + String.join(", ", options)
                        + " to name the " + String.join(", ", roles) + " columns");
            }
            for (String name : new String[] {idCol, timeCol, valueCol}) {
                if (names.lastIndexOf(name) != names.indexOf(name)) {
                    throw new InputException(csv, "input " + csv + " has more than one column named '" + name
                            + "'; its columns are: " + columns);
                }
            }
        }

        private void row(CsvRecord r) {
            long line = r.getStartingLineNumber();
            int fc = r.getFieldCount();
            if (idIdx >= fc) {
                // cannot tell which series the row belongs to: most likely the one around it
                if (id == null) {
                    onProblem.accept(new InputProblem(null, line,
                            "line " + line + ": expected " + fieldCount + " fields but found " + fc));
                } else if (!skipping) {
                    wrongFields(line, fc);
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
                wrongFields(line, fc);
                return;
            }
            String raw = r.getField(valueIdx);
            String v = raw.strip();
            double y;
            if (Numbers.isMissing(v)) {
                if (missingCount++ == 0) {
                    missingLine = line;
                }
                y = Double.NaN;
            } else {
                y = Numbers.parseValue(v);
                if (Double.isInfinite(y)) {
                    infinite(line, raw);
                } else if (Double.isNaN(y)) {
                    if (badNumberCount++ == 0) {
                        badNumberLine = line;
                        badNumber = raw;
                    }
                }
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
                lines = Arrays.copyOf(lines, n * 2);
            }
            values[n] = y;
            lines[n] = line;
            n++;
            ds.add(r.getField(timeIdx));
        }

        private void infinite(long line, String raw) {
            if (infiniteCount++ == 0) {
                infiniteLine = line;
                infinite = raw;
            }
        }

        private void wrongFields(long line, int found) {
            if (wrongFieldsCount++ == 0) {
                wrongFieldsLine = line;
                wrongFieldsFound = found;
            }
        }

        private void start(String rowId, long line) {
            id = rowId;
            firstLine = line;
            groupRows = 0;
            n = 0;
            ds.clear();
            wrongFieldsCount = 0;
            badNumberCount = 0;
            infiniteCount = 0;
            missingCount = 0;
            emptyId = rowId.isEmpty();
            skipping = false;
            if (emptyId) {
                skipping = true;
            } else if (!seen.add(rowId)) {
                skipping = true;
                onProblem.accept(new InputProblem(rowId, line, "series " + rowId + " appears again at line " + line
                        + " after other series; group rows by series"));
            }
        }

        private void flush() {
            if (emptyId) {
                onProblem.accept(new InputProblem(null, firstLine, "line " + firstLine + ": the series id column '"
                        + idCol + "' is empty (" + groupRows + (groupRows == 1 ? " row" : " rows") + " skipped)"));
                return;
            }
            if (skipping) {
                return;
            }
            boolean ok = true;
            if (wrongFieldsCount > 0) {
                ok = false;
                problem(wrongFieldsLine, "series " + id + " line " + wrongFieldsLine + ": expected " + fieldCount
                        + " fields but found " + wrongFieldsFound
                        + more(wrongFieldsCount, "row with the wrong number of fields", "rows with the wrong number of fields"));
            }
            if (badNumberCount > 0) {
                ok = false;
                problem(badNumberLine, "series " + id + " line " + badNumberLine + ": value '" + badNumber
                        + "' is not a number" + more(badNumberCount, "value that is not a number", "values that are not numbers"));
            }
            if (infiniteCount > 0) {
                ok = false;
                problem(infiniteLine, "series " + id + " line " + infiniteLine + ": value '" + infinite
                        + "' is not a finite number" + more(infiniteCount, "infinite value", "infinite values"));
            }
            if (missingCount > 0) {
                ok = false;
                problem(missingLine, "series " + id + " has " + missingCount
                        + (missingCount == 1 ? " missing value" : " missing values")
                        + " (first at line " + missingLine + ")");
            }
            TimeAxis axis = null;
            if (n > 0) {
                try {
                    axis = TimeAxis.of(ds, id);
                } catch (InputException e) {
                    ok = false;
                    int i = e.offendingIndex();
                    problem(i >= 0 && i < n ? lines[i] : firstLine, e.getMessage());
                }
            }
            if (ok && axis != null) {
                onSeries.accept(Series.of(id, Arrays.copyOf(values, n), axis, firstLine, ds));
            }
        }

        private void problem(long line, String message) {
            onProblem.accept(new InputProblem(id, line, message));
        }
    }

    private static String more(int count, String one, String many) {
        if (count <= 1) {
            return "";
        }
        int others = count - 1;
        return " (and " + others + " more " + (others == 1 ? one : many) + " in this series)";
    }

    private static boolean isBlank(CsvRecord r) {
        for (int i = 0; i < r.getFieldCount(); i++) {
            if (!r.getField(i).isBlank()) {
                return false;
            }
        }
        return true;
    }
}

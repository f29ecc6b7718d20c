package forecastfarm.launcher.io;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a directory of per-symbol OHLCV files, as Yahoo Finance and most price downloaders write them:
 * {@code AAPL.csv}, {@code MSFT.csv}, ... each with a header like {@code Date,Open,High,Low,Close,Adj Close,Volume}
 * and one row per trading day, oldest first. Each file is one series; its id is the file name without {@code .csv}
 * (or {@code .csv.gz}: gzip-compressed files are read too).
 *
 * <p>Columns: the value column is {@code valueCol} when given (its name as in the header; letter case, spaces and
 * underscores do not matter), else {@code Adj Close} when the file has one (prices adjusted for splits and
 * dividends, what a forecast of returns wants), else {@code Close}. The date column is {@code timeCol} when given and
 * in the header, else {@code Date} when present, else the first column. Other columns are ignored. Same CSV dialect,
 * number syntax and missing-value words as {@link LongCsvReader}; a file with a missing or non-finite value, dates
 * that are not strictly increasing, rows with another number of fields than the header, no value column, or that is
 * empty, unreadable or not valid CSV is a problem of that series only (the message names the file and, where there is
 * one, the line); the other files go on.
 *
 * <p>Files are read one at a time in sorted name order (by character code: upper case before lower case), and each series is handed over as soon as its file is read:
 * only one file is in memory. Entries whose name does not end in {@code .csv} or {@code .csv.gz} (any case),
 * names starting with a dot, and subdirectories are ignored (their number is logged at debug level). A directory
 * without any CSV file is an {@link InputException}.
 */
public final class OhlcDirReader implements SeriesReader {

    private static final Logger log = LoggerFactory.getLogger(OhlcDirReader.class);

    public static final String ADJ_CLOSE = "Adj Close";
    public static final String CLOSE = "Close";
    public static final String DATE = "Date";

    private final String timeCol;
    private final String valueCol;
    private final TimeSettings time;
    private final RecentDs kept;

    /** Date column {@code Date} (else the first), value column {@code Adj Close} (else {@code Close}). */
    public OhlcDirReader() {
        this(null, null);
    }

    /**
     * @param timeCol  the date column, or null for {@code Date} (else the first column); when given but not in a
     *                 file's header, the default applies to that file
     * @param valueCol the value column, or null for {@code Adj Close} (else {@code Close}); when given, a file without
     *                 it is a problem of that series
     */
    public OhlcDirReader(String timeCol, String valueCol) {
        this(timeCol, valueCol, TimeSettings.DEFAULT, RecentDs.DEFAULT);
    }

    /**
     * {@code time}: the zone of naive date-times, and whether integers are epoch seconds; {@code kept}: how many of
     * each series' last ds labels to keep ({@link RecentDs}).
     */
    public OhlcDirReader(String timeCol, String valueCol, TimeSettings time, RecentDs kept) {
        this.time = java.util.Objects.requireNonNull(time, "time");
        this.kept = java.util.Objects.requireNonNull(kept, "kept");
        this.timeCol = timeCol == null || timeCol.isBlank() ? null : timeCol.strip();
        this.valueCol = valueCol == null || valueCol.isBlank() ? null : valueCol.strip();
    }

    /** The date column asked for, or null for the default. */
    public String timeCol() {
        return timeCol;
    }

    /** The value column asked for, or null for the default. */
    public String valueCol() {
        return valueCol;
    }

    /**
     * Reads the CSV files of {@code dir} in sorted name order, calling {@code onSeries} after each good file and
     * {@code onProblem} for each problem. Exceptions thrown by the callbacks propagate unchanged.
     *
     * @throws InputException when {@code dir} is missing, not a directory, unreadable, or has no CSV file
     */
    @Override
    public void read(Path dir, Consumer<Series> onSeries, Consumer<InputProblem> onProblem) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(onSeries, "onSeries");
        Objects.requireNonNull(onProblem, "onProblem");
        List<Path> files = csvFiles(dir);
        Map<String, Path> seen = new HashMap<>();
        for (Path f : files) {
            String id = seriesId(f);
            Path before = seen.putIfAbsent(id, f);
            if (before != null) {
                onProblem.accept(new InputProblem(
                        id,
                        0,
                        "series " + id + ": file " + f + " skipped, " + before.getFileName() + " already gave a series "
                                + id + " (series ids must be unique)"));
                continue;
            }
            readFile(f, id, onSeries, onProblem);
        }
    }

    /** The CSV files of a directory, sorted by name. */
    static List<Path> csvFiles(Path dir) {
        if (!Files.exists(dir)) {
            throw new InputException(dir, "input directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new InputException(
                    dir,
                    "input " + dir + " is not a directory (an OHLC input is a directory with"
                            + " one CSV file per symbol)");
        }
        List<Path> files = new ArrayList<>();
        int ignored = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (isCsvName(p.getFileName().toString()) && !Files.isDirectory(p)) {
                    files.add(p);
                } else {
                    ignored++;
                }
            }
        } catch (IOException e) {
            throw new InputException(dir, "cannot list input directory " + dir + ": " + e.getMessage(), e);
        }
        if (ignored > 0) {
            log.debug("{}: ignored {} entries that are not *.csv or *.csv.gz files", dir, ignored);
        }
        if (files.isEmpty()) {
            throw new InputException(
                    dir,
                    "no *.csv files in " + dir
                            + (ignored > 0
                                    ? " (" + ignored + (ignored == 1 ? " other entry" : " other entries") + ")"
                                    : "")
                            + "; an OHLC input is a"
                            + " directory with one CSV file per symbol, e.g. AAPL.csv with columns "
                            + "Date,Open,High,Low,Close,Adj Close,Volume");
        }
        files.sort(
                (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    static boolean isCsvName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".")
                && (lower.endsWith(".csv") && lower.length() > 4 || lower.endsWith(".csv.gz") && lower.length() > 7);
    }

    /** The file name without {@code .csv} or {@code .csv.gz}. */
    static String seriesId(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return name.substring(0, name.length() - (lower.endsWith(".gz") ? 7 : 4));
    }

    /** Lower case without spaces and underscores: "Adj Close", "adj_close" and "AdjClose" are one name. */
    private static String norm(String name) {
        return name.toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "");
    }

    private static int find(List<String> names, String name) {
        int i = names.indexOf(name);
        if (i >= 0) {
            return i;
        }
        String n = norm(name);
        for (int j = 0; j < names.size(); j++) {
            if (norm(names.get(j)).equals(n)) {
                return j;
            }
        }
        return -1;
    }

    private void readFile(Path f, String id, Consumer<Series> onSeries, Consumer<InputProblem> onProblem) {
        String who = "series " + id + " (file " + f + ")";
        Series s;
        try (CsvRows rows = CsvRows.open(f)) {
            s = readRows(rows, f, id, who, onProblem);
        } catch (InputException e) {
            // the file as a whole is bad: a problem of this series only
            String msg = e.getMessage().replace("input file " + f, "file " + f).replace("input " + f, "file " + f);
            onProblem.accept(new InputProblem(id, 0, "series " + id + ": " + msg));
            return;
        }
        if (s != null) {
            onSeries.accept(s);
        }
    }

    /** The series of one file, or null after reporting its problems. */
    private Series readRows(CsvRows rows, Path f, String id, String who, Consumer<InputProblem> onProblem) {
        CsvRecord header = rows.next();
        if (header == null) {
            onProblem.accept(new InputProblem(id, 0, who + " is empty"));
            return null;
        }
        List<String> names = CsvRows.stripped(header);
        int fieldCount = names.size();
        int timeIdx = timeCol == null ? -1 : find(names, timeCol);
        if (timeIdx < 0) {
            timeIdx = Math.max(0, find(names, DATE));
        }
        int valueIdx;
        if (valueCol != null) {
            valueIdx = find(names, valueCol);
            if (valueIdx < 0) {
                onProblem.accept(new InputProblem(
                        id,
                        1,
                        who + " has no column '" + valueCol + "'; its columns are: " + String.join(", ", names)
                                + ". Use --value-col to name the value column"));
                return null;
            }
        } else {
            valueIdx = find(names, ADJ_CLOSE);
            if (valueIdx < 0) {
                valueIdx = find(names, CLOSE);
            }
            if (valueIdx < 0) {
                onProblem.accept(new InputProblem(
                        id,
                        1,
                        who + " has neither an '" + ADJ_CLOSE + "' nor a '" + CLOSE
                                + "' column; its columns are: " + String.join(", ", names)
                                + ". Use --value-col to name the value column"));
                return null;
            }
        }
        if (valueIdx == timeIdx) {
            onProblem.accept(new InputProblem(
                    id,
                    1,
                    who + ": column '" + names.get(valueIdx) + "' cannot be both the date and the value column"));
            return null;
        }
        ValueChecks check = new ValueChecks();
        List<String> ds = new ArrayList<>();
        double[] values = new double[512];
        long[] lines = new long[512];
        int n = 0;
        long firstLine = 0;
        for (CsvRecord r = rows.next(); r != null; r = rows.next()) {
            long line = r.getStartingLineNumber();
            if (n == 0) {
                firstLine = line;
            }
            if (r.getFieldCount() != fieldCount) {
                check.wrongFields(line, r.getFieldCount());
                continue;
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
                lines = Arrays.copyOf(lines, n * 2);
            }
            values[n] = check.value(r.getField(valueIdx), line);
            lines[n] = line;
            ds.add(r.getField(timeIdx));
            n++;
        }
        if (n == 0 && check.ok()) {
            onProblem.accept(new InputProblem(id, 0, who + " has a header but no data rows"));
            return null;
        }
        boolean ok = check.report(id, who, fieldCount, onProblem);
        if (n == 0) {
            return null;
        }
        TimeAxis axis;
        try {
            axis = TimeAxis.of(ds, id, time, null);
        } catch (InputException e) {
            int i = e.offendingIndex();
            long line = i >= 0 && i < n ? lines[i] : firstLine;
            String prefix = "series " + id + ": ";
            String msg = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            onProblem.accept(new InputProblem(
                    id,
                    line,
                    who + " line " + line + ": "
                            + msg.replace("rows must be sorted by ds within a series", "rows must be sorted by date")));
            return null;
        }
        return ok ? Series.of(id, Arrays.copyOf(values, n), axis, firstLine, ds, names.get(valueIdx), kept) : null;
    }
}

package forecastfarm.launcher.io;

import de.siegmar.fastcsv.reader.CsvRecord;
import forecastfarm.launcher.io.parquet.ParquetInput;
import forecastfarm.launcher.io.parquet.ParquetLongReader;
import forecastfarm.launcher.io.parquet.ParquetWideReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The layouts an input can have, how to tell them apart, and the reader for each.
 *
 * <ul>
 *   <li>{@link #LONG}: a CSV with one row per series and time ({@code unique_id,ds,y}); {@link LongCsvReader}, or
 *       the same columns in a Parquet file ({@link #isParquet}); {@link ParquetLongReader};
 *   <li>{@link #WIDE}: a CSV with a date column and one column per series; {@link WideCsvReader}, or a Parquet
 *       file so laid out; {@link ParquetWideReader};
 *   <li>{@link #OHLC_DIR}: a directory of per-symbol OHLCV CSV files; {@link OhlcDirReader}.
 * </ul>
 */
public enum InputFormat {
    LONG("long"),
    WIDE("wide"),
    OHLC_DIR("ohlc-dir");

    /** Header names that say "this column holds times" when a file has a header but no data row to look at. */
    private static final Set<String> TIME_NAMES = Set.of(
            "",
            "ds",
            "date",
            "time",
            "timestamp",
            "datetime",
            "day",
            "week",
            "month",
            "quarter",
            "year",
            "period",
            "index",
            "t");

    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

    private final String cliName;

    InputFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line: {@code long}, {@code wide} or {@code ohlc-dir}. */
    public String cliName() {
        return cliName;
    }

    @Override
    public String toString() {
        return cliName;
    }

    /**
     * The format named on the command line: {@code long}, {@code wide} or {@code ohlc-dir} (any case; {@code _} for
     * {@code -} is accepted too).
     *
     * @throws InputException (no file) for any other value, listing the accepted ones
     */
    public static InputFormat parse(String name) {
        String s = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (InputFormat f : values()) {
            if (f.cliName.equals(s)) {
                return f;
            }
        }
        throw new InputException(
                null,
                "unknown input format '" + name + "'; use --format long, wide or ohlc-dir"
                        + " (or leave --format out to detect it)");
    }

    /**
     * Tells the format of an input: a directory is {@link #OHLC_DIR}; a file whose header has the series id column
     * is {@link #LONG} (the long reader then reports any missing time or value column by name); a file without it
     * whose date column (the {@code timeCol} column if given and present, else the first) holds a date, a month or an
     * integer in the first data row, and that has at least one other column, is {@link #WIDE}. Only the header and
     * the first data row are read.
     *
     * @param idCol    series id column of the long format, or null for {@code unique_id}
     * @param timeCol  time column, or null ({@code ds} for long; the first column for wide)
     * @param valueCol value column of the long format, or null for {@code y}; not needed to tell the formats apart,
     *                 it only appears in the message when the format cannot be told
     * @throws InputException when the input is missing, unreadable, empty or not CSV, or fits no format (the message
     *                        then shows the header and says to pass {@code --format long|wide|ohlc-dir})
     */
    public static InputFormat detect(Path input, String idCol, String timeCol, String valueCol) {
        String id = orDefault(idCol, LongCsvReader.DEFAULT_ID_COL);
        String value = orDefault(valueCol, LongCsvReader.DEFAULT_VALUE_COL);
        String time = timeCol == null || timeCol.isBlank() ? null : timeCol.strip();
        if (Files.isDirectory(input)) {
            return OHLC_DIR;
        }
        if (isParquet(input)) {
            return ParquetInput.detect(input, id, time);
        }
        List<String> names;
        CsvRecord first;
        try (CsvRows rows = CsvRows.open(input)) {
            CsvRecord header = rows.next();
            if (header == null) {
                throw new InputException(input, "input " + input + " is empty");
            }
            names = CsvRows.stripped(header);
            first = rows.next();
        }
        if (names.contains(id)) {
            return LONG;
        }
        int timeIdx = WideCsvReader.timeIndex(names, time);
        String timeName = names.get(timeIdx);
        boolean dateLike;
        if (first == null) {
            dateLike = TIME_NAMES.contains(timeName.toLowerCase(Locale.ROOT));
        } else {
            String cell = timeIdx < first.getFieldCount() ? first.getField(timeIdx) : "";
            dateLike = isTime(cell);
        }
        if (dateLike && names.size() >= 2) {
            return WIDE;
        }
        String why = names.size() < 2
                ? "it has a single column"
                : first == null
                        ? "its column '" + timeName + "' does not look like a date column"
                        : "its column '" + timeName
                                + "' does not hold a date (yyyy-MM-dd), a date-time (yyyy-MM-dd HH:mm[:ss]), a month (yyyy-MM) or an integer ('"
                                + (timeIdx < first.getFieldCount()
                                        ? first.getField(timeIdx).strip()
                                        : "") + "' on line "
                                + first.getStartingLineNumber() + ")";
        throw new InputException(
                input,
                "cannot tell the format of input " + input + "; its columns are: "
                        + String.join(", ", names) + ". It is not long (no series id column '" + id
                        + "'; long needs columns '"
                        + id + "', '" + orDefault(time, LongCsvReader.DEFAULT_TIME_COL) + "', '" + value
                        + "') and not wide ("
                        + why
                        + "; wide needs a date column, then one column per series). Pass --format long|wide|ohlc-dir,"
                        + " and --id-col, --time-col, --value-col to name the columns");
    }

    /**
     * The reader for this format. Null or blank arguments take each format's defaults:
     * <ul>
     *   <li>LONG: {@code unique_id}, {@code ds}, {@code y};
     *   <li>WIDE: {@code timeCol} names the date column (else, or when absent from the header, the first column);
     *       {@code idCol} and {@code valueCol} are not used (ids are the column headers);
     *   <li>OHLC_DIR: {@code timeCol} names the date column (else {@code Date}, else the first column);
     *       {@code valueCol} the value column (else {@code Adj Close}, else {@code Close}); {@code idCol} is not used
     *       (ids are the file names).
     * </ul>
     * So a caller should pass null, not {@link LongCsvReader}'s {@code y}, when the user did not name a value column.
     */
    public SeriesReader reader(String idCol, String timeCol, String valueCol) {
        return reader(idCol, timeCol, valueCol, TimeSettings.DEFAULT, RecentDs.DEFAULT);
    }

    /**
     * As {@link #reader(String, String, String)}, reading date-times with {@code time} and keeping {@code kept} of each
     * series' last ds labels.
     */
    public SeriesReader reader(String idCol, String timeCol, String valueCol, TimeSettings time, RecentDs kept) {
        return switch (this) {
            case LONG ->
                new LongCsvReader(
                        orDefault(idCol, LongCsvReader.DEFAULT_ID_COL),
                        orDefault(timeCol, LongCsvReader.DEFAULT_TIME_COL),
                        orDefault(valueCol, LongCsvReader.DEFAULT_VALUE_COL),
                        time,
                        kept);
            case WIDE -> new WideCsvReader(timeCol, time, kept);
            case OHLC_DIR -> new OhlcDirReader(timeCol, valueCol, time, kept);
        };
    }

    /**
     * The reader for {@code input} in this format: {@link #reader} for a CSV or a directory; for a Parquet file
     * ({@link #isParquet}), {@link ParquetLongReader} or {@link ParquetWideReader} with the same columns and defaults.
     * Every reader keeps {@code kept} of each series' last ds labels ({@link RecentDs}).
     */
    public SeriesReader readerFor(
            Path input, String idCol, String timeCol, String valueCol, TimeSettings time, RecentDs kept) {
        if (this == OHLC_DIR || !isParquet(input)) {
            return reader(idCol, timeCol, valueCol, time, kept);
        }
        return this == LONG
                ? new ParquetLongReader(
                        orDefault(idCol, LongCsvReader.DEFAULT_ID_COL),
                        orDefault(timeCol, LongCsvReader.DEFAULT_TIME_COL),
                        orDefault(valueCol, LongCsvReader.DEFAULT_VALUE_COL),
                        time,
                        kept)
                : new ParquetWideReader(timeCol, time, kept);
    }

    /**
     * Whether {@code input} is read as Parquet: a file named {@code *.parquet} (any case; a file so named that is not
     * Parquet gets an error saying so) or a file that starts with Parquet's magic bytes {@code PAR1}. The Parquet
     * readers' classes are only loaded for such a file.
     */
    public static boolean isParquet(Path input) {
        if (input.getFileName() != null
                && input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return true;
        }
        if (!Files.isRegularFile(input)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(input)) {
            return Arrays.equals(in.readNBytes(4), PARQUET_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether a cell holds a time {@link TimeAxis} accepts: an integer, a date yyyy-MM-dd, a date-time or a month
     * yyyy-MM.
     */
    private static boolean isTime(String cell) {
        try {
            TimeAxis.of(List.of(cell), "");
            return true;
        } catch (InputException e) {
            return false;
        }
    }

    private static String orDefault(String s, String dflt) {
        return s == null || s.isBlank() ? dflt : s.strip();
    }
}

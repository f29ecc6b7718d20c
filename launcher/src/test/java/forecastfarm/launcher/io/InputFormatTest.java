package forecastfarm.launcher.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFormatTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(InputFormatTest.class.getResource(name).toURI());
    }

    private static InputFormat detect(Path p) {
        return InputFormat.detect(p, null, null, null);
    }

    @Test
    void detectsLong() throws Exception {
        assertEquals(InputFormat.LONG, detect(file("a.csv", "unique_id,ds,y\nA,1,1\n")));
        assertEquals(InputFormat.LONG, detect(file("b.csv", "\uFEFFy,ds,\"unique_id\"\n1,2020-01-01,A\n")));
        // a named id column; a long file lacking its value column is still long (the reader then names the column)
        assertEquals(
                InputFormat.LONG, InputFormat.detect(resource("sp500_mmm_sample.csv"), "series_id", "date", "value"));
        assertEquals(InputFormat.LONG, detect(file("c.csv", "unique_id,ds,value\nA,1,1\n")));
    }

    @Test
    void detectsWide() throws Exception {
        assertEquals(InputFormat.WIDE, detect(resource("wide_sp500_sample.csv")));
        assertEquals(InputFormat.WIDE, detect(file("pandas.csv", ",A,B\n2020-01,1,2\n")));
        assertEquals(InputFormat.WIDE, detect(file("years.csv", "year,sales\n1999,1\n")));
        // a single series in two columns is a wide file with one series
        assertEquals(InputFormat.WIDE, detect(file("one.csv", "ds,y\n2020-01-01,1\n")));
        // date column named, not first
        assertEquals(
                InputFormat.WIDE,
                InputFormat.detect(file("mid.csv", "A,when,B\n1,2020-01-01,2\n"), null, "when", null));
        // header only: told by the date column's name
        assertEquals(InputFormat.WIDE, detect(file("h.csv", "Date,A\n")));
        // leading blank lines, empty first cells of series: only the date cell matters
        assertEquals(InputFormat.WIDE, detect(file("e.csv", "\n\ndate,A,B\n2020-01-01,,\n")));
    }

    @Test
    void detectsOhlcDirectory() throws Exception {
        assertEquals(InputFormat.OHLC_DIR, detect(resource("ohlc_sample")));
        assertEquals(InputFormat.OHLC_DIR, detect(dir));
    }

    @Test
    void aFirstColumnOfDateTimesIsWide() throws Exception {
        Path p = Files.writeString(
                dir.resolve("wide-hourly.csv"), "time,A,B\n2020-01-01T00:00:00Z,1,2\n2020-01-01T01:00:00Z,3,4\n");
        assertEquals(InputFormat.WIDE, detect(p));
    }

    @Test
    void cannotTell() throws Exception {
        Path p = resource("sp500_mmm_sample.csv");
        InputException e = assertThrows(InputException.class, () -> detect(p));
        assertEquals(
                "cannot tell the format of input " + p + "; its columns are: series_id, t, date, value. It is not"
                        + " long (no series id column 'unique_id'; long needs columns 'unique_id', 'ds', 'y') and not wide (its"
                        + " column 'series_id' does not hold a date (yyyy-MM-dd), a date-time (yyyy-MM-dd HH:mm[:ss]),"
                        + " a month (yyyy-MM) or an integer ('MMM' on line 2); wide needs a date column, then one column per series). Pass --format long|wide|ohlc-dir,"
                        + " and --id-col, --time-col, --value-col to name the columns",
                e.getMessage());
        assertEquals(p, e.file());

        Path single = file("single.csv", "date\n2020-01-01\n");
        assertEquals(
                "cannot tell the format of input " + single + "; its columns are: date. It is not long (no series"
                        + " id column 'unique_id'; long needs columns 'unique_id', 'ds', 'y') and not wide (it has a single"
                        + " column; wide needs a date column, then one column per series). Pass --format long|wide|ohlc-dir,"
                        + " and --id-col, --time-col, --value-col to name the columns",
                assertThrows(InputException.class, () -> detect(single)).getMessage());

        Path headerOnly = file("h.csv", "symbol,price\n");
        String m = assertThrows(InputException.class, () -> InputFormat.detect(headerOnly, "id", "when", "price"))
                .getMessage();
        assertEquals(
                "cannot tell the format of input " + headerOnly + "; its columns are: symbol, price. It is not long"
                        + " (no series id column 'id'; long needs columns 'id', 'when', 'price') and not wide (its column"
                        + " 'symbol' does not look like a date column; wide needs a date column, then one column per series)."
                        + " Pass --format long|wide|ohlc-dir, and --id-col, --time-col, --value-col to name the columns",
                m);
    }

    @Test
    void detectReportsUnusableFiles() throws IOException {
        Path none = dir.resolve("none.csv");
        assertEquals(
                "input file " + none + " does not exist",
                assertThrows(InputException.class, () -> detect(none)).getMessage());
        Path empty = file("empty.csv", "\n");
        assertEquals(
                "input " + empty + " is empty",
                assertThrows(InputException.class, () -> detect(empty)).getMessage());
    }

    @Test
    void parse() {
        assertEquals(InputFormat.LONG, InputFormat.parse("long"));
        assertEquals(InputFormat.WIDE, InputFormat.parse(" WIDE "));
        assertEquals(InputFormat.OHLC_DIR, InputFormat.parse("ohlc-dir"));
        assertEquals(InputFormat.OHLC_DIR, InputFormat.parse("ohlc_dir"));
        assertEquals("ohlc-dir", InputFormat.OHLC_DIR.cliName());
        assertEquals(
                "unknown input format 'csv'; use --format long, wide or ohlc-dir (or leave --format out to detect"
                        + " it)",
                assertThrows(InputException.class, () -> InputFormat.parse("csv"))
                        .getMessage());
        assertEquals(
                "unknown input format 'null'; use --format long, wide or ohlc-dir (or leave --format out to detect"
                        + " it)",
                assertThrows(InputException.class, () -> InputFormat.parse(null))
                        .getMessage());
    }

    @Test
    void readersAndTheirDefaults() {
        LongCsvReader lng = assertInstanceOf(LongCsvReader.class, InputFormat.LONG.reader(null, null, null));
        assertEquals(List.of("unique_id", "ds", "y"), List.of(lng.idCol(), lng.timeCol(), lng.valueCol()));
        LongCsvReader named =
                assertInstanceOf(LongCsvReader.class, InputFormat.LONG.reader("series_id", "date", "value"));
        assertEquals(List.of("series_id", "date", "value"), List.of(named.idCol(), named.timeCol(), named.valueCol()));

        assertNull(assertInstanceOf(WideCsvReader.class, InputFormat.WIDE.reader(null, null, null))
                .timeCol());
        assertEquals(
                "Date",
                assertInstanceOf(WideCsvReader.class, InputFormat.WIDE.reader("x", "Date", "y"))
                        .timeCol());

        OhlcDirReader ohlc = assertInstanceOf(OhlcDirReader.class, InputFormat.OHLC_DIR.reader(null, null, null));
        assertNull(ohlc.valueCol());
        assertNull(ohlc.timeCol());
        assertEquals("Open", ((OhlcDirReader) InputFormat.OHLC_DIR.reader(null, null, "Open")).valueCol());
    }

    /** What the job will do: detect, take the reader, read. */
    @Test
    void detectThenRead() throws Exception {
        for (String name : new String[] {"wide_sp500_sample.csv", "ohlc_sample", "m3_yearly_sample.csv"}) {
            Path p = resource(name);
            List<Series> series = new ArrayList<>();
            List<InputProblem> problems = new ArrayList<>();
            boolean m3 = name.startsWith("m3");
            InputFormat f = InputFormat.detect(p, m3 ? "series_id" : null, m3 ? "time" : null, m3 ? "value" : null);
            SeriesReader reader = f.reader(m3 ? "series_id" : null, m3 ? "time" : null, m3 ? "value" : null);
            reader.read(p, series::add, problems::add);
            assertEquals(List.of(), problems, name);
            assertEquals(name.startsWith("wide") ? 3 : name.startsWith("ohlc") ? 2 : 1, series.size(), name);
        }
    }
}

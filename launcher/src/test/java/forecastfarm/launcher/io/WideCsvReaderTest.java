package forecastfarm.launcher.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WideCsvReaderTest {

    static final Path SP500 =
            Path.of("..", "scripts", "sample", "sp500_50.csv").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final List<Series> series = new ArrayList<>();
    private final List<InputProblem> problems = new ArrayList<>();

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(WideCsvReaderTest.class.getResource(name).toURI());
    }

    private void read(WideCsvReader reader, Path p) {
        reader.read(p, series::add, problems::add);
    }

    private void read(Path p) {
        read(new WideCsvReader(), p);
    }

    private List<String> ids() {
        return series.stream().map(Series::id).toList();
    }

    private List<String> messages() {
        return problems.stream().map(InputProblem::message).toList();
    }

    private String error(Path p) {
        return assertThrows(InputException.class, () -> read(p)).getMessage();
    }

    @Test
    void readsSampleWithSeriesStartingAndEndingAtDifferentDates() throws Exception {
        // real MMM, ABT, ABBV closes; ABBV's first 3 and ABT's last 2 cells emptied (listed later, delisted)
        read(resource("wide_sp500_sample.csv"));
        assertEquals(List.of(), problems);
        assertEquals(List.of("MMM", "ABT", "ABBV"), ids());

        Series mmm = series.get(0);
        assertEquals(12, mmm.length());
        assertEquals(204.507, mmm.y()[0]);
        assertEquals("MMM", mmm.valueName(), "a column's values are named by its header");
        assertEquals(205.9416, mmm.y()[11]);
        assertEquals(2, mmm.firstLine());
        assertEquals("business-daily", mmm.axis().describeFrequency());
        assertEquals("2017-09-26", mmm.axis().last());
        assertArrayEquals(
                new String[] {"2017-09-27", "2017-09-28", "2017-09-29", "2017-10-02"},
                mmm.axis().future(4));
        assertEquals("2017-09-11", mmm.recentDs()[0]);
        assertEquals(12, mmm.recentDs().length);

        Series abt = series.get(1);
        assertArrayEquals(
                new double[] {51.4661, 51.2698, 51.0245, 50.7203, 50.789, 51.103, 50.4456, 50.9166, 50.4652, 51.525},
                abt.y());
        assertEquals("2017-09-22", abt.axis().last());
        assertEquals("business-daily", abt.axis().describeFrequency());

        Series abbv = series.get(2);
        assertEquals(9, abbv.length());
        assertEquals(86.1888, abbv.y()[0]);
        assertEquals(5, abbv.firstLine());
        assertEquals("2017-09-14", abbv.recentDs()[0]);
        assertEquals("2017-09-26", abbv.recentDs()[8]);
        // 9 points are too few to call Mon-Fri data business-daily (TimeAxis wants 10): inferred per series
        assertEquals("daily", abbv.axis().describeFrequency());
    }

    @Test
    void pandasIndexWithoutNameMonthsNaAtTheEndsBomAndCrlf() throws IOException {
        read(file(
                "in.csv",
                "\uFEFF,sales,\"returns, net\"\r\n"
                        + "2020-01,10,NA\r\n"
                        + "2020-02,11,-1.5\r\n"
                        + "\r\n"
                        + "2020-03,12,2e3\r\n"
                        + "2020-04,13,nan\r\n"));
        assertEquals(List.of(), problems);
        assertEquals(List.of("sales", "returns, net"), ids());
        assertArrayEquals(new double[] {10, 11, 12, 13}, series.get(0).y());
        assertEquals("monthly", series.get(0).axis().describeFrequency());
        assertArrayEquals(new String[] {"2020-05"}, series.get(0).axis().future(1));
        assertArrayEquals(new double[] {-1.5, 2000}, series.get(1).y());
        assertEquals(3, series.get(1).firstLine());
        assertEquals("2020-03", series.get(1).axis().last());
    }

    @Test
    void timeColumnByName() throws IOException {
        Path p = file("in.csv", "A,year,B\n1,2001,5\n2,2002,6\n3,2003,7\n");
        read(new WideCsvReader("year"), p);
        assertEquals(List.of(), problems);
        assertEquals(List.of("A", "B"), ids());
        assertArrayEquals(new double[] {1, 2, 3}, series.get(0).y());
        assertEquals("yearly", series.get(0).axis().describeFrequency());
        assertEquals("2003", series.get(1).axis().last());
    }

    @Test
    void timeColumnNotInHeaderFallsBackToTheFirstColumn() throws IOException {
        Path p = file("in.csv", "when,A\n1,1\n2,2\n");
        read(new WideCsvReader("ds"), p);
        assertEquals(List.of(), problems);
        assertEquals(List.of("A"), ids());
        assertEquals("integer", series.get(0).axis().describeFrequency());
    }

    @Test
    void missingValueInTheMiddleSkipsThatSeries() throws IOException {
        read(file(
                "in.csv",
                "date,A,B,C\n"
                        + "2020-01-01,1,,1\n" // line 2
                        + "2020-01-02,2,2,\n" // line 3: C's gap
                        + "2020-01-03,3,3,NA\n" // line 4
                        + "2020-01-04,4,4,4\n"));
        assertEquals(List.of(new InputProblem("C", 3, "series C has 2 missing values (first at line 3)")), problems);
        assertEquals(List.of("A", "B"), ids());
        assertArrayEquals(new double[] {2, 3, 4}, series.get(1).y());
        assertEquals(3, series.get(1).firstLine());
    }

    @Test
    void valuesThatAreNotFiniteNumbers() throws IOException {
        read(file(
                "in.csv",
                "date,A,B,C\n"
                        + "2020-01-01,1,x,1\n"
                        + "2020-01-02,2,2,Inf\n"
                        + "2020-01-03,3,y,\n"
                        + "2020-01-04,4,4,4\n"));
        assertEquals(
                List.of(
                        "series B line 2: value 'x' is not a number (and 1 more value that is not a number in this series)",
                        "series C line 3: value 'Inf' is not a finite number",
                        "series C has 1 missing value (first at line 4)"),
                messages());
        assertEquals(List.of("A"), ids());
        assertEquals(2, problems.get(0).line());
        assertEquals("B", problems.get(0).seriesId());
    }

    @Test
    void badCellAtTheEndIsNotTrimmedAway() throws IOException {
        read(file("in.csv", "date,A\n2020-01-01,1\n2020-01-02,?\n"));
        assertEquals(List.of("series A line 3: value '?' is not a number"), messages());
        assertEquals(List.of(), ids());
    }

    @Test
    void emptyColumn() throws IOException {
        read(file("in.csv", "date,A,B\n2020-01-01,1,\n2020-01-02,2,NA\n"));
        assertEquals(List.of(new InputProblem("B", 1, "series B (column 3) has no values")), problems);
        assertEquals(List.of("A"), ids());
    }

    @Test
    void duplicateColumnNamesSkipThoseSeries() throws IOException {
        read(file("in.csv", "date,A,B,A,C,C,C\n2020-01-01,1,2,3,4,5,6\n2020-01-02,1,2,3,4,5,6\n"));
        assertEquals(
                List.of(
                        new InputProblem(
                                "A",
                                1,
                                "series A: columns 2 and 4 are both named 'A'; both skipped (series ids must be unique)"),
                        new InputProblem(
                                "C",
                                1,
                                "series C: columns 5, 6 and 7 are all named 'C'; all skipped (series ids must be unique)")),
                problems);
        assertEquals(List.of("B"), ids());
    }

    @Test
    void seriesNamedLikeTheDateColumn() throws IOException {
        Path p = file("in.csv", "date,A,date\n2020-01-01,1,2\n");
        assertEquals(
                "input " + p + " has more than one column named 'date' (the date column); its columns are: "
                        + "date, A, date",
                error(p));
    }

    @Test
    void emptySeriesName() throws IOException {
        Path p = file("in.csv", "date,A,,B\n2020-01-01,1,2,3\n");
        assertEquals(
                "input " + p + ": column 3 of the header has no name; in a wide file each column after the date"
                        + " column is a series and its name is the series id (its columns are: date, A, , B)",
                error(p));
    }

    @Test
    void onlyADateColumn() throws IOException {
        Path p = file("in.csv", "date\n2020-01-01\n");
        assertEquals(
                "input " + p + " has only one column ('date'); a wide file has a date column and one column per"
                        + " series (or use --format long with --id-col)",
                error(p));
    }

    @Test
    void rowWithTheWrongNumberOfFields() throws IOException {
        Path p = file("in.csv", "date,A,B\n2020-01-01,1,2\n2020-01-02,1\n");
        assertEquals(
                "input " + p + " line 3: expected 3 fields but found 2 (every row of a wide file needs a field for"
                        + " the date and each series column, empty where a series has no value)",
                error(p));
        assertEquals(List.of(), series);
    }

    @Test
    void dateTimeColumn() throws IOException {
        Path p = file("in.csv", "time,A,B\n2020-01-01 00:00,1,\n2020-01-01 00:15,2,5\n2020-01-01 00:30,3,6\n");
        new WideCsvReader(null, TimeSettings.DEFAULT, RecentDs.DEFAULT).read(p, series::add, problems::add);
        assertEquals(List.of(), problems);
        assertEquals("15-minutely", series.get(0).axis().describeFrequency());
        assertArrayEquals(
                new String[] {"2020-01-01 00:45"}, series.get(1).axis().future(1));
    }

    @Test
    void unsortedDates() throws IOException {
        Path p = file("in.csv", "Date,A\n2018-01-04,1\n2018-01-08,2\n2018-01-05,3\n");
        InputException e = assertThrows(InputException.class, () -> read(p));
        assertEquals(
                "input " + p + " line 4, date column 'Date': ds 2018-01-05 comes after 2018-01-08 (the dates of"
                        + " a wide file must be strictly increasing, in one format: yyyy-MM-dd, yyyy-MM-dd"
                        + " HH:mm[:ss], yyyy-MM or integers)",
                e.getMessage());
        assertEquals(p, e.file());
    }

    @Test
    void badAndDuplicateDates() throws IOException {
        Path p = file("in.csv", "Date,A\n2018-01-04,1\n04/01/2018,2\n");
        assertEquals(
                "input " + p + " line 3, date column 'Date': ds '04/01/2018' is not an integer, a date"
                        + " (yyyy-MM-dd), a date-time (yyyy-MM-dd HH:mm[:ss]) or a month (yyyy-MM) (the dates of a"
                        + " wide file must be strictly increasing, in one format: yyyy-MM-dd, yyyy-MM-dd HH:mm[:ss],"
                        + " yyyy-MM or integers)",
                error(p));
        Path dup = file("dup.csv", "Date,A\n2018-01-04,1\n2018-01-04,2\n");
        assertEquals(
                "input " + dup + " line 3, date column 'Date': duplicate ds 2018-01-04 (the dates of a wide file"
                        + " must be strictly increasing, in one format: yyyy-MM-dd, yyyy-MM-dd HH:mm[:ss], yyyy-MM or"
                        + " integers)",
                error(dup));
    }

    @Test
    void wholeFileProblems() throws IOException {
        Path missing = dir.resolve("nope.csv");
        assertEquals("input file " + missing + " does not exist", error(missing));
        assertEquals("input " + dir + " is a directory, not a file", error(dir));
        Path empty = file("empty.csv", "\n");
        assertEquals("input " + empty + " is empty", error(empty));
        Path header = file("header.csv", "date,A\n");
        assertEquals("input " + header + " has a header but no data rows", error(header));
    }

    @Test
    void callbackExceptionsPropagateUnchanged() throws IOException {
        Path p = file("in.csv", "date,A\n1,1\n");
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(
                boom,
                assertThrows(
                        IllegalStateException.class,
                        () -> new WideCsvReader()
                                .read(
                                        p,
                                        s -> {
                                            throw boom;
                                        },
                                        problems::add)));
    }

    @Test
    void growsPastTheInitialCapacity() throws IOException {
        StringBuilder sb = new StringBuilder("t,A,B\n");
        for (int t = 1; t <= 1000; t++) {
            sb.append(t)
                    .append(',')
                    .append(t)
                    .append(',')
                    .append(t > 600 ? "" : Integer.toString(-t))
                    .append('\n');
        }
        read(file("in.csv", sb.toString()));
        assertEquals(List.of(), problems);
        assertEquals(1000, series.get(0).length());
        assertEquals(1000.0, series.get(0).y()[999]);
        assertEquals(600, series.get(1).length());
        assertEquals(-600.0, series.get(1).y()[599]);
        assertEquals(RecentDs.DEFAULT.count(), series.get(0).recentDs().length);
        assertEquals("1000", series.get(0).recentDs()[RecentDs.DEFAULT.count() - 1]);
    }

    /**
     * A wide copy of a few real S&P 500 series (from the quick start's long sample) reads back as the long reader
     * reads them, trimmed where a series starts later or ends earlier.
     */
    @Test
    void sp500WideCopyReadsLikeTheLongFile() throws IOException {
        List<String> wanted = List.of("MMM", "ABT", "AMZN", "GOOGL", "APA");
        Map<String, Series> longSeries = new LinkedHashMap<>();
        new LongCsvReader("unique_id", "ds", "y")
                .read(
                        SP500,
                        s -> {
                            if (wanted.contains(s.id())) {
                                longSeries.put(s.id(), s);
                            }
                        },
                        problems::add);
        assertEquals(List.of(), problems);
        assertEquals(wanted.size(), longSeries.size());

        // all have the same 238 dates; AMZN is made to start 30 days late, GOOGL to end 20 days early
        List<String> dates = new ArrayList<>();
        for (String line : Files.readAllLines(SP500)) {
            if (line.startsWith("MMM,")) {
                dates.add(line.split(",")[1]);
            }
        }
        assertEquals(238, dates.size());
        StringBuilder sb = new StringBuilder("date");
        for (String id : wanted) {
            sb.append(',').append(id);
        }
        sb.append('\n');
        for (int t = 0; t < dates.size(); t++) {
            sb.append(dates.get(t));
            for (String id : wanted) {
                sb.append(',');
                boolean cut = id.equals("AMZN") && t < 30 || id.equals("GOOGL") && t >= 218;
                if (!cut) {
                    sb.append(longSeries.get(id).y()[t]);
                }
            }
            sb.append('\n');
        }
        read(file("sp500_wide.csv", sb.toString()));
        assertEquals(List.of(), problems);
        assertEquals(wanted, ids());
        for (Series w : series) {
            Series l = longSeries.get(w.id());
            int from = w.id().equals("AMZN") ? 30 : 0;
            int to = w.id().equals("GOOGL") ? 218 : 238;
            assertArrayEquals(Arrays.copyOfRange(l.y(), from, to), w.y(), w.id());
            assertEquals("business-daily", w.axis().describeFrequency(), w.id());
            assertEquals(dates.get(to - 1), w.axis().last(), w.id());
            assertEquals(from + 2, w.firstLine(), w.id());
            assertEquals(dates.get(from), w.recentDs()[0], w.id());
            if (from == 0 && to == 238) {
                assertEquals(l.axis(), w.axis(), w.id());
                assertArrayEquals(l.recentDs(), w.recentDs(), w.id());
            }
        }
    }
}

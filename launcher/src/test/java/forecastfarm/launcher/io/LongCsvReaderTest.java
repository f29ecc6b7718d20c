package forecastfarm.launcher.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongCsvReaderTest {

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
        return Path.of(LongCsvReaderTest.class.getResource(name).toURI());
    }

    private void read(LongCsvReader reader, Path p) {
        reader.read(p, series::add, problems::add);
    }

    private void read(Path p) {
        read(new LongCsvReader(), p);
    }

    private List<String> ids() {
        return series.stream().map(Series::id).toList();
    }

    private List<String> messages() {
        return problems.stream().map(InputProblem::message).toList();
    }

    /** Two good series A and C around series B (lines 5..7), whose content is given. */
    private Path aroundB(String bRows) throws IOException {
        return file("in.csv", "unique_id,ds,y\n" + "A,1,10\nA,2,11\nA,3,12\n" + bRows + "C,1,5\nC,2,6\n");
    }

    @Test
    void readsWellFormedFile() throws IOException {
        Path p = file(
                "in.csv",
                "unique_id,ds,y\n" + "A,2018-01-01,1.5\nA,2018-01-02,2\nA,2018-01-03,-3e2\n" + "B,1,10\nB,2,20\n");
        read(p);
        assertEquals(List.of(), problems);
        assertEquals(List.of("A", "B"), ids());
        Series a = series.get(0);
        assertArrayEquals(new double[] {1.5, 2, -300}, a.y());
        assertEquals(2, a.firstLine());
        assertEquals("daily", a.axis().describeFrequency());
        assertEquals("2018-01-03", a.axis().last());
        assertEquals("y", a.valueName(), "the plots' y axis title");
        Series b = series.get(1);
        assertArrayEquals(new double[] {10, 20}, b.y());
        assertEquals(5, b.firstLine());
        assertArrayEquals(new String[] {"3"}, b.axis().future(1));
    }

    @Test
    void columnOrderExtraColumnsQuotingBomCrlfAndBlankLines() throws IOException {
        Path p = file(
                "in.csv",
                "\uFEFFextra,y,\"ds\",unique_id\r\n"
                        + "x,1,1,\"A, Inc.\"\r\n"
                        + "\r\n"
                        + "\"multi\nline\",2,2,\"A, Inc.\"\r\n"
                        + ",,,\r\n"
                        + "z,3,3,\"A, Inc.\"\r\n");
        read(p);
        assertEquals(List.of(), problems);
        assertEquals(List.of("A, Inc."), ids());
        assertArrayEquals(new double[] {1, 2, 3}, series.get(0).y());
    }

    @Test
    void m3MonthlyWithCustomColumns() throws Exception {
        // first two series of m3_monthly_train.csv: series_id,period,category,t,time,value
        read(new LongCsvReader("series_id", "time", "value"), resource("m3_monthly_sample.csv"));
        assertEquals(List.of(), problems);
        assertEquals(List.of("N1402", "N1403"), ids());
        Series s = series.get(0);
        assertEquals(50, s.length());
        assertEquals(2640, s.y()[0]);
        assertEquals("value", s.valueName());
        assertEquals(2400, s.y()[49]);
        assertEquals(2, s.firstLine());
        assertEquals(52, series.get(1).firstLine());
        assertEquals("monthly", s.axis().describeFrequency());
        assertEquals(12, s.axis().inferredSeasonLength());
        // the labels of m3_monthly_test.csv for N1402
        assertArrayEquals(
                new String[] {
                    "1994-03", "1994-04", "1994-05", "1994-06", "1994-07", "1994-08", "1994-09", "1994-10", "1994-11",
                    "1994-12", "1995-01", "1995-02", "1995-03", "1995-04", "1995-05", "1995-06", "1995-07", "1995-08"
                },
                s.axis().future(18));
    }

    @Test
    void m3WithIntegerTimeColumn() throws Exception {
        read(new LongCsvReader("series_id", "t", "value"), resource("m3_monthly_sample.csv"));
        assertEquals(List.of(), problems);
        assertEquals("integer", series.get(0).axis().describeFrequency());
        assertArrayEquals(new String[] {"51", "52"}, series.get(0).axis().future(2));
    }

    @Test
    void m3Quarterly() throws Exception {
        read(new LongCsvReader("series_id", "time", "value"), resource("m3_quarterly_sample.csv"));
        assertEquals(List.of(), problems);
        Series s = series.get(0);
        assertEquals("N0646", s.id());
        assertEquals(36, s.length());
        assertEquals("quarterly", s.axis().describeFrequency());
        assertEquals(4, s.axis().inferredSeasonLength());
        // the labels of m3_quarterly_test.csv for N0646
        assertArrayEquals(
                new String[] {"1993-01", "1993-02", "1993-03", "1993-04", "1994-01", "1994-02", "1994-03", "1994-04"},
                s.axis().future(8));
    }

    @Test
    void m3Yearly() throws Exception {
        read(new LongCsvReader("series_id", "time", "value"), resource("m3_yearly_sample.csv"));
        assertEquals(List.of(), problems);
        assertEquals("yearly", series.get(0).axis().describeFrequency());
        assertArrayEquals(
                new String[] {"1989", "1990", "1991", "1992", "1993", "1994"},
                series.get(0).axis().future(6));
    }

    @Test
    void sp500BusinessDaily() throws Exception {
        // MMM closes, CRLF line ends, series_id,t,date,value; last training day Mon 2018-08-20
        read(new LongCsvReader("series_id", "date", "value"), resource("sp500_mmm_sample.csv"));
        assertEquals(List.of(), problems);
        Series s = series.get(0);
        assertEquals(238, s.length());
        assertEquals("business-daily", s.axis().describeFrequency());
        assertEquals(5, s.axis().inferredSeasonLength());
        String[] f = s.axis().future(14);
        // sp500_daily_test.csv's first 9 dates; the 10th there is 2018-09-04 because of Labor Day, which a
        // Mon-Fri calendar does not know
        assertArrayEquals(
                new String[] {
                    "2018-08-21",
                    "2018-08-22",
                    "2018-08-23",
                    "2018-08-24",
                    "2018-08-27",
                    "2018-08-28",
                    "2018-08-29",
                    "2018-08-30",
                    "2018-08-31"
                },
                Arrays.copyOf(f, 9));
        assertEquals("2018-09-03", f[9]);
    }

    @Test
    void missingFile() {
        InputException e = assertThrows(
                InputException.class,
                () -> new LongCsvReader().read(Path.of("prices.csv"), series::add, problems::add));
        assertEquals("input file prices.csv does not exist", e.getMessage());
        assertEquals(Path.of("prices.csv"), e.file());
    }

    @Test
    void directory() {
        InputException e = assertThrows(InputException.class, () -> read(dir));
        assertEquals("input " + dir + " is a directory, not a file", e.getMessage());
    }

    @Test
    void unreadableFile() throws IOException {
        Path p = file("secret.csv", "unique_id,ds,y\nA,1,1\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(p), "running as root: permissions are not enforced");
        InputException e = assertThrows(InputException.class, () -> read(p));
        assertEquals("input file " + p + " cannot be read (permission denied)", e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path p = file("empty.csv", "");
        assertEquals(
                "input " + p + " is empty",
                assertThrows(InputException.class, () -> read(p)).getMessage());
        Path blank = file("blank.csv", "\n\n");
        assertEquals(
                "input " + blank + " is empty",
                assertThrows(InputException.class, () -> read(blank)).getMessage());
    }

    @Test
    void headerOnly() throws IOException {
        Path p = file("h.csv", "unique_id,ds,y\n");
        assertEquals(
                "input " + p + " has a header but no data rows",
                assertThrows(InputException.class, () -> read(p)).getMessage());
    }

    @Test
    void missingColumn() throws IOException {
        Path p = file("prices.csv", "date,symbol,close\n2018-01-02,AAPL,172.26\n");
        InputException e = assertThrows(InputException.class, () -> read(new LongCsvReader("symbol", "date", "y"), p));
        assertEquals(
                "input " + p + " has no column 'y'; its columns are: date, symbol, close. "
                        + "Use --value-col to name the value column",
                e.getMessage());
        assertEquals(p, e.file());

        InputException id =
                assertThrows(InputException.class, () -> read(new LongCsvReader("unique_id", "date", "close"), p));
        assertEquals(
                "input " + p + " has no column 'unique_id'; its columns are: date, symbol, close. "
                        + "Use --id-col to name the series id column",
                id.getMessage());

        InputException all = assertThrows(InputException.class, () -> read(p));
        assertEquals(
                "input " + p + " has no columns 'unique_id', 'ds', 'y'; its columns are: date, symbol, close. "
                        + "Use --id-col, --time-col, --value-col to name the series id, time, value columns",
                all.getMessage());
        assertEquals(List.of(), series);
    }

    @Test
    void duplicateColumn() throws IOException {
        Path p = file("d.csv", "unique_id,ds,y,y\nA,1,1,2\n");
        assertEquals(
                "input " + p + " has more than one column named 'y'; its columns are: unique_id, ds, y, y",
                assertThrows(InputException.class, () -> read(p)).getMessage());
    }

    @Test
    void nonNumericValue() throws IOException {
        StringBuilder sb = new StringBuilder("unique_id,ds,y\n");
        for (int i = 1; i <= 10; i++) {
            sb.append("MSFT,").append(i).append(',').append(i).append('\n'); // lines 2..11
        }
        for (int i = 1; i <= 8; i++) {
            sb.append("AAPL,")
                    .append(i)
                    .append(',')
                    .append(i == 6 ? "abc" : "1")
                    .append('\n'); // lines 12..19
        }
        sb.append("IBM,1,1\nIBM,2,2\n");
        read(file("in.csv", sb.toString()));
        assertEquals(List.of("series AAPL line 17: value 'abc' is not a number"), messages());
        assertEquals(new InputProblem("AAPL", 17, "series AAPL line 17: value 'abc' is not a number"), problems.get(0));
        assertEquals(List.of("MSFT", "IBM"), ids());
    }

    @Test
    void severalNonNumericValuesAreCounted() throws IOException {
        read(aroundB("B,1,x\nB,2,1\nB,3,y\n"));
        assertEquals(
                List.of("series B line 5: value 'x' is not a number (and 1 more value that is not a number "
                        + "in this series)"),
                messages());
        assertEquals(List.of("A", "C"), ids());
    }

    @Test
    void wrongNumberOfFields() throws IOException {
        read(aroundB("B,1,1\nB,2,2,9\nB,3,3\n"));
        assertEquals(List.of("series B line 6: expected 3 fields but found 4"), messages());
        assertEquals(6, problems.get(0).line());
        assertEquals("B", problems.get(0).seriesId());
        assertEquals(List.of("A", "C"), ids());
    }

    @Test
    void tooFewFields() throws IOException {
        read(aroundB("B,1,1\nB,2\nB,3,3\n"));
        assertEquals(List.of("series B line 6: expected 3 fields but found 2"), messages());
        assertEquals(List.of("A", "C"), ids());
    }

    @Test
    void rowWithoutIdFieldCountsAgainstTheSeriesAroundIt() throws IOException {
        Path p = file("in.csv", "ds,y,unique_id\n1,1,A\n2,2\n3,3,A\n1,1,C\n");
        read(p);
        assertEquals(List.of("series A line 3: expected 3 fields but found 2"), messages());
        assertEquals(List.of("C"), ids());
        // ... or, on the first data row, against no series
        series.clear();
        problems.clear();
        read(file("in2.csv", "ds,y,unique_id\n1,1\n1,1,C\n"));
        assertEquals(List.of(new InputProblem(null, 2, "line 2: expected 3 fields but found 2")), problems);
        assertEquals(List.of("C"), ids());
    }

    @Test
    void missingValues() throws IOException {
        read(aroundB("B,1,1\nB,2,NA\nB,3,\nB,4,NaN\nB,5,nan\n"));
        assertEquals(List.of("series B has 4 missing values (first at line 6)"), messages());
        assertEquals(6, problems.get(0).line());
        assertEquals(List.of("A", "C"), ids());
    }

    @Test
    void oneMissingValue() throws IOException {
        read(aroundB("B,1,1\nB,2,\"\"\n"));
        assertEquals(List.of("series B has 1 missing value (first at line 6)"), messages());
        assertEquals(List.of("A", "C"), ids());
    }

    @Test
    void infiniteValues() throws IOException {
        read(aroundB("B,1,1\nB,2,Inf\nB,3,1e999\n"));
        assertEquals(
                List.of("series B line 6: value 'Inf' is not a finite number (and 1 more infinite value in "
                        + "this series)"),
                messages());
        assertEquals(List.of("A", "C"), ids());
    }

    @Test
    void unsortedDs() throws IOException {
        Path p = file(
                "in.csv",
                "unique_id,ds,y\n"
                        + "AAPL,2018-01-04,1\nAAPL,2018-01-08,2\nAAPL,2018-01-05,3\n"
                        + "MSFT,2018-01-04,1\n");
        read(p);
        assertEquals(
                List.of(
                        new InputProblem(
                                "AAPL",
                                4,
                                "series AAPL line 4: ds 2018-01-05 comes after 2018-01-08 on line 3 (rows must be sorted by ds within a series)")),
                problems);
        assertEquals(List.of("MSFT"), ids());
    }

    @Test
    void duplicateDs() throws IOException {
        read(aroundB("B,2018-01-04,1\nB,2018-01-05,2\nB,2018-01-05,3\n"));
        assertEquals(
                List.of(new InputProblem(
                        "B",
                        7,
                        "series B line 7: duplicate ds 2018-01-05 (the same time as line 6); keep one row per time")),
                problems);
        assertEquals(List.of("A", "C"), ids());
    }

    @Test
    void badDs() throws IOException {
        read(aroundB("B,1,1\nB,two,2\n"));
        assertEquals(
                List.of(new InputProblem(
                        "B",
                        6,
                        "series B line 6: ds 'two' is not an integer, a date (yyyy-MM-dd), a date-time"
                                + " (yyyy-MM-dd HH:mm[:ss]) or a month (yyyy-MM)")),
                problems);
        assertEquals(List.of("A", "C"), ids());
    }

    @Test
    void seriesAppearingAgain() throws IOException {
        Path p = file(
                "in.csv",
                "unique_id,ds,y\n"
                        + "X,1,1\nX,2,2\n" // lines 2-3
                        + "Y,1,1\n" // line 4
                        + "X,3,3\nX,4,4\n" // lines 5-6: skipped
                        + "Z,1,1\n");
        read(p);
        assertEquals(
                List.of(new InputProblem(
                        "X", 5, "series X appears again at line 5 after other series; group rows by series")),
                problems);
        assertEquals(List.of("X", "Y", "Z"), ids());
        assertArrayEquals(new double[] {1, 2}, series.get(0).y());
    }

    @Test
    void emptySeriesId() throws IOException {
        read(aroundB(",1,1\n,2,2\n"));
        assertEquals(
                List.of(new InputProblem(
                        null, 5, "line 5: the series id column 'unique_id' is empty (2 rows skipped)")),
                problems);
        assertEquals(List.of("A", "C"), ids());
    }

    @Test
    void hourlyDateTimesInAZoneWithGapsAndDuplicatesNamedByLine() throws IOException {
        Path p = file(
                "hourly.csv",
                "unique_id,ds,y\n"
                        // A: through London's change of 2020-10-25 (01:00 twice): neither a gap nor a duplicate
                        + "A,2020-10-25 00:00:00,1\nA,2020-10-25 01:00:00,2\nA,2020-10-25 01:00:00,3\n"
                        + "A,2020-10-25 02:00:00,4\n"
                        // B (lines 6..8): 02:00 missing
                        + "B,2020-01-01 00:00:00,1\nB,2020-01-01 01:00:00,2\nB,2020-01-01 03:00:00,3\n"
                        // C (lines 9..11): 01:00 twice outside a change
                        + "C,2020-01-01 00:00:00,1\nC,2020-01-01 01:00:00,2\nC,2020-01-01 01:00:00,3\n"
                        + "D,2020-01-01T00:00Z,1\nD,2020-01-01T01:00Z,2\n");
        read(
                new LongCsvReader(
                        "unique_id",
                        "ds",
                        "y",
                        new TimeSettings(java.time.ZoneId.of("Europe/London"), false),
                        RecentDs.DEFAULT),
                p);
        assertEquals(List.of("A", "D"), ids());
        assertEquals(
                List.of(
                        new InputProblem(
                                "B",
                                8,
                                "series B line 8: ds 2020-01-01 01:00:00 (line 7) is followed by 2020-01-01 03:00:00"
                                        + " (1 missing hourly period); fill the gap (e.g. carry the last value forward"
                                        + " or interpolate) so that every period has a value"),
                        new InputProblem(
                                "C",
                                11,
                                "series C line 11: duplicate ds 2020-01-01 01:00:00 (the same time as line 10); keep"
                                        + " one row per time")),
                problems);
        assertEquals("hourly", series.get(0).axis().describeFrequency());
        assertArrayEquals(
                new String[] {"2020-10-25 03:00:00"}, series.get(0).axis().future(1));
        assertArrayEquals(
                new String[] {"2020-01-01T02:00Z"}, series.get(1).axis().future(1));
    }

    @Test
    void epochSecondsWithTheOption() throws IOException {
        Path p = file("epoch.csv", "unique_id,ds,y\nA,1577836800,1\nA,1577838600,2\nA,1577840400,3\n");
        read(
                new LongCsvReader(
                        "unique_id", "ds", "y", new TimeSettings(java.time.ZoneOffset.UTC, true), RecentDs.DEFAULT),
                p);
        assertEquals(List.of(), problems);
        assertEquals("half-hourly", series.get(0).axis().describeFrequency());
        assertArrayEquals(new String[] {"1577842200"}, series.get(0).axis().future(1));
    }

    @Test
    void severalProblemsInOneSeriesAreAllReported() throws IOException {
        read(aroundB("B,1,1\nB,3,abc\nB,2,\n"));
        assertEquals(
                List.of(
                        "series B line 6: value 'abc' is not a number",
                        "series B has 1 missing value (first at line 7)",
                        "series B line 7: ds 2 comes after 3 on line 6 (rows must be sorted by ds within a series)"),
                messages());
        assertEquals(List.of("A", "C"), ids());
    }

    @Test
    void callbackExceptionsPropagateUnchanged() throws IOException {
        Path p = aroundB("");
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(
                IllegalStateException.class,
                () -> new LongCsvReader()
                        .read(
                                p,
                                s -> {
                                    throw boom;
                                },
                                problems::add));
        assertSame(boom, thrown);
    }

    @Test
    void manySeriesStream() throws IOException {
        Path p = dir.resolve("big.csv");
        int nSeries = 30_000;
        try (BufferedWriter w = Files.newBufferedWriter(p)) {
            w.write("unique_id,ds,y\n");
            for (int s = 0; s < nSeries; s++) {
                for (int t = 1; t <= 12; t++) {
                    w.write("S" + s + "," + t + "," + (s + t) + "\n");
                }
            }
        }
        long[] count = {0};
        double[] sum = {0};
        new LongCsvReader()
                .read(
                        p,
                        s -> {
                            count[0]++;
                            sum[0] += s.y()[11];
                        },
                        problems::add);
        assertEquals(List.of(), problems);
        assertEquals(nSeries, count[0]);
        assertEquals((double) nSeries * (nSeries - 1) / 2 + 12.0 * nSeries, sum[0]);
    }

    @Test
    void idSetGrowsWithoutLosingIds() {
        IdSet set = new IdSet();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(set.add("id" + i));
        }
        for (int i = 0; i < 100_000; i += 997) {
            assertEquals(false, set.add("id" + i));
        }
        assertEquals(100_000, set.size());
    }

    @Test
    void readsAGzippedFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path gz = dir.resolve("in.csv.gz");
        try (java.io.Writer w = new java.io.OutputStreamWriter(
                new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gz)),
                java.nio.charset.StandardCharsets.UTF_8)) {
            w.write("unique_id,ds,y\nA,1,1.5\nA,2,2.5\nA,3,3.5\n");
        }
        List<Series> series = new java.util.ArrayList<>();
        new LongCsvReader().read(gz, series::add, p -> {
            throw new AssertionError(p.message());
        });
        org.junit.jupiter.api.Assertions.assertEquals(1, series.size());
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                new double[] {1.5, 2.5, 3.5}, series.get(0).y());
    }
}

package forecastfarm.launcher.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OhlcDirReaderTest {

    private static final String YAHOO = "Date,Open,High,Low,Close,Adj Close,Volume\n";

    @TempDir
    Path dir;

    private final List<Series> series = new ArrayList<>();
    private final List<InputProblem> problems = new ArrayList<>();

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** Yahoo rows: Open..Close from {@code close}, Adj Close = close - 1. */
    private static String yahoo(String... datesAndCloses) {
        StringBuilder sb = new StringBuilder(YAHOO);
        for (int i = 0; i < datesAndCloses.length; i += 2) {
            String c = datesAndCloses[i + 1];
            String adj = c;
            try {
                adj = Double.toString(Double.parseDouble(c) - 1);
            } catch (NumberFormatException e) {
                // not a number: written as is
            }
            sb.append(datesAndCloses[i])
                    .append(",1,2,0.5,")
                    .append(c)
                    .append(',')
                    .append(adj)
                    .append(",100\n");
        }
        return sb.toString();
    }

    private void read(OhlcDirReader reader, Path d) {
        reader.read(d, series::add, problems::add);
    }

    private void read(Path d) {
        read(new OhlcDirReader(), d);
    }

    private List<String> ids() {
        return series.stream().map(Series::id).toList();
    }

    private List<String> messages() {
        return problems.stream().map(InputProblem::message).toList();
    }

    private String error(Path d) {
        return assertThrows(InputException.class, () -> read(d)).getMessage();
    }

    @Test
    void readsSampleDirectory() throws URISyntaxException {
        // AAPL.csv in Yahoo's layout, IBM.csv without Adj Close (and CRLF), README.txt ignored
        read(Path.of(OhlcDirReaderTest.class.getResource("ohlc_sample").toURI()));
        assertEquals(List.of(), problems);
        assertEquals(List.of("AAPL", "IBM"), ids());
        Series aapl = series.get(0);
        assertArrayEquals(new double[] {184.94, 183.55, 181.22, 180.50, 184.86}, aapl.y()); // Adj Close
        assertEquals(2, aapl.firstLine());
        assertEquals("Adj Close", aapl.valueName());
        assertEquals("2024-01-08", aapl.axis().last());
        assertArrayEquals(
                new String[] {"2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08"}, aapl.recentDs());
        Series ibm = series.get(1);
        assertArrayEquals(new double[] {161.50, 160.10, 160.86}, ibm.y()); // Close
        assertEquals("Close", ibm.valueName());
        assertEquals("daily", ibm.axis().describeFrequency());
    }

    @Test
    void businessDailyFrequencyAndSortedOrder() throws IOException {
        StringBuilder rows = new StringBuilder(YAHOO);
        java.time.LocalDate d = java.time.LocalDate.of(2024, 1, 1);
        for (int i = 0; i < 15; i++, d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5) {
                rows.append(d)
                        .append(",1,1,1,")
                        .append(10 + i)
                        .append(',')
                        .append(9 + i)
                        .append(",5\n");
            }
        }
        // written in reverse order: read in name order all the same
        file("ZTS.csv", rows.toString());
        file("MSFT.csv", rows.toString());
        file("A.csv", rows.toString());
        read(dir);
        assertEquals(List.of(), problems);
        assertEquals(List.of("A", "MSFT", "ZTS"), ids());
        assertEquals("business-daily", series.get(0).axis().describeFrequency());
        assertEquals(11, series.get(0).length());
        assertArrayEquals(new String[] {"2024-01-16"}, series.get(0).axis().future(1));
    }

    @Test
    void valueColumnByName() throws IOException {
        file("A.csv", yahoo("2024-01-02", "10", "2024-01-03", "11"));
        file("B.csv", "date,open,close\n2024-01-02,5,6\n2024-01-03,7,8\n");
        file("C.csv", "Date,Close\n2024-01-02,5\n");
        read(new OhlcDirReader(null, "Open"), dir);
        assertEquals(List.of("A", "B"), ids());
        assertArrayEquals(new double[] {1, 1}, series.get(0).y());
        assertArrayEquals(new double[] {5, 7}, series.get(1).y()); // 'open': letter case does not matter
        assertEquals("open", series.get(1).valueName(), "named as in the file's header");
        Path c = dir.resolve("C.csv");
        assertEquals(
                List.of(new InputProblem(
                        "C",
                        1,
                        "series C (file " + c + ") has no column 'Open'; its columns"
                                + " are: Date, Close. Use --value-col to name the value column")),
                problems);
    }

    @Test
    void timeColumnByNameElseDateElseFirst() throws IOException {
        file("A.csv", "Close,Day\n1,2024-01-02\n2,2024-01-03\n");
        file("B.csv", "when,Close\n2024-02,1\n2024-03,2\n");
        read(new OhlcDirReader("Day", null), dir);
        assertEquals(List.of(), problems);
        assertEquals("2024-01-03", series.get(0).axis().last());
        assertEquals("monthly", series.get(1).axis().describeFrequency());
    }

    @Test
    void fileWithoutCloseColumn() throws IOException {
        file("A.csv", yahoo("2024-01-02", "10"));
        Path b = file("B.csv", "Date,Open,Volume\n2024-01-02,1,2\n");
        read(dir);
        assertEquals(List.of("A"), ids());
        assertEquals(
                List.of(
                        new InputProblem(
                                "B",
                                1,
                                "series B (file " + b + ") has neither an 'Adj Close' nor a"
                                        + " 'Close' column; its columns are: Date, Open, Volume. Use --value-col to name the value column")),
                problems);
    }

    @Test
    void badRowsSkipOnlyThatFile() throws IOException {
        file("A.csv", yahoo("2024-01-02", "10", "2024-01-03", "11"));
        Path b = file("B.csv", yahoo("2024-01-02", "10", "2024-01-03", "abc", "2024-01-04", "", "2024-01-05", "inf"));
        Path c = file("C.csv", yahoo("2024-01-02", "10") + "2024-01-03,1,2\n");
        Path d = file("D.csv", yahoo("2024-01-02", "10", "2024-01-04", "11", "2024-01-03", "12"));
        file("E.csv", yahoo("2024-01-02", "10"));
        read(dir);
        assertEquals(List.of("A", "E"), ids());
        assertEquals(
                List.of(
                        "series B (file " + b + ") line 3: value 'abc' is not a number",
                        "series B (file " + b + ") line 5: value 'inf' is not a finite number",
                        "series B (file " + b + ") has 1 missing value (first at line 4)",
                        "series C (file " + c + ") line 3: expected 7 fields but found 3",
                        "series D (file " + d
                                + ") line 4: ds 2024-01-03 comes after 2024-01-04 (rows must be sorted by date)"),
                messages());
        assertEquals(3, problems.get(0).line());
        assertEquals("B", problems.get(0).seriesId());
        assertEquals(4, problems.get(4).line());
    }

    @Test
    void emptyAndHeaderOnlyFiles() throws IOException {
        Path a = file("A.csv", "");
        Path b = file("B.csv", YAHOO);
        file("C.csv", yahoo("2024-01-02", "10"));
        read(dir);
        assertEquals(List.of("C"), ids());
        assertEquals(
                List.of(
                        new InputProblem("A", 0, "series A (file " + a + ") is empty"),
                        new InputProblem("B", 0, "series B (file " + b + ") has a header but no data rows")),
                problems);
    }

    @Test
    void gzipFilesAndDuplicateIds() throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("B.csv.gz")))) {
            out.write(yahoo("2024-01-02", "10", "2024-01-03", "12").getBytes(StandardCharsets.UTF_8));
        }
        file("A.csv", yahoo("2024-01-02", "1"));
        Path dupe = dir.resolve("A.csv.gz"); // sorts after A.csv
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dupe))) {
            out.write(yahoo("2024-01-02", "2").getBytes(StandardCharsets.UTF_8));
        }
        read(dir);
        assertEquals(List.of("A", "B"), ids());
        assertArrayEquals(new double[] {0}, series.get(0).y());
        assertArrayEquals(new double[] {9, 11}, series.get(1).y());
        assertEquals(
                List.of(new InputProblem(
                        "A",
                        0,
                        "series A: file " + dupe
                                + " skipped, A.csv already gave a series A (series ids must be unique)")),
                problems);
    }

    @Test
    void corruptGzipIsAProblemOfThatSeries() throws IOException {
        Path bad = file("B.csv.gz", "not gzip");
        file("C.csv", yahoo("2024-01-02", "1"));
        read(dir);
        assertEquals(List.of("C"), ids());
        assertEquals(1, problems.size());
        assertTrue(
                problems.get(0).message().startsWith("series B: cannot read file " + bad + ": "),
                problems.get(0).message());
    }

    @Test
    void otherEntriesAreIgnored() throws IOException {
        file("A.csv", yahoo("2024-01-02", "1"));
        file("notes.txt", "x");
        file(".hidden.csv", "garbage");
        file("data.csv.bak", "garbage");
        Files.createDirectory(dir.resolve("sub.csv"));
        read(dir);
        assertEquals(List.of(), problems);
        assertEquals(List.of("A"), ids());
    }

    @Test
    void directoryWithoutCsvFiles() throws IOException {
        assertEquals(
                "no *.csv files in " + dir + "; an OHLC input is a directory with one CSV file per symbol,"
                        + " e.g. AAPL.csv with columns Date,Open,High,Low,Close,Adj Close,Volume",
                error(dir));
        file("notes.txt", "x");
        Files.createDirectory(dir.resolve("sub"));
        assertEquals(
                "no *.csv files in " + dir + " (2 other entries); an OHLC input is a directory with one CSV"
                        + " file per symbol, e.g. AAPL.csv with columns Date,Open,High,Low,Close,Adj Close,Volume",
                error(dir));
    }

    @Test
    void missingOrNotADirectory() throws IOException {
        Path none = dir.resolve("prices");
        InputException e = assertThrows(InputException.class, () -> read(none));
        assertEquals("input directory " + none + " does not exist", e.getMessage());
        assertEquals(none, e.file());
        Path f = file("prices.csv", "a");
        assertEquals(
                "input " + f + " is not a directory (an OHLC input is a directory with one CSV file per symbol)",
                error(f));
    }

    @Test
    void seriesIdsFromFileNames() {
        assertEquals("BRK.B", OhlcDirReader.seriesId(Path.of("d", "BRK.B.csv")));
        assertEquals("^GSPC", OhlcDirReader.seriesId(Path.of("^GSPC.CSV")));
        assertEquals("AAPL", OhlcDirReader.seriesId(Path.of("AAPL.csv.gz")));
        assertTrue(OhlcDirReader.isCsvName("x.Csv"));
        assertEquals(false, OhlcDirReader.isCsvName(".csv"));
        assertEquals(false, OhlcDirReader.isCsvName("x.csv.zip"));
    }
}

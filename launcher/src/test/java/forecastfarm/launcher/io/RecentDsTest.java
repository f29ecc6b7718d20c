package forecastfarm.launcher.io;

import static forecastfarm.launcher.io.parquet.ParquetFixtures.date;
import static forecastfarm.launcher.io.parquet.ParquetFixtures.float64;
import static forecastfarm.launcher.io.parquet.ParquetFixtures.string;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import forecastfarm.launcher.io.parquet.ParquetFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many of a series' last ds labels a read keeps: the same setting, through {@link InputFormat#readerFor}, for
 * every layout (long and wide CSV, an OHLC dir, long and wide Parquet).
 */
class RecentDsTest {
    private static final int POINTS = 3000;
    private static final LocalDate FIRST = LocalDate.of(2010, 1, 1);

    @TempDir
    Path dir;

    @Test
    void everyReaderKeepsTheDefault512LabelsUnlessAskedForMore() throws IOException {
        for (final Path input : inputs()) {
            assertKeeps(512, input, RecentDs.DEFAULT);
            assertKeeps(2689, input, RecentDs.covering(2689));
            assertKeeps(POINTS, input, new RecentDs(5000));
        }
    }

    @Test
    void coveringAsksForMoreThanTheDefaultOnly() {
        assertEquals(RecentDs.DEFAULT, RecentDs.covering(0));
        assertEquals(RecentDs.DEFAULT, RecentDs.covering(25));
        assertEquals(512, RecentDs.covering(512).count());
        assertEquals(513, RecentDs.covering(513).count());
        assertThrows(IllegalArgumentException.class, () -> new RecentDs(0));
    }

    /** Reads {@code input} keeping {@code kept}: its one series has the last {@code expected} labels, as written. */
    private void assertKeeps(final int expected, final Path input, final RecentDs kept) {
        final List<Series> series = new ArrayList<>();
        final List<InputProblem> problems = new ArrayList<>();
        InputFormat.detect(input, null, null, null)
                .readerFor(input, null, null, null, TimeSettings.DEFAULT, kept)
                .read(input, series::add, problems::add);
        assertEquals(List.of(), problems, input.toString());
        assertEquals(1, series.size(), input.toString());
        final String[] labels = series.get(0).recentDs();
        final String[] last = new String[expected];
        for (int i = 0; i < expected; i++) {
            last[i] = FIRST.plusDays(POINTS - expected + i).toString();
        }
        assertArrayEquals(last, labels, input + " keeping " + kept);
        assertEquals(POINTS, series.get(0).length(), input.toString());
    }

    /** The same daily series of 3000 points, id S, in each layout. */
    private List<Path> inputs() throws IOException {
        final StringBuilder longCsv = new StringBuilder("unique_id,ds,y\n");
        final StringBuilder wideCsv = new StringBuilder("ds,S\n");
        final StringBuilder ohlc = new StringBuilder("Date,Close\n");
        final List<Object[]> longRows = new ArrayList<>();
        final List<Object[]> wideRows = new ArrayList<>();
        for (int t = 0; t < POINTS; t++) {
            final LocalDate day = FIRST.plusDays(t);
            final double y = 10 + t % 7;
            longCsv.append("S,").append(day).append(',').append(y).append('\n');
            wideCsv.append(day).append(',').append(y).append('\n');
            ohlc.append(day).append(',').append(y).append('\n');
            longRows.add(new Object[] {"S", (int) day.toEpochDay(), y});
            wideRows.add(new Object[] {(int) day.toEpochDay(), y});
        }
        final Path ohlcDir = Files.createDirectories(dir.resolve("ohlc"));
        Files.writeString(ohlcDir.resolve("S.csv"), ohlc);
        return List.of(
                Files.writeString(dir.resolve("long.csv"), longCsv),
                Files.writeString(dir.resolve("wide.csv"), wideCsv),
                ohlcDir,
                ParquetFixtures.write(
                        dir.resolve("long.parquet"), List.of(string("unique_id"), date("ds"), float64("y")), longRows),
                ParquetFixtures.write(dir.resolve("wide.parquet"), List.of(date("ds"), float64("S")), wideRows));
    }
}

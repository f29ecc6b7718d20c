package forecastfarm.launcher.io.parquet;

import static forecastfarm.launcher.io.parquet.ParquetFixtures.date;
import static forecastfarm.launcher.io.parquet.ParquetFixtures.float32;
import static forecastfarm.launcher.io.parquet.ParquetFixtures.float64;
import static forecastfarm.launcher.io.parquet.ParquetFixtures.int32;
import static forecastfarm.launcher.io.parquet.ParquetFixtures.int64;
import static forecastfarm.launcher.io.parquet.ParquetFixtures.string;
import static forecastfarm.launcher.io.parquet.ParquetFixtures.timestamp;
import static forecastfarm.launcher.io.parquet.ParquetFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.InputFormat;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.RecentDs;
import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.TimeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReadersTest {
    @TempDir
    Path dir;

    private final List<Series> series = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private static long day(String date) {
        return LocalDate.parse(date).toEpochDay();
    }

    private void read(Path file) {
        InputFormat format = InputFormat.detect(file, null, null, null);
        format.readerFor(file, null, null, null, TimeSettings.DEFAULT, RecentDs.DEFAULT)
                .read(file, series::add, p -> problems.add(p.message()));
    }

    private void readCsv(Path file) {
        InputFormat.detect(file, null, null, null)
                .readerFor(file, null, null, null, TimeSettings.DEFAULT, RecentDs.DEFAULT)
                .read(file, series::add, (InputProblem p) -> problems.add(p.message()));
    }

    @Test
    void longFileWithMidnightTimestampsReadsAsTheSameCsv() throws IOException {
        long micros = 86_400_000_000L;
        List<Object[]> rows = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            rows.add(new Object[] {"a", (day("2024-01-01") + t) * micros, 10.0 + t});
        }
        for (int t = 0; t < 3; t++) {
            rows.add(new Object[] {"b", (day("2024-02-01") + t) * micros, 1.5 * t});
        }
        read(write(
                dir.resolve("in.parquet"),
                List.of(string("unique_id"), timestamp("ds", false, TimeUnit.MICROS), float64("y")),
                rows));
        List<Series> fromParquet = List.copyOf(series);
        series.clear();
        Path csv = dir.resolve("in.csv");
        Files.writeString(
                csv,
                "unique_id,ds,y\na,2024-01-01,10\na,2024-01-02,11\na,2024-01-03,12\na,2024-01-04,13\n"
                        + "a,2024-01-05,14\nb,2024-02-01,0\nb,2024-02-02,1.5\nb,2024-02-03,3\n");
        readCsv(csv);
        assertEquals(List.of(), problems);
        assertEquals(series.size(), fromParquet.size());
        for (int i = 0; i < series.size(); i++) {
            assertEquals(series.get(i).id(), fromParquet.get(i).id());
            assertArrayEquals(series.get(i).y(), fromParquet.get(i).y());
            assertEquals(series.get(i).axis(), fromParquet.get(i).axis());
            assertArrayEquals(series.get(i).recentDs(), fromParquet.get(i).recentDs());
        }
    }

    @Test
    void dateColumnIntegerIdsFloatValuesAndNullsAsMissing() throws IOException {
        read(write(
                dir.resolve("d.parquet"),
                List.of(int64("unique_id"), date("ds"), float32("y")),
                List.of(
                        new Object[] {7L, (int) day("2024-01-01"), 1f},
                        new Object[] {7L, (int) day("2024-01-02"), 2f},
                        new Object[] {8L, (int) day("2024-01-01"), 1f},
                        new Object[] {8L, (int) day("2024-01-02"), null},
                        new Object[] {8L, (int) day("2024-01-03"), Float.NaN})));
        assertEquals(1, series.size());
        assertEquals("7", series.get(0).id());
        assertEquals("2024-01-02", series.get(0).axis().last());
        assertEquals(List.of("series 8 has 2 missing values (first at row 4)"), problems);
    }

    @Test
    void integerTimesAndGroupingProblems() throws IOException {
        read(write(
                dir.resolve("i.parquet"),
                List.of(string("unique_id"), int32("ds"), int64("y")),
                List.of(
                        new Object[] {"a", 1, 5L},
                        new Object[] {"a", 2, 6L},
                        new Object[] {"b", 1, 5L},
                        new Object[] {"a", 3, 7L},
                        new Object[] {null, 1, 1L})));
        assertEquals(List.of("a", "b"), series.stream().map(Series::id).toList());
        assertEquals("2", series.get(0).axis().last());
        assertEquals(
                List.of(
                        "series a appears again at row 4 after other series; group rows by series",
                        "row 5: the series id column 'unique_id' is empty or null"),
                problems);
    }

    @Test
    void widePandasLayoutWithTheTimeIndexLast() throws IOException {
        long millis = 86_400_000L;
        List<Object[]> rows = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            rows.add(new Object[] {t == 0 ? null : (double) t, 10.0 * t, (day("2024-03-01") + t) * millis});
        }
        Path file = write(
                dir.resolve("w.parquet"),
                List.of(float64("AAPL"), float64("MSFT"), timestamp("date", true, TimeUnit.MILLIS)),
                rows);
        assertEquals(InputFormat.WIDE, InputFormat.detect(file, null, null, null));
        read(file);
        assertEquals(List.of(), problems);
        assertEquals(List.of("AAPL", "MSFT"), series.stream().map(Series::id).toList());
        assertArrayEquals(new double[] {1, 2, 3}, series.get(0).y());
        assertArrayEquals(
                new String[] {"2024-03-02", "2024-03-03", "2024-03-04"},
                series.get(0).recentDs());
        assertEquals(4, series.get(1).length());
    }

    @Test
    void wideGapIsAProblemOfThatSeriesOnly() throws IOException {
        read(write(
                dir.resolve("g.parquet"),
                List.of(date("ds"), float64("x"), float64("y")),
                List.of(
                        new Object[] {(int) day("2024-01-01"), 1.0, 1.0},
                        new Object[] {(int) day("2024-01-02"), null, 2.0},
                        new Object[] {(int) day("2024-01-03"), 3.0, 3.0})));
        assertEquals(List.of("y"), series.stream().map(Series::id).toList());
        assertEquals(
                List.of("series x has 1 missing value between its first and last value (first at row 2)"), problems);
    }

    @Test
    void detectsParquetByItsMagicBytesWhateverTheName() throws IOException {
        Path file = write(
                dir.resolve("data.bin"),
                List.of(string("unique_id"), int64("ds"), float64("y")),
                List.<Object[]>of(new Object[] {"a", 1L, 1.0}, new Object[] {"a", 2L, 2.0}));
        assertEquals(InputFormat.LONG, InputFormat.detect(file, null, null, null));
        read(file);
        assertEquals(1, series.size());
    }

    @Test
    void notParquet() throws IOException {
        Path file = dir.resolve("x.parquet");
        Files.writeString(file, "unique_id,ds,y\na,1,2\n");
        InputException e = assertThrows(InputException.class, () -> read(file));
        assertEquals(
                "input " + file + " is not a Parquet file (it does not start and end with the bytes PAR1);"
                        + " give a Parquet file written by pandas.DataFrame.to_parquet, pyarrow or Spark,"
                        + " or a CSV named other than *.parquet",
                e.getMessage());
    }

    @Test
    void missingColumnNamesTheOption() throws IOException {
        Path file = write(
                dir.resolve("m.parquet"),
                List.of(string("unique_id"), int64("ds"), float64("value")),
                List.<Object[]>of(new Object[] {"a", 1L, 1.0}));
        InputException e = assertThrows(InputException.class, () -> read(file));
        assertEquals(
                "input " + file + " has no column 'y'; its columns are: unique_id, ds, value."
                        + " Use --value-col to name the value column",
                e.getMessage());
    }

    @Test
    void unsupportedValueTypeNamesTheColumnAndTheTypes() throws IOException {
        Path file = write(
                dir.resolve("s.parquet"),
                List.of(string("unique_id"), int64("ds"), string("y")),
                List.<Object[]>of(new Object[] {"a", 1L, "1.5"}));
        InputException e = assertThrows(InputException.class, () -> read(file));
        assertEquals(
                "input " + file + ": column 'y' (value) is BINARY (STRING); values must be DOUBLE, FLOAT, INT32 or"
                        + " INT64 columns (nulls are missing values)",
                e.getMessage());
    }

    @Test
    void unsupportedTimeType() throws IOException {
        Path file = write(
                dir.resolve("t.parquet"),
                List.of(string("unique_id"), float64("ds"), float64("y")),
                List.<Object[]>of(new Object[] {"a", 1.0, 1.0}));
        InputException e = assertThrows(InputException.class, () -> read(file));
        assertEquals(
                "input " + file + ": time column 'ds' is DOUBLE; a time column must be a DATE, a TIMESTAMP, an"
                        + " integer or a string column (or name another one with --time-col)",
                e.getMessage());
    }

    @Test
    void aTimeProblemNamesTheRowAndSkipsOnlyItsSeries() throws IOException {
        read(write(
                dir.resolve("u.parquet"),
                List.of(string("unique_id"), int64("ds"), float64("y")),
                List.of(
                        new Object[] {"a", 1L, 1.0},
                        new Object[] {"a", 3L, 1.0},
                        new Object[] {"a", 2L, 1.0},
                        new Object[] {"b", 1L, 1.0},
                        new Object[] {"b", 2L, 1.0})));
        assertEquals(List.of("b"), series.stream().map(Series::id).toList());
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("series a"), problems.get(0));
        assertTrue(problems.get(0).endsWith(" (row 3)"), problems.get(0));
    }

    @Test
    void aSingleColumnFitsNoLayout() throws IOException {
        Path file = write(dir.resolve("one.parquet"), List.of(float64("y")), List.<Object[]>of(new Object[] {1.0}));
        InputException e = assertThrows(InputException.class, () -> InputFormat.detect(file, null, null, null));
        assertEquals(
                "cannot tell the layout of input " + file + "; its only column is 'y'. Long needs columns"
                        + " 'unique_id', a time and a value column (name them with --id-col, --time-col, --value-col);"
                        + " wide needs a time column, then one column per series",
                e.getMessage());
    }

    @Test
    void int96TimesAreRefusedWithTheSettingThatWritesTimestamps() throws IOException {
        Path file = write(
                dir.resolve("spark.parquet"),
                List.of(
                        string("unique_id"),
                        org.apache.parquet.schema.Types.optional(
                                        org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT96)
                                .named("ds"),
                        float64("y")),
                List.<Object[]>of(new Object[] {"a", new byte[12], 1.0}));
        InputException e = assertThrows(InputException.class, () -> read(file));
        assertEquals(
                "input " + file + ": time column 'ds' is an INT96 timestamp (a legacy Spark/Impala type); write it as a"
                        + " TIMESTAMP column (Spark: spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS; pyarrow"
                        + " does by default)",
                e.getMessage());
    }
}

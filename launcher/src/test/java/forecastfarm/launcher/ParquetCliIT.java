package forecastfarm.launcher;

import static forecastfarm.launcher.io.parquet.ParquetFixtures.date;
import static forecastfarm.launcher.io.parquet.ParquetFixtures.float64;
import static forecastfarm.launcher.io.parquet.ParquetFixtures.string;
import static forecastfarm.launcher.io.parquet.ParquetFixtures.timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.io.parquet.ForecastsCsvRestore;
import forecastfarm.launcher.io.parquet.ParquetFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --input x.parquet} and {@code --output-format parquet} through the real CLI and real workers. */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ParquetCliIT {
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 40;

    @TempDir
    Path tmp;

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    private static double value(int series, int t) {
        return 100 + 10 * series + (t * 7 + series) % 5 + 0.25 * t;
    }

    @Test
    void longAndWideParquetForecastLikeTheSameCsvAndParquetOutputHoldsTheSameRows() throws Exception {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        List<Object[]> longRows = new ArrayList<>();
        List<Object[]> wideRows = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            for (int t = 0; t < DAYS; t++) {
                LocalDate day = START.plusDays(t);
                csv.append("S")
                        .append(s)
                        .append(',')
                        .append(day)
                        .append(',')
                        .append(value(s, t))
                        .append('\n');
                longRows.add(new Object[] {"S" + s, day.toEpochDay() * 86_400_000_000L, value(s, t)});
            }
        }
        for (int t = 0; t < DAYS; t++) {
            wideRows.add(new Object[] {(int) START.plusDays(t).toEpochDay(), value(0, t), value(1, t)});
        }
        Path longCsv = Files.writeString(tmp.resolve("long.csv"), csv);
        Path longParquet = ParquetFixtures.write(
                tmp.resolve("long.parquet"),
                List.of(
                        string("unique_id"),
                        timestamp("ds", false, LogicalTypeAnnotation.TimeUnit.MICROS),
                        float64("y")),
                longRows);
        Path wideParquet = ParquetFixtures.write(
                tmp.resolve("wide.parquet"), List.of(date("ds"), float64("S0"), float64("S1")), wideRows);

        List<String> fromCsv = sorted(run(longCsv, "csv").resolve("forecasts.csv"));
        assertEquals(1 + 2 * 2 * 3, fromCsv.size());
        assertEquals(fromCsv, sorted(run(wideParquet, "csv").resolve("forecasts.csv")), "wide Parquet = CSV");

        Path out = run(longParquet, "parquet");
        assertFalse(Files.exists(out.resolve("forecasts.csv")));
        List<String> typed = new ArrayList<>();
        for (String row : ParquetFixtures.rows(
                out.resolve("forecasts.parquet"), "unique_id", "ds", "step", "model", "forecast", "lo-95", "hi-95")) {
            String[] f = row.split(",");
            typed.add(String.join(
                    ",",
                    f[0],
                    LocalDate.ofEpochDay(Long.parseLong(f[1])).toString(),
                    f[2],
                    f[3],
                    Double.toString(Double.parseDouble(f[4])),
                    Double.toString(Double.parseDouble(f[5])),
                    Double.toString(Double.parseDouble(f[6]))));
        }
        List<String> expected = new ArrayList<>();
        for (String row : fromCsv.subList(0, fromCsv.size() - 1)) {
            String[] f = row.split(",");
            expected.add(String.join(
                    ",",
                    f[0],
                    f[1],
                    f[2],
                    f[3],
                    Double.toString(Double.parseDouble(f[4])),
                    Double.toString(Double.parseDouble(f[7])),
                    Double.toString(Double.parseDouble(f[8]))));
        }
        assertEquals(expected, typed.stream().sorted().toList(), "forecasts.parquet = forecasts.csv");

        List<String> before = ParquetFixtures.rows(out.resolve("forecasts.parquet"), "unique_id", "ds", "forecast");
        run(longParquet, "parquet", "--resume"); // a fresh farm dir: every row is carried over from forecasts.parquet
        assertEquals(
                before.stream().sorted().toList(),
                ParquetFixtures.rows(out.resolve("forecasts.parquet"), "unique_id", "ds", "forecast").stream()
                        .sorted()
                        .toList(),
                "--resume keeps forecasts.parquet's rows");
    }

    /** The rows of a forecasts.csv, sorted (results arrive in any order), the header last. */
    private static List<String> sorted(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> rows =
                new ArrayList<>(lines.subList(1, lines.size()).stream().sorted().toList());
        rows.add(lines.get(0));
        return rows;
    }

    private Path run(Path input, String outputFormat, String... more) throws Exception {
        String name = input.getFileName() + "-" + outputFormat;
        Path out = tmp.resolve("out-" + name);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(
                "forecast",
                "--input",
                input.toString(),
                "--horizon",
                "3",
                "--model",
                "naive,drift",
                "--workers",
                "1",
                "--output-format",
                outputFormat,
                "--farm-dir",
                tmp.resolve("farm-" + name + more.length).toString(),
                "--out",
                out.toString()));
        args.addAll(List.of(more));
        int exit = FarmCli.execute(args.toArray(String[]::new), new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, console.toString(StandardCharsets.UTF_8));
        return out;
    }

    @Test
    void shardsThatWroteParquetMergeLikeCsvShards() throws Exception {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        Set<Integer> shardsHit = new HashSet<>();
        for (int s = 0; s < 6; s++) {
            shardsHit.add(ShardFilter.shardOf("S" + s, 2));
            for (int t = 0; t < DAYS; t++) {
                csv.append("S")
                        .append(s)
                        .append(',')
                        .append(START.plusDays(t))
                        .append(',')
                        .append(value(s, t))
                        .append('\n');
            }
        }
        assertEquals(Set.of(0, 1), shardsHit, "both shards hold series");
        Path input = Files.writeString(tmp.resolve("six.csv"), csv);
        Path mixed = tmp.resolve("mixed");
        Path plain = tmp.resolve("plain");
        runShard(input, "0/2", "parquet", mixed.resolve("shards/7_0"));
        runShard(input, "1/2", "csv", mixed.resolve("shards/7_1"));
        runShard(input, "0/2", "csv", plain.resolve("shards/7_0"));
        Files.createDirectories(plain.resolve("shards/7_1"));
        try (Stream<Path> files = Files.list(mixed.resolve("shards/7_1"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, plain.resolve("shards/7_1").resolve(f.getFileName()));
            }
        }
        assertTrue(Files.isRegularFile(mixed.resolve("shards/7_0/forecasts.parquet")));
        assertFalse(Files.exists(mixed.resolve("shards/7_0/forecasts.csv")));

        assertEquals(0, merge(plain, input), "the CSV merge");
        assertEquals(0, merge(mixed, input), "the merge of a Parquet and a CSV shard");
        assertFalse(Files.exists(mixed.resolve("forecasts.csv")), "a Parquet shard: the merge writes Parquet");
        assertFalse(Files.exists(mixed.resolve("shards/7_0/forecasts.csv")), "the shard dir is only read");
        Path restored = tmp.resolve("merged-restored.csv");
        ForecastsCsvRestore.restore(mixed.resolve("forecasts.parquet"), restored);
        List<String> fromParquet = normalized(restored);
        List<String> fromCsv = normalized(plain.resolve("forecasts.csv"));
        assertEquals(1 + 6 * 2 * 3, fromCsv.size(), "6 series, 2 models, 3 steps");
        assertEquals(fromCsv, fromParquet, "the Parquet merge holds the CSV merge's rows and values");
        Set<String> keys = new HashSet<>();
        for (String row : fromParquet.subList(0, fromParquet.size() - 1)) {
            String[] f = row.split(",");
            assertTrue(keys.add(f[0] + "," + f[2] + "," + f[3]), "every (series, step, model) once: " + row);
        }
        assertEquals(Files.readString(plain.resolve("failed.csv")), Files.readString(mixed.resolve("failed.csv")));
        try (Stream<Path> files = Files.list(mixed)) {
            assertEquals(
                    List.of(),
                    files.map(f -> f.getFileName().toString())
                            .filter(n -> n.startsWith("."))
                            .toList(),
                    "no temporary file left");
        }
    }

    /** Rows with numbers as doubles, sorted, the header last (as {@link #sorted}). */
    private static List<String> normalized(Path csv) throws Exception {
        List<String> out = new ArrayList<>();
        for (String row : sorted(csv)) {
            List<String> cells = new ArrayList<>();
            for (String cell : row.split(",", -1)) {
                try {
                    cells.add(Double.toString(Double.parseDouble(cell)));
                } catch (NumberFormatException notANumber) {
                    cells.add(cell);
                }
            }
            out.add(String.join(",", cells));
        }
        List<String> rows =
                new ArrayList<>(out.subList(0, out.size() - 1).stream().sorted().toList());
        rows.add(out.get(out.size() - 1));
        return rows;
    }

    private void runShard(Path input, String shard, String outputFormat, Path out) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit = FarmCli.execute(
                new String[] {
                    "forecast",
                    "--input",
                    input.toString(),
                    "--horizon",
                    "3",
                    "--model",
                    "naive,drift",
                    "--workers",
                    "1",
                    "--shard",
                    shard,
                    "--output-format",
                    outputFormat,
                    "--farm-dir",
                    tmp.resolve("farm-" + out.getParent().getParent().getFileName() + "-" + out.getFileName())
                            .toString(),
                    "--out",
                    out.toString()
                },
                new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, console.toString(StandardCharsets.UTF_8));
    }

    private static int merge(Path dir, Path input) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit = FarmCli.execute(
                new String[] {"merge", dir.toString(), "--input", input.toString()},
                new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, console.toString(StandardCharsets.UTF_8));
        return exit;
    }
}

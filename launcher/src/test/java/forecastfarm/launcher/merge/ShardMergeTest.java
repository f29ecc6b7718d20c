package forecastfarm.launcher.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.io.LongCsvReader;
import forecastfarm.launcher.io.OutputFormat;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.io.parquet.ForecastsCsvRestore;
import forecastfarm.launcher.io.parquet.ForecastsParquet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shard dirs written by hand as farm forecast --shard writes them, merged: complete, missing, failed, interrupted,
 * overlapping and superseded shards.
 */
class ShardMergeTest {
    private static final int N = 3;
    private static final String FORECAST_HEADER = "unique_id,ds,step,model,forecast,lo-80,hi-80,lo-95,hi-95";

    @TempDir
    Path dir;

    private final List<String> ids = new ArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private Path input;

    @BeforeEach
    void input() throws IOException {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int k = 0; k < 30; k++) {
            ids.add("S" + k);
            for (int t = 1; t <= 4; t++) {
                csv.append("S")
                        .append(k)
                        .append(',')
                        .append(t)
                        .append(',')
                        .append(k + t)
                        .append('\n');
            }
        }
        input = dir.resolve("input.csv");
        Files.writeString(input, csv);
    }

    private List<String> idsOf(final int shard) {
        return ids.stream().filter(id -> ShardFilter.shardOf(id, N) == shard).toList();
    }

    /**
     * A shard's outputs: two forecast rows per series (the last series' model failed instead), exit code 0.
     */
    private Path writeShard(
            final String name,
            final int shard,
            final List<String> seriesIds,
            final Integer exitCode,
            final String interruptedBy)
            throws IOException {
        final Path shardDir = Files.createDirectories(dir.resolve("shards").resolve(name));
        final StringBuilder forecasts = new StringBuilder(FORECAST_HEADER).append('\n');
        final StringBuilder failed = new StringBuilder("unique_id,status,attempts,reason\n");
        for (int k = 0; k < seriesIds.size(); k++) {
            final String id = seriesIds.get(k);
            if (k == seriesIds.size() - 1) {
                failed.append(id).append(",MODEL_FAILED,1,\"naive: too short, really\"\n");
                continue;
            }
            for (int step = 1; step <= 2; step++) {
                forecasts
                        .append(id)
                        .append(',')
                        .append(4 + step)
                        .append(',')
                        .append(step)
                        .append(",naive,1.0,0.5,1.5,0.2,1.8\n");
            }
        }
        Files.writeString(shardDir.resolve("forecasts.csv"), forecasts);
        Files.writeString(shardDir.resolve("failed.csv"), failed);
        final StringBuilder joblog = new StringBuilder("seq\tid\tworker\tstart\truntime\tattempts\tstatus\treason\n");
        for (int k = 0; k < seriesIds.size(); k++) {
            joblog.append(k + 1).append('\t').append(seriesIds.get(k)).append("\t0\t1.000\t0.012\t1\tOK\t\n");
        }
        Files.writeString(shardDir.resolve("joblog.tsv"), joblog);
        Files.createDirectories(shardDir.resolve("plots"));
        Files.write(shardDir.resolve("plots").resolve(seriesIds.get(0) + ".png"), new byte[] {1});
        final Map<String, Object> summary = new HashMap<>();
        summary.put("tasks", seriesIds.size());
        summary.put("ok", seriesIds.size());
        summary.put("failed", 0);
        summary.put("poisoned", 0);
        summary.put("invalid_input", 0);
        summary.put("resumed", 0);
        summary.put("workers", 2);
        summary.put("wall_seconds", 1.5);
        summary.put("interrupted_by", interruptedBy);
        summary.put("abort_reason", null);
        summary.put("shard", shard + "/" + N);
        new ObjectMapper().writeValue(shardDir.resolve("summary.json").toFile(), summary);
        if (exitCode != null) {
            Files.writeString(shardDir.resolve(ShardMerge.EXIT_CODE_FILE), exitCode + "\n");
        }
        return shardDir;
    }

    private ShardMerge.Result merge(final Integer shards) {
        return new ShardMerge(
                        dir, shards, input, new LongCsvReader(), new PrintStream(console, true, StandardCharsets.UTF_8))
                .run();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> summary() throws IOException {
        return new ObjectMapper().readValue(dir.resolve("summary.json").toFile(), Map.class);
    }

    /**
     * @return id -> rows in the merged forecasts.csv and failed.csv.
     */
    private Map<String, Integer> mergedRows() throws IOException {
        final Map<String, Integer> rows = new HashMap<>();
        for (final String file : List.of("forecasts.csv", "failed.csv")) {
            Files.readAllLines(dir.resolve(file)).stream()
                    .skip(1)
                    .map(line -> line.substring(0, line.indexOf(',')))
                    .forEach(id -> rows.merge(id, 1, Integer::sum));
        }
        return rows;
    }

    @Test
    void completeShardsMergeIntoOneOutputWithEverySeriesOnce() throws IOException {
        for (int i = 0; i < N; i++) {
            writeShard("41_" + i, i, idsOf(i), 0, null);
        }
        final ShardMerge.Result result = merge(null); // n from the summaries
        assertEquals(ExitCodes.OK, result.exitCode(), console.toString());
        final Map<String, Integer> rows = mergedRows();
        assertEquals(ids.size(), rows.size());
        for (int i = 0; i < N; i++) {
            final List<String> shardIds = idsOf(i);
            for (int k = 0; k < shardIds.size(); k++) {
                assertEquals(k == shardIds.size() - 1 ? 1 : 2, rows.get(shardIds.get(k)), shardIds.get(k));
            }
        }
        assertTrue(Files.readString(dir.resolve("failed.csv")).contains("\"naive: too short, really\""));
        final Map<String, Object> summary = summary();
        assertEquals(true, summary.get("complete"));
        assertEquals(ids.size(), summary.get("tasks"));
        assertEquals(6, summary.get("workers"));
        assertEquals(List.of(), summary.get("missing_shards"));
        assertEquals(0, summary.get("not_run_series"));
        final String html = Files.readString(dir.resolve("report.html"));
        for (final String id : ids) {
            assertTrue(html.contains(">" + id + "<"), "report.html lists " + id);
        }
        assertTrue(html.contains("shards/41_0/plots/" + idsOf(0).get(0) + ".png"), "links the shard's plot");
    }

    @Test
    void aMissingShardIsNamedAndItsSeriesAreNotRun() throws IOException {
        writeShard("41_0", 0, idsOf(0), 0, null);
        writeShard("41_2", 2, idsOf(2), 0, null);
        final ShardMerge.Result result = merge(N);
        assertEquals(ExitCodes.SHARDS_INCOMPLETE, result.exitCode());
        final Map<String, Object> summary = summary();
        assertEquals(false, summary.get("complete"));
        assertEquals(1, ((List<?>) summary.get("missing_shards")).size());
        assertTrue(((List<?>) summary.get("missing_shards")).get(0).toString().startsWith("1/3"));
        assertEquals(idsOf(1).size(), summary.get("not_run_series"));
        final String failed = Files.readString(dir.resolve("failed.csv"));
        for (final String id : idsOf(1)) {
            assertTrue(failed.contains(id + ",NOT_RUN,0,\"shard 1/3: missing"), failed);
        }
        assertEquals(ids.size(), mergedRows().size(), "every series accounted for, the missing as NOT_RUN");
        assertTrue(console.toString().contains("incomplete: shard 1/3: missing"), console.toString());
        final String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("(shard 1/3)") && html.contains("MISSING"), "the report names the missing shard");
    }

    @Test
    void aFailedShardIsNamedWithItsExitCode() throws IOException {
        writeShard("41_0", 0, idsOf(0), 0, null);
        Files.writeString(
                Files.createDirectories(dir.resolve("shards/41_1")).resolve(ShardMerge.EXIT_CODE_FILE), "106");
        writeShard("41_2", 2, idsOf(2), 0, null);
        final ShardMerge.Result result = merge(N);
        assertEquals(ExitCodes.SHARDS_INCOMPLETE, result.exitCode());
        final List<?> failedShards = (List<?>) summary().get("failed_shards");
        assertEquals(1, failedShards.size());
        final String named = failedShards.get(0).toString();
        assertTrue(
                named.startsWith("1/3 shards/41_1") && named.contains("106") && named.contains("workers cannot start"),
                named);
        assertTrue(Files.readString(dir.resolve("failed.csv")).contains(idsOf(1).get(0) + ",NOT_RUN"));
    }

    @Test
    void anInterruptedShardKeepsItsRowsButIsNotComplete() throws IOException {
        writeShard("41_0", 0, idsOf(0), 0, null);
        writeShard("41_1", 1, idsOf(1), 105, "SIGUSR1");
        writeShard("41_2", 2, idsOf(2), 0, null);
        final ShardMerge.Result result = merge(N);
        assertEquals(ExitCodes.SHARDS_INCOMPLETE, result.exitCode());
        assertEquals(1, ((List<?>) summary().get("interrupted_shards")).size());
        assertTrue(((List<?>) summary().get("interrupted_shards"))
                .get(0)
                .toString()
                .contains("SIGUSR1"));
        assertEquals(ids.size(), mergedRows().size());
    }

    @Test
    void aSeriesInTwoShardsIsKeptOnceAndReported() throws IOException {
        writeShard("41_0", 0, idsOf(0), 0, null);
        final List<String> withIntruder = new ArrayList<>(idsOf(1));
        final String intruder = idsOf(0).get(0);
        withIntruder.add(0, intruder);
        writeShard("41_1", 1, withIntruder, 0, null);
        writeShard("41_2", 2, idsOf(2), 0, null);
        final ShardMerge.Result result = merge(N);
        assertEquals(ExitCodes.SHARDS_INCOMPLETE, result.exitCode());
        assertEquals(1, result.duplicateSeries());
        assertEquals(2, mergedRows().get(intruder), "kept from shard 0 only");
        assertTrue(((List<?>) summary().get("duplicate_examples"))
                .get(0)
                .toString()
                .contains(intruder));
        assertTrue(console.toString().contains("more than one shard"), console.toString());
    }

    @Test
    void aSeriesInTheWrongShardIsReportedAsMisplaced() throws IOException {
        final List<String> zero = new ArrayList<>(idsOf(0));
        final String moved = idsOf(1).get(0);
        zero.add(0, moved);
        writeShard("41_0", 0, zero, 0, null);
        writeShard("41_1", 1, idsOf(1).subList(1, idsOf(1).size()), 0, null);
        writeShard("41_2", 2, idsOf(2), 0, null);
        final ShardMerge.Result result = merge(N);
        assertEquals(1, result.misplacedSeries());
        assertEquals(0, result.duplicateSeries());
    }

    @Test
    void aResubmittedShardSupersedesTheFailedOne() throws IOException {
        writeShard("41_0", 0, idsOf(0), 0, null);
        Files.writeString(
                Files.createDirectories(dir.resolve("shards/41_1")).resolve(ShardMerge.EXIT_CODE_FILE), "110");
        writeShard("41_2", 2, idsOf(2), 0, null);
        writeShard("57_1", 1, idsOf(1), 0, null);
        final ShardMerge.Result result = merge(N);
        assertEquals(ExitCodes.OK, result.exitCode(), console.toString());
        assertEquals(List.of("shards/41_1"), summary().get("superseded_dirs"));
        assertEquals("shards/57_1", result.shards().get(1).dir());
    }

    @Test
    void shardsOfAnotherCountAreIgnored() throws IOException {
        for (int i = 0; i < N; i++) {
            writeShard("41_" + i, i, idsOf(i), 0, null);
        }
        final Path stray = writeShard("12_0", 0, idsOf(0), 0, null);
        Files.writeString(
                stray.resolve("summary.json"),
                Files.readString(stray.resolve("summary.json")).replace("\"0/3\"", "\"0/5\""));
        final ShardMerge.Result result = merge(N);
        assertEquals(ExitCodes.OK, result.exitCode(), console.toString());
        assertEquals(1, ((List<?>) summary().get("ignored_dirs")).size());
        assertFalse(result.shards().stream().anyMatch(s -> "shards/12_0".equals(s.dir())));
    }

    private static List<String> idColumn(final Path csv) throws IOException {
        return Files.readAllLines(csv).stream()
                .skip(1)
                .map(line -> line.substring(0, line.indexOf(',')))
                .toList();
    }

    @Test
    void withTheInputTheMergedRowsAreInInputOrder() throws IOException {
        for (int i = 0; i < N; i++) {
            writeShard("41_" + i, i, idsOf(i), 0, null);
        }
        final ShardMerge.Result result = merge(null);
        assertEquals(ExitCodes.OK, result.exitCode(), console.toString());
        final List<String> expectedForecastIds = new ArrayList<>();
        final List<String> expectedFailedIds = new ArrayList<>();
        for (final String id : ids) {
            final List<String> shard = idsOf(ShardFilter.shardOf(id, N));
            if (shard.get(shard.size() - 1).equals(id)) {
                expectedFailedIds.add(id);
            } else {
                expectedForecastIds.add(id);
                expectedForecastIds.add(id);
            }
        }
        assertEquals(expectedForecastIds, idColumn(dir.resolve("forecasts.csv")));
        assertEquals(expectedFailedIds, idColumn(dir.resolve("failed.csv")));
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no run left behind");
        }
    }

    @Test
    void aShardOfTheOtherOutputShapeIsRefusedByName() throws IOException {
        for (int i = 0; i < N; i++) {
            writeShard("41_" + i, i, idsOf(i), 0, null);
        }
        Files.writeString(
                dir.resolve("shards/41_2/forecasts.csv"),
                "unique_id,ds,naive,naive-lo-95,naive-lo-80,naive-hi-80,naive-hi-95\n");
        final ShardMerge.Result result = merge(N);
        assertEquals(ExitCodes.SHARDS_INCOMPLETE, result.exitCode());
        assertEquals(
                "shard 2/3 (shards/41_2): failed, its forecasts.csv is wide and the first shard's is long "
                        + "(--output-shape): rerun it with the other shards' --output-shape, then merge again",
                result.shards().get(2).describe());
        assertTrue(console.toString().contains(result.shards().get(2).describe()), console.toString());
    }

    /** A forecasts row with its numbers as doubles: a Parquet round trip writes 1.0 as 1. */
    private static String normalized(final String line) {
        final List<String> cells = new ArrayList<>();
        for (final String cell : line.split(",", -1)) {
            String norm;
            try {
                norm = Double.toString(Double.parseDouble(cell));
            } catch (final NumberFormatException ex) {
                norm = cell;
            }
            cells.add(norm);
        }
        return String.join(",", cells);
    }

    private static List<String> normalizedLines(final Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(ShardMergeTest::normalized).toList();
    }

    /** Every file under the shard dirs, with its size: the merge only reads them. */
    private Map<String, Long> shardFiles() throws IOException {
        final Map<String, Long> files = new HashMap<>();
        try (Stream<Path> all = Files.walk(dir.resolve("shards"))) {
            for (final Path f : all.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString(), Files.size(f));
            }
        }
        return files;
    }

    private void assertNoHiddenFilesLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            final List<String> hidden = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith(".") || name.endsWith(".tmp"))
                    .toList();
            assertEquals(List.of(), hidden, "temporary files left in the merge dir");
        }
    }

    @Test
    void parquetShardsMergeLikeCsvShardsIntoForecastsParquet() throws IOException {
        for (int i = 0; i < N; i++) {
            writeShard("41_" + i, i, idsOf(i), 0, null);
        }
        assertEquals(ExitCodes.OK, merge(null).exitCode(), console.toString());
        final List<String> csvMerge = normalizedLines(dir.resolve("forecasts.csv"));
        final String csvFailed = Files.readString(dir.resolve("failed.csv"));

        // shard 0 stays CSV, shards 1 and 2 wrote --output-format parquet: the first shard with outputs is CSV
        ForecastsParquet.convert(dir.resolve("shards/41_1/forecasts.csv"));
        ForecastsParquet.convert(dir.resolve("shards/41_2/forecasts.csv"));
        final Map<String, Long> before = shardFiles();
        final ShardMerge.Result result = merge(null);

        assertEquals(ExitCodes.OK, result.exitCode(), console.toString());
        assertTrue(result.shards().stream().allMatch(ShardMerge.ShardState::ok), console.toString());
        assertFalse(Files.exists(dir.resolve("forecasts.csv")), "the merged forecasts are Parquet, as the shards'");
        final Path restored = Files.createTempFile("merged", ".csv");
        try {
            ForecastsCsvRestore.restore(dir.resolve("forecasts.parquet"), restored);
            assertEquals(csvMerge, normalizedLines(restored), "the same rows, in input order, as the CSV merge");
            Files.copy(restored, dir.resolve("forecasts.csv")); // for mergedRows()
        } finally {
            Files.deleteIfExists(restored);
        }
        assertEquals(csvFailed, Files.readString(dir.resolve("failed.csv")));
        final Map<String, Integer> rows = mergedRows();
        assertEquals(ids.size(), rows.size(), "every series once");
        assertEquals(ids.size(), result.seriesInOutput());
        assertEquals(0, result.duplicateSeries());
        assertEquals(before, shardFiles(), "the shard dirs are only read");
        assertNoHiddenFilesLeft();
        assertTrue(console.toString().contains("(forecasts.parquet, failed.csv"), console.toString());
    }

    @Test
    void parquetShardsMergeIntoCsvWhenAsked() throws IOException {
        for (int i = 0; i < N; i++) {
            writeShard("41_" + i, i, idsOf(i), 0, null);
        }
        merge(null);
        final List<String> csvMerge = normalizedLines(dir.resolve("forecasts.csv"));
        for (int i = 0; i < N; i++) {
            ForecastsParquet.convert(dir.resolve("shards/41_" + i + "/forecasts.csv"));
        }
        Files.writeString(dir.resolve("forecasts.parquet"), "an earlier merge's");
        final ShardMerge.Result result = new ShardMerge(
                        dir,
                        null,
                        input,
                        new LongCsvReader(),
                        new PrintStream(console, true, StandardCharsets.UTF_8),
                        OutputFormat.CSV)
                .run();
        assertEquals(ExitCodes.OK, result.exitCode(), console.toString());
        assertEquals(csvMerge, normalizedLines(dir.resolve("forecasts.csv")));
        assertFalse(Files.exists(dir.resolve("forecasts.parquet")), "no stale forecasts.parquet beside the CSV");
        assertNoHiddenFilesLeft();
    }

    @Test
    void anUnreadableForecastsParquetFailsItsShardAndLeavesNoTemporaryFile() throws IOException {
        for (int i = 0; i < N; i++) {
            writeShard("41_" + i, i, idsOf(i), 0, null);
        }
        Files.delete(dir.resolve("shards/41_1/forecasts.csv"));
        Files.writeString(dir.resolve("shards/41_1/forecasts.parquet"), "not parquet at all");
        final ShardMerge.Result result = merge(null);
        assertEquals(ExitCodes.SHARDS_INCOMPLETE, result.exitCode());
        final ShardMerge.ShardState one = result.shards().get(1);
        assertEquals("failed", one.status());
        assertTrue(one.reason().startsWith("its forecasts.parquet cannot be read"), one.reason());
        assertTrue(Files.readString(dir.resolve("failed.csv")).contains(idsOf(1).get(0) + ",NOT_RUN"));
        assertTrue(Files.exists(dir.resolve("forecasts.csv")), "the other shards are CSV: so is the merge");
        assertNoHiddenFilesLeft();
    }
}

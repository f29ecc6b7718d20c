package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import forecastfarm.launcher.io.ShardFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code farm cv --shard 0/2} and {@code 1/2} with real workers into DIR/shards/x_0 and x_1 (as scripts/farm-slurm lays
 * them out), then {@code farm merge DIR --input}: the cv.csv, cv_metrics.csv, failed.csv and summary's {@code cv}
 * section of one unsharded {@code farm cv}; a forecast shard or a cv shard with other windows beside them is refused.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CvMergeCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SERIES = 8;

    @TempDir
    Path tmp;

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    /** S0..S7: 30 points each, a trend and a wobble of their own; SHORT: 8 points, too few for the windows. */
    private Path input() throws Exception {
        final StringBuilder csv = CvRuns.longCsv(SERIES, 30, (k, i) -> 100 + k * i + (i * (k + 3)) % 11);
        for (int i = 1; i <= 8; i++) {
            csv.append("SHORT,").append(i).append(',').append(i).append('\n');
        }
        final Path file = tmp.resolve("in.csv");
        Files.writeString(file, csv);
        return file;
    }

    private List<String> cv(final Path input, final Path out, final String farmDir, final String... options) {
        return CvRuns.args(input, out, tmp.resolve(farmDir), options);
    }

    /** The (id, status) of each joblog line, sorted: which series ran and how, whatever the completion order. */
    private static TreeSet<String> ran(final Path joblog) throws Exception {
        final TreeSet<String> ran = new TreeSet<>();
        Files.readAllLines(joblog).stream().skip(1).forEach(line -> {
            final String[] f = line.split("\t", -1);
            ran.add(f[1] + " " + f[6]);
        });
        return ran;
    }

    @Test
    void twoCvShardsMergeIntoTheOutputsOfOneUnshardedRunAndOtherJobsShardsAreRefused() throws Exception {
        final Path input = input();
        final Path whole = tmp.resolve("whole");
        CvRuns.farm(1, cv(input, whole, "farm-whole"));
        final Path job = tmp.resolve("job");
        for (int i = 0; i < 2; i++) {
            final Path shard = job.resolve("shards/x_" + i);
            // the shard that holds SHORT exits 1 (one failed series), the other 0
            CvRuns.farm(
                    ShardFilter.shardOf("SHORT", 2) == i ? 1 : 0, cv(input, shard, "farm" + i, "--shard", i + "/2"));
            assertTrue(
                    JSON.readTree(shard.resolve("summary.json").toFile())
                                    .get("ok")
                                    .asInt()
                            > 0,
                    "each shard cross-validates some series");
        }

        final String merged = CvRuns.farm(1, List.of("merge", job.toString(), "--input", input.toString()));
        assertTrue(merged.contains("merged 2 of 2 shards: 9 series in the output"), merged);
        for (final String file : List.of("cv.csv", "cv_metrics.csv", "failed.csv")) {
            assertEquals(
                    Files.readAllLines(whole.resolve(file)),
                    Files.readAllLines(job.resolve(file)),
                    file + ": the unsharded run's rows, in its order");
        }
        assertEquals(ran(whole.resolve("joblog.tsv")), ran(job.resolve("joblog.tsv")), "every series ran once");
        final JsonNode summary = JSON.readTree(job.resolve("summary.json").toFile());
        final JsonNode wholeSummary =
                JSON.readTree(whole.resolve("summary.json").toFile());
        assertEquals(wholeSummary.get("cv"), summary.get("cv"), "the scores of the unsharded run");
        assertEquals(SERIES, summary.get("cv").get("series_scored").asInt(), summary.toString());
        assertEquals(2, summary.get("shards_ok").asInt());
        final String report = Files.readString(job.resolve("report.html"));
        assertTrue(report.contains("Cross-validation") && report.contains("<polyline"), "the cv section");

        // shard 1 missing: its series are NOT_RUN, naming the command that reruns it, and the scores are shard 0's
        Files.move(job.resolve("shards/x_1"), tmp.resolve("x_1"));
        final String partial =
                CvRuns.farm(ExitCodes.SHARDS_INCOMPLETE, List.of("merge", job.toString(), "--input", input.toString()));
        assertTrue(partial.contains("incomplete: shard 1/2: missing"), partial);
        final long inShard1 = java.util.stream.IntStream.range(0, SERIES)
                .filter(k -> ShardFilter.shardOf("S" + k, 2) == 1)
                .count();
        final List<String> notRun = Files.readAllLines(job.resolve("failed.csv")).stream()
                .filter(line -> line.contains(",NOT_RUN,0,") && line.contains("scripts/farm cv --shard 1/2"))
                .toList();
        assertEquals(inShard1 + (ShardFilter.shardOf("SHORT", 2) == 1 ? 1 : 0), notRun.size(), notRun.toString());
        assertEquals(
                SERIES - inShard1,
                JSON.readTree(job.resolve("summary.json").toFile())
                        .get("cv")
                        .get("series_scored")
                        .asLong());
        Files.move(tmp.resolve("x_1"), job.resolve("shards/x_1"));

        // a forecast shard beside the cv shards: another job (the cv command line without the windows)
        final List<String> forecast = new ArrayList<>(cv(input, job.resolve("shards/f_1"), "farm-f", "--shard", "1/2"));
        forecast.set(0, "forecast");
        for (final String windowOption : List.of("--windows", "--step")) {
            final int at = forecast.indexOf(windowOption);
            forecast.subList(at, at + 2).clear();
        }
        CvRuns.farm(ExitCodes.OK, forecast);
        final String mixed = CvRuns.farm(ExitCodes.USAGE, List.of("merge", job.toString()));
        assertTrue(
                mixed.contains("farm cv (shards/x_0, shards/x_1)") && mixed.contains("farm forecast (shards/f_1)"),
                mixed);
        Files.move(job.resolve("shards/f_1"), tmp.resolve("f_1"));

        // a cv shard with other windows (newer, so it stands for shard 1)
        final List<String> otherWindows =
                cv(input, job.resolve("shards/w_1"), "farm-w", "--shard", "1/2", "--windows", "2");
        CvRuns.farm(ExitCodes.OK, otherWindows); // 2 windows fit SHORT's 8 points
        final String other = CvRuns.farm(ExitCodes.USAGE, List.of("merge", job.toString()));
        assertTrue(other.contains("--windows 3 in shards/x_0 but 2 in shards/w_1"), other);
    }
}

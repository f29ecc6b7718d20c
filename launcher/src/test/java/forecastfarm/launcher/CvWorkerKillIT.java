package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real worker process mid-way through a {@code farm cv} job: the job finishes, every series is in cv.csv
 * and cv_metrics.csv once, with the numbers of an undisturbed run, and the restart is counted; a rerun with the same
 * farm dir runs none of the finished series again.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CvWorkerKillIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SERIES = 40;

    @TempDir
    Path tmp;

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    /** S0..S39: 96 monthly points each, a season of 12, a trend and noise of their own; ets makes each task last. */
    private Path input() throws Exception {
        final StringBuilder csv =
                CvRuns.longCsv(SERIES, 96, (k, i) -> 300 + (i % 12) * (k % 5 + 1) * 3 + i * (k % 3) + (i * 7 + k) % 13);
        final Path file = tmp.resolve("in.csv");
        Files.writeString(file, csv);
        return file;
    }

    private List<String> cv(final Path input, final String name) {
        return CvRuns.args(
                input, tmp.resolve(name), tmp.resolve("farm-" + name), "--model", "naive,ets", "--season-length", "12");
    }

    /** Each joblog line's series to its status and attempts. */
    private static Map<String, String> joblog(final Path out) throws Exception {
        final Map<String, String> lines = new TreeMap<>();
        for (final String line : Files.readAllLines(out.resolve("joblog.tsv")).subList(1, SERIES + 1)) {
            final String[] f = line.split("\t", -1);
            assertEquals(null, lines.put(f[1], f[6] + " " + f[5]), "one line per series: " + line);
        }
        return lines;
    }

    @Test
    void aWorkerKilledMidJobLosesOnlyItsSeriesAndARerunRunsNoneAgain() throws Exception {
        final Path input = input();
        final Path calm = tmp.resolve("calm");
        CvRuns.farm(ExitCodes.OK, cv(input, "calm"));

        final Path out = tmp.resolve("killed");
        final CompletableFuture<String> run =
                CompletableFuture.supplyAsync(() -> CvRuns.farm(ExitCodes.OK, cv(input, "killed")));
        final long victim = FarmTestSupport.busyWorkerPid(tmp.resolve("farm-killed"), 60_000);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();
        final String console = run.get(240, TimeUnit.SECONDS);

        for (final String file : List.of("cv.csv", "cv_metrics.csv", "failed.csv")) {
            assertEquals(
                    Files.readAllLines(calm.resolve(file)),
                    Files.readAllLines(out.resolve(file)),
                    file + ": the undisturbed run's rows\n" + console);
        }
        final TreeSet<String> series = new TreeSet<>();
        Files.readAllLines(out.resolve("cv_metrics.csv")).stream()
                .skip(1)
                .forEach(line -> series.add(line.substring(0, line.indexOf(','))));
        assertEquals(SERIES, series.size(), "every series scored");
        final JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("worker_restarts").asInt() >= 1, "the killed worker was replaced: " + summary);
        assertEquals(SERIES, summary.get("ok").asInt(), summary.toString());
        assertEquals(JSON.readTree(calm.resolve("summary.json").toFile()).get("cv"), summary.get("cv"));
        final Map<String, String> ran = joblog(out);
        final long again = ran.values().stream().filter(v -> !v.equals("OK 1")).count();
        assertTrue(again >= 1 && again <= 2, "the killed worker's series ran again, no other: " + ran);

        // the same command again: the farm dir's results are kept, nothing is recomputed
        final String rerun = CvRuns.farm(ExitCodes.OK, cv(input, "killed"));
        final JsonNode resumed = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(SERIES, resumed.get("resumed").asInt(), "every series came from the farm dir: " + rerun);
        assertEquals(0, resumed.get("worker_restarts").asInt(), resumed.toString());
        assertEquals(Files.readAllLines(calm.resolve("cv.csv")), Files.readAllLines(out.resolve("cv.csv")));
        assertEquals(summary.get("cv"), resumed.get("cv"), "the same scores");
    }
}

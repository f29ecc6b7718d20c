package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
 * {@code farm cv} end to end on the real farm: the outputs, a bad and a short series beside good ones, resume, and a
 * worker killed mid-job.
 */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CvCliIT {
    private static final int KILL_SERIES = 40;

    @TempDir
    Path tmp;

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    /** UP: 10, 20, ... 300 (30 points); FLAT: 7 x 30; BAD: a non-number; SHORT: 8 points, fewer than 3+2x2+2. */
    private Path input() throws Exception {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int i = 1; i <= 30; i++) {
            csv.append("UP,").append(i).append(',').append(10 * i).append('\n');
        }
        for (int i = 1; i <= 30; i++) {
            csv.append("FLAT,").append(i).append(",7\n");
        }
        csv.append("BAD,1,5\nBAD,2,abc\nBAD,3,7\n");
        for (int i = 1; i <= 8; i++) {
            csv.append("SHORT,").append(i).append(',').append(i).append('\n');
        }
        final Path file = tmp.resolve("in.csv");
        Files.writeString(file, csv);
        return file;
    }

    private int cv(
            final Path input,
            final Path out,
            final String farmDir,
            final ByteArrayOutputStream console,
            final String... extra) {
        return FarmCli.execute(
                CvRuns.args(input, out, tmp.resolve(farmDir), extra).toArray(String[]::new),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @Test
    void crossValidatesTheGoodSeriesReportsTheRestAndResumes() throws Exception {
        final Path input = input();
        final Path out = tmp.resolve("out");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        assertEquals(2, cv(input, out, "farm", console), console.toString(StandardCharsets.UTF_8));

        final List<String> rows = Files.readAllLines(out.resolve("cv.csv"));
        assertEquals("unique_id,ds,cutoff,y,model,forecast,lo-80,hi-80,lo-95,hi-95,model_spec", rows.get(0));
        assertEquals(1 + 2 * 3 * 2 * 3, rows.size(), "2 series x 3 windows x 2 models x 3 steps");
        // 3 windows of 3 steps, 2 apart, cover the last 7 points: cutoffs 23, 25 and 27; naive repeats the cutoff's
        // value, drift continues UP's line exactly
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("UP,24,23,240,naive,230,")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("UP,30,27,300,drift,300,")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("FLAT,30,27,7,naive,7,")), rows.toString());

        final List<String> metrics = Files.readAllLines(out.resolve("cv_metrics.csv"));
        assertEquals(
                "unique_id,model,windows,mae,rmse,smape,mase,coverage-80,msis-80,coverage-95,msis-95,mase-h1,mase-h2,mase-h3",
                metrics.get(0));
        assertTrue(
                metrics.contains("UP,drift,3,0,0,0,0,1,0,1,0")
                        || metrics.stream().anyMatch(r -> r.startsWith("UP,drift,3,0,0,0,0,")),
                metrics.toString());
        assertTrue(metrics.stream().anyMatch(r -> r.startsWith("UP,naive,3,20,")), "naive is 10, 20, 30 off");
        assertTrue(
                metrics.stream().anyMatch(r -> r.startsWith("FLAT,naive,3,0,0,0,,")),
                "a constant training part has no MASE: " + metrics);

        final List<String> failed = Files.readAllLines(out.resolve("failed.csv"));
        assertTrue(failed.stream().anyMatch(l -> l.startsWith("BAD,INVALID,0,")), failed.toString());
        assertTrue(
                failed.stream().anyMatch(l -> l.startsWith("SHORT,FAILED,1,") && l.contains("has 8 points")),
                failed.toString());

        final JsonNode summary =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        final JsonNode drift = summary.get("cv").get("models").get("drift");
        assertEquals(1, drift.get("wins").asInt(), "drift wins UP; FLAT has no MASE to win by: " + summary);
        assertEquals(0.0, drift.get("mase").asDouble(), 1e-9);
        assertEquals(3, drift.get("mase_by_step").size());
        assertTrue(Files.readString(out.resolve("report.html")).contains("Cross-validation"));

        final ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(2, cv(input, out, "farm", again), again.toString(StandardCharsets.UTF_8));
        final JsonNode resumed =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(3, resumed.get("resumed").asInt(), "the farm dir's results are kept: " + resumed);
        assertEquals(rows, Files.readAllLines(out.resolve("cv.csv")), "the same rows");

        // without the farm dir, --resume carries the earlier rows of both tables over
        final List<String> metricRows = Files.readAllLines(out.resolve("cv_metrics.csv"));
        final ByteArrayOutputStream carried = new ByteArrayOutputStream();
        final int exit = cv(input, out, "farm-2", carried, "--resume");
        assertEquals(2, exit, carried.toString(StandardCharsets.UTF_8));
        assertEquals(rows, Files.readAllLines(out.resolve("cv.csv")), "cv.csv carried over");
        assertEquals(metricRows, Files.readAllLines(out.resolve("cv_metrics.csv")), "cv_metrics.csv carried over");
        assertEquals(
                summary.get("cv"),
                new ObjectMapper()
                        .readTree(out.resolve("summary.json").toFile())
                        .get("cv"),
                "the scores count the carried rows: they are read from cv_metrics.csv");
    }

    /**
     * {@code --plots all}: a PNG of each series that ran, the failed one (SHORT) with its history and why; the report
     * links them and says what they show; {@code --plots none} draws none.
     */
    @Test
    void plotsEachSeriesWindowsAndTheReportLinksThem() throws Exception {
        final Path input = input();
        final Path out = tmp.resolve("plotted");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        assertEquals(2, cv(input, out, "farm", console, "--plots", "all"), console.toString(StandardCharsets.UTF_8));

        final List<String> names;
        try (java.util.stream.Stream<Path> files = Files.list(out.resolve("plots"))) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("FLAT.png", "SHORT.png", "UP.png"), names, "one plot per series that ran");
        final String html = Files.readString(out.resolve("report.html"));
        for (final String name : names) {
            final byte[] png = Files.readAllBytes(out.resolve("plots").resolve(name));
            assertArrayEquals(
                    new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                    java.util.Arrays.copyOf(png, 8),
                    name + " is a PNG");
            final java.awt.image.BufferedImage image =
                    javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            assertEquals(960, image.getWidth(), name);
            assertEquals(480, image.getHeight(), name);
            assertTrue(html.contains("plots/" + name), "the report links " + name);
        }
        assertTrue(html.contains("Plots of the windows"), "the cv section says what the plots show");

        final Path none = tmp.resolve("unplotted");
        final ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        assertEquals(2, cv(input, none, "farm-none", quiet, "--plots", "none"), quiet.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(none.resolve("plots")), "--plots none draws no plot");
    }

    @Test
    void badWindowOptionsAreRefusedNamingTheOption() throws Exception {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        final Path input = input();
        assertEquals(
                ExitCodes.USAGE,
                FarmCli.execute(
                        new String[] {"cv", "--input", input.toString(), "--horizon", "3", "--windows", "0"},
                        errStream,
                        errStream));
        assertEquals(
                ExitCodes.USAGE,
                FarmCli.execute(
                        new String[] {"cv", "--input", input.toString(), "--horizon", "3"}, errStream, errStream));
        final String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--windows 0"), text);
        assertTrue(text.contains("--windows"), text);
    }

    /** S0..S39 (the kill test): 96 monthly points each, a season of 12, a trend and noise of their own; ets makes each task last. */
    private Path seasonalSeries() throws Exception {
        final StringBuilder csv = CvRuns.longCsv(
                KILL_SERIES, 96, (k, i) -> 300 + (i % 12) * (k % 5 + 1) * 3 + i * (k % 3) + (i * 7 + k) % 13);
        final Path file = tmp.resolve("in.csv");
        Files.writeString(file, csv);
        return file;
    }

    private List<String> naiveAndEts(final Path input, final String name) {
        return CvRuns.args(
                input, tmp.resolve(name), tmp.resolve("farm-" + name), "--model", "naive,ets", "--season-length", "12");
    }

    /** Each joblog line's series to its status and attempts. */
    private static Map<String, String> joblog(final Path out) throws Exception {
        final Map<String, String> lines = new TreeMap<>();
        for (final String line : Files.readAllLines(out.resolve("joblog.tsv")).subList(1, KILL_SERIES + 1)) {
            final String[] f = line.split("\t", -1);
            assertEquals(null, lines.put(f[1], f[6] + " " + f[5]), "one line per series: " + line);
        }
        return lines;
    }

    /**
     * kill -9 of a real worker process mid-way through the job: it finishes, every series is in cv.csv and
     * cv_metrics.csv once, with the numbers of an undisturbed run, and the restart is counted; a rerun with the same
     * farm dir runs none of the finished series again.
     */
    @Test
    void aWorkerKilledMidJobLosesOnlyItsSeriesAndARerunRunsNoneAgain() throws Exception {
        final Path input = seasonalSeries();
        final Path calm = tmp.resolve("calm");
        CvRuns.farm(ExitCodes.OK, naiveAndEts(input, "calm"));

        final Path out = tmp.resolve("killed");
        final CompletableFuture<String> run =
                CompletableFuture.supplyAsync(() -> CvRuns.farm(ExitCodes.OK, naiveAndEts(input, "killed")));
        final long victim = FarmTestSupport.busyWorkerPid(tmp.resolve("farm-killed"), 60_000);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();
        final String console = run.get(150, TimeUnit.SECONDS);

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
        assertEquals(KILL_SERIES, series.size(), "every series scored");
        final JsonNode summary =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("worker_restarts").asInt() >= 1, "the killed worker was replaced: " + summary);
        assertEquals(KILL_SERIES, summary.get("ok").asInt(), summary.toString());
        assertEquals(
                new ObjectMapper()
                        .readTree(calm.resolve("summary.json").toFile())
                        .get("cv"),
                summary.get("cv"));
        final Map<String, String> ran = joblog(out);
        final long again = ran.values().stream().filter(v -> !v.equals("OK 1")).count();
        assertTrue(again >= 1 && again <= 2, "the killed worker's series ran again, no other: " + ran);

        // the same command again: the farm dir's results are kept, nothing is recomputed
        final String rerun = CvRuns.farm(ExitCodes.OK, naiveAndEts(input, "killed"));
        final JsonNode resumed =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(KILL_SERIES, resumed.get("resumed").asInt(), "every series came from the farm dir: " + rerun);
        assertEquals(0, resumed.get("worker_restarts").asInt(), resumed.toString());
        assertEquals(Files.readAllLines(calm.resolve("cv.csv")), Files.readAllLines(out.resolve("cv.csv")));
        assertEquals(summary.get("cv"), resumed.get("cv"), "the same scores");
    }
}

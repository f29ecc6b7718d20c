package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of the outputs through real workers: input order (also after {@code --resume}), {@code model_spec}, the
 * wide shape, the files' permissions and the summary of a resumed job.
 */
@Tag("process")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class OutputRowsIT {
    private static final int SERIES = 60;
    private static final int H = 3;
    private static final String MODELS = "drift,naive";

    @TempDir
    Path tmp;

    private final List<String> ids = new ArrayList<>();

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    /**
     * Series in a shuffled id order with lengths from 20 to 2,000 points, the first 300,000 (so they finish out of
     * order), one that fails (a single point) and one invalid.
     */
    private Path input() throws Exception {
        for (int k = 0; k < SERIES; k++) {
            ids.add(String.format("s%02d", k));
        }
        Collections.shuffle(ids, new Random(3));
        final Random random = new Random(5);
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (final String id : ids) {
            final int n = id.equals(ids.get(7)) ? 1 : id.equals(ids.get(0)) ? 300_000 : 20 + random.nextInt(1980);
            double level = 100;
            for (int t = 1; t <= n; t++) {
                level += random.nextGaussian();
                csv.append(id).append(',').append(t).append(',').append(level).append('\n');
            }
        }
        csv.append("BAD,1,5\nBAD,2,abc\n");
        return Files.writeString(tmp.resolve("in.csv"), csv);
    }

    private String[] args(final Path input, final Path out, final String... more) {
        final List<String> args = new ArrayList<>(List.of(
                "forecast",
                "--input",
                input.toString(),
                "--horizon",
                Integer.toString(H),
                "--model",
                MODELS,
                "--workers",
                "3",
                "--plots",
                "3",
                "--farm-dir",
                tmp.resolve("farm").toString(),
                "--out",
                out.toString()));
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    private static int run(final String[] args, final ByteArrayOutputStream console) {
        return FarmCli.execute(args, new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private static List<String> column(final List<String> lines, final int index) {
        return lines.stream().skip(1).map(l -> l.split(",", -1)[index]).toList();
    }

    private void deleteFarmDir() throws Exception {
        try (Stream<Path> paths = Files.walk(tmp.resolve("farm"))) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void rowsAreInInputOrderNameTheFittedModelAndKeepTheirPlacesAfterAResume() throws Exception {
        final Path input = input();
        final Path out = tmp.resolve("out");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        assertEquals(2, run(args(input, out), console), console.toString(StandardCharsets.UTF_8));

        final List<String> forecasts = Files.readAllLines(out.resolve("forecasts.csv"));
        assertEquals("unique_id,ds,step,model,forecast,lo-80,hi-80,lo-95,hi-95,model_spec", forecasts.get(0));
        final List<String> expectedIds = new ArrayList<>();
        final List<String> expectedModels = new ArrayList<>();
        final List<String> expectedSteps = new ArrayList<>();
        for (final String id : ids) {
            if (!id.equals(ids.get(7))) {
                for (final String model : MODELS.split(",")) {
                    for (int step = 1; step <= H; step++) {
                        expectedIds.add(id);
                        expectedModels.add(model);
                        expectedSteps.add(Integer.toString(step));
                    }
                }
            }
        }
        final List<String> completionOrder = Files.readAllLines(out.resolve("joblog.tsv")).stream()
                .skip(1)
                .map(l -> l.split("\t")[1])
                .filter(ids::contains)
                .toList();
        assertFalse(completionOrder.equals(ids), "the results came back out of order, so the test tells");
        assertEquals(expectedIds, column(forecasts, 0), "series in input order");
        assertEquals(expectedModels, column(forecasts, 3), "then model in --model order");
        assertEquals(expectedSteps, column(forecasts, 2), "then step");
        assertTrue(
                forecasts.stream()
                        .skip(1)
                        .allMatch(l -> l.endsWith(",Random walk with drift") || l.endsWith(",Naive method")),
                "model_spec on every row: " + forecasts.subList(0, 3));
        assertTrue(
                Files.readString(out.resolve("report.html"))
                        .contains("drift: Random walk with drift; naive: Naive method"),
                "the report names the fitted models");
        assertEquals(
                List.of("BAD", ids.get(7)),
                column(Files.readAllLines(out.resolve("failed.csv")), 0),
                "failed.csv: INVALID first, then in input order");

        assertOutputsFollowTheUmask(out);

        // an earlier run that finished every third series, its farm dir gone: --resume runs the rest
        final Path joblog = out.resolve("joblog.tsv");
        final List<String> lines = Files.readAllLines(joblog);
        final List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        for (final String line : lines.subList(1, lines.size())) {
            final String id = line.split("\t")[1];
            if (ids.indexOf(id) % 3 == 0 && !id.equals(ids.get(7))) {
                kept.add(line);
            }
        }
        Files.write(joblog, kept);
        deleteFarmDir();
        final ByteArrayOutputStream resumed = new ByteArrayOutputStream();
        assertEquals(2, run(args(input, out, "--resume"), resumed), resumed.toString(StandardCharsets.UTF_8));
        assertEquals(forecasts, Files.readAllLines(out.resolve("forecasts.csv")), "kept rows are in their places");

        final JsonNode summary =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        final int carried = kept.size() - 1;
        assertEquals("done", summary.get("status").asText(), summary.toString());
        assertEquals(carried, summary.get("carried_over").asInt(), summary.toString());
        assertEquals(SERIES - carried, summary.get("tasks").asInt(), summary.toString());
        assertEquals(SERIES - 1, summary.get("ok").asInt(), "the whole job's ok series: " + summary);
        assertEquals(1, summary.get("failed").asInt(), summary.toString());
        assertEquals(1, summary.get("invalid_input").asInt(), summary.toString());
        assertEquals(0, summary.get("not_run").asInt(), summary.toString());
        assertTrue(
                resumed.toString(StandardCharsets.UTF_8)
                        .contains("succeeded " + (SERIES - 1) + ", failed 1, poisoned 0, invalid input 1, kept from "
                                + "the earlier joblog " + carried + "; success rate"),
                resumed.toString(StandardCharsets.UTF_8));
    }

    private void assertOutputsFollowTheUmask(final Path out) throws Exception {
        final Set<PosixFilePermission> umaskGives = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("p")));
        Assumptions.assumeTrue(
                umaskGives.contains(PosixFilePermission.GROUP_READ),
                "the umask makes every new file owner-only: nothing to tell apart");
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(out)) {
            paths.filter(Files::isRegularFile).forEach(files::add);
        }
        assertTrue(files.size() >= 8, "the outputs, the report and plots: " + files);
        for (final Path file : files) {
            assertEquals(
                    PosixFilePermissions.toString(umaskGives),
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    file.toString());
        }
        assertEquals(
                "rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("farm"))),
                "the farm dir stays owner-only");
    }

    @Test
    void theWideShapeHasARowPerSeriesAndStepAndAColumnPerModelAndBound() throws Exception {
        final Path input = input();
        final Path longOut = tmp.resolve("long");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        assertEquals(2, run(args(input, longOut), console), console.toString());
        final Path wideOut = tmp.resolve("wide");
        assertEquals(
                2,
                run(args(input, wideOut, "--output-shape", "wide"), console),
                console.toString(StandardCharsets.UTF_8));
        final List<String> wide = Files.readAllLines(wideOut.resolve("forecasts.csv"));
        assertEquals(
                "unique_id,ds,drift,drift-lo-95,drift-lo-80,drift-hi-80,drift-hi-95,"
                        + "naive,naive-lo-95,naive-lo-80,naive-hi-80,naive-hi-95",
                wide.get(0));
        assertEquals(1 + (SERIES - 1) * H, wide.size());
        final List<String> longRows = Files.readAllLines(longOut.resolve("forecasts.csv"));
        for (int r = 1; r < wide.size(); r++) {
            final String[] w = wide.get(r).split(",", -1);
            final int series = (r - 1) / H;
            final int step = (r - 1) % H;
            final String[] drift = longRows.get(1 + series * 2 * H + step).split(",", -1);
            final String[] naive = longRows.get(1 + series * 2 * H + H + step).split(",", -1);
            assertEquals(
                    List.of(drift[0], drift[1], drift[4], drift[7], drift[5], drift[6], drift[8]),
                    List.of(w[0], w[1], w[2], w[3], w[4], w[5], w[6]),
                    "row " + r);
            assertEquals(
                    List.of(naive[4], naive[7], naive[5], naive[6], naive[8]),
                    List.of(w).subList(7, 12));
        }
        assertFalse(Files.readString(wideOut.resolve("summary.json")).isEmpty());

        // a resume into the same --out with the other shape is refused by name, before anything runs
        Files.writeString(
                wideOut.resolve("joblog.tsv"),
                Files.readAllLines(wideOut.resolve("joblog.tsv")).get(0) + "\n1\t" + ids.get(0)
                        + "\t0\t1.000\t0.010\t1\tOK\t\n");
        deleteFarmDir();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            final ByteArrayOutputStream refused = new ByteArrayOutputStream();
            assertEquals(
                    forecastfarm.launcher.cli.ExitCodes.INPUT,
                    run(args(input, wideOut, "--resume", "--output-shape", "long"), refused));
            assertFalse(refused.toString(StandardCharsets.UTF_8).contains("done in"), refused.toString());
        } finally {
            System.setErr(oldErr);
        }
        assertTrue(
                err.toString(StandardCharsets.UTF_8)
                        .contains("cannot keep the earlier rows of " + wideOut.resolve("forecasts.csv")
                                + " (--resume): its columns (unique_id,ds,drift,"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(wide, Files.readAllLines(wideOut.resolve("forecasts.csv")), "left as it was");
    }
}

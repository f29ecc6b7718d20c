package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.examples.ExampleBuild;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import forecastfarm.launcher.serve.ServeProcesses;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The client commands against a real {@code farm serve}: {@code farm submit --wait} writes what {@code farm forecast}
 * writes for the same command line; {@code submit} alone prints the job, which {@code jobs}, {@code status},
 * {@code results} and {@code cancel} then follow; a farm that is not there is a clear error.
 */
@Tag("process")
class SubmitCliIT extends ServeProcesses {
    private static final int SERIES = 8;

    @BeforeAll
    static void workerClasspath() {
        // the one-shot forecast runs in this JVM, as scripts/farm runs it
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    /** The sample's first {@link #SERIES} stocks, and a stock with a value that is not a number. */
    private Path input() throws Exception {
        final List<String> lines = Files.readAllLines(ExampleBuild.REPO.resolve("scripts/sample/sp500_50.csv"));
        final Set<String> ids = new LinkedHashSet<>();
        final List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        for (final String line : lines.subList(1, lines.size())) {
            final String id = line.substring(0, line.indexOf(','));
            if (ids.size() < SERIES || ids.contains(id)) {
                ids.add(id);
                kept.add(line);
            }
        }
        for (int day = 1; day <= 9; day++) {
            kept.add("BAD,2020-01-0" + day + "," + (day == 5 ? "n/a" : "10." + day));
        }
        final Path file = tmp.resolve("in.csv");
        Files.write(file, kept);
        return file;
    }

    private record Cli(int exit, String out, String err) {}

    private static Cli cli(final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = FarmCli.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> sorted(final Path file) throws Exception {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void submitAndWaitWritesWhatForecastWritesForTheSameCommandLine() throws Exception {
        final Path farmDir = tmp.resolve("served");
        awaitReady(farmDir, serve(farmDir, "server"), "server");
        final Path in = input();
        final String[] job = {"--input", in.toString(), "--horizon", "5", "--model", "theta,naive", "--level", "90"};
        final Cli submitted = cli(Stream.concat(
                        Stream.of("submit"),
                        Stream.concat(
                                Stream.of(job),
                                Stream.of(
                                        "--farm-dir",
                                        farmDir.toString(),
                                        "--out",
                                        tmp.resolve("sub").toString(),
                                        "--wait",
                                        "--workers",
                                        "4")))
                .toArray(String[]::new));
        final Cli forecast = cli(Stream.concat(
                        Stream.of("forecast"),
                        Stream.concat(
                                Stream.of(job),
                                Stream.of(
                                        "--farm-dir",
                                        tmp.resolve("one-shot").toString(),
                                        "--out",
                                        tmp.resolve("fc").toString(),
                                        "--workers",
                                        "1",
                                        "--plots",
                                        "none")))
                .toArray(String[]::new));
        assertEquals(1, forecast.exit(), "one series INVALID: " + forecast.err() + forecast.out());
        assertEquals(forecast.exit(), submitted.exit(), submitted.err());
        assertTrue(submitted.err().contains("--workers is the served farm's to set"), submitted.err());
        assertEquals(
                Files.readString(tmp.resolve("fc/forecasts.csv")),
                Files.readString(tmp.resolve("sub/forecasts.csv")),
                "the same rows in the same order: input order, the dates continuing each stock's");
        final List<String> failed = sorted(tmp.resolve("sub/failed.csv"));
        assertEquals(sorted(tmp.resolve("fc/failed.csv")), failed);
        assertTrue(failed.stream().anyMatch(line -> line.startsWith("BAD,INVALID,0,")), failed.toString());
        final String summary = Files.readString(tmp.resolve("sub/summary.json"));
        assertTrue(summary.contains("\"ok\" : " + SERIES) || summary.contains("\"ok\": " + SERIES), summary);
        assertTrue(summary.contains("\"invalid_input\" : 1") || summary.contains("\"invalid_input\": 1"), summary);
    }

    @Test
    void submitPrintsTheJobWhichTheClientCommandsFollow() throws Exception {
        final Path farmDir = tmp.resolve("served");
        awaitReady(farmDir, serve(farmDir, "server"), "server");
        final String[] submit = {
            "submit",
            "--input",
            input().toString(),
            "--horizon",
            "4",
            "--model",
            "naive",
            "--farm-dir",
            farmDir.toString()
        };
        final Cli first = cli(submit);
        assertEquals(ExitCodes.OK, first.exit(), first.err());
        final String id = first.out().strip();
        assertTrue(id.matches("job-[0-9a-f]+"), "standard output is the job id alone: " + first.out());
        assertEquals(id, cli(submit).out().strip(), "the same command again finds the same job");
        final long deadline = System.currentTimeMillis() + 60_000;
        Cli status = cli("status", id, "--farm-dir", farmDir.toString());
        while (status.exit() == ExitCodes.PENDING && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            status = cli("status", id, "--farm-dir", farmDir.toString());
        }
        assertEquals(ExitCodes.OK, status.exit(), status.out() + status.err());
        assertTrue(status.out().contains("\"state\" : \"succeeded\""), status.out());
        final Cli jobs = cli("jobs", "--farm-dir", farmDir.toString());
        assertTrue(
                jobs.out().lines().anyMatch(line -> line.startsWith(id) && line.contains(SERIES + "/" + SERIES)),
                jobs.out());
        final Cli results = cli(
                "results",
                id,
                "--farm-dir",
                farmDir.toString(),
                "--out",
                tmp.resolve("r").toString());
        assertEquals(ExitCodes.OK, results.exit(), results.err());
        assertEquals(
                1 + SERIES * 4,
                Files.readAllLines(tmp.resolve("r/forecasts.csv")).size());
        assertEquals(
                ExitCodes.OK,
                cli("cancel", id, "--farm-dir", farmDir.toString()).exit());
        final Cli gone = cli("status", id, "--farm-dir", farmDir.toString());
        assertEquals(ExitCodes.USAGE, gone.exit());
        assertTrue(gone.err().contains("404 no job " + id), gone.err());
    }

    @Test
    void aFarmThatIsNotThereIsAClearError() throws Exception {
        final Path empty = Files.createDirectories(tmp.resolve("nothing-served"));
        final Cli cli = cli(
                "submit", "--input", input().toString(), "--horizon", "3", "--farm-dir", empty.toString(), "--wait");
        assertEquals(ExitCodes.SERVER_UNAVAILABLE, cli.exit(), cli.err());
        assertTrue(
                cli.err().contains(empty.resolve("serve.url") + " does not exist; is 'farm serve --farm-dir"),
                cli.err());
        Files.writeString(empty.resolve("serve.url"), "http://127.0.0.1:9\n");
        Files.writeString(empty.resolve("api-token"), "t\n");
        final Cli refused = cli("jobs", "--farm-dir", empty.toString());
        assertEquals(ExitCodes.SERVER_UNAVAILABLE, refused.exit(), refused.err());
        assertTrue(refused.err().contains("no farm answers at http://127.0.0.1:9"), refused.err());
        final Cli resume = cli(
                "submit", "--input", input().toString(), "--horizon", "3", "--farm-dir", empty.toString(), "--resume");
        assertEquals(ExitCodes.USAGE, resume.exit());
        assertTrue(resume.err().contains("--resume and --retry-failed are farm forecast's"), resume.err());
    }
}

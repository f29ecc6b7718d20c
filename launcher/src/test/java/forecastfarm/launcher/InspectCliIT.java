package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code farm inspect} on the farm dir of a real forecast job: the status view names the job's input and options,
 * and {@code --id} tells a result, a pending series and one not in the job apart by output and exit code.
 */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InspectCliIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    private record Run(int exit, String out) {}

    private static Run farm(final String... args) {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = FarmCli.execute(args, new PrintStream(console, true, StandardCharsets.UTF_8));
        return new Run(exit, console.toString(StandardCharsets.UTF_8));
    }

    private Path input() throws Exception {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (final String id : new String[] {"ALPHA", "BETA", "GAMMA"}) {
            LocalDate day = LocalDate.of(2020, 1, 1);
            for (int i = 0; i < 40; i++) {
                csv.append(id)
                        .append(',')
                        .append(day)
                        .append(',')
                        .append(50 + id.length() * i % 11)
                        .append('\n');
                day = day.plusDays(1);
            }
        }
        final Path file = tmp.resolve("sales in.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void inspectNamesTheJobAndTellsResultsPendingAndUnknownApart() throws Exception {
        final Path input = input();
        final Path farmDir = tmp.resolve("farm");
        final Run job = farm(
                "forecast",
                "--input",
                input.toString(),
                "--horizon",
                "5",
                "--model",
                "naive,drift",
                "--season-length",
                "7",
                "--level",
                "90",
                "--workers",
                "1",
                "--plots",
                "none",
                "--farm-dir",
                farmDir.toString(),
                "--out",
                tmp.resolve("out").toString());
        assertEquals(ExitCodes.OK, job.exit(), job.out());

        final Run status = farm("inspect", "--farm-dir", farmDir.toString());
        assertEquals(ExitCodes.OK, status.exit(), status.out());
        assertTrue(
                status.out()
                        .contains("(done, owner cli, 3 tasks: ok 3, failed 0, poisoned 0, resumed 0): input="
                                + input.toAbsolutePath() + " format=long horizon=5 models=naive,drift"
                                + " levels=90 season_lengths=7 out="
                                + tmp.resolve("out").toAbsolutePath()),
                status.out());
        assertTrue(status.out().contains("\njob forecast-"), status.out());
        assertTrue(status.out().contains("tasks 3: pending 0, running 0, done 3"), status.out());
        assertTrue(status.out().contains("ETA 0s (0 series left)"), status.out());
        assertTrue(status.out().contains("current series"), status.out());

        final Run result = farm("inspect", "--farm-dir", farmDir.toString(), "--id", "BETA");
        assertEquals(ExitCodes.OK, result.exit(), result.out());
        assertTrue(result.out().startsWith("BETA: OK"), result.out());

        final Run unknown = farm("inspect", "--farm-dir", farmDir.toString(), "--id", "UNKNOWN");
        assertEquals(ExitCodes.NOT_IN_JOB, unknown.exit(), unknown.out());
        assertTrue(unknown.out().startsWith("UNKNOWN: not in this job"), unknown.out());

        // a series the input check listed but no worker computed yet (as when the run is interrupted before it)
        final Path index;
        try (java.util.stream.Stream<Path> files = Files.list(farmDir.resolve("jobs"))) {
            index = files.filter(f -> f.toString().endsWith(".series.tsv"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(
                index,
                "DELTA\t2020-02-10\t2020-02-11\t2020-02-12\t2020-02-13\t2020-02-14\n",
                StandardOpenOption.APPEND);
        final Run pending = farm("inspect", "--farm-dir", farmDir.toString(), "--id", "DELTA");
        assertEquals(ExitCodes.PENDING, pending.exit(), pending.out());
        assertTrue(pending.out().startsWith("DELTA: pending"), pending.out());
    }
}

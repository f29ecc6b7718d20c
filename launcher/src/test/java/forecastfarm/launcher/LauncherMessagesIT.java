package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.JvmFlags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code scripts/farm} says, seen as a user sees it: the real CLI in its own JVM, stdout and stderr apart.
 */
@Tag("process")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LauncherMessagesIT {
    private static final int SERIES = 300;
    private static final int HORIZON = 4;

    @TempDir
    Path tmp;

    /**
     * The same {@code farm forecast} twice at once: the second launcher is refused in one line, naming the farm dir
     * and the running launcher's pid, before it reads the input or starts a worker; the first one finishes.
     */
    @Test
    void aSecondLauncherOnABusyFarmDirIsRefusedAtOnceAndTheFirstFinishes() throws Exception {
        final Path input = input();
        final Path farmDir = tmp.resolve("farm");
        final String[] args = {
            "forecast",
            "--input",
            input.toString(),
            "--horizon",
            Integer.toString(HORIZON),
            "--model",
            "arima,ets",
            "--workers",
            "1",
            "--plots",
            "none",
            "--out",
            tmp.resolve("out").toString(),
            "--farm-dir",
            farmDir.toString()
        };
        final Process first = cli(args, "first");
        final FarmDirectory farm = new FarmDirectory(farmDir);
        awaitLockHeldBy(farm, first);

        final Process second = cli(args, "second");
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second launcher ended");
        assertEquals(ExitCodes.FARM_DIR, second.exitValue());
        assertEquals(
                "error: farm dir " + farm.root() + " is busy: launcher pid " + first.pid() + " is running there; wait"
                        + " for it to finish (scripts/farm inspect --farm-dir " + farm.root() + " shows its progress),"
                        + " or use another --farm-dir" + System.lineSeparator(),
                Files.readString(tmp.resolve("second.err")));
        assertEquals("", Files.readString(tmp.resolve("second.out")));
        assertTrue(first.isAlive(), "the second launcher was refused while the first ran");

        assertTrue(first.waitFor(200, TimeUnit.SECONDS), "the first launcher finished");
        assertEquals(ExitCodes.OK, first.exitValue(), Files.readString(tmp.resolve("first.out")));
        final long rows =
                Files.readAllLines(tmp.resolve("out").resolve("forecasts.csv")).size() - 1;
        assertEquals((long) SERIES * 2 * HORIZON, rows);
    }

    /** A rerun on a farm dir whose launcher closed it normally resumes without Chronicle Map's recovery warning. */
    @Test
    void aResumeAfterACleanRunWarnsOfNoRecovery() throws Exception {
        final Path input = Files.writeString(
                tmp.resolve("small.csv"), "unique_id,ds,y\nA,1,1\nA,2,2\nA,3,4\nB,1,5\nB,2,3\nB,3,1\n");
        final String[] args = {
            "forecast",
            "--input",
            input.toString(),
            "--horizon",
            "2",
            "--model",
            "naive",
            "--workers",
            "1",
            "--plots",
            "none",
            "--out",
            tmp.resolve("out").toString(),
            "--farm-dir",
            tmp.resolve("farm").toString()
        };
        for (final String run : new String[] {"first", "rerun", "resume"}) {
            final String[] runArgs = run.equals("resume") ? append(args, "--resume") : args;
            final Process cli = cli(runArgs, run);
            assertTrue(cli.waitFor(120, TimeUnit.SECONDS), run + " finished");
            assertEquals(ExitCodes.OK, cli.exitValue(), Files.readString(tmp.resolve(run + ".err")));
            final String err = Files.readString(tmp.resolve(run + ".err"));
            assertFalse(err.toLowerCase(java.util.Locale.ROOT).contains("recover"), run + ": " + err);
            assertFalse(err.contains("risk of losing"), run + ": " + err);
        }
    }

    /**
     * A map that the last launcher did not close (killed: no clean-close marker) is repaired with one plain line, and
     * Chronicle Map's own "risk of losing data" warning is not shown.
     */
    @Test
    void aRepairAfterAKilledLauncherSaysSoPlainly() throws Exception {
        final Path input = Files.writeString(tmp.resolve("small.csv"), "unique_id,ds,y\nA,1,1\nA,2,2\nA,3,4\n");
        final String[] args = {
            "forecast",
            "--input",
            input.toString(),
            "--horizon",
            "2",
            "--model",
            "naive",
            "--workers",
            "1",
            "--plots",
            "none",
            "--out",
            tmp.resolve("out").toString(),
            "--farm-dir",
            tmp.resolve("farm").toString()
        };
        final Process first = cli(args, "first");
        assertTrue(first.waitFor(120, TimeUnit.SECONDS), "first finished");
        assertEquals(ExitCodes.OK, first.exitValue(), Files.readString(tmp.resolve("first.err")));
        try (java.util.stream.Stream<Path> files =
                Files.list(tmp.resolve("farm").resolve("results"))) {
            final List<Path> markers =
                    files.filter(f -> f.toString().endsWith(".cm.closed")).toList();
            assertEquals(1, markers.size(), "a clean close leaves one marker");
            Files.delete(markers.get(0));
        }
        final Process rerun = cli(args, "rerun");
        assertTrue(rerun.waitFor(120, TimeUnit.SECONDS), "rerun finished");
        assertEquals(ExitCodes.OK, rerun.exitValue(), Files.readString(tmp.resolve("rerun.err")));
        final String err = Files.readString(tmp.resolve("rerun.err"));
        assertTrue(err.contains("was not closed by the previous launcher"), err);
        assertTrue(err.contains("1 results kept"), err);
        assertFalse(err.contains("risk of losing"), err);
    }

    private static String[] append(final String[] args, final String arg) {
        final String[] longer = java.util.Arrays.copyOf(args, args.length + 1);
        longer[args.length] = arg;
        return longer;
    }

    private static void awaitLockHeldBy(final FarmDirectory farm, final Process launcher) throws Exception {
        final long deadlineMs = System.currentTimeMillis() + 60_000;
        final String pid = Long.toString(launcher.pid());
        while (!(Files.exists(farm.launcherLockFile())
                && Files.readString(farm.launcherLockFile()).equals(pid))) {
            assertTrue(launcher.isAlive(), "the first launcher runs");
            assertTrue(System.currentTimeMillis() < deadlineMs, "the first launcher locked the farm dir");
            Thread.sleep(20);
        }
    }

    /**
     * A farm dir of the earlier layout (one job, results keyed by series id alone) is refused, by a job and by
     * inspect alike, with exit 103 and what to do; the farm dir is not changed.
     */
    @Test
    void aFarmDirOfTheEarlierLayoutIsRefusedSayingWhatToDo() throws Exception {
        final Path farmDir = Files.createDirectories(tmp.resolve("old-farm"));
        final String earlier = "# Forecast Farm: the job this farm dir belongs to\njob=forecast input=x.csv h=4\n";
        Files.writeString(farmDir.resolve("farm.properties"), earlier);
        final String[][] commands = {
            {
                "forecast",
                "--input",
                input().toString(),
                "--horizon",
                "2",
                "--model",
                "naive",
                "--workers",
                "1",
                "--plots",
                "none",
                "--out",
                tmp.resolve("out-old").toString(),
                "--farm-dir",
                farmDir.toString()
            },
            {"inspect", "--farm-dir", farmDir.toString()}
        };
        for (final String[] args : commands) {
            final Process process = cli(args, "old-" + args[0]);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), args[0] + " ended");
            final String err = Files.readString(tmp.resolve("old-" + args[0] + ".err"));
            assertEquals(ExitCodes.FARM_DIR, process.exitValue(), err);
            assertTrue(err.startsWith("error: farm dir " + farmDir + " was made by an earlier version"), err);
            assertTrue(err.contains("use a new --farm-dir"), err);
        }
        assertEquals(earlier, Files.readString(farmDir.resolve("farm.properties")));
        assertFalse(Files.exists(tmp.resolve("out-old").resolve("forecasts.csv")), "nothing was run");
    }

    /** Random walks, long enough that one worker needs several seconds for them all. */
    private Path input() throws Exception {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        final Random random = new Random(11);
        for (int s = 0; s < SERIES; s++) {
            double y = 100;
            for (int t = 1; t <= 120; t++) {
                y += random.nextGaussian();
                csv.append('S')
                        .append(s)
                        .append(',')
                        .append(t)
                        .append(',')
                        .append(y)
                        .append('\n');
            }
        }
        return Files.writeString(tmp.resolve("in.csv"), csv, StandardCharsets.UTF_8);
    }

    /** {@code scripts/farm} as its own process, with the script's log levels; stdout and stderr apart. */
    private Process cli(final String[] args, final String name) throws Exception {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.forCurrentJvm());
        command.add("-Xmx256m");
        command.add("-D" + FarmContext.WORKER_CLASSPATH_PROP + "=" + FarmTestSupport.workerClasspath());
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-Dorg.slf4j.simpleLogger.log.forecastfarm=info");
        command.add("-Dorg.slf4j.simpleLogger.log.net.openhft.chronicle.map.ChronicleMapBuilder=error");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FarmCli.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile())
                .start();
    }
}

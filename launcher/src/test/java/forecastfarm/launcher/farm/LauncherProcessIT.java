package forecastfarm.launcher.farm;

import static forecastfarm.launcher.farm.FarmTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as its own process: killed with -9, signalled, resumed.
 */
@Tag("process")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LauncherProcessIT {
    private static final Pattern REPORT = Pattern.compile(
            "REPORT ok=(\\d+) failed=(\\d+) poisoned=(\\d+) resumed=(\\d+) computed=(\\d+) interrupted=(\\S+)");

    @TempDir
    Path tmp;

    private Process launcher(final Path farmDir, final int tasks, final String action, final String log)
            throws Exception {
        return startJava(
                tmp.resolve(log),
                TestFarmMain.class.getName(),
                farmDir.toString(),
                "2",
                Integer.toString(tasks),
                action);
    }

    private Matcher report(final Process process, final String log) throws Exception {
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "launcher finished");
        final String output = Files.readString(tmp.resolve(log));
        final Matcher m = REPORT.matcher(output);
        assertTrue(m.find(), output);
        return m;
    }

    private void awaitDone(final Path farmDir, final long done, final String log) throws Exception {
        try {
            await(done + " tasks done", 90_000, () -> doneCount(farmDir) >= done);
        } catch (final AssertionError ex) {
            throw new AssertionError(ex.getMessage() + "; launcher output:\n" + Files.readString(tmp.resolve(log)), ex);
        }
    }

    private static long doneCount(final Path farmDir) {
        try (forecastfarm.shared.status.StatusFile status = forecastfarm.shared.status.StatusFile.open(
                new forecastfarm.shared.FarmDirectory(farmDir).statusFile())) {
            return status.farmValue(forecastfarm.shared.status.FarmCounter.DONE);
        } catch (final IllegalStateException notYet) {
            return 0;
        }
    }

    @Test
    void noWorkerOutlivesAKilledLauncherByMoreThanFiveSeconds() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final Process launcher = launcher(farmDir, 50, "sleep:200", "run.log");
        busyWorkerPid(farmDir, 60_000);
        final List<Long> workers = workerPids(farmDir);
        assertFalse(workers.isEmpty());
        launcher.destroyForcibly();
        assertTrue(launcher.waitFor(10, TimeUnit.SECONDS));
        final long killedAt = System.currentTimeMillis();
        await(
                "workers to exit",
                5_000,
                () -> workers.stream()
                        .noneMatch(pid -> ProcessHandle.of(pid)
                                .map(ProcessHandle::isAlive)
                                .orElse(false)));
        assertTrue(System.currentTimeMillis() - killedAt <= 5_000);
    }

    @Test
    void rerunAfterKillMinus9ResumesWithoutRecomputingOrLosing() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final Process first = launcher(farmDir, 60, "sleep:30", "first.log");
        awaitDone(farmDir, 10, "first.log");
        first.destroyForcibly();
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));

        final Matcher second = report(launcher(farmDir, 60, "sleep:30", "second.log"), "second.log");
        final String secondLog = Files.readString(tmp.resolve("second.log"));
        assertTrue(
                secondLog.contains(" was not closed by the previous launcher (killed?); it was checked and repaired"
                        + " (Chronicle Map's recovery), "),
                secondLog);
        final int ok = Integer.parseInt(second.group(1));
        final int resumed = Integer.parseInt(second.group(4));
        final int computed = Integer.parseInt(second.group(5));
        assertEquals(60, ok, "every task finished across the two runs");
        assertTrue(resumed >= 10, "finished results were kept: " + resumed);
        assertEquals(60 - resumed, computed, "nothing finished was computed again");
    }

    @Test
    void sigtermDrainsThenTheRerunFinishes() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final Process first = launcher(farmDir, 80, "sleep:100", "first.log");
        awaitDone(farmDir, 4, "first.log");
        final List<Long> workers = workerPids(farmDir);
        signal(first.pid(), "TERM");
        final Matcher drained = report(first, "first.log");
        assertEquals("SIGTERM", drained.group(6));
        final int firstOk = Integer.parseInt(drained.group(1));
        assertTrue(firstOk < 80, "drain stopped dispatching: " + firstOk);
        assertTrue(
                workers.stream()
                        .noneMatch(pid -> ProcessHandle.of(pid)
                                .map(ProcessHandle::isAlive)
                                .orElse(false)),
                "workers ended with the drain");

        final Matcher rerun = report(launcher(farmDir, 80, "sleep:100", "second.log"), "second.log");
        assertEquals(80, Integer.parseInt(rerun.group(1)));
        assertEquals(firstOk, Integer.parseInt(rerun.group(4)), "the drained run's results were kept");
    }
}

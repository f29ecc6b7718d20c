package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.WorkerCounter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Helpers for the multi-process tests: the worker classpath with the test-only "test-crash" kind, task lists,
 * and waiting on the farm's status file.
 */
public final class FarmTestSupport {
    static final String CRASH_KIND = "test-crash";

    private FarmTestSupport() {}

    public static String workerClasspath() {
        final Path worker = Path.of("..", "worker", "target").toAbsolutePath().normalize();
        final Path jar = worker.resolve("forecast-farm-worker.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: run the tests with 'mvn verify' so the worker is packaged");
        }
        return jar + File.pathSeparator + worker.resolve("test-classes");
    }

    static FarmContext context(final Path farmDir, final int workers) {
        return new FarmContext()
                .farmDir(farmDir)
                .workers(workers)
                .workerClasspath(workerClasspath())
                .workerJvmOptions(List.of("-Xmx96m", "-XX:TieredStopAtLevel=1", "-Xshare:auto"))
                .heartbeatTimeoutMs(2_000)
                .restartBaseDelayMs(20)
                .restartMaxDelayMs(200)
                .drainGraceMs(10_000);
    }

    static TaskSpec task(final String key, final String action) {
        return new TaskSpec(key, CRASH_KIND, action.getBytes(StandardCharsets.UTF_8));
    }

    static List<TaskSpec> tasks(final int count, final String action) {
        final List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(task("t" + i, action));
        }
        return tasks;
    }

    static MapSizing sizing(final int tasks) {
        return MapSizing.forTasks(tasks, 4, 64);
    }

    static void await(final String what, final long timeoutMs, final BooleanSupplier condition)
            throws InterruptedException {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /**
     * @return the pid of a worker that is running a task, waiting for one.
     */
    public static long busyWorkerPid(final Path farmDir, final long timeoutMs) throws InterruptedException {
        final long[] pid = {0};
        await("a busy worker", timeoutMs, () -> {
            final Path statusFile = new FarmDirectory(farmDir).statusFile();
            if (!Files.exists(statusFile)) {
                return false;
            }
            try (StatusFile status = StatusFile.open(statusFile)) {
                for (int slot = 0; slot < status.workerSlots(); slot++) {
                    if (status.workerValue(slot, WorkerCounter.TASK_ID) != WorkerCounter.NO_TASK
                            && status.workerValue(slot, WorkerCounter.PID) > 0) {
                        pid[0] = status.workerValue(slot, WorkerCounter.PID);
                        return true;
                    }
                }
                return false;
            } catch (final IllegalStateException notYet) {
                return false;
            }
        });
        return pid[0];
    }

    static List<Long> workerPids(final Path farmDir) {
        final List<Long> pids = new ArrayList<>();
        try (StatusFile status = StatusFile.open(new FarmDirectory(farmDir).statusFile())) {
            for (int slot = 0; slot < status.workerSlots(); slot++) {
                final long pid = status.workerValue(slot, WorkerCounter.PID);
                if (pid > 0) {
                    pids.add(pid);
                }
            }
        }
        return pids;
    }

    static void signal(final long pid, final String signal) throws Exception {
        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + signal + " " + pid + " failed");
        }
    }

    /**
     * @return the command that runs a Java main of the test classpath in its own JVM with the farm's flags and the
     *     worker jar as the workers' classpath (add to it before starting it).
     */
    public static List<String> javaCommand(final String mainClass, final String... args) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(forecastfarm.shared.JvmFlags.forCurrentJvm());
        command.add("-Xmx256m");
        command.add("-D" + FarmContext.WORKER_CLASSPATH_PROP + "=" + workerClasspath());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** A farm context for tests through the public API: 2 small, quick-starting worker JVMs. */
    public static FarmContext apiContext(final Path farmDir) {
        return new FarmContext()
                .farmDir(farmDir)
                .workers(2)
                .workerClasspath(workerClasspath())
                .workerJvmOptions(List.of("-Xmx96m", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    }

    /**
     * Starts a Java main of the test classpath in its own JVM with the farm's flags.
     */
    static Process startJava(final Path log, final String mainClass, final String... args) throws Exception {
        return new ProcessBuilder(javaCommand(mainClass, args))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}

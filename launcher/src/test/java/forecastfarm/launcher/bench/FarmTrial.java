package forecastfarm.launcher.bench;

import forecastfarm.launcher.farm.Farm;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmListener;
import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.launcher.farm.JobSpec;
import forecastfarm.launcher.farm.MapSizing;
import forecastfarm.launcher.farm.TaskSpec;
import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.WorkerCounter;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One real farm run (real worker JVMs) in a fresh farm dir under the benchmark's scratch dir, timed from outside
 * {@link Farm#run}; a listener records when each result reached the conductor and from which worker slot. The farm
 * dir is deleted afterwards.
 */
final class FarmTrial {
    /**
     * {@code -Dfarm.bench.keep=true} keeps each farm dir (worker logs) for a look after the run.
     */
    static final boolean KEEP_FARM_DIRS = Boolean.getBoolean("farm.bench.keep");

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FarmTrial() {}

    /**
     * @param wallNs        {@link Farm#run} wall time, as the caller sees it (start-up and shutdown included).
     * @param entryEpochMs  wall clock when {@link Farm#run} was called.
     * @param returnEpochMs wall clock when it returned.
     * @param arrivalNs     {@link System#nanoTime()} at each result's arrival, in arrival order.
     * @param slots         the worker slot of each result.
     * @param taskWallNs    the sum of the tasks' own wall times, as the workers measured them.
     * @param firstResultEpochMs wall clock at the first result's arrival.
     * @param probe         the worker start-up probe, or null when not asked for.
     * @param workerCrashes  worker JVMs of this run that died of a fatal error (hs_err files written).
     * @param conductorCpuNs CPU time of the farm's conductor thread up to the last result (the listener runs on it).
     * @param launcherCpuNs  CPU time of this whole JVM during {@link Farm#run} (conductor, map writer, JIT, GC), or -1.
     * @param workersCpuNs   CPU time of the worker processes (start-up included) when the last result arrived, from
     *                       /proc in 10 ms ticks; -1 when not asked for or unknown.
     */
    record Outcome(
            long wallNs,
            FarmReport report,
            long entryEpochMs,
            long returnEpochMs,
            long[] arrivalNs,
            int[] slots,
            int arrived,
            long taskWallNs,
            long firstResultEpochMs,
            StartupProbe probe,
            int workerCrashes,
            long conductorCpuNs,
            long launcherCpuNs,
            long workersCpuNs) {
        BenchMath.Window steadyWindow() {
            return BenchMath.steadyWindow(arrivalNs, slots, arrived);
        }

        double meanTaskWallNs() {
            return arrived == 0 ? Double.NaN : (double) taskWallNs / arrived;
        }
    }

    /**
     * What the status file and /proc say about worker slot 0's first generation. Epoch ms, -1 when unknown.
     *
     * @param runStartMs the status file's run start: written just before the conductor spawns the workers.
     * @param jvmStartMs the worker process's start (exec) from /proc, 10 ms resolution.
     * @param readyMs    the worker's READY_MS counter.
     */
    record StartupProbe(long runStartMs, long workerPid, long jvmStartMs, long readyMs) {}

    static Outcome run(
            final Path scratch,
            final int workers,
            final List<TaskSpec> tasks,
            final MapSizing sizing,
            final boolean probeStartup,
            final boolean probeCpu) {
        final Path dir;
        try {
            dir = Files.createTempDirectory(scratch, "farm-");
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot create a farm dir under " + scratch + ": " + ex.getMessage(), ex);
        }
        try {
            final FarmContext ctx = new FarmContext().farmDir(dir).workers(workers);
            // A worker JVM that crashes writes its hs_err file here, not into the current directory.
            final Path crashDir = crashDir(scratch);
            final List<String> jvmOptions = new ArrayList<>(ctx.workerJvmOptions());
            jvmOptions.add("-XX:ErrorFile=" + crashDir.resolve("hs_err_pid%p.log"));
            ctx.workerJvmOptions(jvmOptions);
            final int crashesBefore = crashFiles(crashDir).size();
            final Recorder recorder = new Recorder(tasks.size(), new FarmDirectory(dir), probeStartup, probeCpu);
            final long entryEpochMs = System.currentTimeMillis();
            final long processCpuStart = processCpuNs();
            final long startNs = System.nanoTime();
            final FarmReport report = Farm.run(ctx, tasks, JobSpec.named("bench"), sizing, recorder, false);
            final long wallNs = System.nanoTime() - startNs;
            final long conductorCpuNs = recorder.conductorCpuNs;
            final long processCpuEnd = processCpuNs();
            final long launcherCpuNs = processCpuStart < 0 || processCpuEnd < 0 ? -1 : processCpuEnd - processCpuStart;
            final long returnEpochMs = System.currentTimeMillis();
            if (!report.complete() || report.ok() != tasks.size() || recorder.notOk > 0) {
                throw new IllegalStateException("the farm run did not finish every task OK: " + report
                        + (recorder.firstProblem == null ? "" : "; first problem: " + recorder.firstProblem)
                        + "; worker logs were in "
                        + new FarmDirectory(dir).logsDir());
            }
            StartupProbe probe = null;
            if (probeStartup) {
                try (StatusFile status = StatusFile.open(new FarmDirectory(dir).statusFile())) {
                    probe = new StartupProbe(
                            status.runStartMs(),
                            recorder.workerPid,
                            recorder.jvmStartMs,
                            status.workerValue(0, WorkerCounter.READY_MS));
                }
            }
            return new Outcome(
                    wallNs,
                    report,
                    entryEpochMs,
                    returnEpochMs,
                    recorder.arrivalNs,
                    recorder.slots,
                    recorder.arrived,
                    recorder.taskWallNs,
                    recorder.firstResultEpochMs,
                    probe,
                    crashFiles(crashDir).size() - crashesBefore,
                    conductorCpuNs,
                    launcherCpuNs,
                    recorder.workersCpuNs);
        } finally {
            if (!KEEP_FARM_DIRS) {
                deleteTree(dir);
            }
        }
    }

    private static long processCpuNs() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static Path crashDir(final Path scratch) {
        final Path dir = scratch.resolve("crashes");
        try {
            return Files.createDirectories(dir);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot create " + dir + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the hs_err files written so far, oldest first.
     */
    static List<Path> crashFiles(final Path crashDir) {
        try (Stream<Path> files = Files.list(crashDir)) {
            return files.filter(path -> path.getFileName().toString().startsWith("hs_err"))
                    .sorted(Comparator.comparing(FarmTrial::modified))
                    .toList();
        } catch (final IOException ex) {
            return List.of();
        }
    }

    /**
     * @return the crashing thread and the top frame of an hs_err file, on one line.
     */
    static String crashSummary(final Path hsErr) {
        try (Stream<String> lines = Files.lines(hsErr)) {
            final List<String> wanted = lines.filter(line -> line.startsWith("#  SIG")
                            || line.startsWith("# J ")
                            || line.startsWith("# C ")
                            || line.startsWith("# V ")
                            || line.startsWith("Current thread")
                            || line.startsWith("J ")
                            || line.startsWith("j "))
                    .map(String::trim)
                    .distinct()
                    .limit(5)
                    .toList();
            return String.join(" | ", wanted);
        } catch (final IOException | UncheckedIOException ex) {
            return hsErr.toString();
        }
    }

    private static long modified(final Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (final IOException ex) {
            return 0;
        }
    }

    static void deleteTree(final Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (final IOException ignored) {
                    // best effort: a scratch dir
                }
            });
        } catch (final IOException | UncheckedIOException ignored) {
            // best effort: a scratch dir
        }
    }

    /**
     * On the conductor thread: two array stores per result, plus the start-up probe at the first result.
     */
    private static final class Recorder implements FarmListener {
        private final long[] arrivalNs;
        private final int[] slots;
        private final FarmDirectory farm;
        private final boolean probeStartup;
        private final boolean probeCpu;
        private int arrived;
        private int notOk;
        private String firstProblem;
        private long taskWallNs;
        private long firstResultEpochMs = -1;
        private long conductorCpuNs;
        private long workerPid = -1;
        private long jvmStartMs = -1;
        private long workersCpuNs = -1;

        Recorder(final int tasks, final FarmDirectory farm, final boolean probeStartup, final boolean probeCpu) {
            arrivalNs = new long[tasks];
            slots = new int[tasks];
            this.farm = farm;
            this.probeStartup = probeStartup;
            this.probeCpu = probeCpu;
        }

        @Override
        public void onTaskFinished(final int task, final TaskSpec spec, final ResultRecord record) {
            final long now = System.nanoTime();
            conductorCpuNs = THREADS.getCurrentThreadCpuTime();
            if (arrived == 0) {
                firstResultEpochMs = System.currentTimeMillis();
                if (probeStartup) {
                    probeWorker();
                }
            }
            if (arrived < arrivalNs.length) {
                arrivalNs[arrived] = now;
                slots[arrived] = record.workerSlot();
                arrived++;
            }
            taskWallNs += record.wallNs();
            if (probeCpu && arrived == arrivalNs.length) {
                workersCpuNs = workersCpu();
            }
            if (record.status() != TaskStatus.OK) {
                notOk++;
                if (firstProblem == null) {
                    firstProblem = spec.key() + ": " + record.status() + " " + record.reason();
                }
            }
        }

        /**
         * At the last result every worker is still alive (they are told to stop only after it).
         */
        private long workersCpu() {
            try (StatusFile status = StatusFile.open(farm.statusFile())) {
                long total = 0;
                for (int slot = 0; slot < status.workerSlots(); slot++) {
                    final long pid = status.workerValue(slot, WorkerCounter.PID);
                    final long cpu = pid <= 0
                            ? -1
                            : ProcessHandle.of(pid)
                                    .flatMap(p -> p.info().totalCpuDuration())
                                    .map(Duration::toNanos)
                                    .orElse(-1L);
                    if (cpu < 0) {
                        return -1;
                    }
                    total += cpu;
                }
                return total;
            } catch (final RuntimeException ex) {
                return -1;
            }
        }

        /**
         * The worker is alive while its first result arrives, so its pid still names it.
         */
        private void probeWorker() {
            try (StatusFile status = StatusFile.open(farm.statusFile())) {
                workerPid = status.workerValue(0, WorkerCounter.PID);
                jvmStartMs = ProcStart.epochMs(workerPid);
            } catch (final RuntimeException ex) {
                workerPid = -1;
            }
        }
    }
}

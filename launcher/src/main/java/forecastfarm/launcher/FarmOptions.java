package forecastfarm.launcher;

import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.WorkerJit;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The farm's options, shared by {@code farm forecast} and {@code farm run} as a picocli mixin: one declaration and
 * one source of defaults ({@link FarmCli.FarmDefaults}, which reads {@link FarmContext}'s constants) for both.
 * A command that mixes these in names {@code defaultValueProvider = FarmCli.FarmDefaults.class}.
 */
final class FarmOptions {
    @Option(
            names = "--workers",
            description = "worker processes (default: $SLURM_CPUS_PER_TASK when set, else the CPUs available)")
    Integer workers;

    @Option(
            names = "--farm-dir",
            description = "farm dir: queues, results map, status (default: "
                    + "$TMPDIR/forecast-farm-$USER/job-<hash of input and options>, so the same command resumes)")
    Path farmDir;

    @Option(names = "--task-timeout", description = "kill a worker whose task runs longer (default ${DEFAULT-VALUE})")
    String taskTimeout;

    @Option(
            names = "--heartbeat-timeout",
            description = "kill a worker whose heartbeat is older (default ${DEFAULT-VALUE})")
    String heartbeatTimeout;

    @Option(
            names = "--max-attempts",
            description = "a task running on this many dead workers is poisoned (default ${DEFAULT-VALUE})")
    int maxAttempts;

    @Option(
            names = "--max-tasks-per-worker",
            description = "recycle a worker after this many tasks (default ${DEFAULT-VALUE})")
    long maxTasksPerWorker;

    @Option(
            names = "--worker-jit",
            paramLabel = "quick|peak",
            description = "the workers' compilers: quick (C1 only: no warm-up, best up to thousands of tasks per"
                    + " worker) or peak (C1 then C2: faster once warm, for very long jobs) (default"
                    + " ${DEFAULT-VALUE})")
    String workerJit;

    @Option(
            names = "--max-worker-heap-mb",
            defaultValue = "0",
            description = "recycle a worker whose heap after GC exceeds this (default: off)")
    long maxWorkerHeapMb;

    @Option(
            names = "--max-worker-rss-mb",
            paramLabel = "MB",
            description = "recycle a worker whose resident memory (RSS: native memory, such as ONNX Runtime's,"
                    + " included) exceeds this; checked on Linux only (default: off)")
    Long maxWorkerRssMb;

    @Option(
            names = "--worker-threads",
            paramLabel = "N",
            description = "threads each worker's models may use for their own thread pools (ONNX Runtime's intra-op"
                    + " threads); default: the cores divided by --workers, at least 1")
    Integer workerThreads;

    /**
     * @param jobFarmDir  the farm dir to use when {@code --farm-dir} was not given.
     * @param retryFailed {@code --retry-failed}: tasks FAILED or POISONED in the farm dir run again.
     * @return the farm's configuration from these options.
     */
    FarmContext farmContext(final Path jobFarmDir, final boolean retryFailed) {
        final FarmContext ctx = new FarmContext()
                .farmDir(farmDir != null ? farmDir : jobFarmDir)
                .taskTimeoutMs(Durations.toMillis(taskTimeout))
                .heartbeatTimeoutMs(Durations.toMillis(heartbeatTimeout))
                .maxAttempts(maxAttempts)
                .retryFailed(retryFailed)
                .maxTasksPerWorker(maxTasksPerWorker)
                .maxWorkerHeapBytes(maxWorkerHeapMb > 0 ? maxWorkerHeapMb << 20 : Long.MAX_VALUE)
                .maxWorkerRssBytes(maxWorkerRssMb == null ? FarmContext.NO_RSS_LIMIT : bytesOfMb(maxWorkerRssMb))
                .workerJit(WorkerJit.parse(workerJit));
        if (workers != null) {
            ctx.workers(workers);
        }
        if (workerThreads != null) {
            ctx.workerThreads(workerThreads);
        }
        return ctx;
    }

    /** MB as bytes, saturating: a value too large for a long is no limit, a value below 1 stays for conclude(). */
    static long bytesOfMb(final long mb) {
        if (mb > Long.MAX_VALUE >> 20) {
            return Long.MAX_VALUE;
        }
        return mb < Long.MIN_VALUE >> 20 ? Long.MIN_VALUE : mb << 20;
    }
}

package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

/**
 * Configuration of one farm run, Aeron-style: fluent setters, {@link #conclude()} validates and fills derived values.
 * Property names ({@code *_PROP}) let scripts and tests set defaults through system properties.
 *
 * <p>One class on purpose, as Aeron's {@code *Context} classes are: it is a flat list of settings, each a field with
 * its getter and fluent setter and no logic, and {@link #conclude()} checks them together (the heartbeat timeout
 * against its interval, the RSS limit in whole megabytes), which a split would scatter. Its length is that list's.
 */
public final class FarmContext {
    public static final String WORKER_CLASSPATH_PROP = "farm.worker.classpath";
    public static final String WORKER_JVM_OPTIONS_PROP = "farm.worker.jvm.options";
    /** Where the workers' class data sharing archives are kept; {@code off} starts workers without one. */
    public static final String WORKER_CACHE_DIR_PROP = "farm.worker.cache.dir";
    /** {@code quick} (C1 only, the default) or {@code peak} (tiered C1 and C2); see {@link WorkerJit}. */
    public static final String WORKER_JIT_PROP = "farm.worker.jit";

    public static final long HEARTBEAT_TIMEOUT_MS_DEFAULT = 5_000;
    public static final long TASK_TIMEOUT_MS_DEFAULT = 30L * 60 * 1000;
    public static final long STARTUP_TIMEOUT_MS_DEFAULT = 60_000;
    public static final int MAX_ATTEMPTS_DEFAULT = 3;
    public static final long MAX_TASKS_PER_WORKER_DEFAULT = 1_000_000;
    public static final int MAX_IN_FLIGHT_DEFAULT = 256;
    public static final long DRAIN_GRACE_MS_DEFAULT = 30_000;
    public static final WorkerJit WORKER_JIT_DEFAULT = WorkerJit.QUICK;
    /** A worker's queues must hold this much before an idle farm recycles it ({@link #idleRecycleMinBytes}). */
    public static final long IDLE_RECYCLE_MIN_BYTES_DEFAULT = 1L << 20;
    /** Each worker's threads are the cores divided by the workers, at least 1: the default ({@link #workerThreads}). */
    public static final int AUTO_WORKER_THREADS = 0;
    /** No limit on a worker's resident set size: the default ({@link #maxWorkerRssBytes}). */
    public static final long NO_RSS_LIMIT = Long.MAX_VALUE;
    /** No cap on an owner's tasks in flight: the default ({@link #maxTasksInFlightPerOwner}). */
    public static final int NO_OWNER_CAP = Integer.MAX_VALUE;

    private static final long MIB = 1L << 20;

    private Path farmDir;
    private int workers = DefaultWorkers.fromEnvironment();
    private long taskTimeoutMs = TASK_TIMEOUT_MS_DEFAULT;
    private long heartbeatTimeoutMs = HEARTBEAT_TIMEOUT_MS_DEFAULT;
    private long heartbeatIntervalMs = 100;
    private long startupTimeoutMs = STARTUP_TIMEOUT_MS_DEFAULT;
    private int maxAttempts = MAX_ATTEMPTS_DEFAULT;
    private int maxInFlightPerWorker = MAX_IN_FLIGHT_DEFAULT;
    private int maxTasksInFlightPerOwner = NO_OWNER_CAP;
    private boolean retryFailed;
    private long targetQueuedWorkMs = 5;
    private long maxTasksPerWorker = MAX_TASKS_PER_WORKER_DEFAULT;
    private long maxWorkerHeapBytes = Long.MAX_VALUE;
    private long maxWorkerRssBytes = NO_RSS_LIMIT;
    private int workerThreads = AUTO_WORKER_THREADS;
    private long idleRecycleMs;
    private long idleRecycleMinBytes = IDLE_RECYCLE_MIN_BYTES_DEFAULT;
    private long restartBaseDelayMs = 100;
    private long restartMaxDelayMs = 10_000;
    private int crashLoopLimit = 5;
    private long drainGraceMs = DRAIN_GRACE_MS_DEFAULT;
    private long stuckMapWriteMs = 2_000;
    private String workerClasspath = System.getProperty(WORKER_CLASSPATH_PROP);
    private List<String> workerJvmOptions = splitOptions(System.getProperty(WORKER_JVM_OPTIONS_PROP, ""));
    private Path workerCacheDir = defaultWorkerCacheDir(System.getProperty(WORKER_CACHE_DIR_PROP));
    private WorkerJit workerJit = WorkerJit.parse(System.getProperty(WORKER_JIT_PROP, WORKER_JIT_DEFAULT.toString()));
    private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
    private EpochClock clock = SystemEpochClock.INSTANCE;
    private FarmTimeline timeline = FarmTimeline.ofThisProcess();
    private FarmDirectory farmDirectory;

    public FarmContext conclude() {
        require(farmDir != null, "the farm dir is not set");
        require(workers >= 1 && workers <= 4096, "workers must be 1..4096, got " + workers);
        require(
                workerThreads >= 1 || workerThreads == AUTO_WORKER_THREADS,
                "--worker-threads must be 1 or more, got " + workerThreads);
        require(idleRecycleMs >= 0 && idleRecycleMinBytes >= 0, "idle recycling: times and sizes cannot be negative");
        require(maxAttempts >= 1, "max attempts must be at least 1, got " + maxAttempts);
        require(taskTimeoutMs > 0, "task timeout must be positive, got " + taskTimeoutMs + " ms");
        require(
                heartbeatTimeoutMs > heartbeatIntervalMs * 2,
                "heartbeat timeout " + heartbeatTimeoutMs + " ms must exceed twice the heartbeat interval "
                        + heartbeatIntervalMs + " ms");
        require(maxInFlightPerWorker >= 1, "max in flight per worker must be at least 1");
        require(
                maxTasksInFlightPerOwner >= 1,
                "max tasks in flight per owner must be at least 1, got " + maxTasksInFlightPerOwner);
        require(
                maxWorkerRssBytes >= MIB,
                "--max-worker-rss-mb must be 1 or more (MB), got " + mebibytesOrBytes(maxWorkerRssBytes));
        require(
                workerClasspath != null && !workerClasspath.isBlank(),
                "the worker classpath is not set (system " + "property " + WORKER_CLASSPATH_PROP
                        + "; scripts/farm sets it)");
        require(Files.isExecutable(javaExecutable), "no java executable at " + javaExecutable);
        farmDirectory = new FarmDirectory(farmDir);
        return this;
    }

    private static String mebibytesOrBytes(final long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MB" : bytes + " bytes";
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * @param configured the property's value: a directory, {@code off}, or null for the user's cache directory
     *     ({@code $XDG_CACHE_HOME/forecast-farm}, else {@code ~/.cache/forecast-farm}).
     */
    static Path defaultWorkerCacheDir(final String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim().equals("off") ? null : Path.of(configured.trim());
        }
        final String xdg = System.getenv("XDG_CACHE_HOME");
        final Path base =
                xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("forecast-farm");
    }

    static List<String> splitOptions(final String options) {
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    public FarmDirectory farmDirectory() {
        return farmDirectory;
    }

    public Path farmDir() {
        return farmDir;
    }

    public FarmContext farmDir(final Path v) {
        farmDir = v;
        return this;
    }

    public int workers() {
        return workers;
    }

    public FarmContext workers(final int v) {
        workers = v;
        return this;
    }

    public long taskTimeoutMs() {
        return taskTimeoutMs;
    }

    public FarmContext taskTimeoutMs(final long v) {
        taskTimeoutMs = v;
        return this;
    }

    public long heartbeatTimeoutMs() {
        return heartbeatTimeoutMs;
    }

    public FarmContext heartbeatTimeoutMs(final long v) {
        heartbeatTimeoutMs = v;
        return this;
    }

    public long heartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    public FarmContext heartbeatIntervalMs(final long v) {
        heartbeatIntervalMs = v;
        return this;
    }

    public long startupTimeoutMs() {
        return startupTimeoutMs;
    }

    public FarmContext startupTimeoutMs(final long v) {
        startupTimeoutMs = v;
        return this;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public FarmContext maxAttempts(final int v) {
        maxAttempts = v;
        return this;
    }
    /**
     * @return true to run again the tasks an earlier run in this farm dir finished as FAILED or POISONED (their
     * OK results are still reused).
     */
    public boolean retryFailed() {
        return retryFailed;
    }

    public FarmContext retryFailed(final boolean v) {
        retryFailed = v;
        return this;
    }

    public int maxInFlightPerWorker() {
        return maxInFlightPerWorker;
    }

    public FarmContext maxInFlightPerWorker(final int v) {
        maxInFlightPerWorker = v;
        return this;
    }

    /**
     * @return how many tasks of one job owner (a served farm's client) may be dispatched to workers at once, across
     *     all its jobs; its other tasks wait while other owners' tasks use the free workers. An owner alone on the
     *     farm leaves the workers beyond this idle. {@link #NO_OWNER_CAP} (the default) for no cap.
     */
    public int maxTasksInFlightPerOwner() {
        return maxTasksInFlightPerOwner;
    }

    public FarmContext maxTasksInFlightPerOwner(final int v) {
        maxTasksInFlightPerOwner = v;
        return this;
    }

    public long targetQueuedWorkMs() {
        return targetQueuedWorkMs;
    }

    public FarmContext targetQueuedWorkMs(final long v) {
        targetQueuedWorkMs = v;
        return this;
    }

    public long maxTasksPerWorker() {
        return maxTasksPerWorker;
    }

    public FarmContext maxTasksPerWorker(final long v) {
        maxTasksPerWorker = v;
        return this;
    }

    public long maxWorkerHeapBytes() {
        return maxWorkerHeapBytes;
    }

    public FarmContext maxWorkerHeapBytes(final long v) {
        maxWorkerHeapBytes = v;
        return this;
    }

    /**
     * @return the resident set size (native memory included) past which a worker is recycled after its current task,
     *     as {@link #maxWorkerHeapBytes} is for its heap; {@link #NO_RSS_LIMIT} (the default) for none. Workers check
     *     it on Linux only; elsewhere each says in its log that it cannot, and goes on.
     */
    /**
     * @return the threads each worker's models may use ({@link forecastfarm.api.WorkerThreads}): as set, or for
     *     {@link #AUTO_WORKER_THREADS} the cores this farm may use ({@link DefaultWorkers}) divided by the workers.
     */
    public int workerThreads() {
        return workerThreads != AUTO_WORKER_THREADS
                ? workerThreads
                : Math.max(1, DefaultWorkers.fromEnvironment() / Math.max(1, workers));
    }

    public FarmContext workerThreads(final int v) {
        workerThreads = v;
        return this;
    }

    /** @return how long the farm is idle before it recycles workers with full queues ({@code IdleRecycling}); 0: never. */
    public long idleRecycleMs() {
        return idleRecycleMs;
    }

    public FarmContext idleRecycleMs(final long v) {
        idleRecycleMs = v;
        return this;
    }

    public long idleRecycleMinBytes() {
        return idleRecycleMinBytes;
    }

    public FarmContext idleRecycleMinBytes(final long v) {
        idleRecycleMinBytes = v;
        return this;
    }

    public long maxWorkerRssBytes() {
        return maxWorkerRssBytes;
    }

    public FarmContext maxWorkerRssBytes(final long v) {
        maxWorkerRssBytes = v;
        return this;
    }

    public long restartBaseDelayMs() {
        return restartBaseDelayMs;
    }

    public FarmContext restartBaseDelayMs(final long v) {
        restartBaseDelayMs = v;
        return this;
    }

    public long restartMaxDelayMs() {
        return restartMaxDelayMs;
    }

    public FarmContext restartMaxDelayMs(final long v) {
        restartMaxDelayMs = v;
        return this;
    }

    public int crashLoopLimit() {
        return crashLoopLimit;
    }

    public FarmContext crashLoopLimit(final int v) {
        crashLoopLimit = v;
        return this;
    }

    public long drainGraceMs() {
        return drainGraceMs;
    }

    public FarmContext drainGraceMs(final long v) {
        drainGraceMs = v;
        return this;
    }

    public long stuckMapWriteMs() {
        return stuckMapWriteMs;
    }

    public FarmContext stuckMapWriteMs(final long v) {
        stuckMapWriteMs = v;
        return this;
    }

    public String workerClasspath() {
        return workerClasspath;
    }

    public FarmContext workerClasspath(final String v) {
        workerClasspath = v;
        return this;
    }

    public List<String> workerJvmOptions() {
        return workerJvmOptions;
    }

    public FarmContext workerJvmOptions(final List<String> v) {
        workerJvmOptions = List.copyOf(v);
        return this;
    }
    /** Where the workers' class data sharing archives are kept (null: none are used). */
    public Path workerCacheDir() {
        return workerCacheDir;
    }

    public FarmContext workerCacheDir(final Path v) {
        workerCacheDir = v;
        return this;
    }

    public WorkerJit workerJit() {
        return workerJit;
    }

    public FarmContext workerJit(final WorkerJit v) {
        workerJit = v;
        return this;
    }

    public Path javaExecutable() {
        return javaExecutable;
    }

    public FarmContext javaExecutable(final Path v) {
        javaExecutable = v;
        return this;
    }

    /** Where this run's time went (see {@link FarmTimeline}). */
    public FarmTimeline timeline() {
        return timeline;
    }

    public FarmContext timeline(final FarmTimeline v) {
        timeline = v;
        return this;
    }

    public EpochClock clock() {
        return clock;
    }

    public FarmContext clock(final EpochClock v) {
        clock = v;
        return this;
    }

    @Override
    public String toString() {
        return "FarmContext{farmDir=" + farmDir + ", workers=" + workers + ", taskTimeoutMs=" + taskTimeoutMs
                + ", heartbeatTimeoutMs="
                + heartbeatTimeoutMs + ", maxAttempts=" + maxAttempts + ", maxInFlightPerWorker="
                + maxInFlightPerWorker + ", maxTasksInFlightPerOwner=" + maxTasksInFlightPerOwner
                + ", maxTasksPerWorker=" + maxTasksPerWorker + ", maxWorkerHeapBytes="
                + maxWorkerHeapBytes + ", maxWorkerRssBytes=" + maxWorkerRssBytes + ", workerThreads=" + workerThreads
                + ", idleRecycleMs=" + idleRecycleMs
                + ", drainGraceMs=" + drainGraceMs
                + '}';
    }
}

package forecastfarm.worker.agent;

import forecastfarm.shared.WorkerArgs;
import java.nio.file.Path;

/**
 * A worker's configuration, from its command line ({@link WorkerArgs}, which the launcher writes). {@link #conclude()} validates.
 */
public final class WorkerContext {
    private Path farmDir;
    private long runId = WorkerArgs.NOT_GIVEN;
    private int slot = (int) WorkerArgs.NOT_GIVEN;
    private int generation = (int) WorkerArgs.NOT_GIVEN;
    private long launcherPid = WorkerArgs.NOT_GIVEN;
    private long maxTasks = WorkerArgs.MAX_TASKS_DEFAULT;
    private long maxHeapBytes = WorkerArgs.MAX_HEAP_BYTES_DEFAULT;
    private long maxRssBytes = WorkerArgs.MAX_RSS_BYTES_DEFAULT;
    private long heartbeatIntervalMs = WorkerArgs.HEARTBEAT_INTERVAL_MS_DEFAULT;
    private long launcherSilenceTimeoutMs = 60_000;

    /**
     * Parses the command line the launcher writes ({@link WorkerArgs}).
     *
     * @throws IllegalArgumentException naming the bad argument.
     */
    public static WorkerContext fromArgs(final String[] args) {
        final WorkerArgs parsed = WorkerArgs.parse(args);
        return new WorkerContext()
                .farmDir(parsed.farmDir())
                .runId(parsed.runId())
                .slot(parsed.slot())
                .generation(parsed.generation())
                .launcherPid(parsed.launcherPid())
                .maxTasks(parsed.maxTasks())
                .maxHeapBytes(parsed.maxHeapBytes())
                .maxRssBytes(parsed.maxRssBytes())
                .heartbeatIntervalMs(parsed.heartbeatIntervalMs())
                .conclude();
    }

    public WorkerContext conclude() {
        if (farmDir == null || runId < 0 || slot < 0 || generation < 0 || launcherPid <= 0) {
            throw new IllegalArgumentException("a worker needs "
                    + String.join(", ", WorkerArgs.REQUIRED.subList(0, WorkerArgs.REQUIRED.size() - 1)) + " and "
                    + WorkerArgs.REQUIRED.get(WorkerArgs.REQUIRED.size() - 1) + "; got " + this);
        }
        if (maxTasks < 1 || maxHeapBytes < 1 || maxRssBytes < 1 || heartbeatIntervalMs < 1) {
            throw new IllegalArgumentException(
                    "max tasks, max heap, max RSS and heartbeat interval must be positive: " + this);
        }
        return this;
    }

    public Path farmDir() {
        return farmDir;
    }

    public WorkerContext farmDir(final Path farmDir) {
        this.farmDir = farmDir;
        return this;
    }

    public long runId() {
        return runId;
    }

    public WorkerContext runId(final long runId) {
        this.runId = runId;
        return this;
    }

    public int slot() {
        return slot;
    }

    public WorkerContext slot(final int slot) {
        this.slot = slot;
        return this;
    }

    public int generation() {
        return generation;
    }

    public WorkerContext generation(final int generation) {
        this.generation = generation;
        return this;
    }

    public long launcherPid() {
        return launcherPid;
    }

    public WorkerContext launcherPid(final long launcherPid) {
        this.launcherPid = launcherPid;
        return this;
    }

    public long maxTasks() {
        return maxTasks;
    }

    public WorkerContext maxTasks(final long maxTasks) {
        this.maxTasks = maxTasks;
        return this;
    }

    public long maxHeapBytes() {
        return maxHeapBytes;
    }

    public WorkerContext maxHeapBytes(final long maxHeapBytes) {
        this.maxHeapBytes = maxHeapBytes;
        return this;
    }

    /** The resident set size above which the worker retires (Long.MAX_VALUE: no limit). */
    public long maxRssBytes() {
        return maxRssBytes;
    }

    public WorkerContext maxRssBytes(final long maxRssBytes) {
        this.maxRssBytes = maxRssBytes;
        return this;
    }

    public long heartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    public WorkerContext heartbeatIntervalMs(final long ms) {
        this.heartbeatIntervalMs = ms;
        return this;
    }

    public long launcherSilenceTimeoutMs() {
        return launcherSilenceTimeoutMs;
    }

    @Override
    public String toString() {
        return "WorkerContext{farmDir=" + farmDir + ", runId=" + runId + ", slot=" + slot + ", generation=" + generation
                + ", launcherPid=" + launcherPid + ", maxTasks=" + maxTasks + ", maxHeapBytes=" + maxHeapBytes
                + ", maxRssBytes=" + maxRssBytes + ", heartbeatIntervalMs=" + heartbeatIntervalMs + '}';
    }
}

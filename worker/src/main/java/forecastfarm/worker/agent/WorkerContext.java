package forecastfarm.worker.agent;

import java.nio.file.Path;

/**
 * A worker's configuration, from its command line (the launcher writes it). {@link #conclude()} validates.
 */
public final class WorkerContext {
    private Path farmDir;
    private long runId = -1;
    private int slot = -1;
    private int generation = -1;
    private long launcherPid = -1;
    private long maxTasks = Long.MAX_VALUE;
    private long maxHeapBytes = Long.MAX_VALUE;
    private long heartbeatIntervalMs = 100;
    private long launcherSilenceTimeoutMs = 60_000;

    /**
     * Parses {@code --name value} pairs.
     *
     * @throws IllegalArgumentException naming the bad argument.
     */
    public static WorkerContext fromArgs(final String[] args) {
        final WorkerContext ctx = new WorkerContext();
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("worker arguments come in --name value pairs");
        }
        for (int i = 0; i < args.length; i += 2) {
            final String value = args[i + 1];
            switch (args[i]) {
                case "--farm-dir":
                    ctx.farmDir(Path.of(value));
                    break;
                case "--run":
                    ctx.runId(Long.parseLong(value));
                    break;
                case "--slot":
                    ctx.slot(Integer.parseInt(value));
                    break;
                case "--generation":
                    ctx.generation(Integer.parseInt(value));
                    break;
                case "--launcher-pid":
                    ctx.launcherPid(Long.parseLong(value));
                    break;
                case "--max-tasks":
                    ctx.maxTasks(Long.parseLong(value));
                    break;
                case "--max-heap-bytes":
                    ctx.maxHeapBytes(Long.parseLong(value));
                    break;
                case "--heartbeat-interval-ms":
                    ctx.heartbeatIntervalMs(Long.parseLong(value));
                    break;
                default:
                    throw new IllegalArgumentException("unknown worker argument " + args[i]);
            }
        }
        return ctx.conclude();
    }

    public WorkerContext conclude() {
        if (farmDir == null || runId < 0 || slot < 0 || generation < 0 || launcherPid <= 0) {
            throw new IllegalArgumentException(
                    "a worker needs --farm-dir, --run, --slot, --generation and " + "--launcher-pid; got " + this);
        }
        if (maxTasks < 1 || maxHeapBytes < 1 || heartbeatIntervalMs < 1) {
            throw new IllegalArgumentException("max tasks, max heap and heartbeat interval must be positive: " + this);
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
                + ", heartbeatIntervalMs="
                + heartbeatIntervalMs + '}';
    }
}

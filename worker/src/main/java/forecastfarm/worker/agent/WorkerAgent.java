package forecastfarm.worker.agent;

import forecastfarm.shared.WorkerExitCode;
import forecastfarm.shared.wire.TaskAdapter;
import java.util.function.LongSupplier;
import org.agrona.concurrent.Agent;

/**
 * The worker's duty cycle: take the next task from the queue, unless the launcher said stop or drain, or this
 * worker is due to be recycled (too many tasks done, its heap after GC grew past the limit, or its resident set
 * size did, or the launcher asked an idle worker to recycle itself).
 */
public final class WorkerAgent implements Agent {
    private static final int RUNNING = -1;
    static final int HEAP_CHECK_EVERY_TASKS = 16;

    private final TaskAdapter tasks;
    private final TaskRunner runner;
    private final WorkerStatus status;
    private final long maxTasks;
    private final long maxHeapBytes;
    private final LongSupplier heapUsedAfterGcBytes;
    private final long maxRssBytes;
    private final LongSupplier rssBytes;
    private int exitCode = RUNNING;

    public WorkerAgent(
            final TaskAdapter tasks,
            final TaskRunner runner,
            final WorkerStatus status,
            final long maxTasks,
            final long maxHeapBytes,
            final LongSupplier heapUsedAfterGcBytes,
            final long maxRssBytes,
            final LongSupplier rssBytes) {
        this.tasks = tasks;
        this.runner = runner;
        this.status = status;
        this.maxTasks = maxTasks;
        this.maxHeapBytes = maxHeapBytes;
        this.heapUsedAfterGcBytes = heapUsedAfterGcBytes;
        this.maxRssBytes = maxRssBytes;
        this.rssBytes = rssBytes;
    }

    @Override
    public int doWork() {
        if (exitCode != RUNNING) {
            return 0;
        }
        if (runner.stopRequested() || status.drainRequested()) {
            exitCode = WorkerExitCode.NORMAL;
            return 0;
        }
        if (status.recycleRequested()) {
            exitCode = WorkerExitCode.RECYCLE;
            return 0;
        }
        if (!tasks.poll()) {
            return 0;
        }
        if (dueForRecycling()) {
            exitCode = WorkerExitCode.RECYCLE;
        }
        return 1;
    }

    /**
     * Checked after each task; the heap (a few JMX calls) only every {@link #HEAP_CHECK_EVERY_TASKS} tasks. The
     * resident set size after every task, and only when limited: a read of /proc, microseconds.
     */
    private boolean dueForRecycling() {
        final long done = status.tasksDone();
        return done >= maxTasks
                || (done % HEAP_CHECK_EVERY_TASKS == 0 && heapUsedAfterGcBytes.getAsLong() > maxHeapBytes)
                || (maxRssBytes != Long.MAX_VALUE && rssBytes.getAsLong() > maxRssBytes);
    }

    public boolean isDone() {
        return exitCode != RUNNING;
    }

    /**
     * @return the code the worker process should exit with once {@link #isDone()}.
     */
    public int exitCode() {
        return exitCode;
    }

    @Override
    public String roleName() {
        return "worker";
    }
}

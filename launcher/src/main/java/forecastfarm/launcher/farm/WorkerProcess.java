package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.WorkerCounter;
import forecastfarm.shared.status.WorkerState;
import forecastfarm.shared.wire.FarmQueues;
import forecastfarm.shared.wire.ResultAdapter;
import forecastfarm.shared.wire.ResultSink;
import forecastfarm.shared.wire.Task;
import forecastfarm.shared.wire.TaskProxy;
import java.util.ArrayDeque;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.agrona.CloseHelper;

/**
 * The launcher's view of one worker slot across its generations: the live process, its queues, the tasks it holds
 * in dispatch order, its restart backoff. A slot is IDLE (no process; may start after {@link #restartAtMs()}),
 * STARTING, RUNNING, STOPPING (killed or told to stop, waiting for the exit) or DISABLED (crash-loop breaker open).
 */
final class WorkerProcess {
    enum Phase {
        IDLE,
        STARTING,
        RUNNING,
        STOPPING,
        DISABLED
    }

    private final int slot;
    private final StatusFile status;
    private final RestartBackoff backoff;
    private final ArrayDeque<Long> inFlight = new ArrayDeque<>();
    private Phase phase = Phase.IDLE;
    private int generation;
    private ProcessHandle process;
    private long spawnedMs;
    private long restartAtMs;
    private String killCause;
    private long goneSinceMs;
    private ChronicleQueue taskQueue;
    private ChronicleQueue resultQueue;
    private TaskProxy tasks;
    private ResultAdapter results;
    private java.nio.file.Path[] queueDirs = new java.nio.file.Path[0];
    /** Task and result payload bytes in this generation's queues: what a recycle would free on disk. */
    private long messageBytes;

    private boolean recycleRequested;
    private boolean restartAtOnce;

    WorkerProcess(final int slot, final StatusFile status, final RestartBackoff backoff) {
        this.slot = slot;
        this.status = status;
        this.backoff = backoff;
    }

    /**
     * Resets the slot's counters, opens the new generation's queues and starts the process.
     */
    void start(
            final FarmDirectory farm,
            final long runId,
            final WorkerSpawner spawner,
            final ResultSink sink,
            final long nowMs) {
        generation++;
        queueDirs = new java.nio.file.Path[] {
            farm.taskQueue(runId, slot, generation), farm.resultQueue(runId, slot, generation)
        };
        status.workerCounter(slot, WorkerCounter.TASK_ID).setRelease(WorkerCounter.NO_TASK);
        status.workerCounter(slot, WorkerCounter.COMMAND).setRelease(WorkerCounter.COMMAND_NONE);
        status.workerCounter(slot, WorkerCounter.TASKS_DONE).setRelease(0);
        status.workerCounter(slot, WorkerCounter.TASKS_FAILED).setRelease(0);
        status.workerCounter(slot, WorkerCounter.READY_MS).setRelease(0);
        status.workerCounter(slot, WorkerCounter.PID).setRelease(0);
        status.workerCounter(slot, WorkerCounter.HEARTBEAT_MS).setRelease(nowMs);
        status.workerCounter(slot, WorkerCounter.GENERATION).setRelease(generation);
        status.workerCounter(slot, WorkerCounter.STATE).setRelease(WorkerState.STARTING.code());
        killCause = null;
        goneSinceMs = 0;
        messageBytes = 0;
        recycleRequested = false;
        restartAtOnce = false;
        spawnedMs = nowMs;
        phase = Phase.STARTING;
        status.workerCounter(slot, WorkerCounter.QUEUES_GENERATION).setRelease(0);
        // Spawn first, so the worker JVM's start overlaps the launcher's creating the queues; the worker opens them
        // once QUEUES_GENERATION says they exist (two processes creating one queue at once can fail with
        // NoSuchFileException on its metadata.cq4t).
        process = spawner.spawn(slot, generation);
        status.workerCounter(slot, WorkerCounter.PID).setRelease(process.pid());
        taskQueue = FarmQueues.open(farm.taskQueue(runId, slot, generation));
        resultQueue = FarmQueues.open(farm.resultQueue(runId, slot, generation));
        status.workerCounter(slot, WorkerCounter.QUEUES_GENERATION).setRelease(generation);
        tasks = new TaskProxy(taskQueue.createAppender());
        results = new ResultAdapter(resultQueue.createTailer(), sink);
    }

    /**
     * @return true once the worker published READY for this generation.
     */
    boolean becameReady() {
        if (phase == Phase.STARTING
                && status.workerValue(slot, WorkerCounter.GENERATION) == generation
                && status.workerValue(slot, WorkerCounter.READY_MS) != 0) {
            phase = Phase.RUNNING;
            return true;
        }
        return false;
    }

    /**
     * Kills the process and every process it started (SIGKILL), recording why.
     */
    void kill(final String cause) {
        if (killCause == null) {
            killCause = cause;
        }
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        phase = Phase.STOPPING;
    }

    void requestDrain() {
        status.workerCounter(slot, WorkerCounter.COMMAND).setRelease(WorkerCounter.COMMAND_DRAIN);
    }

    /** Hands it the job's next waiting task; the task's wire id is the job's slot and its index in the ledger. */
    void send(final JobRun job) {
        final TaskLedger ledger = job.ledger;
        final int task = ledger.takePending();
        final TaskSpec spec = ledger.task(task);
        final long taskId = ((long) job.slot << 32) | task;
        inFlight.add(taskId);
        messageBytes += spec.payload().length;
        tasks.onTask(
                new Task(taskId, ledger.attempts(task) + 1, job.spec.id(), spec.kind(), spec.key(), spec.payload()));
    }

    /**
     * Asks this idle worker to exit as recycled: it gets no task meanwhile, and its slot starts again at once, without
     * waiting for a job, with empty queues.
     */
    void requestRecycle() {
        status.workerCounter(slot, WorkerCounter.COMMAND).setRelease(WorkerCounter.COMMAND_RECYCLE);
        recycleRequested = true;
        restartAtOnce = true;
    }

    boolean recycleRequested() {
        return recycleRequested;
    }

    /** @return whether the slot starts again without waiting for a job: its worker was recycled while idle. */
    boolean restartsAtOnce() {
        return restartAtOnce;
    }

    void countResult(final int payloadBytes) {
        messageBytes += payloadBytes;
    }

    long messageBytes() {
        return messageBytes;
    }

    void sendStop() {
        if (tasks != null && (phase == Phase.RUNNING || phase == Phase.STARTING)) {
            tasks.onStop();
            phase = Phase.STOPPING;
        }
    }

    /**
     * After the exit: the process is gone and its result queue final.
     */
    void exited(final long restartAtMs, final boolean disable) {
        exited(restartAtMs, disable, false);
    }

    /**
     * @param deleteQueues true for a worker recycled while the farm goes on: its generation's results are in the map
     *                     (the caller flushed it), and its queues would only fill the disk of a farm that runs for
     *                     weeks. A crashed generation's queues stay for a look until the run ends.
     */
    void exited(final long restartAtMs, final boolean disable, final boolean deleteQueues) {
        CloseHelper.quietCloseAll(taskQueue, resultQueue);
        if (deleteQueues) {
            for (final java.nio.file.Path dir : queueDirs) {
                ResumeRecovery.deleteTree(dir);
            }
        }
        queueDirs = new java.nio.file.Path[0];
        taskQueue = null;
        resultQueue = null;
        tasks = null;
        results = null;
        process = null;
        this.restartAtMs = restartAtMs;
        phase = disable ? Phase.DISABLED : Phase.IDLE;
        status.workerCounter(slot, WorkerCounter.STATE).setRelease(WorkerState.EXITED.code());
    }

    /**
     * @return true when the process has been gone for longer than the grace period without its exit being handled.
     */
    boolean exitUnreported(final long nowMs, final long graceMs) {
        if (process == null || process.isAlive()) {
            goneSinceMs = 0;
            return false;
        }
        if (goneSinceMs == 0) {
            goneSinceMs = nowMs;
        }
        return nowMs - goneSinceMs > graceMs;
    }

    long runningTaskId() {
        return status.workerValue(slot, WorkerCounter.TASK_ID);
    }

    long runningTaskStartMs() {
        return status.workerValue(slot, WorkerCounter.TASK_START_MS);
    }

    long heartbeatMs() {
        return status.workerValue(slot, WorkerCounter.HEARTBEAT_MS);
    }

    boolean alive() {
        return phase == Phase.STARTING || phase == Phase.RUNNING || phase == Phase.STOPPING;
    }

    boolean acceptsTasks() {
        return (phase == Phase.STARTING || phase == Phase.RUNNING) && !recycleRequested;
    }

    int slot() {
        return slot;
    }

    int generation() {
        return generation;
    }

    Phase phase() {
        return phase;
    }

    long spawnedMs() {
        return spawnedMs;
    }

    long restartAtMs() {
        return restartAtMs;
    }

    String killCause() {
        return killCause;
    }

    ArrayDeque<Long> inFlight() {
        return inFlight;
    }

    TaskProxy tasks() {
        return tasks;
    }

    ResultAdapter results() {
        return results;
    }

    RestartBackoff backoff() {
        return backoff;
    }

    ProcessHandle process() {
        return process;
    }
}

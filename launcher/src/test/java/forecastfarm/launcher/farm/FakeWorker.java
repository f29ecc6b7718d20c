package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.WorkerExitCode;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.WorkerCounter;
import forecastfarm.shared.status.WorkerState;
import forecastfarm.shared.wire.FarmQueues;
import forecastfarm.shared.wire.ResultProxy;
import forecastfarm.shared.wire.Task;
import forecastfarm.shared.wire.TaskAdapter;
import forecastfarm.shared.wire.TaskResult;
import forecastfarm.shared.wire.TaskSink;
import forecastfarm.shared.wire.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.agrona.CloseHelper;
import org.agrona.concurrent.EpochClock;

/**
 * One generation of a worker, simulated in the test's thread: it talks to the conductor only as a worker JVM does,
 * through its slot's status counters and its generation's task and result queues. Each {@link #step()} is one look
 * at the world: become ready, heartbeat, take the next task or go on with the current one as the script says.
 */
final class FakeWorker implements TaskSink {
    /** What the worker does with a task it runs. */
    enum Move {
        /** Reports it OK after the task time. */
        FINISH,
        /** Dies while running it (SIGABRT). */
        DIE,
        /** Stops heartbeating and never finishes it. */
        HANG,
        /** Keeps heartbeating but never finishes it. */
        OVERRUN,
        /** Reports it OK after the task time, then exits to be recycled (as a worker at its task limit). */
        RECYCLE
    }

    static final int CRASH_EXIT_CODE = 128 + 6;
    static final int KILLED_EXIT_CODE = 128 + 9;
    static final int START_FAILURE_EXIT_CODE = 1;

    private final int slot;
    private final int generation;
    private final StatusFile status;
    private final EpochClock clock;
    private final WorkerScript script;
    private final long taskMs;
    private final Consumer<FarmEvent> exits;
    private final FakeProcessHandle handle;
    private final ChronicleQueue taskQueue;
    private final ChronicleQueue resultQueue;
    private final TaskAdapter tasks;
    private final ResultProxy results;
    private final List<Task> started = new ArrayList<>();
    private Task current;
    private long currentStartMs;
    private long lastHeartbeatMs;
    private boolean ready;
    private boolean hung;
    private boolean stopReceived;

    FakeWorker(
            final FarmDirectory farm,
            final long runId,
            final int slot,
            final int generation,
            final long pid,
            final StatusFile status,
            final EpochClock clock,
            final WorkerScript script,
            final long taskMs,
            final Consumer<FarmEvent> exits) {
        this.slot = slot;
        this.generation = generation;
        this.status = status;
        this.clock = clock;
        this.script = script;
        this.taskMs = taskMs;
        this.exits = exits;
        this.handle = new FakeProcessHandle(pid, clock, () -> exit(KILLED_EXIT_CODE));
        this.taskQueue = FarmQueues.open(farm.taskQueue(runId, slot, generation));
        this.resultQueue = FarmQueues.open(farm.resultQueue(runId, slot, generation));
        this.tasks = new TaskAdapter(taskQueue.createTailer(), this);
        this.results = new ResultProxy(resultQueue.createAppender());
    }

    void step() {
        if (!handle.isAlive() || hung) {
            return;
        }
        if (script.crashesAtStart(slot, generation)) {
            exit(START_FAILURE_EXIT_CODE);
            return;
        }
        final long nowMs = clock.time();
        counter(WorkerCounter.HEARTBEAT_MS, nowMs);
        lastHeartbeatMs = nowMs;
        if (!ready) {
            ready = true;
            counter(WorkerCounter.READY_MS, nowMs);
            counter(WorkerCounter.STATE, WorkerState.READY.code());
        }
        if (current == null) {
            takeNextTask(nowMs);
            return;
        }
        switch (script.onTask(current)) {
            case FINISH -> finishWhenDue(nowMs);
            case DIE -> exit(CRASH_EXIT_CODE);
            case HANG -> hung = true;
            case OVERRUN -> {}
            case RECYCLE -> {
                finishWhenDue(nowMs);
                if (current == null) {
                    exit(WorkerExitCode.RECYCLE);
                }
            }
        }
    }

    /** Like WorkerAgent: a drain request or a stop ends the worker normally between tasks. */
    private void takeNextTask(final long nowMs) {
        final boolean drainRequested = status.workerValue(slot, WorkerCounter.COMMAND) == WorkerCounter.COMMAND_DRAIN;
        if (!drainRequested) {
            tasks.poll();
        }
        if (stopReceived || drainRequested) {
            exit(WorkerExitCode.NORMAL);
            return;
        }
        if (current != null) {
            currentStartMs = nowMs;
            started.add(current);
            counter(WorkerCounter.TASK_START_MS, nowMs);
            counter(WorkerCounter.TASK_ID, current.taskId());
            counter(WorkerCounter.STATE, WorkerState.BUSY.code());
        }
    }

    private void finishWhenDue(final long nowMs) {
        if (nowMs - currentStartMs < taskMs) {
            return;
        }
        final long wallNs = (nowMs - currentStartMs) * 1_000_000L;
        final byte[] payload = (current.key() + "#" + current.attempt()).getBytes(StandardCharsets.UTF_8);
        results.onResult(new TaskResult(
                current.taskId(),
                current.job(),
                current.key(),
                current.kind(),
                TaskStatus.OK,
                currentStartMs,
                wallNs,
                wallNs,
                "",
                payload));
        counter(WorkerCounter.TASK_ID, WorkerCounter.NO_TASK);
        counter(WorkerCounter.STATE, WorkerState.READY.code());
        current = null;
    }

    /** The process ends: nothing more is read or written, and the exit is reported as the exit handler would. */
    private void exit(final int exitCode) {
        if (!handle.isAlive()) {
            return;
        }
        handle.markDead();
        CloseHelper.quietCloseAll(taskQueue, resultQueue);
        exits.accept(new FarmEvent.WorkerExited(slot, generation, exitCode));
    }

    private void counter(final WorkerCounter counter, final long value) {
        status.workerCounter(slot, counter).setRelease(value);
    }

    @Override
    public void onTask(final Task task) {
        current = task;
    }

    @Override
    public void onStop() {
        stopReceived = true;
    }

    FakeProcessHandle handle() {
        return handle;
    }

    int slot() {
        return slot;
    }

    int generation() {
        return generation;
    }

    /** @return the tasks this worker started, in order. */
    List<Task> started() {
        return started;
    }

    /** @return the task it runs now, or null. */
    Task current() {
        return current;
    }

    long currentStartMs() {
        return currentStartMs;
    }

    long lastHeartbeatMs() {
        return lastHeartbeatMs;
    }

    /** Closes the queues of a worker the test left alive. */
    void close() {
        CloseHelper.quietCloseAll(taskQueue, resultQueue);
    }
}

package forecastfarm.worker.agent;

import forecastfarm.shared.status.CurrentTaskKeys;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.WorkerCounter;
import forecastfarm.shared.status.WorkerState;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Publishes a worker's state in its slot of the farm's status file. Task id (and key) is written before the task starts and
 * cleared after its result is in the queue, so the launcher, finding a dead worker, knows which task was running.
 */
public final class CountersWorkerStatus implements WorkerStatus {
    private final AtomicCounter state;
    private final AtomicCounter taskId;
    private final AtomicCounter taskStartMs;
    private final AtomicCounter tasksDone;
    private final AtomicCounter tasksFailed;
    private final AtomicCounter command;
    private final CurrentTaskKeys taskKeys;
    private final int slot;

    public CountersWorkerStatus(final StatusFile status, final int slot) {
        state = status.workerCounter(slot, WorkerCounter.STATE);
        taskId = status.workerCounter(slot, WorkerCounter.TASK_ID);
        taskStartMs = status.workerCounter(slot, WorkerCounter.TASK_START_MS);
        tasksDone = status.workerCounter(slot, WorkerCounter.TASKS_DONE);
        tasksFailed = status.workerCounter(slot, WorkerCounter.TASKS_FAILED);
        command = status.workerCounter(slot, WorkerCounter.COMMAND);
        taskKeys = status.taskKeys();
        this.slot = slot;
    }

    @Override
    public void state(final WorkerState newState) {
        state.setRelease(newState.code());
    }

    @Override
    public void taskStarted(final long id, final String key, final long startEpochMs) {
        taskKeys.publish(slot, id, key);
        taskStartMs.setRelease(startEpochMs);
        taskId.setRelease(id);
        state.setRelease(WorkerState.BUSY.code());
    }

    @Override
    public void taskFinished(final boolean ok) {
        if (!ok) {
            tasksFailed.incrementRelease();
        }
        tasksDone.incrementRelease();
        taskId.setRelease(WorkerCounter.NO_TASK);
        state.setRelease(WorkerState.READY.code());
    }

    @Override
    public boolean drainRequested() {
        return command.get() == WorkerCounter.COMMAND_DRAIN;
    }

    @Override
    public boolean recycleRequested() {
        return command.get() == WorkerCounter.COMMAND_RECYCLE;
    }

    @Override
    public long tasksDone() {
        return tasksDone.get();
    }
}

package forecastfarm.worker.agent;

import forecastfarm.shared.status.WorkerState;
import java.util.List;

/** A WorkerStatus for tests: records every call, in order, into a shared event log. */
final class RecordingWorkerStatus implements WorkerStatus {

    private final List<String> events;
    boolean drain;
    boolean recycle;
    long tasksDone;
    long tasksFailed;

    RecordingWorkerStatus(List<String> events) {
        this.events = events;
    }

    @Override
    public void state(WorkerState state) {
        events.add("state " + state);
    }

    @Override
    public void taskStarted(long taskId, String key, long startEpochMs) {
        events.add("started " + taskId + " at " + startEpochMs);
    }

    @Override
    public void taskFinished(boolean ok) {
        tasksDone++;
        if (!ok) {
            tasksFailed++;
        }
        events.add("finished " + (ok ? "ok" : "failed"));
    }

    @Override
    public boolean drainRequested() {
        return drain;
    }

    @Override
    public boolean recycleRequested() {
        return recycle;
    }

    @Override
    public long tasksDone() {
        return tasksDone;
    }
}

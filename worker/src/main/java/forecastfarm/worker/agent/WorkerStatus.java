package forecastfarm.worker.agent;

import forecastfarm.shared.status.WorkerState;

/**
 * What the worker publishes about itself. The real one writes the status file's counters
 * ({@link CountersWorkerStatus}); tests can record the calls.
 */
public interface WorkerStatus {
    void state(WorkerState state);

    void taskStarted(long taskId, long startEpochMs);

    void taskFinished(boolean ok);

    /**
     * @return true when the launcher asked this worker to drain (finish its current task and exit).
     */
    boolean drainRequested();

    long tasksDone();
}

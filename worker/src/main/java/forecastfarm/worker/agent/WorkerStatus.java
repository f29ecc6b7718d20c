package forecastfarm.worker.agent;

import forecastfarm.shared.status.WorkerState;

/**
 * What the worker publishes about itself. The real one writes the status file's counters
 * ({@link CountersWorkerStatus}); tests can record the calls.
 */
public interface WorkerStatus {
    void state(WorkerState state);

    /**
     * @param key the task's key (the series id), published for {@code farm inspect}.
     */
    void taskStarted(long taskId, String key, long startEpochMs);

    void taskFinished(boolean ok);

    /**
     * @return true when the launcher asked this worker to drain (finish its current task and exit).
     */
    boolean drainRequested();

    /**
     * @return true when the launcher asked this idle worker to recycle itself (exit as recycled): it sends it no task
     *     meanwhile, and starts a new generation with empty queues.
     */
    boolean recycleRequested();

    long tasksDone();
}

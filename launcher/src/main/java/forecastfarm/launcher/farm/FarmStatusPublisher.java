package forecastfarm.launcher.farm;

import forecastfarm.shared.status.FarmCounter;
import forecastfarm.shared.status.StatusFile;
import java.util.List;

/**
 * Writes the farm's counters (totals over every job of this launcher run) and the launcher's heartbeat to the
 * status file, at most once a millisecond.
 */
final class FarmStatusPublisher {
    private final StatusFile status;
    private final JobTable jobs;
    private long lastPublishMs;

    FarmStatusPublisher(final StatusFile status, final JobTable jobs) {
        this.status = status;
        this.jobs = jobs;
    }

    void publish(
            final long nowMs,
            final List<WorkerProcess> workers,
            final int workerRestarts,
            final int resultsGeneration) {
        if (nowMs == lastPublishMs) {
            return;
        }
        lastPublishMs = nowMs;
        int alive = 0;
        for (final WorkerProcess worker : workers) {
            alive += worker.alive() ? 1 : 0;
        }
        status.launcherHeartbeatMs(nowMs);
        status.farmCounter(FarmCounter.TASKS_TOTAL).setRelease(jobs.submitted());
        status.farmCounter(FarmCounter.TASKS_EXPECTED).setRelease(jobs.expected());
        status.farmCounter(FarmCounter.RESUMED).setRelease(jobs.resumed());
        status.farmCounter(FarmCounter.PENDING).setRelease(jobs.pending());
        status.farmCounter(FarmCounter.RUNNING).setRelease(jobs.inFlight());
        status.farmCounter(FarmCounter.DONE).setRelease(jobs.ok());
        status.farmCounter(FarmCounter.FAILED).setRelease(jobs.failed());
        status.farmCounter(FarmCounter.POISONED).setRelease(jobs.poisoned());
        status.farmCounter(FarmCounter.RETRIES).setRelease(jobs.retries());
        status.farmCounter(FarmCounter.WORKER_RESTARTS).setRelease(workerRestarts);
        status.farmCounter(FarmCounter.WORKERS_ALIVE).setRelease(alive);
        status.resultsGeneration(resultsGeneration);
    }
}

package forecastfarm.launcher.farm;

import forecastfarm.shared.status.FarmCounter;
import forecastfarm.shared.status.StatusFile;
import java.util.List;

/** Writes the farm's counters and the launcher's heartbeat to the status file, at most once a millisecond. */
final class FarmStatusPublisher {
    private final StatusFile status;
    private final TaskLedger ledger;
    private final TaskIntake intake;
    private long lastPublishMs;

    FarmStatusPublisher(final StatusFile status, final TaskLedger ledger, final TaskIntake intake) {
        this.status = status;
        this.ledger = ledger;
        this.intake = intake;
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
        status.farmCounter(FarmCounter.TASKS_TOTAL).setRelease(intake.submitted());
        status.farmCounter(FarmCounter.TASKS_EXPECTED).setRelease(intake.expected());
        status.farmCounter(FarmCounter.RESUMED).setRelease(ledger.resumedCount());
        status.farmCounter(FarmCounter.PENDING).setRelease(ledger.pendingCount());
        status.farmCounter(FarmCounter.RUNNING).setRelease(ledger.inFlightCount());
        status.farmCounter(FarmCounter.DONE).setRelease(ledger.okCount());
        status.farmCounter(FarmCounter.FAILED).setRelease(ledger.failedCount());
        status.farmCounter(FarmCounter.POISONED).setRelease(ledger.poisonedCount());
        status.farmCounter(FarmCounter.RETRIES).setRelease(ledger.retryCount());
        status.farmCounter(FarmCounter.WORKER_RESTARTS).setRelease(workerRestarts);
        status.farmCounter(FarmCounter.WORKERS_ALIVE).setRelease(alive);
        status.resultsGeneration(resultsGeneration);
    }
}

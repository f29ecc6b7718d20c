package forecastfarm.launcher.farm;

import forecastfarm.shared.status.FarmCounter;
import forecastfarm.shared.status.JobCounter;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.StatusFileDescriptor;
import java.util.List;

/**
 * Writes the farm's counters (totals over every job of this launcher run), each alive job's counters in its job slot
 * and the launcher's heartbeat to the status file, at most once a millisecond. A job gets a free job slot when it
 * opens and gives it back when it ends; with every slot taken, a job runs without one (inspect lists it from its
 * file, without live counts).
 */
final class FarmStatusPublisher {
    private final StatusFile status;
    private final JobTable jobs;
    private final java.util.BitSet usedJobSlots = new java.util.BitSet(StatusFileDescriptor.JOB_SLOTS);
    private long lastPublishMs;

    FarmStatusPublisher(final StatusFile status, final JobTable jobs) {
        this.status = status;
        this.jobs = jobs;
    }

    void jobOpened(final JobRun job) {
        final int slot = usedJobSlots.nextClearBit(0);
        if (slot < StatusFileDescriptor.JOB_SLOTS) {
            usedJobSlots.set(slot);
            job.statusSlot = slot;
            status.jobIds().publish(slot, job.spec.id());
        }
    }

    void jobEnded(final JobRun job) {
        if (job.statusSlot >= 0) {
            for (final JobCounter counter : JobCounter.values()) {
                status.jobCounter(job.statusSlot, counter).setRelease(0);
            }
            status.jobIds().clear(job.statusSlot);
            usedJobSlots.clear(job.statusSlot);
            job.statusSlot = -1;
        }
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
        for (final JobRun job : jobs.alive()) {
            if (job.statusSlot >= 0) {
                publish(job);
            }
        }
    }

    private void publish(final JobRun job) {
        final int slot = job.statusSlot;
        final TaskLedger ledger = job.ledger;
        status.jobCounter(slot, JobCounter.EXPECTED).setRelease(job.intake.expected());
        status.jobCounter(slot, JobCounter.SUBMITTED).setRelease(job.intake.submitted());
        status.jobCounter(slot, JobCounter.DONE).setRelease(ledger.okCount());
        status.jobCounter(slot, JobCounter.FAILED).setRelease(ledger.failedCount());
        status.jobCounter(slot, JobCounter.POISONED).setRelease(ledger.poisonedCount());
        status.jobCounter(slot, JobCounter.RUNNING).setRelease(ledger.inFlightCount());
        status.jobCounter(slot, JobCounter.RESUMED).setRelease(ledger.resumedCount());
    }
}

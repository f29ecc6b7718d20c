package forecastfarm.launcher.farm;

import forecastfarm.shared.wire.ResultKey;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;

/**
 * The conductor's duties towards its jobs, on the conductor thread: a job taken in (status slot, room in the map),
 * its tasks moved from its intake into its ledger (finished at once when an earlier run of the job stored them), a job
 * that has nothing left to run ended (its report completed, its state dropped), a job's results deleted. The worker
 * side (dispatch, results, supervision) stays in {@link FarmConductor}, which says why jobs must stop (a drain, an
 * abort) and how many workers were restarted.
 */
final class JobDuties {
    private final FarmContext ctx;
    private final JobTable jobs;
    private final FarmStatusPublisher statusPublisher;
    private final int backlogLowWater;
    private ResultStore store;

    /**
     * @param backlogLowWater a job's tasks are taken from its intake while fewer than this wait in its ledger.
     */
    JobDuties(
            final FarmContext ctx,
            final JobTable jobs,
            final FarmStatusPublisher statusPublisher,
            final int backlogLowWater) {
        this.ctx = ctx;
        this.jobs = jobs;
        this.statusPublisher = statusPublisher;
        this.backlogLowWater = backlogLowWater;
    }

    void resultsTo(final ResultStore store) {
        this.store = store;
    }

    /**
     * @param stopReason why no job may run any more, or null.
     */
    void accept(final JobRun job, final int workerRestarts, final String stopReason) {
        job.restartsAtOpen = workerRestarts;
        statusPublisher.jobOpened(job);
        store.ensureRoom(job.expectedTasks);
        if (stopReason != null) {
            cancel(job, stopReason);
        }
    }

    static void cancel(final JobRun job, final String why) {
        if (job.cancelled == null) {
            job.cancelled = why;
            job.intake.cancel();
        }
    }

    /**
     * Moves submitted tasks into each job's ledger while its backlog is low; a task whose result an earlier run of
     * the job stored is finished at once (resume), unless it failed and failed tasks are to be retried.
     */
    int takeTasks() {
        int taken = 0;
        for (final JobRun job : jobs.alive()) {
            final int room = backlogLowWater - job.ledger.pendingCount();
            if (job.cancelled == null && room > 0) {
                taken += job.intake.drainTo(spec -> take(job, spec), room);
            }
        }
        return taken;
    }

    private void take(final JobRun job, final TaskSpec spec) {
        final byte[] stored = store.get(ResultKey.of(job.spec.id(), spec.key()));
        final ResultRecord record = stored == null ? null : ResultRecord.decode(stored);
        if (record == null || (ctx.retryFailed() && record.status() != TaskStatus.OK)) {
            job.ledger.add(spec);
            return;
        }
        final int task = job.ledger.addFinished(spec, record.status(), record.attempts());
        job.listener.onTaskResumed(task, spec, record);
    }

    void delete(final FarmEvent.DeleteJob delete) {
        for (final JobRun job : jobs.alive()) {
            if (job.spec.id().equals(delete.jobId())) {
                delete.removed()
                        .completeExceptionally(new FarmException(
                                "job " + delete.jobId() + " is running; cancel it before deleting it"));
                return;
            }
        }
        delete.removed().complete(store.deleteJob(delete.jobId()));
    }

    /**
     * Ends the jobs with nothing left to run: each completes its report and leaves the farm's heap.
     *
     * @param stopReason  why no job may run any more (then every job is stopped first), or null.
     * @param abortReason why the farm gave up, or null.
     */
    int endJobs(final String stopReason, final String abortReason, final int workerRestarts) {
        int ended = 0;
        for (int i = jobs.alive().size() - 1; i >= 0; i--) {
            final JobRun job = jobs.alive().get(i);
            if (stopReason != null) {
                cancel(job, stopReason);
            }
            if (job.ended()) {
                end(job, abortReason, workerRestarts);
                ended++;
            }
        }
        return ended;
    }

    /** After the farm's last duty cycle: ends every job still alive or offered. */
    void endRemaining(final String why, final String abortReason, final int workerRestarts) {
        jobs.acceptOffered(job -> cancel(job, why));
        for (int i = jobs.alive().size() - 1; i >= 0; i--) {
            final JobRun job = jobs.alive().get(i);
            cancel(job, why);
            end(job, abortReason, workerRestarts);
        }
    }

    /** When the farm failed or stopped: every job not yet ended (alive or just offered) fails with this. */
    void failRemaining(final Throwable failure) {
        for (final JobRun job : jobs.drainOffered()) {
            job.report.completeExceptionally(failure);
        }
        for (final JobRun job : jobs.alive()) {
            job.report.completeExceptionally(failure);
        }
    }

    private void end(final JobRun job, final String abortReason, final int workerRestarts) {
        jobs.retire(job);
        statusPublisher.jobEnded(job);
        final TaskLedger ledger = job.ledger;
        final boolean aborted = abortReason != null && !(job.intake.isExhausted() && ledger.allFinished());
        job.report.complete(new FarmReport(
                ledger.size(),
                ledger.okCount(),
                ledger.failedCount(),
                ledger.poisonedCount(),
                ledger.resumedCount(),
                ledger.retryCount(),
                workerRestarts - job.restartsAtOpen,
                ctx.workers(),
                System.nanoTime() - job.openedNs,
                job.cpuNs,
                store == null ? 0 : store.rotations(),
                aborted ? null : job.cancelled,
                aborted ? abortReason : null));
    }
}

package forecastfarm.launcher.farm;

import java.util.concurrent.CompletableFuture;

/**
 * A job as the conductor runs it: its tasks' intake and ledger, who hears of its results, and the report it completes
 * with. The conductor owns it from {@link Farm#open} until the job ends; then it is dropped, ledger and all, so
 * a long-running farm holds only the jobs alive.
 */
final class JobRun {
    final JobSpec spec;
    final TaskIntake intake;
    final TaskLedger ledger;
    final FarmListener listener;
    final CompletableFuture<FarmReport> report = new CompletableFuture<>();
    final long expectedTasks;
    int slot = -1;
    /** Its job slot in the status file, or -1 when it has none. */
    int statusSlot = -1;
    /** From when its wall time counts: its opening, or the farm's start for a farm's first job. */
    long openedNs;

    long cpuNs;
    int restartsAtOpen;
    String cancelled;

    JobRun(
            final JobSpec spec,
            final TaskIntake intake,
            final int maxAttempts,
            final FarmListener listener,
            final long expectedTasks) {
        this.spec = spec;
        this.intake = intake;
        this.ledger = new TaskLedger(maxAttempts);
        this.listener = listener;
        this.expectedTasks = expectedTasks;
    }

    boolean hasPending() {
        return cancelled == null && ledger.hasPending();
    }

    /** @return true when nothing of it can run any more: all its tasks are finished, or it was stopped. */
    boolean ended() {
        if (cancelled != null) {
            return ledger.inFlightCount() == 0;
        }
        return intake.isExhausted() && ledger.allFinished();
    }
}

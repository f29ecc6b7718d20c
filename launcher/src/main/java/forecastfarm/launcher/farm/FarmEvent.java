package forecastfarm.launcher.farm;

/**
 * Something another thread saw, handed to the conductor through its event queue: the conductor's state is touched
 * only by the conductor thread.
 */
public sealed interface FarmEvent {
    record WorkerExited(int slot, int generation, int exitCode) implements FarmEvent {}

    record ShutdownSignal(String signal) implements FarmEvent {}

    /** Stop one job: no more of its tasks are dispatched; those running finish. */
    record CancelJob(JobRun job, String why) implements FarmEvent {}

    /** Remove an ended job's results from the map; {@code removed} completes with how many there were. */
    record DeleteJob(String jobId, java.util.concurrent.CompletableFuture<Long> removed) implements FarmEvent {}

    /** No more jobs will come: once those alive have ended, the workers stop and the farm run ends. */
    record Close() implements FarmEvent {}
}

package forecastfarm.launcher.farm;

/**
 * Something another thread saw, handed to the conductor through its event queue: the conductor's state is touched
 * only by the conductor thread.
 */
public sealed interface FarmEvent {
    record WorkerExited(int slot, int generation, int exitCode) implements FarmEvent {}

    record ShutdownSignal(String signal) implements FarmEvent {}
}

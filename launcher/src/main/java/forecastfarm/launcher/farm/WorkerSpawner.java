package forecastfarm.launcher.farm;

/**
 * Starts a worker process. The exit must be reported later as a {@link FarmEvent.WorkerExited}.
 */
public interface WorkerSpawner {
    /**
     * @return the started process.
     * @throws java.io.UncheckedIOException when it cannot be started.
     */
    ProcessHandle spawn(int slot, int generation);
}

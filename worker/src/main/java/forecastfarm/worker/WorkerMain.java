package forecastfarm.worker;

import forecastfarm.shared.WorkerExitCode;
import forecastfarm.worker.agent.LauncherOwnedSignals;
import forecastfarm.worker.agent.Worker;
import forecastfarm.worker.agent.WorkerContext;

/**
 * Entry point of a worker JVM. The launcher starts it; users never do.
 */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(final String[] args) {
        final WorkerContext ctx;
        try {
            ctx = WorkerContext.fromArgs(args);
        } catch (final IllegalArgumentException ex) {
            System.err.println("worker: " + ex.getMessage());
            System.exit(WorkerExitCode.USAGE);
            return;
        }
        LauncherOwnedSignals.install();
        final int exitCode;
        try (Worker worker = Worker.launch(ctx)) {
            exitCode = worker.run();
        }
        System.exit(exitCode);
    }
}

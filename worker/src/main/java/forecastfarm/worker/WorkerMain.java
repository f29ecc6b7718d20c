package forecastfarm.worker;

import forecastfarm.shared.WorkerExitCode;
import forecastfarm.worker.agent.LauncherOwnedSignals;
import forecastfarm.worker.agent.Worker;
import forecastfarm.worker.agent.WorkerContext;
import net.openhft.posix.PosixAPI;

/**
 * Entry point of a worker JVM. The launcher starts it; users never do.
 */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(final String[] args) {
        // Chronicle's first use binds its POSIX calls through JNR, generating native stubs at run time: about a
        // quarter of a second of a worker's start. A worker only maps queue files, where Chronicle uses them for
        // nothing but msync(MS_ASYNC) (a no-op on Linux), so it binds the no-op implementation before that.
        PosixAPI.useNoOpPosixApi();
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

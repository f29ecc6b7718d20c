package forecastfarm.worker;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.WorkerExitCode;
import forecastfarm.worker.agent.LauncherOwnedSignals;
import forecastfarm.worker.agent.Worker;
import forecastfarm.worker.agent.WorkerContext;
import forecastfarm.worker.kinds.JsonKinds;
import forecastfarm.worker.kinds.TaskJarProblem;
import forecastfarm.worker.kinds.TaskKindsFile;
import forecastfarm.worker.tasks.BuiltInTasks;
import forecastfarm.worker.tasks.TaskKinds;
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
        final TaskKinds kinds;
        try {
            final TaskKindsFile file = TaskKindsFile.read(new FarmDirectory(ctx.farmDir()).taskKindsFile());
            kinds = TaskKinds.discover(JsonKinds.load(BuiltInTasks.jsonKinds(), file.taskJars()), file.settings());
        } catch (final TaskJarProblem ex) {
            System.err.println("worker: cannot use the task jars: " + ex.getMessage());
            System.exit(WorkerExitCode.TASK_JARS);
            return;
        }
        LauncherOwnedSignals.install();
        final int exitCode;
        try (Worker worker = Worker.launch(ctx, kinds)) {
            exitCode = worker.run();
        }
        System.exit(exitCode);
    }
}

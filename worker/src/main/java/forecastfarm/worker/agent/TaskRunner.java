package forecastfarm.worker.agent;

import forecastfarm.shared.wire.ResultSink;
import forecastfarm.shared.wire.Task;
import forecastfarm.shared.wire.TaskResult;
import forecastfarm.shared.wire.TaskSink;
import forecastfarm.shared.wire.TaskStatus;
import forecastfarm.worker.tasks.TaskKinds;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.agrona.concurrent.EpochClock;

/**
 * The worker's business logic: runs each task through its kind's handler and reports the result. It never touches
 * a queue: tasks come in as {@link TaskSink} calls and results go out to a {@link ResultSink}. A task that throws
 * becomes a FAILED result and the worker goes on; only a {@link VirtualMachineError} is fatal.
 */
public final class TaskRunner implements TaskSink {
    private static final byte[] EMPTY = new byte[0];

    private final TaskKinds kinds;
    private final ResultSink results;
    private final WorkerStatus status;
    private final EpochClock clock;
    private final FatalErrorHandler fatalErrorHandler;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private boolean stopRequested;

    public TaskRunner(
            final TaskKinds kinds,
            final ResultSink results,
            final WorkerStatus status,
            final EpochClock clock,
            final FatalErrorHandler fatalErrorHandler) {
        this.kinds = kinds;
        this.results = results;
        this.status = status;
        this.clock = clock;
        this.fatalErrorHandler = fatalErrorHandler;
    }

    @Override
    public void onTask(final Task task) {
        final long startEpochMs = clock.time();
        status.taskStarted(task.taskId(), task.key(), startEpochMs);
        final long startCpuNs = threads.getCurrentThreadCpuTime();
        final long startNs = System.nanoTime();
        byte[] output = EMPTY;
        String error = "";
        try {
            output = kinds.handler(task.kind()).handle(task.key(), task.payload());
        } catch (final VirtualMachineError fatal) {
            fatalErrorHandler.onFatal(task.taskId(), fatal);
            throw fatal;
        } catch (final Exception | Error ex) {
            error = describe(ex);
        }
        final long wallNs = System.nanoTime() - startNs;
        final long cpuNs = threads.getCurrentThreadCpuTime() - startCpuNs;
        boolean ok = error.isEmpty();
        try {
            results.onResult(new TaskResult(
                    task.taskId(),
                    task.job(),
                    task.key(),
                    task.kind(),
                    ok ? TaskStatus.OK : TaskStatus.FAILED,
                    startEpochMs,
                    wallNs,
                    cpuNs,
                    error,
                    output));
        } catch (final RuntimeException tooLarge) {
            ok = false;
            results.onResult(new TaskResult(
                    task.taskId(),
                    task.job(),
                    task.key(),
                    task.kind(),
                    TaskStatus.FAILED,
                    startEpochMs,
                    wallNs,
                    cpuNs,
                    "the result (" + output.length + " bytes) could not be sent: " + describe(tooLarge),
                    EMPTY));
        }
        status.taskFinished(ok);
    }

    @Override
    public void onStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    private static String describe(final Throwable ex) {
        final String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }
}

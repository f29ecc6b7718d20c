package forecastfarm.worker.agent;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.FarmIdle;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.status.WorkerCounter;
import forecastfarm.shared.status.WorkerState;
import forecastfarm.shared.wire.FarmQueues;
import forecastfarm.shared.wire.ResultProxy;
import forecastfarm.shared.wire.TaskAdapter;
import forecastfarm.worker.tasks.TaskKinds;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochClock;

/**
 * One worker process: maps the status file, opens its task and result queues, and runs the {@link WorkerAgent}
 * on the calling thread until it is done.
 */
public final class Worker implements AutoCloseable {
    private static final long QUEUES_POLL_NS = TimeUnit.MICROSECONDS.toNanos(200);

    private final StatusFile status;
    private final ChronicleQueue taskQueue;
    private final ChronicleQueue resultQueue;
    private final WorkerAgent agent;
    private final CountersWorkerStatus workerStatus;
    private final Thread watchdogThread;
    private final TaskKinds kinds;

    private Worker(final WorkerContext ctx, final TaskKinds kinds) {
        this.kinds = kinds;
        final FarmDirectory farm = new FarmDirectory(ctx.farmDir());
        status = StatusFile.open(farm.statusFile());
        final ProcessHandle launcher = ProcessHandle.of(ctx.launcherPid())
                .orElseThrow(() -> new IllegalStateException("launcher " + ctx.launcherPid() + " is not running"));
        final int slot = ctx.slot();
        status.workerCounter(slot, WorkerCounter.PID)
                .setRelease(ProcessHandle.current().pid());
        status.workerCounter(slot, WorkerCounter.GENERATION).setRelease(ctx.generation());
        final WorkerWatchdog watchdog =
                new WorkerWatchdog(status, slot, launcher, ctx.heartbeatIntervalMs(), ctx.launcherSilenceTimeoutMs());
        watchdog.beat();
        watchdogThread = watchdog.start();

        awaitQueues(status, ctx, launcher);
        taskQueue = FarmQueues.open(farm.taskQueue(ctx.runId(), slot, ctx.generation()));
        resultQueue = FarmQueues.open(farm.resultQueue(ctx.runId(), slot, ctx.generation()));
        workerStatus = new CountersWorkerStatus(status, slot);
        final TaskRunner runner = new TaskRunner(
                kinds,
                new ResultProxy(resultQueue.createAppender()),
                workerStatus,
                SystemEpochClock.INSTANCE,
                FatalErrorHandler.HALT);
        final HeapUsage heap = new HeapUsage();
        final ResidentMemory rss = new ResidentMemory();
        agent = new WorkerAgent(
                new TaskAdapter(taskQueue.createTailer(), runner),
                runner,
                workerStatus,
                ctx.maxTasks(),
                ctx.maxHeapBytes(),
                heap::usedAfterGcBytes,
                rss.checkableLimit(ctx.maxRssBytes(), System.err),
                rss::residentBytes);
        status.workerCounter(slot, WorkerCounter.READY_MS).setRelease(System.currentTimeMillis());
        workerStatus.state(WorkerState.READY);
    }

    /** The launcher creates this generation's queues after spawning the worker; they are opened once they exist. */
    private static void awaitQueues(final StatusFile status, final WorkerContext ctx, final ProcessHandle launcher) {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ctx.launcherSilenceTimeoutMs());
        while (status.workerValue(ctx.slot(), WorkerCounter.QUEUES_GENERATION) != ctx.generation()) {
            if (!launcher.isAlive() || System.nanoTime() > deadlineNs) {
                throw new IllegalStateException("the launcher (pid " + launcher.pid() + ") did not create the queues of"
                        + " worker " + ctx.slot() + " generation " + ctx.generation() + " within "
                        + ctx.launcherSilenceTimeoutMs() + " ms");
            }
            LockSupport.parkNanos(QUEUES_POLL_NS);
        }
    }

    /** A worker with the classpath's kinds and the built-in JSON kinds, no task jars. */
    public static Worker launch(final WorkerContext ctx) {
        return launch(ctx, TaskKinds.discover());
    }

    /**
     * @param kinds the task kinds; the worker closes them (their JSON kinds' sessions) when it closes.
     */
    public static Worker launch(final WorkerContext ctx, final TaskKinds kinds) {
        return new Worker(ctx, kinds);
    }

    /**
     * @return the exit code: normal, or recycle.
     */
    public int run() {
        final IdleStrategy idle = FarmIdle.newIdleStrategy();
        while (!agent.isDone()) {
            idle.idle(agent.doWork());
        }
        workerStatus.state(WorkerState.EXITED);
        return agent.exitCode();
    }

    @Override
    public void close() {
        // Users' sessions first, while the watchdog still beats: a slow close does not look like a dead worker.
        kinds.close();
        // The watchdog writes into the mapped status file: stop it before unmapping, or it faults.
        watchdogThread.interrupt();
        try {
            watchdogThread.join(1_000);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        CloseHelper.closeAll(taskQueue, resultQueue, status);
    }
}

package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.FarmIdle;
import forecastfarm.shared.status.LauncherState;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.wire.ResultRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs tasks on a farm of worker processes, end to end: takes the farm dir, resumes what an earlier run
 * left, starts the workers, runs the conductor until every task is finished (or the run is drained by a signal),
 * stops the workers and leaves every result in the results map.
 */
public final class Farm {
    private static final Logger LOG = LoggerFactory.getLogger(Farm.class);

    private Farm() {}

    /**
     * @param job         what identifies this job (inputs and options): a farm dir holding another job is refused.
     * @param sizing      the results map's size, for a new farm dir.
     * @param handleSignals true to drain on SIGINT/SIGTERM/SIGUSR1 (the CLI), false when embedded.
     * @return the report; every finished task's {@link ResultRecord} is in the results map.
     * @throws FarmException when the farm cannot run (farm dir busy or holding another job, ...).
     */
    public static FarmReport run(
            final FarmContext ctx,
            final List<TaskSpec> tasks,
            final String job,
            final MapSizing sizing,
            final FarmListener listener,
            final boolean handleSignals) {
        requireUniqueKeys(tasks);
        return run(ctx, TaskIntake.of(tasks), job, () -> sizing, listener, handleSignals);
    }

    /**
     * Runs the tasks submitted to the intake, as they come, until the intake is closed and every task is finished
     * (or the run is drained by a signal, or aborted: then the intake is cancelled). Blocks the calling thread:
     * submit from another one.
     *
     * <p>The workers start at once; the results map is opened when {@code sizing} answers, so a caller may still be
     * counting its tasks while the worker JVMs start.
     *
     * @param job           what identifies this job (inputs and options): a farm dir holding another job is refused.
     * @param sizing        the results map's size, for a new farm dir (it may grow to 4 times its entries); may
     *                      block, and may throw to abandon the run (the workers are then stopped).
     * @param handleSignals true to drain on SIGINT/SIGTERM/SIGUSR1 (the CLI), false when embedded.
     * @return the report; every finished task's {@link ResultRecord} is in the results map.
     * @throws FarmException when the farm cannot run (farm dir busy or holding another job, ...).
     */
    public static FarmReport run(
            final FarmContext ctx,
            final TaskIntake intake,
            final String job,
            final Supplier<MapSizing> sizing,
            final FarmListener listener,
            final boolean handleSignals) {
        return run(ctx, null, intake, job, sizing, listener, handleSignals);
    }

    /**
     * As {@link #run(FarmContext, TaskIntake, String, Supplier, FarmListener, boolean)}, in a farm dir the caller
     * has locked already ({@link FarmLock#acquire}, so that a busy farm dir is refused before anything else); the
     * run releases the lock when it ends.
     *
     * @param heldLock the farm dir's lock, or null to take it here.
     */
    public static FarmReport run(
            final FarmContext ctx,
            final FarmLock heldLock,
            final TaskIntake intake,
            final String job,
            final Supplier<MapSizing> sizing,
            final FarmListener listener,
            final boolean handleSignals) {
        try {
            return runChecked(ctx, heldLock, intake, job, sizing, listener, handleSignals);
        } finally {
            if (!intake.isExhausted()) {
                intake.cancel();
            }
        }
    }

    private static FarmReport runChecked(
            final FarmContext ctx,
            final FarmLock heldLock,
            final TaskIntake tasks,
            final String job,
            final Supplier<MapSizing> sizing,
            final FarmListener listener,
            final boolean handleSignals) {
        FarmLock lock = heldLock;
        try {
            if (lock == null) {
                ctx.conclude();
                lock = FarmLock.acquire(ctx.farmDirectory());
            }
            final FarmDirectory farm = lock.farm();
            farm.networkFilesystemType()
                    .ifPresent(type -> LOG.warn(
                            "farm dir {} is on a network filesystem ({}): "
                                    + "Chronicle's memory-mapped files are not safe there; use node-local storage",
                            farm.root(),
                            type));
            return runLocked(ctx, farm, tasks, job, sizing, listener, handleSignals);
        } catch (final FarmAbandoned ex) {
            if (lock.freshFarmDir()) {
                ResumeRecovery.deleteTree(lock.farm().root());
            }
            throw ex;
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private static FarmReport runLocked(
            final FarmContext ctx,
            final FarmDirectory farm,
            final TaskIntake tasks,
            final String job,
            final Supplier<MapSizing> requestedSizing,
            final FarmListener listener,
            final boolean handleSignals) {
        final long startNs = System.nanoTime();
        final FarmTimeline timeline = ctx.timeline();
        timeline.mark("farm_dir_locked");
        FarmManifest.claim(farm, job, ctx.jobDescription());
        ResumeRecovery.killLeftoverWorkers(farm);
        final TaskLedger ledger = new TaskLedger(ctx.maxAttempts());
        final long runId = System.currentTimeMillis();
        try (StatusFile status = StatusFile.create(
                farm.statusFile(),
                ctx.workers(),
                ProcessHandle.current().pid(),
                runId,
                ctx.clock().time())) {
            status.launcherState(LauncherState.RUNNING);
            final FarmConductor[] holder = new FarmConductor[1];
            final WorkerSpawner spawner = new CommonsExecWorkerSpawner(
                    ctx,
                    runId,
                    event -> holder[0].offer(event),
                    WorkerClassCache.prepare(ctx).orElse(null));
            final FarmConductor conductor = new FarmConductor(ctx, runId, ledger, tasks, status, spawner, listener);
            holder[0] = conductor;
            final SignalHandlers signals = handleSignals ? SignalHandlers.install(conductor) : null;
            try {
                // The worker JVMs start while the caller finishes counting its tasks and the map opens.
                conductor.startAllWorkers(ctx.clock().time());
                final MapSizing sizing = FarmManifest.checkOrWrite(farm, job, requestedSizing.get());
                try (ResultStore store = ResultStore.openForLauncher(farm, sizing, ctx.stuckMapWriteMs())) {
                    timeline.mark("results_map_open");
                    final int replayed = ResumeRecovery.replayOldResults(farm, store);
                    if (replayed > 0) {
                        LOG.info("recovered {} results from the queues of an earlier run", replayed);
                    }
                    conductor.resultsTo(store);
                    runConductor(conductor);
                    store.flush();
                    status.launcherState(LauncherState.FINISHED);
                    ResumeRecovery.deleteTree(farm.runQueuesDir(runId));
                    return report(ctx, ledger, conductor, store, startNs);
                }
            } catch (final RuntimeException | Error ex) {
                conductor.killAll("launcher failed: " + ex);
                throw ex;
            } finally {
                if (signals != null) {
                    signals.restore();
                }
            }
        }
    }

    private static FarmReport report(
            final FarmContext ctx,
            final TaskLedger ledger,
            final FarmConductor conductor,
            final ResultStore store,
            final long startNs) {
        if (ledger.resumedCount() > 0) {
            LOG.info(
                    "resumed: {} of {} tasks were already finished in this farm dir",
                    ledger.resumedCount(),
                    ledger.size());
        }
        ctx.timeline().mark("workers_stopped");
        return new FarmReport(
                ledger.size(),
                ledger.okCount(),
                ledger.failedCount(),
                ledger.poisonedCount(),
                ledger.resumedCount(),
                ledger.retryCount(),
                conductor.workerRestarts(),
                ctx.workers(),
                System.nanoTime() - startNs,
                conductor.stats().cpuNsTotal(),
                store.rotations(),
                conductor.interruptedBy(),
                conductor.abortReason());
    }

    private static void runConductor(final FarmConductor conductor) {
        final IdleStrategy idle = FarmIdle.newIdleStrategy();
        while (!conductor.isDone()) {
            idle.idle(conductor.doWork());
        }
    }

    private static void requireUniqueKeys(final List<TaskSpec> tasks) {
        final java.util.Set<String> keys = new java.util.HashSet<>(tasks.size() * 2);
        for (final TaskSpec task : tasks) {
            if (!keys.add(task.key())) {
                throw new FarmException("two tasks have the key '" + task.key() + "'; keys must be unique");
            }
        }
    }

    /**
     * SIGINT, SIGTERM and SIGUSR1 become conductor events (drain; a second one stops at once). USR1 is the signal
     * {@code scripts/farm-slurm} asks SLURM to send before the time limit ({@code --signal=B:USR1@N}).
     *
     * <p>A signal within {@link #DUPLICATE_WINDOW_NS} of the one before is the same request delivered twice, not a
     * second request: on {@code scancel} or preemption SLURM sends SIGTERM to every process of the job, and the batch
     * script, which must forward signals that only it receives, forwards that one too. So "stop at once" needs a
     * second signal at least a second after the first.
     */
    static final class SignalHandlers {
        static final List<String> SIGNALS = List.of("INT", "TERM", "USR1");
        static final long DUPLICATE_WINDOW_NS = 1_000_000_000L;
        private final Map<String, sun.misc.SignalHandler> previous = new HashMap<>();
        private long lastSignalNs;
        private boolean any;

        static SignalHandlers install(final FarmConductor conductor) {
            final SignalHandlers handlers = new SignalHandlers();
            for (final String name : SIGNALS) {
                try {
                    handlers.previous.put(name, Signal.handle(new Signal(name), signal -> {
                        if (handlers.isNew(System.nanoTime())) {
                            conductor.offer(new FarmEvent.ShutdownSignal(signal.getName()));
                        } else {
                            LOG.info(
                                    "SIG{} within a second of the previous signal: the same request, ignored",
                                    signal.getName());
                        }
                    }));
                } catch (final IllegalArgumentException ex) {
                    // e.g. the JVM runs with -Xrs, or the platform reserves the signal
                    LOG.warn("cannot handle SIG{}: {}", name, ex.getMessage());
                }
            }
            return handlers;
        }

        /**
         * @return false for a signal that repeats the previous one (within the duplicate window).
         */
        synchronized boolean isNew(final long nowNs) {
            final boolean fresh = !any || nowNs - lastSignalNs >= DUPLICATE_WINDOW_NS;
            if (fresh) {
                any = true;
                lastSignalNs = nowNs;
            }
            return fresh;
        }

        void restore() {
            previous.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
        }
    }
}

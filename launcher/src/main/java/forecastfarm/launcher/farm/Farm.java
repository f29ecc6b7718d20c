package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.FarmIdle;
import forecastfarm.shared.status.LauncherState;
import forecastfarm.shared.status.StatusFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * A farm of worker processes on one farm dir, running many jobs at once: {@link #start} takes the farm dir and starts
 * the workers; {@link #open} adds a job, whose tasks are dispatched fairly with the others' ({@link JobTable}) and
 * whose results are stored under its id; {@link #close} waits for the jobs and stops the workers. A finished job
 * leaves nothing on the launcher's heap: its results stay in the map until {@link #deleteJob}.
 *
 * <p>The results map opens when the first job is opened (it is sized from that job) or, for a farm dir that has one,
 * with its stored size: so the worker JVMs start while the caller still counts its first job's tasks.
 *
 * <p>Contract: {@link #open}, {@link #stop}, {@link #deleteJob} and {@link #close} may be called from any thread; a
 * job's report completes on the farm's thread once the job ended (every task finished, or cancelled or drained with
 * its running tasks finished), after its state is recorded in {@link JobRegistry}; when the farm itself fails, every
 * job's report completes exceptionally with the failure.
 */
public final class Farm implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Farm.class);
    private static final long STOP_CHECK_MS = 50;

    private final FarmContext ctx;
    private final FarmLock lock;
    private final StatusFile status;
    private final FarmConductor conductor;
    private final SignalHandlers signals;
    private final CompletableFuture<MapSizing> firstSizing = new CompletableFuture<>();
    private final Set<String> jobsAlive = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final long runId;
    private final long startNs = System.nanoTime();
    private final java.util.concurrent.atomic.AtomicBoolean firstJob =
            new java.util.concurrent.atomic.AtomicBoolean(true);
    private volatile boolean closed;
    private volatile boolean stopped;

    private Farm(final FarmContext ctx, final FarmLock lock, final boolean handleSignals) {
        this.ctx = ctx;
        this.lock = lock;
        final FarmDirectory farm = lock.farm();
        this.runId = System.currentTimeMillis();
        this.status = StatusFile.create(
                farm.statusFile(),
                ctx.workers(),
                ProcessHandle.current().pid(),
                runId,
                ctx.clock().time());
        status.launcherState(LauncherState.RUNNING);
        final FarmConductor[] holder = new FarmConductor[1];
        final WorkerSpawner spawner = new CommonsExecWorkerSpawner(
                ctx,
                runId,
                event -> holder[0].offer(event),
                WorkerClassCache.prepare(ctx).orElse(null));
        this.conductor = new FarmConductor(ctx, runId, status, spawner);
        holder[0] = conductor;
        this.signals = handleSignals ? SignalHandlers.install(conductor) : null;
        this.thread = new Thread(this::run, "farm-conductor");
    }

    /**
     * Takes the farm dir and starts the workers.
     *
     * @param heldLock      the farm dir's lock when the caller took it already ({@link FarmLock#acquire}, to refuse a
     *                      busy farm dir before anything else), or null to take it here; the farm releases it.
     * @param handleSignals true to drain on SIGINT/SIGTERM/SIGUSR1 (the CLI), false when embedded.
     * @throws FarmException when the farm cannot start (farm dir busy, of an earlier layout, ...).
     */
    public static Farm start(final FarmContext ctx, final FarmLock heldLock, final boolean handleSignals) {
        FarmLock lock = heldLock;
        try {
            if (lock == null) {
                ctx.conclude();
                lock = FarmLock.acquire(ctx.farmDirectory());
            }
            final FarmDirectory farm = lock.farm();
            FarmLayout.claim(farm);
            farm.networkFilesystemType()
                    .ifPresent(type -> LOG.warn(
                            "farm dir {} is on a network filesystem ({}): "
                                    + "Chronicle's memory-mapped files are not safe there; use node-local storage",
                            farm.root(),
                            type));
            ctx.timeline().mark("farm_dir_locked");
            ResumeRecovery.killLeftoverWorkers(farm);
            final Farm started = new Farm(ctx, lock, handleSignals);
            started.thread.start();
            return started;
        } catch (final RuntimeException | Error ex) {
            if (lock != null) {
                lock.close();
            }
            throw ex;
        }
    }

    /**
     * Runs one list of tasks as one job and stops the farm: for benchmarks, tests and tools.
     *
     * @param sizing the results map's size, for a new farm dir.
     */
    public static FarmReport run(
            final FarmContext ctx,
            final List<TaskSpec> tasks,
            final JobSpec job,
            final MapSizing sizing,
            final FarmListener listener,
            final boolean handleSignals) {
        requireUniqueKeys(tasks);
        try (Farm farm = start(ctx, null, handleSignals)) {
            final JobHandle handle = farm.open(job, TaskIntake.of(tasks), listener, sizing);
            return handle.await();
        }
    }

    /**
     * Adds a job. Its tasks come through {@code intake} (close it when the last was submitted); tasks whose results
     * an earlier run of the same job id stored are finished at once (resume).
     *
     * @param sizing the job's results: the map is sized from the first job and grown for later ones.
     * @throws FarmException when the job id is running already or holds another job, or the farm is closed.
     */
    public JobHandle open(
            final JobSpec spec, final TaskIntake intake, final FarmListener listener, final MapSizing sizing) {
        if (closed) {
            throw new FarmException("the farm is closed: it takes no more jobs");
        }
        if (!jobsAlive.add(spec.id())) {
            throw new FarmException("job " + spec.id() + " is running already in farm dir "
                    + lock.farm().root());
        }
        final long openedMs = System.currentTimeMillis();
        try {
            JobRegistry.open(lock.farm(), spec, openedMs);
        } catch (final RuntimeException ex) {
            jobsAlive.remove(spec.id());
            throw ex;
        }
        final JobRun job = new JobRun(spec, intake, ctx.maxAttempts(), listener, intake.expected());
        // the first job is timed from the farm's start: the workers started for it
        job.openedNs = firstJob.getAndSet(false) ? startNs : System.nanoTime();
        final CompletableFuture<FarmReport> recorded = job.report.whenComplete((report, failure) -> {
            try {
                JobRegistry.ended(
                        lock.farm(),
                        spec,
                        failure != null ? "failed" : JobRegistry.state(report),
                        report,
                        openedMs,
                        System.currentTimeMillis());
            } finally {
                jobsAlive.remove(spec.id());
                if (!intake.isExhausted()) {
                    intake.cancel();
                }
            }
        });
        firstSizing.complete(sizing);
        conductor.open(job);
        if (stopped) {
            // the farm ended while the job was being opened: nothing will run it
            job.report.completeExceptionally(new FarmException("the farm stopped before the job could run"));
        }
        return new JobHandle(spec, recorded, why -> conductor.offer(new FarmEvent.CancelJob(job, why)));
    }

    /**
     * Opens the results map now, with this size for a new farm dir, rather than with the first job: for a standing
     * farm, which may wait long for its first job and must not be abandoned (its farm dir removed) when stopped
     * before one came. Ignored once the map is sized.
     */
    public void openMap(final MapSizing sizing) {
        firstSizing.complete(sizing);
    }

    /**
     * Removes an ended job's results from the map and forgets the job.
     *
     * @return how many results were removed.
     * @throws FarmException when the job is running.
     */
    public long deleteJob(final String jobId) {
        if (jobsAlive.contains(jobId)) {
            throw new FarmException("job " + jobId + " is running; cancel it before deleting it");
        }
        final CompletableFuture<Long> removed = new CompletableFuture<>();
        conductor.offer(new FarmEvent.DeleteJob(jobId, removed));
        // the conductor answers, unless the farm stops first: then nothing will
        while (!removed.isDone()) {
            if (stopped) {
                throw new FarmException("the farm stopped before job " + jobId + " could be deleted");
            }
            try {
                removed.get(STOP_CHECK_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (final java.util.concurrent.TimeoutException | ExecutionException stillWaitingOrFailed) {
                // checked again above, or rethrown by await below
            } catch (final InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new FarmException("interrupted while deleting job " + jobId, ex);
            }
        }
        final long count = await(removed);
        JobRegistry.delete(lock.farm(), jobId);
        return count;
    }

    /** Drains the farm as SIGTERM does: no job gets new tasks, running ones finish, then the workers stop. */
    public void stop(final String why) {
        firstSizing.completeExceptionally(new FarmAbandoned("stopped before any job was opened (" + why + ")"));
        conductor.offer(new FarmEvent.ShutdownSignal(why));
    }

    /**
     * No more jobs: waits until those opened have ended, stops the workers and releases the farm dir. A farm closed
     * before any job was opened is abandoned (and a farm dir it created removed).
     *
     * @throws FarmException when the farm failed.
     */
    @Override
    public void close() {
        closed = true;
        firstSizing.completeExceptionally(new FarmAbandoned("closed before any job was opened"));
        conductor.offer(new FarmEvent.Close());
        final Throwable failure = await(ended.handle((ok, ex) -> ex));
        if (failure != null && !(failure instanceof FarmAbandoned)) {
            throw failure instanceof RuntimeException runtime
                    ? runtime
                    : new FarmException(failure.toString(), failure);
        }
    }

    private void run() {
        Throwable failure = null;
        try {
            // The worker JVMs start now, while the caller counts its first job's tasks and the map opens.
            conductor.startAllWorkers(ctx.clock().time());
            final MapSizing stored = FarmLayout.storedSizing(lock.farm());
            final MapSizing sizing = stored != null ? stored : FarmLayout.sizingOr(lock.farm(), awaitFirstSizing());
            try (ResultStore store = ResultStore.openForLauncher(lock.farm(), sizing, ctx.stuckMapWriteMs())) {
                ctx.timeline().mark("results_map_open");
                final int replayed = ResumeRecovery.replayOldResults(lock.farm(), store, runId);
                if (replayed > 0) {
                    LOG.info("recovered {} results from the queues of an earlier run", replayed);
                }
                conductor.resultsTo(store);
                final IdleStrategy idle = FarmIdle.newIdleStrategy();
                while (!conductor.isDone()) {
                    idle.idle(conductor.doWork());
                }
                conductor.endRemainingJobs();
                store.flush();
                status.launcherState(LauncherState.FINISHED);
                ResumeRecovery.deleteTree(lock.farm().runQueuesDir(runId));
                ctx.timeline().mark("workers_stopped");
            }
        } catch (final Throwable ex) {
            failure = ex;
            conductor.killAll("launcher failed: " + ex);
            if (ex instanceof FarmAbandoned && lock.freshFarmDir()) {
                ResumeRecovery.deleteTree(lock.farm().root());
            }
        } finally {
            stopped = true;
            conductor.failRemainingJobs(failure != null ? failure : new FarmException("the farm stopped"));
            if (signals != null) {
                signals.restore();
            }
            status.close();
            lock.close();
            if (failure == null) {
                ended.complete(null);
            } else {
                ended.completeExceptionally(failure);
            }
        }
    }

    private MapSizing awaitFirstSizing() {
        try {
            return firstSizing.join();
        } catch (final CompletionException ex) {
            throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
        }
    }

    private static <T> T await(final CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new FarmException("interrupted while waiting for the farm", ex);
        } catch (final ExecutionException ex) {
            throw ex.getCause() instanceof RuntimeException cause
                    ? cause
                    : new FarmException(ex.getCause().toString(), ex.getCause());
        }
    }

    private static void requireUniqueKeys(final List<TaskSpec> tasks) {
        final Set<String> keys = new HashSet<>(tasks.size() * 2);
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

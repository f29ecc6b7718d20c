package forecastfarm.launcher.farm;

import forecastfarm.shared.WorkerExitCode;
import forecastfarm.shared.status.LauncherState;
import forecastfarm.shared.status.StatusFile;
import forecastfarm.shared.wire.ResultKey;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskResult;
import forecastfarm.shared.wire.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's duty cycle, a flat list of duties: events from other threads, jobs and tasks in, results in, worker
 * health, worker starts, dispatch (in {@link JobTable}'s fair order), jobs out, status out. Only this thread touches
 * the jobs, their ledgers and the worker slots. A task's wire id is its job's slot in the high 32 bits and its index
 * in the job's ledger in the low ones.
 *
 * <p>One class on purpose, as Aeron's conductors are: every duty reads and changes the same single-threaded state
 * (the jobs' ledgers, the worker slots, the drain and abort flags), and a worker's death touches all of it at once
 * (results drained, tasks requeued or poisoned, restart backoff, the crash-loop breaker). Split along duties, each
 * part would need that whole state passed in. What has its own state lives apart: {@link JobTable}, {@link TaskLedger},
 * {@link WorkerProcess}, {@link LivenessPolicy}, {@link RestartBackoff}, {@link TaskStats},
 * {@link FarmStatusPublisher}, {@link IdleRecycling}; and the job duties that need only the jobs, the map and the
 * status file are {@link JobDuties}.
 */
final class FarmConductor implements Agent {
    private static final Logger LOG = LoggerFactory.getLogger(FarmConductor.class);
    private static final int RESULTS_PER_POLL = 512;
    private static final long STOP_WAIT_MS = 5_000;
    private static final long EXIT_REPORT_GRACE_MS = 2_000;
    private static final int UNKNOWN_EXIT_CODE = -1;
    private static final long EXIT_CHECK_INTERVAL_MS = 100;
    private static final long KILL_WAIT_MS = 5_000;

    private final FarmContext ctx;
    private final long runId;
    private final JobTable jobs;
    private final JobDuties jobDuties;
    private ResultStore store;
    private final StatusFile status;
    private final WorkerSpawner spawner;
    private final EpochClock clock;
    private final LivenessPolicy liveness;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final Queue<FarmEvent> events = new ConcurrentLinkedQueue<>();
    private final TaskStats stats = new TaskStats();
    private final IdleRecycling idleRecycling;
    private final FarmStatusPublisher statusPublisher;
    private int dispatchCursor;
    private int workerRestarts;
    private boolean closing;
    private boolean draining;
    private long drainDeadlineMs = Long.MAX_VALUE;
    private long stopSentMs = -1;
    private long lastExitCheckMs;
    private String abortReason;
    private String interruptedBy;

    FarmConductor(final FarmContext ctx, final long runId, final StatusFile status, final WorkerSpawner spawner) {
        this.ctx = ctx;
        this.runId = runId;
        this.status = status;
        this.spawner = spawner;
        this.clock = ctx.clock();
        this.jobs = new JobTable(ctx.maxTasksInFlightPerOwner());
        this.statusPublisher = new FarmStatusPublisher(status, jobs);
        this.jobDuties =
                new JobDuties(ctx, jobs, statusPublisher, Math.max(64, ctx.workers() * ctx.maxInFlightPerWorker()));
        this.liveness = new LivenessPolicy(ctx.heartbeatTimeoutMs(), ctx.taskTimeoutMs(), ctx.startupTimeoutMs());
        this.idleRecycling = new IdleRecycling(ctx.idleRecycleMs(), ctx.idleRecycleMinBytes());
        for (int slot = 0; slot < ctx.workers(); slot++) {
            workers.add(new WorkerProcess(
                    slot,
                    status,
                    new RestartBackoff(ctx.restartBaseDelayMs(), ctx.restartMaxDelayMs(), ctx.crashLoopLimit())));
        }
    }

    /**
     * Where results go; set once, before the first {@link #doWork()}.
     */
    void resultsTo(final ResultStore store) {
        this.store = store;
        jobDuties.resultsTo(store);
    }

    /**
     * Starts every idle worker slot now, before any task is known, so that the worker JVMs start while the caller
     * counts its tasks and the results map opens. A run that turns out to have nothing to do stops them again.
     */
    void startAllWorkers(final long nowMs) {
        startIdleWorkers(nowMs, false);
    }

    /**
     * For other threads (process exit handlers, signal handlers, job handles).
     */
    void offer(final FarmEvent event) {
        events.add(event);
    }

    /** From any thread: the job takes part from the next duty cycle on; its report completes when it ends. */
    void open(final JobRun job) {
        jobs.offer(job);
    }

    @Override
    public int doWork() {
        final long nowMs = clock.time();
        int work = drainEvents(nowMs);
        work += jobs.acceptOffered(job -> jobDuties.accept(job, workerRestarts, stopReason()));
        work += jobDuties.takeTasks();
        work += collectResults();
        work += store.checkStuck(System.nanoTime());
        work += superviseWorkers(nowMs);
        work += idleRecycling.recycle(
                nowMs, workers, jobs.pending() + jobs.inFlight() > 0, closing || draining || abortReason != null);
        work += startWorkers(nowMs);
        work += dispatch();
        work += jobDuties.endJobs(stopReason(), abortReason, workerRestarts);
        work += finishWhenDone(nowMs);
        work += store.publish();
        publishStatus(nowMs);
        return work;
    }

    @Override
    public String roleName() {
        return "farm-conductor";
    }

    boolean isDone() {
        return ((closing && jobs.isEmpty()) || draining || abortReason != null)
                && workers.stream().noneMatch(WorkerProcess::alive);
    }

    /** Why no job may run any more (a signal's drain or the abort), or null while the farm runs. */
    private String stopReason() {
        return draining ? interruptedBy : abortReason;
    }

    /** After the last duty cycle: ends every job still alive or offered (the farm was drained or aborted). */
    void endRemainingJobs() {
        jobDuties.endRemaining(
                abortReason != null ? abortReason : interruptedBy != null ? interruptedBy : "the farm stopped",
                abortReason,
                workerRestarts);
    }

    /** When the farm failed or stopped: every job not yet ended (alive or just offered) fails with this. */
    void failRemainingJobs(final Throwable failure) {
        jobDuties.failRemaining(failure);
    }

    private int drainEvents(final long nowMs) {
        int count = 0;
        for (FarmEvent event = events.poll(); event != null; event = events.poll()) {
            count++;
            if (event instanceof FarmEvent.WorkerExited exited) {
                onWorkerExited(exited, nowMs);
            } else if (event instanceof FarmEvent.ShutdownSignal signal) {
                onShutdownSignal(signal.signal(), nowMs);
            } else if (event instanceof FarmEvent.CancelJob stop) {
                JobDuties.cancel(stop.job(), stop.why());
            } else if (event instanceof FarmEvent.DeleteJob delete) {
                jobDuties.delete(delete);
            } else if (event instanceof FarmEvent.Close) {
                closing = true;
            }
        }
        return count;
    }

    private int collectResults() {
        int count = 0;
        for (final WorkerProcess worker : workers) {
            if (worker.results() != null) {
                count += worker.results().poll(RESULTS_PER_POLL);
            }
        }
        return count;
    }

    private void onResult(final WorkerProcess worker, final TaskResult result) {
        final JobRun job = jobs.bySlot(jobSlot(result.taskId()));
        final int task = (int) result.taskId();
        if (job == null || !job.ledger.isInFlight(task)) {
            LOG.warn(
                    "ignoring a duplicate result for task {} ({}/{}) from worker {}",
                    task,
                    result.job(),
                    result.key(),
                    worker.slot());
            return;
        }
        final TaskLedger ledger = job.ledger;
        worker.inFlight().remove(result.taskId());
        worker.countResult(result.payload().length);
        ledger.complete(task, result.status());
        job.cpuNs += result.cpuNs();
        worker.backoff().onTaskCompleted();
        stats.onResult(result.wallNs(), result.cpuNs());
        ctx.timeline().mark("first_result");
        ctx.timeline().markLatest("last_result");
        final ResultRecord record = new ResultRecord(
                result.status(),
                ledger.attempts(task),
                worker.slot(),
                worker.generation(),
                result.startEpochMs(),
                result.wallNs(),
                result.cpuNs(),
                result.error(),
                result.payload(),
                result.kind());
        store.put(ResultKey.of(job.spec.id(), result.key()), record.encode());
        job.listener.onTaskFinished(task, ledger.task(task), record);
    }

    private static int jobSlot(final long taskId) {
        return (int) (taskId >>> 32);
    }

    private void onWorkerExited(final FarmEvent.WorkerExited exited, final long nowMs) {
        final WorkerProcess worker = workers.get(exited.slot());
        if (worker.generation() != exited.generation() || !worker.alive()) {
            return;
        }
        // The process is gone, so its result queue is final: take every result before judging what was lost.
        while (worker.results().poll(RESULTS_PER_POLL) > 0) {
            // drain
        }
        final int exitCode = exited.exitCode();
        final boolean planned =
                worker.killCause() == null && (exitCode == WorkerExitCode.NORMAL || exitCode == WorkerExitCode.RECYCLE);
        final String cause = worker.killCause() != null ? worker.killCause() : WorkerExitCode.describe(exitCode);
        final long running = worker.runningTaskId();
        boolean explained = false;
        for (final long taskId : worker.inFlight()) {
            final JobRun job = jobs.bySlot(jobSlot(taskId));
            final boolean wasRunning = !planned && taskId == running;
            explained |= wasRunning;
            if (job != null && job.ledger.requeue((int) taskId, wasRunning, cause) && wasRunning) {
                poison(job, (int) taskId, worker);
            }
        }
        worker.inFlight().clear();
        long restartAtMs = nowMs;
        boolean disable = false;
        if (!planned) {
            LOG.warn(
                    "worker {} (generation {}, pid {}) ended: {}{}",
                    worker.slot(),
                    worker.generation(),
                    worker.process() == null ? "?" : worker.process().pid(),
                    cause,
                    explained ? " while running task " + running : "");
            restartAtMs = nowMs + worker.backoff().onCrash(explained);
            disable = worker.backoff().breakerOpen();
            if (disable) {
                LOG.error(
                        "worker slot {} crashed {} times in a row without running a task; giving it up (see {})",
                        worker.slot(),
                        worker.backoff().consecutiveCrashes(),
                        ctx.farmDirectory().workerLog(worker.slot(), worker.generation()));
            }
        }
        final boolean recycled = exitCode == WorkerExitCode.RECYCLE && worker.killCause() == null && stopSentMs < 0;
        if (recycled && store != null) {
            // the results just drained must be in the map before the recycled generation's queues are deleted
            store.flush();
        }
        worker.exited(restartAtMs, disable, recycled && store != null);
        if (workers.stream().allMatch(w -> w.phase() == WorkerProcess.Phase.DISABLED) && !jobs.isEmpty()) {
            abortReason = "every worker slot keeps crashing at start; see "
                    + ctx.farmDirectory().workerLog(worker.slot(), worker.generation());
        }
    }

    private void poison(final JobRun job, final int task, final WorkerProcess worker) {
        final TaskLedger ledger = job.ledger;
        final TaskSpec spec = ledger.task(task);
        final String reason =
                "poisoned: the worker running it died " + ledger.attempts(task) + " times; last: " + ledger.cause(task);
        LOG.error("task {} ({}/{}) {}", task, job.spec.id(), spec.key(), reason);
        final ResultRecord record = new ResultRecord(
                TaskStatus.POISONED,
                ledger.attempts(task),
                worker.slot(),
                worker.generation(),
                0,
                0,
                0,
                reason,
                new byte[0],
                spec.kind());
        store.put(ResultKey.of(job.spec.id(), spec.key()), record.encode());
        job.listener.onTaskFinished(task, spec, record);
    }

    private int superviseWorkers(final long nowMs) {
        int work = 0;
        final boolean exitCheckDue = nowMs - lastExitCheckMs >= EXIT_CHECK_INTERVAL_MS;
        if (exitCheckDue) {
            lastExitCheckMs = nowMs;
        }
        for (final WorkerProcess worker : workers) {
            if (worker.phase() == WorkerProcess.Phase.STARTING && worker.becameReady()) {
                ctx.timeline().mark("first_worker_ready");
                work++;
            }
            if (worker.phase() == WorkerProcess.Phase.STARTING || worker.phase() == WorkerProcess.Phase.RUNNING) {
                final String verdict = liveness.verdict(
                        nowMs,
                        worker.phase() == WorkerProcess.Phase.RUNNING,
                        worker.spawnedMs(),
                        worker.heartbeatMs(),
                        worker.runningTaskId(),
                        worker.runningTaskStartMs());
                if (verdict != null) {
                    LOG.warn(
                            "killing worker {} (pid {}): {}",
                            worker.slot(),
                            worker.process().pid(),
                            verdict);
                    worker.kill(verdict);
                    work++;
                }
            }
            if (exitCheckDue && worker.alive() && worker.exitUnreported(nowMs, EXIT_REPORT_GRACE_MS)) {
                // The exit handler thread should have told us; do not wait on it forever.
                LOG.warn(
                        "worker {} (pid {}) is gone but its exit was not reported",
                        worker.slot(),
                        worker.process().pid());
                onWorkerExited(
                        new FarmEvent.WorkerExited(worker.slot(), worker.generation(), UNKNOWN_EXIT_CODE), nowMs);
                work++;
                continue;
            }
            if (worker.alive() && nowMs > drainDeadlineMs) {
                worker.kill("did not finish its task within the drain grace period");
            }
            if (worker.phase() == WorkerProcess.Phase.STOPPING
                    && stopSentMs >= 0
                    && nowMs - stopSentMs > STOP_WAIT_MS) {
                worker.kill("did not stop within " + STOP_WAIT_MS + " ms");
            }
        }
        return work;
    }

    private int startWorkers(final long nowMs) {
        if (draining || abortReason != null) {
            return 0;
        }
        return startIdleWorkers(nowMs, !jobs.hasPending());
    }

    /** @param onlyRecycledIdle with no task waiting: start only the slots whose worker was recycled while idle */
    private int startIdleWorkers(final long nowMs, final boolean onlyRecycledIdle) {
        int started = 0;
        for (final WorkerProcess worker : workers) {
            if (worker.phase() == WorkerProcess.Phase.IDLE
                    && nowMs >= worker.restartAtMs()
                    && (!onlyRecycledIdle || worker.restartsAtOnce())) {
                if (worker.generation() > 0) {
                    workerRestarts++;
                }
                try {
                    worker.start(ctx.farmDirectory(), runId, spawner, result -> onResult(worker, result), nowMs);
                } catch (final RuntimeException ex) {
                    LOG.error("cannot start worker {}: {}", worker.slot(), ex.getMessage());
                    worker.exited(
                            nowMs + worker.backoff().onCrash(false),
                            worker.backoff().breakerOpen());
                }
                started++;
            }
        }
        if (started > 0) {
            ctx.timeline().mark("workers_spawned");
        }
        return started;
    }

    /**
     * Hands out tasks one at a time, each to the accepting worker with the fewest in flight (ties in turn), until
     * every worker holds its limit or no job has a task waiting: a small job's tasks spread over the workers instead
     * of filling the first one's queue.
     */
    private int dispatch() {
        if (draining || abortReason != null) {
            return 0;
        }
        final int limit = stats.inFlightLimit(ctx.targetQueuedWorkMs(), ctx.maxInFlightPerWorker());
        int dispatched = 0;
        for (WorkerProcess worker = leastLoaded(limit); worker != null; worker = leastLoaded(limit)) {
            final JobRun job = jobs.next();
            if (job == null) {
                break;
            }
            worker.send(job);
            dispatched++;
        }
        dispatchCursor = (dispatchCursor + 1) % workers.size();
        if (dispatched > 0) {
            ctx.timeline().mark("first_task_dispatched");
        }
        return dispatched;
    }

    /** @return the accepting worker with the fewest tasks in flight under the limit, or null. */
    private WorkerProcess leastLoaded(final int limit) {
        WorkerProcess best = null;
        final int n = workers.size();
        for (int i = 0; i < n; i++) {
            final WorkerProcess worker = workers.get((dispatchCursor + i) % n);
            if (worker.acceptsTasks()
                    && worker.inFlight().size() < limit
                    && (best == null
                            || worker.inFlight().size() < best.inFlight().size())) {
                best = worker;
            }
        }
        return best;
    }

    private int finishWhenDone(final long nowMs) {
        final boolean nothingLeft = (closing && jobs.isEmpty()) || abortReason != null;
        if (!nothingLeft || stopSentMs >= 0) {
            return 0;
        }
        stopSentMs = nowMs;
        workers.forEach(WorkerProcess::sendStop);
        return 1;
    }

    /**
     * @param signal the signal's name without "SIG" ("TERM"), or what else asked to stop.
     */
    private void onShutdownSignal(final String signal, final long nowMs) {
        if (!draining) {
            draining = true;
            interruptedBy = signalName(signal);
            jobs.alive().forEach(job -> JobDuties.cancel(job, interruptedBy));
            drainDeadlineMs = nowMs + ctx.drainGraceMs();
            LOG.warn(
                    "{}: draining: no new tasks, running tasks get {} s to finish; send it again to stop at once",
                    signalName(signal),
                    ctx.drainGraceMs() / 1000);
            workers.forEach(worker -> {
                if (worker.acceptsTasks()) {
                    worker.requestDrain();
                }
            });
            status.launcherState(LauncherState.DRAINING);
        } else {
            LOG.warn("{} again: stopping now", signalName(signal));
            workers.forEach(worker -> {
                if (worker.alive()) {
                    worker.kill("stopped by a second SIG" + signal);
                }
            });
        }
    }

    private static String signalName(final String signal) {
        return signal.matches("[A-Z0-9]+") ? "SIG" + signal : signal;
    }

    /**
     * Kills whatever still runs; used when the launcher itself fails.
     */
    void killAll(final String why) {
        final List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        workers.forEach(worker -> {
            if (worker.alive()) {
                if (worker.process() != null) {
                    exits.add(worker.process().onExit());
                }
                worker.kill(why);
            }
        });
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(KILL_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (final ExecutionException | TimeoutException ex) {
            LOG.warn("workers did not all end within {} ms of SIGKILL", KILL_WAIT_MS);
        }
    }

    private void publishStatus(final long nowMs) {
        statusPublisher.publish(nowMs, workers, workerRestarts, store.generation());
    }

    int workerRestarts() {
        return workerRestarts;
    }

    String abortReason() {
        return abortReason;
    }

    String interruptedBy() {
        return interruptedBy;
    }

    TaskStats stats() {
        return stats;
    }
}

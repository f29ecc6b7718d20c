package forecastfarm.launcher.api;

import forecastfarm.launcher.farm.Farm;
import forecastfarm.launcher.farm.FarmAbandoned;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmListener;
import forecastfarm.launcher.farm.FarmLock;
import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.launcher.farm.MapSizing;
import forecastfarm.launcher.farm.TaskIntake;
import forecastfarm.launcher.farm.TaskSpec;
import forecastfarm.shared.wire.ResultRecord;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Runs tasks of any kind on a farm of worker processes, from Java: submit tasks as you make them, get each outcome
 * as it completes. {@link ForecastFarm} and {@code farm run} are built on it.
 *
 * <pre>{@code
 * FarmContext ctx = new FarmContext().farmDir(Path.of("/tmp/my-farm")).workers(4)
 *     .workerClasspath("worker/target/forecast-farm-worker.jar");
 * try (TaskFarm farm = TaskFarm.builder(ctx).job("my sweep v1").expectedTasks(500, 8)
 *         .onResult(o -> System.out.println(o.key() + " " + o.record().status())).start()) {
 *     farm.submit("AAPL", "json:strategy-sweep", argsJson.getBytes(UTF_8));
 *     FarmReport report = farm.finish();
 * }
 * }</pre>
 *
 * <p>Contract: {@link #submit} may be called from any thread; it waits while the farm has enough work queued and
 * returns false once the farm has stopped taking tasks (drained by {@link #stop}, a signal, or aborted). Outcomes
 * are delivered to the {@code onResult} consumer on one dedicated thread, in completion order, each exactly once per
 * run (per key: keys are unique in a farm dir); tasks already finished by an earlier run in the same farm dir are
 * delivered with {@link TaskOutcome#resumed()} set and not computed again. {@link #finish} returns after the last
 * outcome was delivered. An exception thrown by the consumer stops the farm and is rethrown by {@link #finish}.
 */
public final class TaskFarm implements AutoCloseable {
    private static final TaskOutcome END = new TaskOutcome(-1, "", null, false);

    private final Builder config;
    private final FarmLock lock;
    private final TaskIntake intake;
    private final CompletableFuture<MapSizing> sizing = new CompletableFuture<>();
    private final BlockingQueue<TaskOutcome> deliveries = new LinkedBlockingQueue<>();
    private final Thread farmThread;
    private final Thread deliveryThread;
    private volatile FarmReport report;
    private volatile Throwable farmFailure;
    private volatile Throwable consumerFailure;
    private boolean finished;

    private TaskFarm(final Builder config, final FarmLock lock) {
        this.config = config;
        this.lock = lock;
        this.intake = new TaskIntake(config.intakeCapacity);
        if (config.countGiven) {
            intake.expect(config.expectedTasks);
        }
        this.farmThread = new Thread(this::runFarm, "task-farm");
        this.deliveryThread = new Thread(this::deliver, "task-farm-results");
        deliveryThread.setDaemon(true);
    }

    /**
     * @param ctx the farm's settings (farm dir, workers, timeouts, worker classpath); validated at {@link Builder#start}.
     */
    public static Builder builder(final FarmContext ctx) {
        return new Builder(ctx);
    }

    /**
     * Queues one task, waiting while the farm is busy.
     *
     * @param kind    the worker's kind for it ({@code json:NAME} for a {@code farm run} kind).
     * @param payload the kind's input.
     * @return true when queued; false when the farm no longer takes tasks.
     * @throws IllegalArgumentException for a key submitted twice in this run.
     */
    public boolean submit(final String key, final String kind, final byte[] payload) throws InterruptedException {
        Objects.requireNonNull(key, "key");
        sizing.complete(config.sizing(config.expectedTasks, config.meanKeyBytes));
        return intake.submit(new TaskSpec(key, kind, payload));
    }

    /**
     * The number of tasks this run will submit, for a farm started with {@link Builder#expectedTasksLater()}: sizes
     * the results map, which the farm opens once this is known. Ignored when the size is already set.
     *
     * @param meanKeyBytes the keys' mean length in bytes.
     */
    public void expectedTasks(final long count, final double meanKeyBytes) {
        if (!sizing.isDone()) {
            intake.expect(count);
        }
        sizing.complete(config.sizing(count, meanKeyBytes));
    }

    /** @return tasks submitted so far. */
    public long submitted() {
        return intake.submitted();
    }

    /** Drains the farm as SIGTERM does: no new tasks, running ones finish; {@link #finish} then returns early. */
    public void stop(final String why) {
        sizing.completeExceptionally(new FarmAbandoned("stopped before the tasks were counted (" + why + ")"));
        intake.requestStop(why);
    }

    /**
     * No more tasks: waits until every submitted task is finished and its outcome delivered.
     *
     * @throws FarmRunException when the farm could not run, or the result consumer failed.
     */
    public FarmReport finish() throws InterruptedException {
        if (!finished) {
            finished = true;
            sizing.complete(config.sizing(config.expectedTasks, config.meanKeyBytes));
            intake.close();
            farmThread.join();
            deliveries.put(END);
            deliveryThread.join();
        }
        if (farmFailure != null) {
            throw new FarmRunException(farmFailure.getMessage(), farmFailure);
        }
        if (consumerFailure != null) {
            throw new FarmRunException("the result consumer failed: " + consumerFailure, consumerFailure);
        }
        return report;
    }

    /** Stops the farm if it still runs and waits for it. */
    @Override
    public void close() throws InterruptedException {
        if (!finished) {
            stop("close()");
            try {
                finish();
            } catch (final FarmRunException ignored) {
                // close() is cleanup: the failure was or will be seen through finish()
            }
        }
    }

    private void runFarm() {
        try {
            report = Farm.run(
                    config.ctx, lock, intake, config.job, this::awaitSizing, new Listener(), config.handleSignals);
        } catch (final Throwable ex) {
            farmFailure = ex;
        }
    }

    private MapSizing awaitSizing() {
        try {
            return sizing.join();
        } catch (final CompletionException ex) {
            throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
        }
    }

    private void deliver() {
        for (; ; ) {
            final TaskOutcome outcome;
            try {
                outcome = deliveries.take();
            } catch (final InterruptedException ex) {
                return;
            }
            if (outcome == END) {
                return;
            }
            if (consumerFailure != null) {
                continue;
            }
            try {
                config.onResult.accept(outcome);
            } catch (final Throwable ex) {
                consumerFailure = ex;
                stop("result consumer failed");
            }
        }
    }

    /** On the conductor thread: hand over and return at once. */
    private final class Listener implements FarmListener {
        @Override
        public void onTaskFinished(final int task, final TaskSpec spec, final ResultRecord record) {
            deliveries.add(new TaskOutcome(task, spec.key(), record, false));
        }

        @Override
        public void onTaskResumed(final int task, final TaskSpec spec, final ResultRecord record) {
            deliveries.add(new TaskOutcome(task, spec.key(), record, true));
        }
    }

    /** Where tasks run and outcomes go; {@link #start()} validates and starts the workers. */
    public static final class Builder {
        private final FarmContext ctx;
        private String job;
        private Consumer<TaskOutcome> onResult = outcome -> {};
        private long expectedTasks = 10_000;
        private double meanKeyBytes = 16;
        private int meanResultBytes = 1024;
        private boolean sizedLater;
        private boolean countGiven;
        private boolean handleSignals;
        private int intakeCapacity = 1024;
        private FarmLock heldLock;

        private Builder(final FarmContext ctx) {
            this.ctx = Objects.requireNonNull(ctx, "ctx");
        }

        /**
         * What identifies this job in its farm dir (required): a farm dir holding another job is refused, so a farm
         * dir cannot mix results of different inputs or options.
         */
        public Builder job(final String description) {
            job = description;
            return this;
        }

        /** Called once per task as it completes, on one thread; keep it reasonably quick. */
        public Builder onResult(final Consumer<TaskOutcome> consumer) {
            onResult = Objects.requireNonNull(consumer, "consumer");
            return this;
        }

        /**
         * Sizes the results map, which can grow to 4 times this (default 10,000 tasks of 16-byte keys), and tells
         * the progress counters the total.
         */
        public Builder expectedTasks(final long count, final double meanKeyBytes) {
            this.expectedTasks = count;
            this.meanKeyBytes = meanKeyBytes;
            sizedLater = false;
            countGiven = true;
            return this;
        }

        /** The results' mean size in bytes, for sizing the results map (default 1 KiB). */
        public Builder meanResultBytes(final int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("meanResultBytes " + bytes + ": must be 1 or more");
            }
            meanResultBytes = bytes;
            return this;
        }

        /**
         * Starts the worker processes at {@link #start()} and lets the caller count its tasks meanwhile, giving the
         * count with {@link TaskFarm#expectedTasks}: the results map opens then (a submit, stop or finish before that
         * takes the default size; a stop abandons the run).
         */
        public Builder expectedTasksLater() {
            sizedLater = true;
            return this;
        }

        /** Drain on SIGINT, SIGTERM and SIGUSR1 (for a program that is only a farm, like the CLI). Default off. */
        public Builder handleSignals(final boolean on) {
            handleSignals = on;
            return this;
        }

        /** Tasks queued ahead of the farm at most (default 1024). */
        public Builder intakeCapacity(final int tasks) {
            intakeCapacity = tasks;
            return this;
        }

        /**
         * Runs in a farm dir the caller has locked already ({@link FarmLock#acquire}: to refuse a busy farm dir before
         * anything else); the run releases it when it ends. Default: {@link #start()} takes the lock.
         */
        public Builder lockedFarmDir(final FarmLock lock) {
            heldLock = Objects.requireNonNull(lock, "lock");
            return this;
        }

        /**
         * Checks the settings, locks the farm dir (unless {@link #lockedFarmDir} gave the lock) and starts the farm:
         * the worker processes start at once.
         *
         * @throws IllegalArgumentException for an invalid setting, naming it.
         * @throws forecastfarm.launcher.farm.FarmException when another launcher runs on the farm dir.
         */
        public TaskFarm start() {
            if (job == null || job.isBlank()) {
                throw new IllegalArgumentException("job: say what identifies this job in its farm dir");
            }
            if (intakeCapacity < 1) {
                throw new IllegalArgumentException("intakeCapacity " + intakeCapacity + ": must be 1 or more");
            }
            ctx.conclude();
            final TaskFarm farm =
                    new TaskFarm(this, heldLock != null ? heldLock : FarmLock.acquire(ctx.farmDirectory()));
            if (!sizedLater) {
                farm.sizing.complete(sizing(expectedTasks, meanKeyBytes));
            }
            farm.deliveryThread.start();
            farm.farmThread.start();
            return farm;
        }

        private MapSizing sizing(final long count, final double keyBytes) {
            return MapSizing.forTasks(Math.max(1, count), keyBytes, meanResultBytes);
        }
    }
}

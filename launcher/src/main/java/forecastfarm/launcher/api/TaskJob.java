package forecastfarm.launcher.api;

import forecastfarm.launcher.farm.FarmException;
import forecastfarm.launcher.farm.FarmListener;
import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.launcher.farm.JobHandle;
import forecastfarm.launcher.farm.JobSpec;
import forecastfarm.launcher.farm.MapSizing;
import forecastfarm.launcher.farm.TaskIntake;
import forecastfarm.launcher.farm.TaskSpec;
import forecastfarm.shared.wire.ResultRecord;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One job of a {@link TaskFarm}: submit its tasks, get each outcome as it completes, finish or cancel it.
 *
 * <p>Contract: {@link #submit} may be called from any thread; it waits while the farm has enough of this job's work
 * queued and returns false once the job no longer takes tasks (cancelled, the farm drained or aborted). Outcomes are
 * delivered to the job's {@code onResult} consumer on the job's own thread, in completion order, each exactly once per
 * (job, key); tasks an earlier run of the same job id finished are delivered with {@link TaskOutcome#resumed()} set.
 * {@link #finish} returns after the last outcome was delivered. An exception thrown by the consumer cancels the job
 * and is rethrown by {@link #finish}.
 */
public final class TaskJob implements AutoCloseable {
    private static final TaskOutcome END = new TaskOutcome(-1, "", null, false);

    private final TaskFarm farm;
    private final TaskIntake intake;
    private final JobHandle handle;
    private final Consumer<TaskOutcome> onResult;
    private final BlockingQueue<TaskOutcome> deliveries = new LinkedBlockingQueue<>();
    private final Thread deliveryThread;
    private volatile Throwable consumerFailure;
    private boolean finished;
    private FarmReport report;

    private TaskJob(final Builder config) {
        this.farm = config.farm;
        this.onResult = config.onResult;
        this.intake = new TaskIntake(config.intakeCapacity);
        intake.expect(config.expectedTasks);
        this.deliveryThread = new Thread(this::deliver, "task-job-" + config.spec.id());
        deliveryThread.setDaemon(true);
        final MapSizing sizing = MapSizing.forTasks(
                Math.max(1, config.expectedTasks),
                config.spec.id().length() + 1 + config.meanKeyBytes,
                config.meanResultBytes);
        farm.opened(this);
        try {
            this.handle = farm.farm().open(config.spec, intake, new Listener(), sizing);
        } catch (final FarmException ex) {
            farm.ended(this);
            throw new FarmRunException(ex.getMessage(), ex);
        }
        deliveryThread.start();
    }

    public JobSpec spec() {
        return handle.spec();
    }

    /**
     * Queues one task, waiting while the farm is busy.
     *
     * @param kind    the worker's kind for it ({@code json:NAME} for a {@code farm run} kind).
     * @param payload the kind's input.
     * @return true when queued; false when the job no longer takes tasks.
     */
    public boolean submit(final String key, final String kind, final byte[] payload) throws InterruptedException {
        Objects.requireNonNull(key, "key");
        return intake.submit(new TaskSpec(key, kind, payload));
    }

    /** @return tasks submitted so far. */
    public long submitted() {
        return intake.submitted();
    }

    /** Says how many tasks the job will have in all once the caller knows (for progress and ETA). */
    public void expectedTasks(final long count) {
        intake.expect(count);
    }

    /** Stops the job: its waiting tasks are not run, running ones finish; {@link #finish} then returns early. */
    public void cancel(final String why) {
        handle.cancel(why);
    }

    /**
     * No more tasks: waits until every submitted task is finished and its outcome delivered.
     *
     * @throws FarmRunException when the farm failed, or the result consumer failed.
     */
    public synchronized FarmReport finish() throws InterruptedException {
        if (!finished) {
            finished = true;
            intake.close();
            try {
                report = handle.await();
            } catch (final RuntimeException ex) {
                throw new FarmRunException(ex.getMessage(), ex);
            } finally {
                deliveries.put(END);
                deliveryThread.join();
                farm.ended(this);
            }
        }
        if (consumerFailure != null) {
            throw new FarmRunException("the result consumer failed: " + consumerFailure, consumerFailure);
        }
        return report;
    }

    /** Cancels the job if it still runs and waits for it. */
    @Override
    public void close() throws InterruptedException {
        if (!finished) {
            cancel("close()");
            try {
                finish();
            } catch (final FarmRunException ignored) {
                // close() is cleanup: the failure was or will be seen through finish()
            }
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
                onResult.accept(outcome);
            } catch (final Throwable ex) {
                consumerFailure = ex;
                cancel("result consumer failed");
            }
        }
    }

    /** On the farm's thread: hand over and return at once. */
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

    /** A job to open; {@link #open()} adds it to the farm. */
    public static final class Builder {
        private final TaskFarm farm;
        private final JobSpec spec;
        private Consumer<TaskOutcome> onResult = outcome -> {};
        private long expectedTasks;
        private double meanKeyBytes = 16;
        private int meanResultBytes = 1024;
        private int intakeCapacity = 1024;

        Builder(final TaskFarm farm, final JobSpec spec) {
            this.farm = farm;
            this.spec = spec;
        }

        /** Called once per task as it completes, on the job's own thread; keep it reasonably quick. */
        public Builder onResult(final Consumer<TaskOutcome> consumer) {
            onResult = Objects.requireNonNull(consumer, "consumer");
            return this;
        }

        /**
         * How many tasks the job will have (for progress, and to size the results map; default 1,000 of 16-byte
         * keys, the map grows when a job brings more).
         */
        public Builder expectedTasks(final long count, final double meanKeyBytes) {
            if (count < 0) {
                throw new IllegalArgumentException("expectedTasks " + count + ": must be 0 or more");
            }
            this.expectedTasks = count;
            this.meanKeyBytes = meanKeyBytes;
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

        /** Tasks queued ahead of the farm at most (default 1024). */
        public Builder intakeCapacity(final int tasks) {
            if (tasks < 1) {
                throw new IllegalArgumentException("intakeCapacity " + tasks + ": must be 1 or more");
            }
            intakeCapacity = tasks;
            return this;
        }

        /**
         * Opens the job: its tasks run as they are submitted.
         *
         * @throws FarmRunException when the job id is running already, holds another job, or the farm is closed.
         */
        public TaskJob open() {
            return new TaskJob(this);
        }
    }
}

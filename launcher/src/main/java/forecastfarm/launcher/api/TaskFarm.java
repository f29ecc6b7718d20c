package forecastfarm.launcher.api;

import forecastfarm.launcher.farm.Farm;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmException;
import forecastfarm.launcher.farm.FarmLock;
import forecastfarm.launcher.farm.JobSpec;
import forecastfarm.launcher.farm.MapSizing;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A farm of worker processes that runs many jobs of any kind at once, from Java: start it, open jobs, submit their
 * tasks as you make them, get each outcome as it completes. {@link ForecastFarm}, {@code farm forecast} and
 * {@code farm run} are built on it.
 *
 * <pre>{@code
 * FarmContext ctx = new FarmContext().farmDir(Path.of("/tmp/my-farm")).workers(4)
 *     .workerClasspath("worker/target/forecast-farm-worker.jar");
 * try (TaskFarm farm = TaskFarm.builder(ctx).start()) {
 *     TaskJob sweep = farm.job(JobSpec.named("sweep-v1").withOwner("alice"))
 *         .expectedTasks(500, 8)
 *         .onResult(o -> System.out.println(o.key() + " " + o.record().status()))
 *         .open();
 *     sweep.submit("AAPL", "json:strategy-sweep", argsJson.getBytes(UTF_8));
 *     FarmReport report = sweep.finish();
 * }
 * }</pre>
 *
 * <p>Contract: jobs are independent: each has its own keys (two jobs may both have {@code AAPL} and each gets its own
 * result), its own outcome thread and its own report; tasks are dispatched round-robin across owners, then across
 * an owner's jobs of the highest priority. A job id that is reopened resumes: tasks its earlier run finished are
 * delivered as resumed, not computed again; an id that holds another job (another fingerprint) is refused. An ended
 * job leaves nothing on this farm's heap; its results stay in the farm dir until {@link #deleteJob}. Methods may be
 * called from any thread.
 */
public final class TaskFarm implements AutoCloseable {
    private final Farm farm;
    private final List<TaskJob> jobs = new ArrayList<>();
    private boolean closed;

    private TaskFarm(final Farm farm) {
        this.farm = farm;
    }

    /**
     * @param ctx the farm's settings (farm dir, workers, timeouts, worker classpath); validated at {@link Builder#start}.
     */
    public static Builder builder(final FarmContext ctx) {
        return new Builder(ctx);
    }

    /** Starts describing a job of this farm; {@link TaskJob.Builder#open()} opens it. */
    public TaskJob.Builder job(final JobSpec spec) {
        return new TaskJob.Builder(this, Objects.requireNonNull(spec, "spec"));
    }

    /**
     * Removes an ended job's results from the farm dir and forgets the job.
     *
     * @return how many results were removed.
     * @throws FarmRunException when the job is running.
     */
    public long deleteJob(final String jobId) {
        try {
            return farm.deleteJob(jobId);
        } catch (final FarmException ex) {
            throw new FarmRunException(ex.getMessage(), ex);
        }
    }

    /** Drains the farm as SIGTERM does: no job gets new tasks, running ones finish; open jobs then end early. */
    public void stop(final String why) {
        farm.stop(why);
    }

    /**
     * Cancels the jobs still open (their running tasks finish), waits for them, stops the workers and releases the
     * farm dir.
     *
     * @throws FarmRunException when the farm failed.
     */
    @Override
    public void close() throws InterruptedException {
        final List<TaskJob> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(jobs);
        }
        for (final TaskJob job : open) {
            job.close();
        }
        try {
            farm.close();
        } catch (final FarmException ex) {
            throw new FarmRunException(ex.getMessage(), ex);
        }
    }

    Farm farm() {
        return farm;
    }

    synchronized void opened(final TaskJob job) {
        if (closed) {
            throw new FarmRunException("the farm is closed: it takes no more jobs", null);
        }
        jobs.add(job);
    }

    synchronized void ended(final TaskJob job) {
        jobs.remove(job);
    }

    /** Where the farm runs; {@link #start()} validates, takes the farm dir and starts the workers. */
    public static final class Builder {
        private final FarmContext ctx;
        private boolean handleSignals;
        private FarmLock heldLock;
        private MapSizing mapSizing;

        private Builder(final FarmContext ctx) {
            this.ctx = Objects.requireNonNull(ctx, "ctx");
        }

        /** Drain on SIGINT, SIGTERM and SIGUSR1 (for a program that is only a farm, like the CLI). Default off. */
        public Builder handleSignals(final boolean on) {
            handleSignals = on;
            return this;
        }

        /**
         * Opens the results map at {@link #start()}, sized for this many results of these mean sizes (it grows when
         * jobs bring more), instead of with the first job: for a standing farm, which must keep its farm dir even
         * when it stops before its first job. Default: the first job sizes the map.
         */
        public Builder resultsMapFor(final long results, final int meanKeyBytes, final int meanResultBytes) {
            mapSizing = MapSizing.forTasks(Math.max(1, results), meanKeyBytes, meanResultBytes);
            return this;
        }

        /**
         * Runs in a farm dir the caller has locked already ({@link FarmLock#acquire}: to refuse a busy farm dir before
         * anything else); the farm releases it when it closes. Default: {@link #start()} takes the lock.
         */
        public Builder lockedFarmDir(final FarmLock lock) {
            heldLock = Objects.requireNonNull(lock, "lock");
            return this;
        }

        /**
         * Checks the settings, locks the farm dir (unless {@link #lockedFarmDir} gave the lock) and starts the farm:
         * the worker processes start at once; the results map opens with the first job.
         *
         * @throws IllegalArgumentException for an invalid setting, naming it.
         * @throws FarmException            when another launcher runs on the farm dir, or it is of an earlier layout.
         */
        public TaskFarm start() {
            ctx.conclude();
            final Farm farm = Farm.start(ctx, heldLock, handleSignals);
            if (mapSizing != null) {
                farm.openMap(mapSizing);
            }
            return new TaskFarm(farm);
        }
    }
}

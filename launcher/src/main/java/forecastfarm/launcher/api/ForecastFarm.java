package forecastfarm.launcher.api;

import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.JobSpec;
import forecastfarm.shared.forecast.CvRequest;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.forecast.ModelSpec;
import forecastfarm.shared.wire.FarmQueues;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Forecasts series on a farm of worker processes, from Java: submit series as you read them, get each result as it
 * completes. The command line ({@code farm forecast}) is built on it.
 *
 * <pre>{@code
 * FarmContext ctx = new FarmContext().farmDir(Path.of("/tmp/my-farm")).workers(4)
 *     .workerClasspath("worker/target/forecast-farm-worker.jar");
 * try (ForecastFarm farm = ForecastFarm.builder(ctx).horizon(12).models("ets", "theta").levels(80, 95)
 *         .onResult(r -> System.out.println(r.id() + " " + r.status())).start()) {
 *     farm.submit("AAPL", prices, 5);
 *     FarmSummary summary = farm.finish();
 * }
 * }</pre>
 *
 * <p>Contract: {@link #submit} may be called from any thread; it waits while the farm has enough work queued (the
 * input is streamed, never held whole) and returns false once the farm has stopped taking series (drained by
 * {@link #stop}, a signal, or aborted). Results are delivered to the {@code onResult} consumer on one dedicated
 * thread, in completion order, each exactly once per run; series already finished by an earlier run of the same
 * job are delivered with {@link SeriesResult#resumed()} set and not computed again. {@link #finish} returns
 * after the last result was delivered. An exception thrown by the consumer stops the farm and is rethrown by
 * {@link #finish}. It is one job of the built-in forecast kind on a {@link TaskFarm} of its own.
 *
 * <p>With a {@link Builder#batchSize} above 1, series are grouped into "forecast-batch" tasks of that many series
 * ({@link SeriesBatcher}; the last, smaller batch at {@link #finish}), and each batch's outcome is delivered as one
 * {@link SeriesResult} per series ({@link BatchResults}: a series' runtime is its batch's wall time divided evenly
 * among the batch's series), so a consumer sees series as without batches. A worker killed mid-batch loses that
 * batch's task, which runs again. Which batch holds a series is recorded in the farm dir ({@link BatchedSubmission})
 * for {@code farm inspect --id}.
 */
public final class ForecastFarm implements AutoCloseable {
    private final Builder config;
    private final TaskFarm farm;
    private TaskJob job;
    /** null when each series is a task of its own. */
    private final BatchedSubmission batched;

    private ForecastFarm(final Builder config, final TaskFarm farm) {
        this.config = config;
        this.farm = farm;
        this.batched = config.batchSize > 1
                ? new BatchedSubmission(
                        new SeriesBatcher(
                                config.batchSize,
                                SeriesBatcher.resultBytesPerSeries(
                                        config.models.size(), config.horizon, config.levels.length),
                                config.ctx.retryFailed() ? "retry " + System.nanoTime() : ""),
                        config.ctx.farmDirectory(),
                        this::job)
                : null;
    }

    /** The job, opened at the first need with the count known by then (the map is sized from it). */
    private synchronized TaskJob job() {
        if (job == null) {
            final int perTask = batched == null ? 1 : config.batchSize;
            job = farm.job(config.jobSpec())
                    // a batch's key is its first id and about 18 characters more
                    .expectedTasks(tasks(config.expectedSeries), config.meanIdBytes + (batched == null ? 0 : 18))
                    .meanResultBytes(config.resultBytes * perTask)
                    // about as many series queued ahead as without batches
                    .intakeCapacity(perTask == 1 ? config.intakeCapacity : Math.max(4, config.intakeCapacity / perTask))
                    .onResult(this::deliver)
                    .open();
        }
        return job;
    }

    /** @return the tasks that {@code series} series make. */
    private long tasks(final long series) {
        return batched == null ? series : (series + config.batchSize - 1) / config.batchSize;
    }

    private void deliver(final TaskOutcome outcome) {
        if (batched == null) {
            config.onResult.accept(SeriesResult.of(outcome, config.cvWindows > 0));
        } else {
            batched.results().results(outcome).forEach(config.onResult);
        }
    }

    /**
     * @param ctx the farm's settings (farm dir, workers, timeouts, worker classpath); validated at {@link Builder#start}.
     */
    public static Builder builder(final FarmContext ctx) {
        return new Builder(ctx);
    }

    /**
     * Queues one series, waiting while the farm is busy.
     *
     * @param y            the values, oldest first, all finite.
     * @param seasonLength the season length m (1 for none).
     * @return true when queued; false when the farm no longer takes series.
     * @throws IllegalArgumentException for an id submitted twice in this run, or a series too long for one task.
     */
    public boolean submit(final String id, final double[] y, final int seasonLength) throws InterruptedException {
        return submit(id, y, new double[] {seasonLength});
    }

    /**
     * Queues one series with several season lengths (e.g. 24 and 168 for hourly data), waiting while the farm is
     * busy. Models that take one season use the first (see {@link ForecastRequest}).
     *
     * @param seasons the season lengths, the main one first; at least one, each at least 1.
     * @return true when queued; false when the farm no longer takes series.
     * @throws IllegalArgumentException for an id submitted twice in this run, or a series too long for one task.
     */
    public boolean submit(final String id, final double[] y, final double[] seasons) throws InterruptedException {
        Objects.requireNonNull(id, "id");
        final ForecastRequest request = new ForecastRequest(y, config.horizon, seasons, config.models, config.levels);
        final byte[] payload = config.cvWindows == 0
                ? request.encode()
                : new CvRequest(request, config.cvWindows, config.cvStep, config.cvInputSize).encode();
        if (payload.length > FarmQueues.MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("series " + id + " has " + y.length + " values, more than one task can "
                    + "carry (" + maxValues() + ")");
        }
        if (batched == null) {
            return job().submit(id, config.cvWindows == 0 ? ForecastRequest.KIND : CvRequest.KIND, payload);
        }
        return batched.submit(id, payload);
    }

    /**
     * The number of series this job will submit, once the caller has counted them (the workers started meanwhile):
     * opens the job sized for them, and with it the results map of a new farm dir. Before the first submit; later it
     * only updates the count shown by progress and inspect.
     *
     * @param meanIdBytes the ids' mean length in bytes.
     */
    public void expectedSeries(final long count, final double meanIdBytes) {
        synchronized (this) {
            if (job == null) {
                config.expectedSeries = count;
                config.meanIdBytes = meanIdBytes;
            }
        }
        job().expectedTasks(tasks(count));
    }

    /**
     * Has a worker make the job's models before any series runs, when they name a plugin model ({@link ModelCheck}):
     * a model file that is missing, corrupt or of another interface then fails here, once, instead of every series.
     * After {@link #expectedSeries} (the job sizes the results map), before the first submit.
     *
     * @throws IllegalArgumentException naming the model file and what differs
     */
    public void checkModels() throws InterruptedException {
        ModelCheck.run(farm, config.models);
    }

    /**
     * @return the most values one series may have.
     */
    public static int maxValues() {
        return FarmQueues.MAX_MESSAGE_BYTES / Double.BYTES - 1024;
    }

    /**
     * @return series submitted so far.
     */
    public synchronized long submitted() {
        if (batched != null) {
            return batched.results().submittedSeries();
        }
        return job == null ? 0 : job.submitted();
    }

    /**
     * Drains the farm as SIGTERM does: no new series, running ones finish; {@link #finish} then returns early.
     */
    public void stop(final String why) {
        farm.stop(why);
    }

    /**
     * No more series: waits until every submitted series is finished and its result delivered (with batches, the
     * series that wait for a full batch are submitted first, as one smaller batch).
     *
     * @throws FarmRunException when the farm could not run, or the result consumer failed.
     */
    public FarmSummary finish() throws InterruptedException {
        try {
            if (batched == null) {
                return FarmSummary.of(job().finish());
            }
            batched.submitRest();
            return batched.results().summary(job().finish());
        } finally {
            farm.close();
        }
    }

    /**
     * Stops the farm if it still runs and waits for it.
     */
    @Override
    public void close() throws InterruptedException {
        try {
            farm.close();
        } finally {
            if (batched != null) {
                batched.close();
            }
        }
    }

    /**
     * What to forecast and where results go; {@link #start()} validates and starts the workers.
     */
    public static final class Builder {
        private final FarmContext ctx;
        private int horizon;
        private List<String> models = List.of("naive", "snaive", "drift");
        private double[] levels = {80, 95};
        private Consumer<SeriesResult> onResult = result -> {};
        private long expectedSeries = 10_000;
        private double meanIdBytes = 16;
        private int resultBytes;
        private JobSpec job;
        private boolean handleSignals;
        private int intakeCapacity = 1024;
        private int cvWindows;
        private int cvStep;
        private int cvInputSize;
        private int batchSize = 1;

        private Builder(final FarmContext ctx) {
            this.ctx = Objects.requireNonNull(ctx, "ctx");
        }

        /** Steps to forecast, 1 or more. */
        public Builder horizon(final int steps) {
            horizon = steps;
            return this;
        }

        /**
         * The models, in output order, in the {@code --model} syntax (see {@link ModelSpec}): each string one spec or
         * a comma-separated list of them, e.g. {@code models("ets", "comb:ets+theta")} or
         * {@code models("ets,comb:ets+theta")}; checked at {@link #start()}.
         */
        public Builder models(final String... specs) {
            models = List.of(specs);
            return this;
        }

        /** As {@link #models(String...)}. */
        public Builder models(final List<String> specs) {
            models = List.copyOf(specs);
            return this;
        }

        /** Interval levels in percent, each in (0, 100). */
        public Builder levels(final double... percent) {
            levels = percent.clone();
            return this;
        }

        /** Called once per series as it completes, on one thread; keep it reasonably quick. */
        public Builder onResult(final Consumer<SeriesResult> consumer) {
            onResult = consumer;
            return this;
        }

        /**
         * How many series will come (default 10,000), for progress and to size the results map. The worker processes
         * start at {@link #start()}; a caller still counting its series gives the count later with
         * {@link ForecastFarm#expectedSeries}, before its first submit: the job opens, and the map with it, then.
         *
         * @param meanIdBytes the ids' mean length in bytes.
         */
        public Builder expectedSeries(final long count, final double meanIdBytes) {
            this.expectedSeries = count;
            this.meanIdBytes = meanIdBytes;
            return this;
        }

        /**
         * The job in its farm dir (rerunning a job id resumes it; an id that holds another job is refused). Default:
         * an id derived from the models, horizon and levels.
         */
        public Builder job(final JobSpec spec) {
            job = Objects.requireNonNull(spec, "spec");
            return this;
        }

        /** Drain on SIGINT, SIGTERM and SIGUSR1 (for a program that is only a farm, like the CLI). Default off. */
        public Builder handleSignals(final boolean on) {
            handleSignals = on;
            return this;
        }

        /**
         * Cross-validates each series instead of forecasting it ({@code farm cv}): {@code windows} rolling origins,
         * {@code step} points apart, each refitting every model on the points up to its cutoff (the last
         * {@code inputSize} of them; 0 for all) and forecasting the {@code horizon} after it; results carry
         * {@link SeriesResult#cv()}. See {@link CvRequest} for the windows' placement.
         */
        public Builder crossValidation(final int windows, final int step, final int inputSize) {
            if (windows < 1 || step < 1 || inputSize < 0) {
                throw new IllegalArgumentException("cross-validation needs windows >= 1, step >= 1 and an input size"
                        + " >= 0 (0: expanding); got " + windows + ", " + step + ", " + inputSize);
            }
            cvWindows = windows;
            cvStep = step;
            cvInputSize = inputSize;
            return this;
        }

        /**
         * Series per task (default 1): above 1, series are forecast in "forecast-batch" tasks of this many, which pays
         * for a model that forecasts many series in one call ({@code onnx}); results still come one per series. Not
         * for cross-validation, whose tasks hold one series each.
         */
        public Builder batchSize(final int series) {
            batchSize = series;
            return this;
        }

        /** Series queued ahead of the farm at most (default 1024). */
        public Builder intakeCapacity(final int series) {
            intakeCapacity = series;
            return this;
        }

        /**
         * Checks the settings, locks the farm dir and starts the farm: the worker processes start at once.
         *
         * @throws IllegalArgumentException for an invalid setting, naming it (a bad model spec as {@code models 'TEXT':
         *     problem}, as the command line's {@code --model}).
         * @throws forecastfarm.launcher.farm.FarmException when another launcher runs on the farm dir.
         */
        public ForecastFarm start() {
            if (horizon < 1) {
                throw new IllegalArgumentException("Invalid forecast horizon h = " + horizon + ": must be 1 or more");
            }
            models = ModelSpec.texts(ModelSpec.parseList("models", String.join(",", models)));
            for (final double level : levels) {
                if (!(level > 0 && level < 100)) {
                    throw new IllegalArgumentException(
                            "invalid level " + level + ": levels are percentages in (0, 100)");
                }
            }
            levels = Arrays.stream(levels).sorted().distinct().toArray();
            resultBytes =
                    ForecastResult.estimateEncodedBytes(models.size(), horizon, levels.length) * Math.max(1, cvWindows);
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize " + batchSize + ": must be 1 or more");
            }
            if (batchSize > 1 && cvWindows > 0) {
                throw new IllegalArgumentException(
                        "batchSize " + batchSize + ": cross-validation runs one series per task (batch size 1)");
            }
            if (intakeCapacity < 1) {
                throw new IllegalArgumentException("intakeCapacity " + intakeCapacity + ": must be 1 or more");
            }
            // TaskFarm.start locks the farm dir first, so that a busy one is refused before the caller reads its
            // input or a worker starts
            return new ForecastFarm(
                    this, TaskFarm.builder(ctx).handleSignals(handleSignals).start());
        }

        private JobSpec jobSpec() {
            return job != null
                    ? job
                    : JobSpec.ofFingerprint(
                            cvWindows == 0 ? "forecast" : "cv",
                            (cvWindows == 0
                                            ? "forecast"
                                            : "cv windows=" + cvWindows + " step=" + cvStep + " input=" + cvInputSize)
                                    + " h=" + horizon + " models=" + String.join(",", models) + " levels="
                                    + Arrays.toString(levels));
        }
    }
}

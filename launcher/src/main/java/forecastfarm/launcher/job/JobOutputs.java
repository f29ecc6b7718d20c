package forecastfarm.launcher.job;

import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.io.CarryOver;
import forecastfarm.launcher.io.FailedCsvWriter;
import forecastfarm.launcher.io.ForecastCsvWriter;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.JobLogWriter;
import forecastfarm.shared.forecast.ModelForecast;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files in {@code --out} as results stream in: forecasts.csv, failed.csv and joblog.tsv, each written under a
 * temporary name and renamed into place by {@link #commit()} (a failed run never leaves a half-written file; its
 * results stay in the farm dir). Series are registered as they are submitted and forgotten once written, so memory
 * holds only the series in flight. Called from the result thread and the reading thread.
 */
final class JobOutputs {
    private final Path out;
    private final int horizon;
    private final ForecastCsvWriter forecasts;
    private final FailedCsvWriter failed;
    private final JobLogWriter joblog;
    private final ConcurrentHashMap<String, SubmittedSeries> inFlight = new ConcurrentHashMap<>();
    private double[] runtimeMs = new double[1024];
    private int runtimes;
    private final SeriesResultListener next;
    private int invalid;
    private int modelFailures;

    /**
     * Something else that wants each written result (plots, the report).
     */
    interface SeriesResultListener {
        void onWritten(SubmittedSeries series, SeriesResult result) throws IOException;

        default void onInvalid(InputProblem problem) {}

        default void onNotRun(SubmittedSeries series) {}
    }

    JobOutputs(final Path out, final int horizon, final double[] levels, final SeriesResultListener next)
            throws IOException {
        Files.createDirectories(out);
        this.out = out;
        this.horizon = horizon;
        this.next = next;
        this.forecasts = new ForecastCsvWriter(out.resolve("forecasts.csv"), levels);
        this.failed = new FailedCsvWriter(out.resolve("failed.csv"));
        this.joblog = new JobLogWriter(out.resolve(JobLogWriter.FILE_NAME));
    }

    /**
     * Copies the rows of the earlier outputs in {@code --out} for the series this run skips ({@code --resume}).
     */
    synchronized void carryOver(final Set<String> skippedIds) throws IOException {
        CarryOver.copy(out.resolve(JobLogWriter.FILE_NAME), '\t', 1, skippedIds, joblog::copyRow);
        CarryOver.copy(out.resolve("forecasts.csv"), ',', 0, skippedIds, forecasts::copyRow);
        CarryOver.copy(out.resolve("failed.csv"), ',', 0, skippedIds, failed::copyRow);
    }

    synchronized void invalid(final InputProblem problem) throws IOException {
        invalid++;
        final String id = problem.seriesId() == null ? "" : problem.seriesId();
        failed.write(id, "INVALID", 0, problem.message());
        joblog.write(0, id, -1, 0, 0, 0, "INVALID", problem.message());
        next.onInvalid(problem);
    }

    /**
     * Registers a series before it is handed to the farm (its result may come back at once).
     */
    void submitted(final SubmittedSeries series) {
        inFlight.put(series.id(), series);
    }

    /**
     * The farm refused a registered series (it stopped taking series): it counts as not read, not as not run.
     */
    void withdraw(final String id) {
        inFlight.remove(id);
    }

    /**
     * The result consumer: writes one series' rows.
     *
     * @throws UncheckedIOException when a file cannot be written (a full disk): the farm then stops.
     */
    void accept(final SeriesResult result) {
        final SubmittedSeries series = inFlight.remove(result.id());
        try {
            write(series, result);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write to " + out + ": " + ex.getMessage(), ex);
        }
    }

    private synchronized void write(final SubmittedSeries series, final SeriesResult result) throws IOException {
        if (runtimes == runtimeMs.length) {
            runtimeMs = java.util.Arrays.copyOf(runtimeMs, runtimes * 2);
        }
        runtimeMs[runtimes++] = result.runtimeMs();
        joblog.write(
                result.seq() + 1,
                result.id(),
                result.workerSlot(),
                result.startEpochMs(),
                result.runtimeMs() / 1000,
                result.attempts(),
                result.status().name(),
                result.reason());
        if (!result.ok()) {
            failed.write(result.id(), result.status().name(), result.attempts(), result.reason());
        } else {
            final String[] ds = series == null ? numberedSteps() : series.axis().future(horizon);
            for (final ModelForecast f : result.forecasts()) {
                if (f.ok()) {
                    forecasts.write(result.id(), ds, f.model(), f.mean(), f.lower(), f.upper());
                } else {
                    modelFailures++;
                    failed.write(result.id(), "MODEL_FAILED", result.attempts(), f.model() + ": " + f.error());
                }
            }
        }
        if (series != null) {
            next.onWritten(series, result);
        }
    }

    private String[] numberedSteps() {
        final String[] steps = new String[horizon];
        for (int i = 0; i < horizon; i++) {
            steps[i] = Integer.toString(i + 1);
        }
        return steps;
    }

    /**
     * Series submitted but never finished (the run was interrupted): NOT_RUN rows.
     *
     * @return how many.
     */
    synchronized int notRun() throws IOException {
        final int count = inFlight.size();
        for (final SubmittedSeries series : inFlight.values()) {
            final String reason = "the run was interrupted before this series; rerun the same command to resume";
            failed.write(series.id(), "NOT_RUN", 0, reason);
            joblog.write(series.seq() + 1, series.id(), -1, 0, 0, 0, "NOT_RUN", reason);
            next.onNotRun(series);
        }
        inFlight.clear();
        return count;
    }

    synchronized void commit() throws IOException {
        forecasts.close();
        failed.close();
        joblog.close();
    }

    synchronized void abort() {
        forecasts.abort();
        failed.abort();
        joblog.abort();
    }

    synchronized int invalidCount() {
        return invalid;
    }

    synchronized int modelFailures() {
        return modelFailures;
    }

    synchronized double runtimePercentileMs(final double p) {
        if (runtimes == 0) {
            return 0;
        }
        final double[] sorted = java.util.Arrays.copyOf(runtimeMs, runtimes);
        java.util.Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }
}

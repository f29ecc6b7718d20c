package forecastfarm.launcher.job;

import forecastfarm.launcher.api.FarmSummary;
import forecastfarm.launcher.api.ForecastFarm;
import forecastfarm.launcher.api.ForecastFarmException;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.cli.Terminal;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.JobLogReader;
import forecastfarm.launcher.io.JobLogWriter;
import forecastfarm.launcher.io.OutputFormat;
import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.SeriesReader;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.io.SummaryJson;
import forecastfarm.launcher.io.parquet.ForecastsCsvRestore;
import forecastfarm.launcher.io.parquet.ForecastsParquet;
import forecastfarm.launcher.merge.EmptyShard;
import forecastfarm.launcher.report.PlotPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code farm forecast}: streams the input through the farm and writes forecasts.csv, failed.csv, joblog.tsv and
 * summary.json in {@code --out} as results arrive. Reads the input twice, never holding it whole: a first pass
 * checks it and counts the series (reporting every problem before anything runs, and sizing the results map and
 * the progress bar), the second submits the series one by one.
 */
public final class ForecastJob {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastJob.class);
    private static final int PROBLEMS_SHOWN = 20;

    private final ForecastJobOptions options;
    private final FarmContext farmContext;
    private final PrintStream console;
    private ShardFilter shard = ShardFilter.ALL;
    private OutputFormat outputFormat = OutputFormat.CSV;

    public ForecastJob(final ForecastJobOptions options, final FarmContext farmContext, final PrintStream console) {
        this.options = options;
        this.farmContext = farmContext;
        this.console = console;
    }

    /**
     * Forecast only this shard of the input ({@code --shard i/n}); the default is the whole input.
     */
    public ForecastJob shard(final ShardFilter shard) {
        this.shard = shard;
        return this;
    }

    /**
     * The format of the forecasts file ({@code --output-format}); the default is CSV.
     */
    public ForecastJob outputFormat(final OutputFormat outputFormat) {
        this.outputFormat = outputFormat;
        return this;
    }

    /**
     * @return the process exit code (see {@link ExitCodes}).
     */
    public int run() {
        final Map<String, String> kept = keptFromJoblog();
        final AtomicReference<JobOutputs> outputs = new AtomicReference<>();
        final AtomicLong finished = new AtomicLong();
        // The workers start now, while the input is checked: no result can come before the first submit.
        final ForecastFarm farm = ForecastFarm.builder(farmContext)
                .horizon(options.horizon())
                .models(options.models())
                .levels(options.levels())
                .expectedSeriesLater()
                .job(shard.fingerprint(options.fingerprint()))
                .handleSignals(true)
                .onResult(result -> {
                    outputs.get().accept(result);
                    finished.incrementAndGet();
                })
                .start();
        JobReport.prewarmPlots(options.plots());
        final InputScan scan;
        try {
            scan = InputScan.of(reader(), options.input(), options.seasonLength());
        } catch (final RuntimeException ex) {
            abandon(farm);
            throw ex;
        }
        farmContext.timeline().mark("input_checked");
        printProblems(scan.problems());
        if (scan.series() == 0) {
            abandon(farm);
            if (scan.problems().isEmpty() && !shard.isAll()) {
                return EmptyShard.write(options.out(), options.levels(), shard, console);
            }
            console.println("error: no usable series in " + options.input()
                    + (scan.problems().isEmpty() ? " (the file has no data rows)" : "; see the problems above"));
            return ExitCodes.INPUT;
        }
        final Set<String> skipped = kept.keySet();
        final long toRun = scan.series() - skipped.size();
        final long keptFailures =
                kept.values().stream().filter(status -> !status.equals("OK")).count();
        farm.expectedSeries(Math.max(1, toRun), scan.meanIdBytes());
        try {
            final JobReport report = new JobReport(
                    options.out(), options.horizon(), options.models(), options.plots(), farmContext.timeline());
            outputs.set(new JobOutputs(options.out(), options.horizon(), options.levels(), report));
            try {
                return runFarm(farm, scan, skipped, toRun, outputs.get(), report, keptFailures, finished);
            } catch (final RuntimeException ex) {
                outputs.get().abort();
                throw ex;
            }
        } catch (final IOException ex) {
            abandon(farm);
            throw outputFailure(ex);
        }
    }

    /** Stops a farm that will get no series (its workers were started ahead of the input check). */
    private static void abandon(final ForecastFarm farm) {
        try {
            farm.close();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private int runFarm(
            final ForecastFarm farm,
            final InputScan scan,
            final Set<String> skipped,
            final long toRun,
            final JobOutputs outputs,
            final JobReport report,
            final long keptFailures,
            final AtomicLong finished)
            throws IOException {
        if (!skipped.isEmpty()) {
            restoreForecastsCsv();
        }
        outputs.carryOver(skipped);
        for (final InputProblem problem : scan.problems()) {
            outputs.invalid(problem);
        }
        console.printf(
                Locale.ROOT,
                "forecasting %d series of %s input (h=%d, models %s%s) on %d workers; farm dir %s%n",
                toRun,
                options.format(),
                options.horizon(),
                String.join(",", options.models()),
                skipped.isEmpty() ? "" : "; " + skipped.size() + " done in an earlier run are kept",
                farmContext.workers(),
                farmContext.farmDir());
        console.println("season length: " + seasons(scan));
        final FarmSummary summary;
        final Submission submission = new Submission(farm, outputs, report, skipped);
        try (ConsoleProgress progress = ConsoleProgress.start(
                farmContext.farmDirectory(), console, toRun, finished::get, Terminal.isInteractive())) {
            submission.readAll();
            summary = farm.finish();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        } catch (final ForecastFarmException ex) {
            if (ex.getCause() instanceof UncheckedIOException writeFailed) {
                throw outputFailure(writeFailed.getCause());
            }
            throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
        }
        final int notRun = outputs.notRun();
        final long notRead = toRun - submission.submitted();
        outputs.commit();
        if (outputFormat == OutputFormat.PARQUET) {
            forecastsToParquet();
        }
        farmContext.timeline().mark("outputs_written");
        final Map<String, Object> json = summaryJson(summary, outputs, notRun, notRead);
        json.put("seasons", new LinkedHashMap<>(scan.seasons()));
        if (!shard.isAll()) {
            json.put("shard", shard.toString());
        }
        report.write(json);
        farmContext.timeline().mark("report_written");
        json.put("timeline_ms", farmContext.timeline().toMap());
        SummaryJson.write(options.out().resolve("summary.json"), json);
        printSummary(summary, outputs, notRun, notRead, skipped.size());
        return exitCode(summary, outputs, notRun + notRead, keptFailures);
    }

    private SeriesReader reader() {
        final SeriesReader reader = options.reader();
        return (input, onSeries, onProblem) -> reader.read(input, shard.series(onSeries), shard.problems(onProblem));
    }

    /**
     * @return id to status of the series an earlier joblog lists as done, which this run skips.
     */
    private Map<String, String> keptFromJoblog() {
        final Map<String, String> skipped = new java.util.HashMap<>();
        if (!options.resume() && !options.retryFailed()) {
            return skipped;
        }
        JobLogReader.lastStatus(options.out().resolve(JobLogWriter.FILE_NAME)).forEach((id, status) -> {
            final boolean done = options.retryFailed()
                    ? status.equals("OK")
                    : status.equals("OK") || status.equals("FAILED") || status.equals("POISONED");
            if (done) {
                skipped.put(id, status);
            }
        });
        return skipped;
    }

    /**
     * The second pass: one series at a time onto the farm, until the input ends or the farm stops taking series.
     */
    private final class Submission {
        private final ForecastFarm farm;
        private final JobOutputs outputs;
        private final JobReport report;
        private final Set<String> skipped;
        private long seq;
        private long submitted;

        Submission(
                final ForecastFarm farm, final JobOutputs outputs, final JobReport report, final Set<String> skipped) {
            this.farm = farm;
            this.outputs = outputs;
            this.report = report;
            this.skipped = skipped;
        }

        void readAll() {
            try {
                reader().read(options.input(), this::submit, problem -> {});
            } catch (final FarmStopped stopped) {
                LOG.info("the farm stopped taking series; {} were submitted", submitted);
            }
        }

        private void submit(final Series series) {
            final long index = seq++;
            if (skipped.contains(series.id())) {
                return;
            }
            final int m = options.seasonLength() > 0
                    ? options.seasonLength()
                    : series.axis().inferredSeasonLength();
            outputs.submitted(SubmittedSeries.of(index, series, m, report.mayPlot(index)));
            try {
                if (!farm.submit(series.id(), series.y(), m)) {
                    outputs.withdraw(series.id());
                    throw new FarmStopped();
                }
            } catch (final InterruptedException ex) {
                outputs.withdraw(series.id());
                Thread.currentThread().interrupt();
                throw new FarmStopped();
            }
            submitted++;
        }

        long submitted() {
            return submitted;
        }
    }

    private static final class FarmStopped extends RuntimeException {
        FarmStopped() {
            super(null, null, false, false);
        }
    }

    private static String seasons(final InputScan scan) {
        final StringBuilder text = new StringBuilder();
        scan.seasons()
                .forEach((season, count) -> text.append(text.length() == 0 ? "" : "; ")
                        .append(season)
                        .append(" (")
                        .append(count)
                        .append(count == 1 ? " series)" : " series)"));
        return text.toString();
    }

    private void printProblems(final List<InputProblem> problems) {
        problems.stream().limit(PROBLEMS_SHOWN).forEach(problem -> console.println("input problem: " + problem));
        if (problems.size() > PROBLEMS_SHOWN) {
            console.printf(
                    Locale.ROOT,
                    "... and %d more input problems (all are in %s)%n",
                    problems.size() - PROBLEMS_SHOWN,
                    options.out().resolve("failed.csv"));
        }
    }

    private UncheckedIOException outputFailure(final IOException ex) {
        return new UncheckedIOException(
                "cannot write results to " + options.out() + ": "
                        + ex.getClass().getSimpleName()
                        + " " + ex.getMessage() + " (the results are kept in the farm dir " + farmContext.farmDir()
                        + "; free space or choose another --out, then rerun the same command to write " + "them)",
                ex);
    }

    private Map<String, Object> summaryJson(
            final FarmSummary summary, final JobOutputs outputs, final int notRun, final long notRead) {
        final double wallSeconds = summary.wallNs() / 1e9;
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("tasks", summary.series());
        json.put("ok", summary.ok());
        json.put("failed", summary.failed());
        json.put("poisoned", summary.poisoned());
        json.put("invalid_input", outputs.invalidCount());
        json.put("model_failures", outputs.modelFailures());
        json.put("not_run", notRun + notRead);
        json.put("resumed", summary.resumed());
        json.put("retries", summary.retries());
        json.put("worker_restarts", summary.workerRestarts());
        json.put("workers", summary.workers());
        json.put("wall_seconds", round(wallSeconds, 3));
        final Map<String, Object> taskMs = new LinkedHashMap<>();
        taskMs.put("p50", round(outputs.runtimePercentileMs(0.50), 3));
        taskMs.put("p95", round(outputs.runtimePercentileMs(0.95), 3));
        taskMs.put("max", round(outputs.runtimePercentileMs(1.0), 3));
        json.put("task_ms", taskMs);
        final long computed = summary.ok() + summary.failed() - summary.resumed();
        json.put("series_per_second", round(wallSeconds > 0 ? Math.max(0, computed) / wallSeconds : 0, 2));
        json.put(
                "parallel_efficiency",
                round(wallSeconds > 0 ? summary.cpuNsTotal() / 1e9 / (wallSeconds * summary.workers()) : 0, 3));
        json.put("success_rate", round(successRate(summary, outputs), 4));
        json.put("interrupted_by", summary.interruptedBy());
        json.put("abort_reason", summary.abortReason());
        json.put("farm_dir", farmContext.farmDir().toString());
        return json;
    }

    private static double successRate(final FarmSummary summary, final JobOutputs outputs) {
        final long all = summary.series() + outputs.invalidCount();
        return all == 0 ? 0 : (double) summary.ok() / all;
    }

    private void printSummary(
            final FarmSummary summary, final JobOutputs outputs, final int notRun, final long notRead, final int kept) {
        final double wallSeconds = summary.wallNs() / 1e9;
        final long computed = summary.ok() + summary.failed() + summary.poisoned() - summary.resumed();
        console.printf(
                Locale.ROOT,
                "done in %.1f s: %d series, %.1f ms per series on average (wall / series "
                        + "computed), median task %.1f ms%n",
                wallSeconds,
                summary.series(),
                computed > 0 ? summary.wallNs() / 1e6 / computed : 0.0,
                outputs.runtimePercentileMs(0.5));
        console.printf(
                Locale.ROOT,
                "succeeded %d, failed %d, poisoned %d, invalid input %d%s%s; success rate %.1f%%%n",
                summary.ok(),
                summary.failed(),
                summary.poisoned(),
                outputs.invalidCount(),
                summary.resumed() > 0 ? ", resumed from the farm dir " + summary.resumed() : "",
                kept > 0 ? ", kept from the earlier joblog " + kept : "",
                100 * successRate(summary, outputs));
        if (outputs.modelFailures() > 0) {
            console.printf(
                    Locale.ROOT,
                    "%d model fits failed (the series' other models went on); see failed.csv%n",
                    outputs.modelFailures());
        }
        console.println("outputs: " + options.out().toAbsolutePath().normalize()
                + " (" + forecastsFile() + ", failed.csv, joblog.tsv, summary.json, report.html"
                + (options.plots().mode() == PlotPolicy.Mode.NONE ? ")" : ", plots/)"));
        if (summary.interruptedBy() != null) {
            console.printf(
                    Locale.ROOT,
                    "interrupted by %s: %d series not run; rerun the same command to finish%n",
                    summary.interruptedBy(),
                    notRun + notRead);
        }
        if (summary.abortReason() != null) {
            console.println("error: " + summary.abortReason());
        }
    }

    private static int exitCode(
            final FarmSummary summary, final JobOutputs outputs, final long notFinished, final long keptFailures) {
        if (summary.abortReason() != null) {
            return ExitCodes.WORKERS_FAILED;
        }
        if (notFinished > 0 || !summary.complete()) {
            return ExitCodes.INTERRUPTED;
        }
        return ExitCodes.forFailures(summary.failed() + summary.poisoned() + outputs.invalidCount() + keptFailures);
    }

    private static double round(final double value, final int digits) {
        final double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    /** Called once forecasts.csv is complete; a failed conversion keeps the CSV and says so. */
    private void forecastsToParquet() {
        try {
            ForecastsParquet.convert(options.out().resolve(OutputFormat.CSV.forecastsFile()));
        } catch (final IOException ex) {
            console.println("warning: " + ex.getMessage());
        }
    }

    /** An earlier --output-format parquet run left its rows in forecasts.parquet: the carry-over reads the CSV. */
    private void restoreForecastsCsv() throws IOException {
        final Path csv = options.out().resolve(OutputFormat.CSV.forecastsFile());
        final Path parquet = options.out().resolve(OutputFormat.PARQUET.forecastsFile());
        if (!Files.exists(csv) && Files.isRegularFile(parquet)) {
            ForecastsCsvRestore.restore(parquet, csv);
        }
    }

    private String forecastsFile() {
        return Files.isRegularFile(options.out().resolve(outputFormat.forecastsFile()))
                ? outputFormat.forecastsFile()
                : OutputFormat.CSV.forecastsFile();
    }
}

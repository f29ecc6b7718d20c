package forecastfarm.launcher.job;

import forecastfarm.launcher.api.FarmRunException;
import forecastfarm.launcher.api.FarmSummary;
import forecastfarm.launcher.api.ForecastFarm;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.cli.Terminal;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.JobSpec;
import forecastfarm.launcher.io.CarryOver;
import forecastfarm.launcher.io.ForecastTable;
import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.JobLogReader;
import forecastfarm.launcher.io.JobLogWriter;
import forecastfarm.launcher.io.KeptTasks;
import forecastfarm.launcher.io.OutputFormat;
import forecastfarm.launcher.io.RecentDs;
import forecastfarm.launcher.io.SeriesIndex;
import forecastfarm.launcher.io.SeriesReader;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.io.SummaryJson;
import forecastfarm.launcher.io.parquet.ForecastsCsvRestore;
import forecastfarm.launcher.io.parquet.ForecastsParquet;
import forecastfarm.launcher.merge.EmptyShard;
import forecastfarm.launcher.progress.ConsoleProgress;
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

/**
 * {@code farm forecast}: streams the input through the farm and writes forecasts.csv, failed.csv, joblog.tsv and
 * summary.json in {@code --out} as results arrive. Reads the input twice, never holding it whole: a first pass
 * checks it and counts the series (reporting every problem before anything runs, and sizing the results map and
 * the progress bar), the second submits the series one by one.
 */
public final class ForecastJob {
    private static final int PROBLEMS_SHOWN = 20;

    private final ForecastJobOptions options;
    private final FarmContext farmContext;
    private final PrintStream console;
    private ShardFilter shard = ShardFilter.ALL;
    private ForecastTable.Shape outputShape = ForecastTable.Shape.LONG;
    private OutputFormat outputFormat = OutputFormat.CSV;
    private SeriesWork work;
    private int batchSize = 1;

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
     * The layout of forecasts.csv ({@code --output-shape}); the default is long.
     */
    public ForecastJob outputShape(final ForecastTable.Shape shape) {
        this.outputShape = shape;
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
     * Series per task ({@code --batch-size}); the default, 1, runs each series as a task of its own. Only for the
     * default work (forecasting).
     */
    public ForecastJob batchSize(final int series) {
        this.batchSize = series;
        return this;
    }

    /**
     * What the job does with each series; the default forecasts it ({@link ForecastWork}, in the {@link #outputShape}).
     */
    public ForecastJob work(final SeriesWork work) {
        this.work = work;
        return this;
    }

    /**
     * @return the process exit code (see {@link ExitCodes}).
     */
    public int run() {
        if (work == null) {
            work = new ForecastWork(
                    new ForecastTable(outputShape, options.levels(), options.models()), options.horizon(), batchSize);
        } else if (batchSize != 1) {
            throw new IllegalArgumentException(
                    BatchSize.OPTION + " " + batchSize + ": " + work.name() + " runs one series per task");
        }
        final Map<String, String> kept = keptFromJoblog();
        if (!kept.isEmpty()) {
            checkEarlierColumns();
        }
        final AtomicReference<JobOutputs> outputs = new AtomicReference<>();
        final AtomicLong finished = new AtomicLong();
        final Map<String, String> about = options.describe();
        if (!shard.isAll()) {
            about.put("shard", shard.toString());
        }
        about.put("output_format", outputFormat.name().toLowerCase(Locale.ROOT));
        if (batchSize > 1) {
            about.put("batch_size", Integer.toString(batchSize));
        }
        final JobSpec job = JobSpec.ofFingerprint(
                        work.name(), shard.fingerprint(options.fingerprint(work.fingerprint())))
                .withDescription(about);
        // The workers start now, while the input is checked: no result can come before the first submit.
        final ForecastFarm.Builder builder = ForecastFarm.builder(farmContext)
                .horizon(options.horizon())
                .models(options.models())
                .levels(options.levels())
                .job(job)
                .handleSignals(true)
                .onResult(result -> {
                    outputs.get().accept(result);
                    finished.incrementAndGet();
                });
        work.configure(builder);
        final ForecastFarm farm = builder.start();
        JobReport.prewarmPlots(options.plots());
        final InputScan scan;
        try (SeriesIndex index = SeriesIndex.create(farmContext.farmDirectory(), job.id())) {
            scan = InputScan.of(
                    reader(),
                    options.input(),
                    options.seasonLengths(),
                    series -> index.add(series.id(), series.axis().future(options.horizon())));
            index.commit();
        } catch (final RuntimeException ex) {
            abandon(farm);
            throw ex;
        }
        farmContext.timeline().mark("input_checked");
        printProblems(scan.problems());
        if (scan.series() == 0) {
            abandon(farm);
            if (scan.problems().isEmpty() && !shard.isAll()) {
                return EmptyShard.write(options.out(), headers(), shard, console);
            }
            console.println("error: no usable series in " + options.input()
                    + (scan.problems().isEmpty() ? " (the file has no data rows)" : "; see the problems above"));
            return ExitCodes.INPUT;
        }
        final Set<String> skipped = kept.keySet();
        final long toRun = scan.series() - skipped.size();
        farm.expectedSeries(Math.max(1, toRun), scan.meanIdBytes());
        checkModels(farm);
        try {
            final JobReport report =
                    new JobReport(options.out(), work, options.models(), options.plots(), farmContext.timeline());
            outputs.set(new JobOutputs(options.out(), work.tables(), report));
            try {
                return runFarm(farm, scan, kept, toRun, outputs.get(), report, finished);
            } catch (final RuntimeException ex) {
                outputs.get().abort();
                throw ex;
            }
        } catch (final IOException ex) {
            abandon(farm);
            throw outputFailure(ex);
        }
    }

    /** Before a resume starts the farm: the earlier rows must fit this run's columns (the same shape and levels). */
    private void checkEarlierColumns() {
        try {
            for (final ResultTable table : work.tables()) {
                CarryOver.checkColumns(options.out().resolve(table.fileName()), table.header());
            }
        } catch (final IOException ex) {
            throw new InputException(
                    options.out(), "cannot read the earlier outputs in " + options.out() + ": " + ex.getMessage(), ex);
        }
    }

    /** A plugin model that a worker cannot make fails the job here, before any series runs. */
    private static void checkModels(final ForecastFarm farm) {
        try {
            farm.checkModels();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            abandon(farm);
            throw new IllegalStateException("interrupted", ex);
        } catch (final RuntimeException ex) {
            abandon(farm);
            throw ex;
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
            final Map<String, String> kept,
            final long toRun,
            final JobOutputs outputs,
            final JobReport report,
            final AtomicLong finished)
            throws IOException {
        if (!kept.isEmpty()) {
            restoreForecastsCsv();
        }
        for (final InputProblem problem : scan.problems()) {
            outputs.invalid(problem);
        }
        console.printf(
                Locale.ROOT,
                "%s %d series of %s input (h=%d, models %s%s) on %d workers%s; farm dir %s%n",
                work.doing(),
                toRun,
                options.format(),
                options.horizon(),
                String.join(",", options.models()),
                kept.isEmpty() ? "" : "; " + kept.size() + " done in an earlier run are kept",
                farmContext.workers(),
                batchSize > 1 ? " in tasks of " + batchSize + " series" : "",
                farmContext.farmDir());
        console.println("season length: " + seasons(scan));
        final FarmSummary summary;
        final SeriesSubmission submission = new SeriesSubmission(farm, outputs, report, kept, work.tailDs());
        try (ConsoleProgress progress = ConsoleProgress.start(
                farmContext.farmDirectory(),
                console,
                work.name(),
                "series",
                toRun,
                finished::get,
                Terminal.isInteractive())) {
            submission.readAll(reader(), options.input(), options.seasonLengths());
            summary = farm.finish();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        } catch (final FarmRunException ex) {
            if (ex.getCause() instanceof UncheckedIOException writeFailed) {
                throw outputFailure(writeFailed.getCause());
            }
            throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
        }
        final int notRun = outputs.notRun();
        final long notRead = Math.max(0, toRun - submission.submitted());
        outputs.carryOver(kept);
        outputs.commit();
        if (outputFormat == OutputFormat.PARQUET) {
            forecastsToParquet();
        }
        farmContext.timeline().mark("outputs_written");
        final JobSummary outcome =
                JobSummary.of(summary, outputs, notRun + notRead, outputs.carried(), farmContext.farmDir());
        final Map<String, Object> json = outcome.toJson();
        json.put("seasons", new LinkedHashMap<>(scan.seasons()));
        json.put("time_zone", options.time().zoneName());
        if (!shard.isAll()) {
            json.put("shard", shard.toString());
        }
        work.summarize(json);
        report.write(json, work.reportSection());
        farmContext.timeline().mark("report_written");
        json.put("timeline_ms", farmContext.timeline().toMap());
        SummaryJson.write(options.out().resolve("summary.json"), json);
        outcome.print(
                console,
                options.out().toAbsolutePath().normalize()
                        + " (" + dataFiles() + ", failed.csv, joblog.tsv, summary.json, report.html"
                        + (options.plots().mode() == PlotPolicy.Mode.NONE ? ")" : ", plots/)"),
                "series",
                "series");
        return outcome.exitCode();
    }

    private SeriesReader reader() {
        // the labels the work's rows need (a cv job's windows), else those plots draw
        final SeriesReader reader = options.reader(RecentDs.covering(work.tailDs()));
        return (input, onSeries, onProblem) -> reader.read(input, shard.series(onSeries), shard.problems(onProblem));
    }

    /**
     * @return id to status of the series an earlier joblog lists as done, which this run skips.
     */
    private Map<String, String> keptFromJoblog() {
        if (!options.resume() && !options.retryFailed()) {
            return new java.util.HashMap<>();
        }
        return KeptTasks.select(
                JobLogReader.lastStatus(options.out().resolve(JobLogWriter.FILE_NAME)),
                options.resume(),
                options.retryFailed());
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

    /** @return the data files' names, forecasts.parquet where the conversion made it. */
    private String dataFiles() {
        return work.tables().stream()
                .map(table -> table.fileName().equals(ForecastRows.FILE_NAME)
                                && Files.isRegularFile(options.out().resolve(outputFormat.forecastsFile()))
                        ? outputFormat.forecastsFile()
                        : table.fileName())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** @return each data file's name and columns, for an empty shard's outputs. */
    private Map<String, List<String>> headers() {
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        work.tables().forEach(table -> headers.put(table.fileName(), table.header()));
        return headers;
    }
}

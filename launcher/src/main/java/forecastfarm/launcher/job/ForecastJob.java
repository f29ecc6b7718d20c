package forecastfarm.launcher.job;

import forecastfarm.launcher.ExitCodes;
import forecastfarm.launcher.farm.Farm;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmListener;
import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.launcher.farm.MapSizing;
import forecastfarm.launcher.farm.ResultReader;
import forecastfarm.launcher.farm.TaskSpec;
import forecastfarm.launcher.io.FailedCsvWriter;
import forecastfarm.launcher.io.ForecastCsvWriter;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.LongCsvReader;
import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.SummaryJson;
import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.shared.wire.FarmQueues;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code farm forecast}: read the series, forecast each on the farm, write forecasts.csv, failed.csv and summary.json.
 */
public final class ForecastJob
{
    private static final Logger LOG = LoggerFactory.getLogger(ForecastJob.class);

    private final ForecastJobOptions options;
    private final FarmContext farmContext;
    private final PrintStream console;
    private final java.util.Set<String> rejected = new java.util.HashSet<>();
    private forecastfarm.launcher.io.ShardFilter shard = forecastfarm.launcher.io.ShardFilter.ALL;

    public ForecastJob(final ForecastJobOptions options, final FarmContext farmContext, final PrintStream console)
    {
        this.options = options;
        this.farmContext = farmContext;
        this.console = console;
    }

    /**
     * Forecast only this shard of the input ({@code --shard i/n}); the default is the whole input.
     */
    public ForecastJob shard(final forecastfarm.launcher.io.ShardFilter shard)
    {
        this.shard = shard;
        return this;
    }

    /**
     * @return the process exit code (see {@link ExitCodes}).
     */
    public int run()
    {
        final List<Series> series = new ArrayList<>();
        final List<InputProblem> problems = new ArrayList<>();
        new LongCsvReader(options.idCol(), options.timeCol(), options.valueCol())
            .read(options.input(), shard.series(series::add), shard.problems(problems::add));
        problems.forEach(problem -> console.println("input problem: " + problem));
        if (series.isEmpty() && problems.isEmpty() && !shard.isAll())
        {
            return forecastfarm.launcher.merge.EmptyShard.write(options.out(), options.levels(), shard, console);
        }
        if (series.isEmpty())
        {
            console.println("error: no usable series in " + options.input() +
                (problems.isEmpty() ? " (the file has no data rows)" : "; see the problems above"));
            return ExitCodes.INPUT;
        }
        final List<TaskSpec> tasks = new ArrayList<>(series.size());
        final int problemsBefore = problems.size();
        double keyBytes = 0;
        for (final Series s : series)
        {
            final int m = options.seasonLength() > 0 ? options.seasonLength() : s.axis().inferredSeasonLength();
            final ForecastRequest request = new ForecastRequest(s.y(), options.horizon(), m, options.models(),
                options.levels());
            final byte[] payload = request.encode();
            if (payload.length > FarmQueues.MAX_MESSAGE_BYTES)
            {
                problems.add(new InputProblem(s.id(), s.firstLine(), "series " + s.id() + " has " + s.length() +
                    " values, more than one task can carry (" + FarmQueues.MAX_MESSAGE_BYTES / 8 + "); shorten it"));
                rejected.add(s.id());
                continue;
            }
            tasks.add(new TaskSpec(s.id(), ForecastRequest.KIND, payload));
            keyBytes += s.id().length();
        }
        problems.stream().skip(problemsBefore).forEach(problem -> console.println("input problem: " + problem));
        if (tasks.isEmpty())
        {
            console.println("error: no series in " + options.input() + " can be forecast; see the problems above");
            return ExitCodes.INPUT;
        }
        final MapSizing sizing = MapSizing.forTasks(tasks.size(), keyBytes / tasks.size(),
            ForecastResult.estimateEncodedBytes(options.models().size(), options.horizon(), options.levels().length));
        console.printf(Locale.ROOT, "forecasting %d series (h=%d, models %s) on %d workers; farm dir %s%n",
            tasks.size(), options.horizon(), String.join(",", options.models()), farmContext.workers(),
            farmContext.farmDir());
        final FarmReport report = Farm.run(farmContext, tasks, shard.fingerprint(options.fingerprint()), sizing,
            new ProgressLines(console, tasks.size()), true);
        final OutputStats stats = writeOutputs(series, problems, report);
        printSummary(report, stats);
        return exitCode(report, problems.size());
    }

    private OutputStats writeOutputs(final List<Series> series, final List<InputProblem> problems,
        final FarmReport report)
    {
        final OutputStats stats = new OutputStats();
        try
        {
            java.nio.file.Files.createDirectories(options.out());
            final ForecastCsvWriter forecasts =
                new ForecastCsvWriter(options.out().resolve("forecasts.csv"), options.levels());
            final FailedCsvWriter failed = new FailedCsvWriter(options.out().resolve("failed.csv"));
            try
            {
                for (final InputProblem problem : problems)
                {
                    failed.write(problem.seriesId() == null ? "" : problem.seriesId(), "INVALID", 0, problem.message());
                }
                final Optional<ResultReader> opened = ResultReader.open(new FarmDirectory(farmContext.farmDir()));
                if (opened.isPresent())
                {
                    try (ResultReader results = opened.get())
                    {
                        for (final Series s : series)
                        {
                            if (!rejected.contains(s.id()))
                            {
                                writeOne(s, results.get(s.id()).orElse(null), forecasts, failed, stats);
                            }
                        }
                    }
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                // Never leave a half-written file under a final name; the results stay in the farm dir.
                forecasts.abort();
                failed.abort();
                throw ex;
            }
            forecasts.close();
            failed.close();
            SummaryJson.write(options.out().resolve("summary.json"), summary(report, stats, problems.size()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write results to " + options.out() + ": " + ex.getClass().getSimpleName() +
                " " + ex.getMessage() +
                " (the results are kept in the farm dir " + farmContext.farmDir() + "; rerun the same command to " +
                "write them again)", ex);
        }
        return stats;
    }

    private void writeOne(final Series s, final ResultRecord record, final ForecastCsvWriter forecasts,
        final FailedCsvWriter failed, final OutputStats stats) throws IOException
    {
        if (record == null)
        {
            failed.write(s.id(), "NOT_RUN", 0, "the run was interrupted before this series; rerun the same " +
                "command with the same --farm-dir to resume");
            return;
        }
        stats.taskMs.add(record.wallNs() / 1e6);
        if (record.status() != TaskStatus.OK)
        {
            failed.write(s.id(), record.status().name(), record.attempts(), record.reason());
            return;
        }
        final String[] ds = s.axis().future(options.horizon());
        for (final ModelForecast f : ForecastResult.decode(record.payload()).forecasts())
        {
            if (f.ok())
            {
                forecasts.write(s.id(), ds, f.model(), f.mean(), f.lower(), f.upper());
            }
            else
            {
                failed.write(s.id(), "MODEL_FAILED", record.attempts(), f.model() + ": " + f.error());
            }
        }
    }

    private Map<String, Object> summary(final FarmReport report, final OutputStats stats, final int invalid)
    {
        final double wallSeconds = report.wallNs() / 1e9;
        final Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("tasks", report.tasks());
        summary.put("ok", report.ok());
        summary.put("failed", report.failed());
        summary.put("poisoned", report.poisoned());
        summary.put("invalid_input", invalid);
        summary.put("resumed", report.resumed());
        summary.put("retries", report.retries());
        summary.put("worker_restarts", report.workerRestarts());
        summary.put("workers", report.workers());
        summary.put("wall_seconds", round(wallSeconds, 3));
        final Map<String, Object> taskMs = new LinkedHashMap<>();
        taskMs.put("p50", round(stats.percentile(0.50), 3));
        taskMs.put("p95", round(stats.percentile(0.95), 3));
        taskMs.put("max", round(stats.percentile(1.0), 3));
        summary.put("task_ms", taskMs);
        final int computed = report.ok() + report.failed() - report.resumed();
        summary.put("series_per_second", round(wallSeconds > 0 ? Math.max(0, computed) / wallSeconds : 0, 2));
        summary.put("parallel_efficiency",
            round(wallSeconds > 0 ? report.cpuNsTotal() / 1e9 / (wallSeconds * report.workers()) : 0, 3));
        summary.put("interrupted_by", report.interruptedBy());
        summary.put("abort_reason", report.abortReason());
        summary.put("farm_dir", farmContext.farmDir().toString());
        if (!shard.isAll())
        {
            summary.put("shard", shard.toString());
        }
        return summary;
    }

    private void printSummary(final FarmReport report, final OutputStats stats)
    {
        final double wallSeconds = report.wallNs() / 1e9;
        console.printf(Locale.ROOT, "done in %.1f s: %d ok, %d failed, %d poisoned, %d resumed; median %.1f ms per " +
                "series; outputs in %s%n", wallSeconds, report.ok(), report.failed(), report.poisoned(),
            report.resumed(), stats.percentile(0.5), options.out());
        if (report.interruptedBy() != null)
        {
            console.println("interrupted by SIG" + report.interruptedBy() + ": rerun the same command with the same " +
                "--farm-dir to finish");
        }
        if (report.abortReason() != null)
        {
            console.println("error: " + report.abortReason());
        }
    }

    private static int exitCode(final FarmReport report, final int invalidSeries)
    {
        if (report.abortReason() != null)
        {
            return ExitCodes.WORKERS_FAILED;
        }
        if (!report.complete())
        {
            return ExitCodes.INTERRUPTED;
        }
        return ExitCodes.forFailures((long)report.failed() + report.poisoned() + invalidSeries);
    }

    private static double round(final double value, final int digits)
    {
        final double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static final class OutputStats
    {
        private final List<Double> taskMs = new ArrayList<>();

        double percentile(final double p)
        {
            if (taskMs.isEmpty())
            {
                return 0;
            }
            final double[] sorted = taskMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted[(int)Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1 < 0 ? 0 :
                Math.ceil(p * sorted.length) - 1)];
        }
    }

    /**
     * Plain progress lines, at most one every few seconds.
     */
    private static final class ProgressLines implements FarmListener
    {
        private static final long EVERY_MS = 5_000;
        private final PrintStream console;
    private final java.util.Set<String> rejected = new java.util.HashSet<>();
        private final int total;
        private int finished;
        private long lastMs = System.currentTimeMillis();

        ProgressLines(final PrintStream console, final int total)
        {
            this.console = console;
            this.total = total;
        }

        @Override
        public void onTaskFinished(final int task, final TaskSpec spec, final ResultRecord record)
        {
            finished++;
            final long nowMs = System.currentTimeMillis();
            if (nowMs - lastMs >= EVERY_MS)
            {
                lastMs = nowMs;
                console.printf(Locale.ROOT, "progress: %d/%d series finished this run%n", finished, total);
            }
        }
    }
}

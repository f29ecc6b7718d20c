package forecastfarm.launcher;

import forecastfarm.launcher.api.FarmRunException;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.cli.UsageErrors;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmException;
import forecastfarm.launcher.io.ForecastTable;
import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.InputFormat;
import forecastfarm.launcher.io.OutputFormat;
import forecastfarm.launcher.io.SeasonLengths;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.io.TimeSettings;
import forecastfarm.launcher.job.ForecastJob;
import forecastfarm.launcher.job.ForecastJobOptions;
import forecastfarm.launcher.report.PlotPolicy;
import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelSpec;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/farm}: the command line. Errors a user can fix get a one-line message and an exit code from
 * {@link ExitCodes}; stack traces go to the log only.
 */
@Command(
        name = "farm",
        mixinStandardHelpOptions = true,
        version = "Forecast Farm 0.1",
        description = "Forecast many time series at once on a farm of worker processes.",
        subcommands = {
            FarmCli.Forecast.class,
            RunCommand.class,
            ServeCommand.class,
            TokenCommand.class,
            InspectCommand.class
        })
public final class FarmCli implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(FarmCli.class);

    private final PrintStream out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    FarmCli(final PrintStream out) {
        this.out = out;
    }

    PrintStream out() {
        return out;
    }

    public static void main(final String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** As the command line runs it, its errors to {@code System.err}. */
    static int execute(final String[] args, final PrintStream out) {
        return execute(args, out, System.err);
    }

    /**
     * @param err where the one-line errors go (a test's own stream, so that nothing else the JVM prints mixes in).
     */
    static int execute(final String[] args, final PrintStream out, final PrintStream err) {
        final CommandLine cli =
                new CommandLine(new FarmCli(out)).addSubcommand(new forecastfarm.launcher.merge.MergeCommand(out));
        cli.setExitCodeExceptionMapper(
                ex -> ex instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.INTERNAL);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine));
        cli.setParameterExceptionHandler(new UsageErrors());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE));
        return cli.execute(args);
    }

    private static int handle(final Exception thrown, final CommandLine commandLine) {
        final java.io.PrintWriter err = commandLine.getErr();
        final Exception ex =
                thrown instanceof FarmRunException && thrown.getCause() instanceof Exception cause ? cause : thrown;
        if (ex instanceof InputException || ex instanceof IllegalArgumentException) {
            err.println("error: " + ex.getMessage());
            return ex instanceof InputException ? ExitCodes.INPUT : ExitCodes.USAGE;
        }
        if (ex instanceof forecastfarm.launcher.run.WorkersUnusable) {
            err.println("error: " + ex.getMessage());
            return ExitCodes.WORKERS_FAILED;
        }
        if (ex instanceof FarmException) {
            err.println("error: " + ex.getMessage());
            return ExitCodes.FARM_DIR;
        }
        if (ex instanceof UncheckedIOException) {
            err.println("error: " + ex.getMessage());
            LOG.debug("I/O failure", ex);
            return ExitCodes.OUTPUT;
        }
        LOG.error("internal error", ex);
        err.println("internal error: " + ex + " (details in the log above)");
        return ExitCodes.INTERNAL;
    }

    @Override
    public Integer call() {
        // the CommandLine this command runs in, which has every subcommand (merge is added in execute)
        spec.commandLine().usage(out);
        return ExitCodes.USAGE;
    }

    /**
     * Node-local, one folder per job under it: rerunning the same job resumes it; another input or options get their
     * own farm dir.
     */
    static Path defaultFarmBase() {
        final String tmp = System.getenv().getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir"));
        return Path.of(tmp, "forecast-farm-" + System.getProperty("user.name"));
    }

    /**
     * @return the most recently used job farm dir under the default base, for {@code inspect} without --farm-dir.
     */
    static Path latestDefaultFarmDir() {
        try (java.util.stream.Stream<Path> dirs = Files.list(defaultFarmBase())) {
            return dirs.filter(Files::isDirectory)
                    .max(java.util.Comparator.comparingLong(
                            dir -> dir.resolve("status.dat").toFile().lastModified()))
                    .orElseThrow(() ->
                            new FarmException("no farm dir under " + defaultFarmBase() + "; name one with --farm-dir"));
        } catch (final java.io.IOException ex) {
            throw new FarmException("no farm dir under " + defaultFarmBase() + "; name one with --farm-dir");
        }
    }

    /**
     * The defaults of the farm's options, taken from {@link FarmContext}'s constants so that the help text
     * ({@code ${DEFAULT-VALUE}}) and an option left out both mean what the farm itself defaults to.
     */
    static final class FarmDefaults implements CommandLine.IDefaultValueProvider {
        static final Map<String, String> BY_OPTION = Map.of(
                "--task-timeout", Durations.format(FarmContext.TASK_TIMEOUT_MS_DEFAULT),
                "--heartbeat-timeout", Durations.format(FarmContext.HEARTBEAT_TIMEOUT_MS_DEFAULT),
                "--max-attempts", Integer.toString(FarmContext.MAX_ATTEMPTS_DEFAULT),
                "--max-tasks-per-worker", Long.toString(FarmContext.MAX_TASKS_PER_WORKER_DEFAULT),
                "--worker-jit", FarmContext.WORKER_JIT_DEFAULT.toString());

        @Override
        public String defaultValue(final CommandLine.Model.ArgSpec arg) {
            return arg instanceof CommandLine.Model.OptionSpec option ? BY_OPTION.get(option.longestName()) : null;
        }
    }

    /** How to write each known model, from {@link ModelCatalog#BUILT_IN}, for {@code --model}'s help. */
    static final class ModelUsages implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelCatalog.BUILT_IN.declarations().stream()
                    .map(ModelCatalog.Declaration::usage)
                    .iterator();
        }
    }

    @Command(
            name = "forecast",
            mixinStandardHelpOptions = true,
            defaultValueProvider = FarmDefaults.class,
            description =
                    "Forecast every series of a long CSV (unique_id,ds,y), a wide CSV or a folder of OHLCV files.")
    static final class Forecast implements Callable<Integer> {
        @CommandLine.ParentCommand
        FarmCli parent;

        @Option(
                names = "--input",
                required = true,
                description = "a CSV file (long or wide) or a folder of " + "per-symbol OHLCV CSV files")
        Path input;

        @Option(names = "--horizon", required = true, description = "steps to forecast")
        int horizon;

        @Option(
                names = "--season-length",
                paramLabel = "M[,M2...]",
                description = "season lengths, the main one first (e.g. 24,168); models that take one season use the"
                        + " first; default: inferred from each series' dates (hourly 24,168, daily 7, monthly 12, ...)")
        String seasonLength;

        @Option(
                names = "--time-zone",
                paramLabel = "ZONE",
                description = "IANA zone of ds date-times written without an offset, and of the forecast ds (default "
                        + TimeSettings.ZONE_DEFAULT + ")")
        String timeZone;

        @Option(
                names = "--time-format",
                paramLabel = "auto|epoch",
                description = "auto (integers, dates, date-times, months) or epoch (ds are seconds since"
                        + " 1970-01-01T00:00Z) (default " + TimeSettings.FORMAT_DEFAULT + ")")
        String timeFormat;

        @Option(
                names = "--model",
                paramLabel = "SPEC[,SPEC...]",
                defaultValue = "naive,snaive,drift",
                completionCandidates = ModelUsages.class,
                description = "models, comma separated, each NAME or NAME:ARG with a list ARG joined by '+': "
                        + "${COMPLETION-CANDIDATES}; comb:ets+theta is the mean of ets and theta, comb alone is "
                        + "comb:ets+theta+arima (default ${DEFAULT-VALUE})")
        List<String> models;

        @Option(
                names = "--level",
                split = ",",
                defaultValue = "80,95",
                description = "prediction interval levels in percent (default ${DEFAULT-VALUE})")
        double[] levels;

        @CommandLine.Mixin
        FarmOptions farm;

        @Option(names = "--out", defaultValue = "results", description = "output folder (default ${DEFAULT-VALUE})")
        Path out;

        @Option(
                names = "--resume",
                description = "skip the series that joblog.tsv in --out lists as finished (OK, "
                        + "FAILED or POISONED) and keep their rows; useful when the farm dir is gone (a rerun with the farm dir "
                        + "resumes by itself)")
        boolean resume;

        @Option(
                names = "--retry-failed",
                description = "like --resume, but series that FAILED, were POISONED or "
                        + "not run are run again (in the farm dir too)")
        boolean retryFailed;

        @Option(
                names = "--format",
                description = "long (unique_id,ds,y rows), wide (a date column and one column "
                        + "per series) or ohlc-dir (a folder of per-symbol Date,Open,High,Low,Close,Adj Close,Volume files); "
                        + "long and wide may be CSV or Parquet (*.parquet); default: detected")
        String format;

        @Option(
                names = "--output-format",
                defaultValue = "csv",
                description = "csv or parquet: the forecasts as forecasts.csv or as forecasts.parquet (typed columns;"
                        + " failed.csv stays CSV) (default ${DEFAULT-VALUE})")
        String outputFormat;

        @Option(names = "--id-col", description = "long: the series id column (default unique_id)")
        String idCol;

        @Option(
                names = "--time-col",
                description = "the date column (default: long ds, wide the first column, " + "ohlc-dir Date)")
        String timeCol;

        @Option(
                names = "--value-col",
                description = "the value column (default: long y, ohlc-dir Adj Close, else " + "Close)")
        String valueCol;

        @Option(
                names = "--plots",
                defaultValue = "200",
                description =
                        "plots/<id>.png for: none, failed, all, or " + "the first N series (default ${DEFAULT-VALUE})")
        String plots;

        @Option(
                names = "--shard",
                paramLabel = "i/n",
                description = "forecast only shard i (0-based) of n: the "
                        + "series whose id hashes to i (stable; see ShardFilter); for scripts/farm-slurm")
        String shard;

        @Option(
                names = "--output-shape",
                paramLabel = "long|wide",
                defaultValue = ForecastTable.Shape.DEFAULT,
                description = "forecasts.csv: long (a row per series, model and step, with model_spec) or wide (a row"
                        + " per series and step, a column per model and bound, as statsforecast) (default"
                        + " ${DEFAULT-VALUE})")
        String outputShape;

        @Override
        public Integer call() {
            if (horizon < 1) {
                throw new IllegalArgumentException(
                        "Invalid forecast horizon --horizon " + horizon + ": must be 1 or more");
            }
            final double[] seasonLengths = SeasonLengths.parse(seasonLength);
            final TimeSettings time = TimeSettings.parse(timeZone, timeFormat);
            for (final double level : levels) {
                if (!(level > 0 && level < 100)) {
                    throw new IllegalArgumentException(
                            "invalid --level " + level + ": levels are percentages in (0, 100)");
                }
            }
            final List<String> modelSpecs = ModelSpec.texts(ModelSpec.parseList("--model", String.join(",", models)));
            if (!Files.isReadable(input)) {
                throw new InputException(
                        input, "input " + input + (Files.exists(input) ? " cannot be read" : " does not exist"));
            }
            final OutputFormat forecastsFormat = OutputFormat.parse(outputFormat);
            final InputFormat inputFormat =
                    format != null ? InputFormat.parse(format) : InputFormat.detect(input, idCol, timeCol, valueCol);
            final ForecastTable.Shape shape = ForecastTable.Shape.parse(outputShape);
            final ShardFilter shardFilter = shard == null ? ShardFilter.ALL : ShardFilter.parse(shard);
            final double[] sortedLevels =
                    Arrays.stream(levels).sorted().distinct().toArray();
            final ForecastJobOptions options = new ForecastJobOptions(
                    input,
                    horizon,
                    seasonLengths,
                    modelSpecs,
                    sortedLevels,
                    out,
                    inputFormat,
                    idCol,
                    timeCol,
                    valueCol,
                    resume,
                    retryFailed,
                    PlotPolicy.parse(plots),
                    time);
            final FarmContext ctx = farmContext(defaultFarmBase().resolve(shardFilter.jobId(options.jobId())));
            return new ForecastJob(options, ctx, parent.out)
                    .shard(shardFilter)
                    .outputShape(shape)
                    .outputFormat(forecastsFormat)
                    .run();
        }

        /**
         * @return the farm's configuration from these options, in {@code jobFarmDir}.
         */
        FarmContext farmContext(final Path jobFarmDir) {
            return farm.farmContext(jobFarmDir, retryFailed);
        }
    }
}

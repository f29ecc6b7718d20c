package forecastfarm.launcher;

import forecastfarm.launcher.api.FarmRunException;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.cli.UsageErrors;
import forecastfarm.launcher.client.ServedFarmException;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmException;
import forecastfarm.launcher.farm.ModelPlugins;
import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.job.ForecastJob;
import forecastfarm.launcher.job.ForecastJobOptions;
import forecastfarm.launcher.merge.MergeCommand;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code scripts/farm}: the command line. Errors a user can fix get a one-line message and an exit code from
 * {@link ExitCodes}; stack traces go to the log only.
 */
@Command(
        name = "farm",
        mixinStandardHelpOptions = true,
        version = "Forecast Farm 0.1",
        description = "Forecast many time series at once on a farm of worker processes.")
public final class FarmCli implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(FarmCli.class);

    /**
     * The subcommands, in the order the help lists them. Building a command's model from its annotations takes
     * picocli tens of milliseconds each on a cold JVM, on the path to the workers' start, so a command line that names
     * one builds only that one (see {@link #addSubcommands}).
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            Forecast.class,
            CvCommand.class,
            RunCommand.class,
            ServeCommand.class,
            TokenCommand.class,
            SubmitCommand.class,
            ClientCommands.Jobs.class,
            ClientCommands.Status.class,
            ClientCommands.Results.class,
            ClientCommands.Cancel.class,
            InspectCommand.class,
            MergeCommand.class);

    private final PrintStream out;
    private final PrintStream err;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    FarmCli(final PrintStream out, final PrintStream err) {
        this.out = out;
        this.err = err;
    }

    PrintStream out() {
        return out;
    }

    /** Where messages go when standard output is for a command's result (a job id, say). */
    PrintStream err() {
        return err;
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
        return commandLine(args, out, err).execute(args);
    }

    /**
     * The command line that runs {@code args}: with the subcommand {@code args[0]} names, or with every one.
     */
    static CommandLine commandLine(final String[] args, final PrintStream out, final PrintStream err) {
        final CommandLine cli = new CommandLine(new FarmCli(out, err));
        addSubcommands(cli, args, out);
        cli.setExitCodeExceptionMapper(
                ex -> ex instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.INTERNAL);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine));
        cli.setParameterExceptionHandler(new UsageErrors());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE));
        return cli;
    }

    /**
     * Adds the subcommand {@code args[0]} names, or every subcommand when it names none (no arguments, an option such
     * as {@code --help}, a misspelt command: the usage and picocli's suggestions need them all).
     */
    private static void addSubcommands(final CommandLine cli, final String[] args, final PrintStream out) {
        final String named = args.length == 0 ? "" : args[0];
        final List<Class<?>> chosen = SUBCOMMANDS.stream()
                .filter(command -> names(command).contains(named))
                .toList();
        for (final Class<?> command : chosen.isEmpty() ? SUBCOMMANDS : chosen) {
            cli.addSubcommand(command == MergeCommand.class ? new MergeCommand(out) : command);
        }
    }

    private static List<String> names(final Class<?> command) {
        final Command annotation = command.getAnnotation(Command.class);
        final List<String> names = new ArrayList<>(List.of(annotation.aliases()));
        names.add(annotation.name());
        return names;
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
        if (ex instanceof ServedFarmException served) {
            err.println("error: " + ex.getMessage());
            final int status = served.status();
            return status == 0 || status == 429 || status >= 500 ? ExitCodes.SERVER_UNAVAILABLE : ExitCodes.USAGE;
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
        // the CommandLine this command runs in, which has every subcommand when none was named
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

    @Command(
            name = "forecast",
            mixinStandardHelpOptions = true,
            defaultValueProvider = FarmDefaults.class,
            description =
                    "Forecast every series of a long CSV (unique_id,ds,y), a wide CSV or a folder of OHLCV files.")
    static final class Forecast implements Callable<Integer> {
        @CommandLine.ParentCommand
        FarmCli parent;

        @CommandLine.Mixin
        ForecastOptions forecast;

        @CommandLine.Mixin
        AutoOptions auto;

        @CommandLine.Mixin
        FarmOptions farm;

        @Override
        public Integer call() {
            final ForecastJobOptions options = forecast.jobOptions(auto);
            final int batchSize = forecast.batchSize(options.models());
            final ShardFilter shardFilter = forecast.shardFilter();
            final FarmContext ctx = ModelPlugins.addJars(
                    farmContext(defaultFarmBase().resolve(shardFilter.jobId(options.jobId("forecast")))),
                    options.models());
            return new ForecastJob(options, ctx, parent.out)
                    .shard(shardFilter)
                    .outputShape(forecast.shape())
                    .outputFormat(forecast.outputFormat())
                    .batchSize(batchSize)
                    .run();
        }

        /**
         * @return the farm's configuration from these options, in {@code jobFarmDir}.
         */
        FarmContext farmContext(final Path jobFarmDir) {
            return farm.farmContext(jobFarmDir, forecast.retryFailed);
        }
    }
}

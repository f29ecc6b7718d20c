package forecastfarm.launcher;

import forecastfarm.launcher.client.ForecastClient;
import forecastfarm.launcher.job.ForecastJobOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code farm submit}: a {@code farm forecast} command line sent to a served farm as one job (see
 * {@link ForecastClient}). The forecast options are the forecast command's ({@link ForecastOptions}); its farm options
 * are accepted, so that a forecast command line works unchanged, but the served farm's own settings apply.
 */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        defaultValueProvider = FarmCli.FarmDefaults.class,
        description = "Send a forecast job, with the options of 'farm forecast', to a served farm ('farm serve'):"
                + " prints the job id; with --wait shows its progress and writes the forecast outputs in --out.")
final class SubmitCommand implements Callable<Integer> {
    /** The forecast command's farm options that a served farm sets for itself. */
    private static final List<String> SERVER_SIDE = List.of(
            "--workers",
            "--task-timeout",
            "--heartbeat-timeout",
            "--max-attempts",
            "--max-tasks-per-worker",
            "--worker-jit",
            "--max-worker-heap-mb",
            "--max-worker-rss-mb");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    FarmCli parent;

    @CommandLine.Mixin
    ForecastOptions forecast;

    @CommandLine.Mixin
    AutoOptions auto;

    @CommandLine.Mixin
    FarmOptions farm;

    @CommandLine.Mixin
    ServerAddress server;

    @Option(
            names = "--wait",
            description = "follow the job to its end and write forecasts.csv, failed.csv and summary.json in --out")
    boolean await;

    @Option(
            names = "--priority",
            defaultValue = "0",
            description = "among this client's jobs, higher first (default ${DEFAULT-VALUE})")
    int priority;

    @Override
    public Integer call() {
        final ForecastJobOptions options = forecast.jobOptions(auto);
        if (options.resume() || options.retryFailed()) {
            throw new IllegalArgumentException("--resume and --retry-failed are farm forecast's: a served job is kept"
                    + " by the server; run the same farm submit again to wait for the job it submitted");
        }
        final java.io.PrintStream err = parent.err();
        for (final String option : SERVER_SIDE) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                err.println(
                        "note: " + option + " is the served farm's to set ('farm serve " + option + "'); ignored here");
            }
        }
        if (forecast.asksForBatches()) {
            err.println("note: --batch-size is farm forecast's: a served farm runs one series per task; ignored here");
        }
        err.flush();
        return new ForecastClient(server.connect(farm.farmDir), err)
                .submit(
                        options,
                        forecast.shardFilter(),
                        forecast.shape(),
                        forecast.outputFormat(),
                        priority,
                        await,
                        parent.out());
    }
}

package forecastfarm.launcher;

import forecastfarm.launcher.cv.CvSettings;
import forecastfarm.launcher.cv.CvWork;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.ModelPlugins;
import forecastfarm.launcher.io.ForecastTable;
import forecastfarm.launcher.io.OutputFormat;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.job.ForecastJob;
import forecastfarm.launcher.job.ForecastJobOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code farm cv}: rolling-origin cross-validation of every model on every series, on the farm: the forecast job's
 * input, farm and output options (one declaration, {@link ForecastOptions}), and the windows.
 */
@Command(
        name = "cv",
        mixinStandardHelpOptions = true,
        defaultValueProvider = FarmCli.FarmDefaults.class,
        description = "Cross-validate models on every series over rolling origins (statsforecast's cross_validation):"
                + " each window refits each model on the points up to its cutoff and forecasts --horizon after it;"
                + " writes cv.csv, cv_metrics.csv, failed.csv, joblog.tsv, summary.json, report.html and plots/<id>.png"
                + " (each window's forecasts over the actual values).")
final class CvCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    FarmCli parent;

    @CommandLine.Mixin
    ForecastOptions forecast;

    @CommandLine.Mixin
    FarmOptions farm;

    @Option(
            names = "--windows",
            required = true,
            paramLabel = "K",
            description = "how many windows; they cover the last horizon + step x (K - 1) points")
    int windows;

    @Option(
            names = "--step",
            paramLabel = "S",
            defaultValue = "1",
            description = "points between two windows' cutoffs (default ${DEFAULT-VALUE})")
    int step;

    @Option(
            names = "--input-size",
            paramLabel = "N",
            description = "train each window on the last N points up to its cutoff (a rolling window); default:"
                    + " every point up to it (an expanding window)")
    Integer inputSize;

    @Override
    public Integer call() {
        final ForecastJobOptions options = forecast.jobOptions();
        forecast.refuseBatches("farm cv runs one series per task (each cross-validates its series over its windows)");
        if (forecast.shape() != ForecastTable.Shape.LONG || forecast.outputFormat() != OutputFormat.CSV) {
            throw new IllegalArgumentException(
                    "--output-shape and --output-format are for farm forecast; farm cv writes cv.csv (long) only");
        }
        final CvSettings settings = CvSettings.of(windows, step, inputSize, options.horizon());
        final CvWork work = new CvWork(
                settings, options.horizon(), options.models(), options.levels(), options.plots(), options.out());
        final ShardFilter shardFilter = forecast.shardFilter();
        final FarmContext ctx = ModelPlugins.addJars(
                farm.farmContext(
                        FarmCli.defaultFarmBase().resolve(shardFilter.jobId(options.jobId(work.fingerprint()))),
                        forecast.retryFailed),
                options.models());
        return new ForecastJob(options, ctx, parent.out())
                .shard(shardFilter)
                .work(work)
                .run();
    }
}

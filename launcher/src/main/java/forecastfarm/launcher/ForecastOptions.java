package forecastfarm.launcher;

import forecastfarm.launcher.io.ForecastTable;
import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.InputFormat;
import forecastfarm.launcher.io.OutputFormat;
import forecastfarm.launcher.io.SeasonLengths;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.io.TimeSettings;
import forecastfarm.launcher.job.BatchSize;
import forecastfarm.launcher.job.ForecastJobOptions;
import forecastfarm.launcher.report.PlotPolicy;
import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelDeclaration;
import forecastfarm.shared.forecast.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The forecast job's options (input, horizon, models, levels, outputs), a picocli mixin shared by {@code farm
 * forecast} and {@code farm submit}: one declaration, so a forecast command line works as a submit command line.
 */
final class ForecastOptions {
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
                    + "${COMPLETION-CANDIDATES}; auto:ets+theta picks per series the better of ets and theta by"
                    + " cross-validation on the series' last points, auto alone is auto:ets+theta+arima+comb;"
                    + " comb:ets+theta is the mean of ets and theta (+combine=median their median), comb alone is"
                    + " comb:arima+ces+dot+mstl+drift+snaive+combine=median; mstl:arima forecasts the seasonally"
                    + " adjusted series with arima, on the log scale for a positive series unless"
                    + " mstl:arima+transform=none"
                    + " (default ${DEFAULT-VALUE})")
    List<String> models;

    @Option(
            names = "--level",
            split = ",",
            defaultValue = "80,95",
            description = "prediction interval levels in percent (default ${DEFAULT-VALUE})")
    double[] levels;

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
            names = BatchSize.OPTION,
            paramLabel = "N|" + BatchSize.AUTO,
            defaultValue = BatchSize.AUTO,
            description = "series per task: a model that forecasts many series in one call (onnx) pays per call, so"
                    + " batches of N series run as one task; a worker killed mid-batch loses that batch's task, which"
                    + " runs again; " + BatchSize.AUTO + ": " + BatchSize.BATCHING_DEFAULT + " when --model names onnx"
                    + " directly, else 1; farm forecast only (default ${DEFAULT-VALUE})")
    String batchSize;

    @Option(
            names = "--output-shape",
            paramLabel = "long|wide",
            defaultValue = ForecastTable.Shape.DEFAULT,
            description = "forecasts.csv: long (a row per series, model and step, with model_spec) or wide (a row"
                    + " per series and step, a column per model and bound, as statsforecast) (default"
                    + " ${DEFAULT-VALUE})")
    String outputShape;

    /**
     * @return the options checked, as the forecast job takes them.
     * @throws IllegalArgumentException naming the option, for a bad value.
     * @throws InputException when the input cannot be read.
     */
    ForecastJobOptions jobOptions() {
        return jobOptions(new AutoOptions());
    }

    /**
     * As {@link #jobOptions()}, with {@code auto}'s settings from {@code auto} ({@code farm forecast}, {@code farm
     * submit}) written into every {@code auto} spec of {@code --model}.
     */
    ForecastJobOptions jobOptions(final AutoOptions auto) {
        if (horizon < 1) {
            throw new IllegalArgumentException("Invalid forecast horizon --horizon " + horizon + ": must be 1 or more");
        }
        final double[] seasonLengths = SeasonLengths.parse(seasonLength);
        final TimeSettings time = TimeSettings.parse(timeZone, timeFormat);
        for (final double level : levels) {
            if (!(level > 0 && level < 100)) {
                throw new IllegalArgumentException("invalid --level " + level + ": levels are percentages in (0, 100)");
            }
        }
        final List<String> modelSpecs =
                auto.rewrite(ModelSpec.texts(ModelSpec.parseList("--model", String.join(",", models))));
        if (!Files.isReadable(input)) {
            throw new InputException(
                    input, "input " + input + (Files.exists(input) ? " cannot be read" : " does not exist"));
        }
        final InputFormat inputFormat =
                format != null ? InputFormat.parse(format) : InputFormat.detect(input, idCol, timeCol, valueCol);
        return new ForecastJobOptions(
                input,
                horizon,
                seasonLengths,
                modelSpecs,
                Arrays.stream(levels).sorted().distinct().toArray(),
                out,
                inputFormat,
                idCol,
                timeCol,
                valueCol,
                resume,
                retryFailed,
                PlotPolicy.parse(plots),
                time);
    }

    /**
     * @param models the canonical {@code --model} specs.
     * @return {@code --batch-size}, checked, {@code auto} resolved for these models.
     */
    int batchSize(final List<String> models) {
        return BatchSize.resolve(batchSize, models);
    }

    /**
     * Refuses {@code --batch-size} above 1 for a command whose tasks hold one series each.
     *
     * @param why what the command does instead, e.g. "farm cv runs one series per task".
     */
    void refuseBatches(final String why) {
        if (BatchSize.asksForBatches(batchSize)) {
            BatchSize.resolve(batchSize, List.of());
            throw new IllegalArgumentException(BatchSize.OPTION + " " + batchSize + ": " + why);
        }
    }

    /** @return whether {@code --batch-size} asks for batches of more than one series. */
    boolean asksForBatches() {
        return BatchSize.asksForBatches(batchSize);
    }

    /** @return {@code --output-format}, checked. */
    OutputFormat outputFormat() {
        return OutputFormat.parse(outputFormat);
    }

    /** @return {@code --output-shape}, checked. */
    ForecastTable.Shape shape() {
        return ForecastTable.Shape.parse(outputShape);
    }

    /** @return {@code --shard}, checked; all series when not given. */
    ShardFilter shardFilter() {
        return shard == null ? ShardFilter.ALL : ShardFilter.parse(shard);
    }

    /** How to write each known model, from {@link ModelCatalog#MODELS}, for {@code --model}'s help. */
    static final class ModelUsages implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelCatalog.MODELS.declarations().stream()
                    .map(ModelDeclaration::usage)
                    .iterator();
        }
    }
}

package forecastfarm.launcher.merge;

import forecastfarm.launcher.io.LongCsvReader;
import forecastfarm.launcher.io.OutputFormat;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code farm merge DIR}: see {@link ShardMerge}.
 */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = {
            "Merge the shards of a job (DIR/shards/<job>_<i>/, as scripts/farm-slurm writes them) into one "
                    + "forecasts.csv, failed.csv and summary.json in DIR, naming any shard that is missing or failed.",
            "Shards run with --output-format parquet are read from their forecasts.parquet (CSV and Parquet shards "
                    + "may be mixed); the merged forecasts are then forecasts.parquet too, unless --output-format csv.",
            "Shards of farm run --kind K (results.jsonl) are merged into one results.jsonl, failed.csv and "
                    + "summary.json, each key once; --input is then the job's tasks.jsonl or tasks.csv.",
            "Shards of farm cv are merged into one cv.csv, cv_metrics.csv, failed.csv, joblog.tsv, summary.json and "
                    + "report.html, the scores computed again from the merged rows; shards run with other settings "
                    + "are refused.",
            "Exit code: 107 when a shard is missing, failed or unfinished, or shards overlap; else as farm forecast."
        })
public final class MergeCommand implements Callable<Integer> {
    private final PrintStream out;

    @Parameters(index = "0", paramLabel = "DIR", description = "the job's output dir (farm-slurm's --out)")
    Path dir;

    @Option(names = "--shards", description = "the number of shards n (default: from the shards' summaries)")
    Integer shards;

    @Option(
            names = "--input",
            description = "the job's input: list the series of missing shards as NOT_RUN, "
                    + "check that every series is in the output, and write the rows in the input's order")
    Path input;

    @Option(
            names = "--id-col",
            defaultValue = "unique_id",
            description = "--input's series id column (default ${DEFAULT-VALUE})")
    String idCol;

    @Option(names = "--time-col", defaultValue = "ds", description = "--input's date column (default ${DEFAULT-VALUE})")
    String timeCol;

    @Option(
            names = "--value-col",
            defaultValue = "y",
            description = "--input's value column (default ${DEFAULT-VALUE})")
    String valueCol;

    @Option(
            names = "--output-format",
            paramLabel = "<fmt>",
            defaultValue = "auto",
            description = "the merged forecasts' file: csv (forecasts.csv), parquet (forecasts.parquet) or auto: "
                    + "parquet when any merged shard wrote forecasts.parquet, else csv (default ${DEFAULT-VALUE})")
    String outputFormat;

    public MergeCommand() {
        this(System.out);
    }

    public MergeCommand(final PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        if (input != null && !Files.isReadable(input)) {
            throw new IllegalArgumentException("--input " + input + " cannot be read");
        }
        final OutputFormat format;
        if ("auto".equalsIgnoreCase(outputFormat.strip())) {
            format = null;
        } else {
            try {
                format = OutputFormat.parse(outputFormat);
            } catch (final IllegalArgumentException ex) {
                throw new IllegalArgumentException(
                        "invalid --output-format '" + outputFormat + "': use auto, csv or parquet", ex);
            }
        }
        return new ShardMerge(dir, shards, input, new LongCsvReader(idCol, timeCol, valueCol), out, format)
                .run()
                .exitCode();
    }
}

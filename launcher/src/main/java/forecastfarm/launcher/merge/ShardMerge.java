package forecastfarm.launcher.merge;

import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.io.FailedCsvWriter;
import forecastfarm.launcher.io.ForecastTable;
import forecastfarm.launcher.io.LongCsvReader;
import forecastfarm.launcher.io.OutputFormat;
import forecastfarm.launcher.io.SummaryJson;
import forecastfarm.launcher.io.parquet.ForecastsParquet;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code farm merge DIR}: joins the outputs of the shards of one job ({@code DIR/shards/<tag>_<i>/}, one per
 * {@code farm forecast --shard i/n}, as {@code scripts/farm-slurm} lays them out, {@code <tag>} being the SLURM
 * array job id) into one {@code forecasts.csv}, {@code failed.csv} and {@code summary.json} in {@code DIR}.
 *
 * <p>Every shard index 0..n-1 is accounted for: a shard with no dir is <em>missing</em>; one whose task failed
 * (exit code 101 and up in its {@code exit_code} file, outputs absent or unreadable) is <em>failed</em>; one that was
 * drained by a signal and never finished is <em>interrupted</em>. Each is named in the summary and on the console,
 * and with {@code --input} the series it should have held are listed in {@code failed.csv} as {@code NOT_RUN}. A
 * series found in more than one shard is kept once (from the lowest shard) and reported as a duplicate; a series
 * in a shard its id does not hash to is reported as misplaced. When several dirs hold the same shard index (a
 * resubmission into the same DIR), the most complete, then the newest, is used and the others are reported as
 * superseded; dirs whose summary names another shard count are ignored.
 *
 * <p>A shard run with {@code --output-format parquet} holds forecasts.parquet instead of forecasts.csv: it is read
 * through a temporary CSV in DIR ({@link ShardForecasts}; the shard dirs are only read), and the merged forecasts are
 * then written as forecasts.parquet too, unless another format is asked for. CSV and Parquet shards can be mixed.
 *
 * <p>The shards of a {@code farm run} job (results.jsonl) are merged by {@link RunShardMerge} instead, those of a
 * {@code farm cv} job (cv.csv, cv_metrics.csv) by {@link CvShardMerge}; shards of different jobs (forecast, cv and
 * run, or runs of different kinds) are refused.
 *
 * <p>Exit code: {@link ExitCodes#SHARDS_INCOMPLETE} when any shard is missing, failed or interrupted, or the shards
 * overlap; otherwise as {@code farm forecast}: 0, or the number of failed, poisoned and invalid series (capped).
 */
public final class ShardMerge {
    public static final String SHARDS_DIR = "shards";
    public static final String EXIT_CODE_FILE = "exit_code";
    static final Pattern SHARD_DIR_NAME = Pattern.compile("(.+)_(\\d+)");
    private static final String CSV = OutputFormat.CSV.forecastsFile();

    private final Path dir;
    private final Integer expectedShards;
    private final Path input;
    private final LongCsvReader inputReader;
    private final PrintStream console;
    private final OutputFormat outputFormat;

    /**
     * @param dir            the job's output dir: shards under {@code dir/shards}, merged outputs into {@code dir}.
     * @param expectedShards n, or null to take it from the shards' summaries.
     * @param input          the job's input, or null: with it, the series of missing shards are listed as NOT_RUN
     *                       and every input series is checked to be in the output.
     * @param inputReader    how to read the input (its column names).
     */
    public ShardMerge(
            final Path dir,
            final Integer expectedShards,
            final Path input,
            final LongCsvReader inputReader,
            final PrintStream console) {
        this(dir, expectedShards, input, inputReader, console, null);
    }

    /**
     * @param outputFormat the merged forecasts' format, or null for that of the shards: forecasts.parquet when any
     *                     shard whose rows are merged wrote forecasts.parquet, else forecasts.csv.
     */
    public ShardMerge(
            final Path dir,
            final Integer expectedShards,
            final Path input,
            final LongCsvReader inputReader,
            final PrintStream console,
            final OutputFormat outputFormat) {
        this.dir = dir;
        this.expectedShards = expectedShards;
        this.input = input;
        this.inputReader = inputReader;
        this.console = console;
        this.outputFormat = outputFormat;
    }

    /**
     * What became of one shard index.
     *
     * @param status   {@code ok}, {@code interrupted}, {@code failed} or {@code missing}.
     * @param dir      its dir, relative to the job dir; null when missing.
     * @param exitCode the farm's exit code as the batch script recorded it; null when unknown.
     * @param reason   why it is not ok; null when ok.
     */
    public record ShardState(
            int index,
            int count,
            String status,
            String dir,
            Integer exitCode,
            String reason,
            Map<String, Object> summary) {
        public boolean ok() {
            return "ok".equals(status);
        }

        public String label() {
            return index + "/" + count;
        }

        /**
         * @return e.g. {@code shard 2/4 (shards/17_2): failed, exit 106 ...}.
         */
        public String describe() {
            return "shard " + label() + (dir != null ? " (" + dir + ")" : "") + ": " + status
                    + (reason != null ? ", " + reason : "");
        }
    }

    /**
     * The merge's outcome; {@link #summary()} is what summary.json holds.
     */
    public record Result(
            List<ShardState> shards,
            Map<String, Object> summary,
            long duplicateSeries,
            long misplacedSeries,
            long seriesInOutput,
            long notRunSeries,
            int exitCode) {
        /** @param notRun the input's series in no shard's output, or null without {@code --input}. */
        static Result of(
                final List<ShardState> states,
                final Map<String, Object> summary,
                final ShardRowCopy rows,
                final Long notRun) {
            return new Result(
                    List.copyOf(states),
                    summary,
                    rows.duplicates(),
                    rows.misplaced(),
                    rows.seen().size(),
                    notRun == null ? 0 : notRun,
                    (Integer) summary.get("exit_code"));
        }

        public List<ShardState> incomplete() {
            return shards.stream().filter(s -> !s.ok()).toList();
        }
    }

    /**
     * Merges and writes the outputs.
     *
     * @return the result; its exit code is the command's.
     * @throws IllegalArgumentException when DIR holds no shards and n is not given, or n is invalid.
     * @throws UncheckedIOException     when the merged outputs cannot be written.
     */
    public Result run() {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no such directory " + dir);
        }
        final ShardChoice choice = ShardChoice.of(dir, expectedShards);
        try {
            if (choice.run()) {
                return new RunShardMerge(dir, input, this).merge(choice);
            }
            return choice.cv() ? new CvShardMerge(dir, positions(), this).merge(choice) : merge(choice);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write the merged outputs to " + dir + ": " + ex.getMessage(), ex);
        }
    }

    private Result merge(final ShardChoice choice) throws IOException {
        final int n = choice.count();
        final List<ShardState> states = new ArrayList<>();
        final ShardRowCopy rows = new ShardRowCopy(n);
        List<String> forecastHeader = null;
        boolean parquetShards = false;
        OrderedOutput forecasts = null;
        OrderedOutput failed = null;
        final List<OrderedOutput> open = new ArrayList<>();
        final Map<String, Long> positions = positions();
        try {
            failed = new OrderedOutput(dir.resolve("failed.csv"), FailedCsvWriter.HEADER, positions);
            open.add(failed);
            for (int i = 0; i < n; i++) {
                final ShardCandidate c = choice.chosen().get(i);
                if (c == null) {
                    states.add(missing(i, n));
                    continue;
                }
                ShardState state = c.state(n);
                if (c.hasOutputs()) {
                    try (ShardForecasts shard = ShardForecasts.open(c.dir, dir)) {
                        final List<String> header = shard.header();
                        if (forecastHeader == null) {
                            forecastHeader = header;
                            forecasts = new OrderedOutput(dir.resolve(CSV), header, positions);
                            open.add(forecasts);
                        }
                        if (!header.equals(forecastHeader)) {
                            state = failed(state, otherColumns(shard.source(), header, forecastHeader));
                        } else {
                            rows.copy(i, shard.csv(), c.dir.resolve("failed.csv"), forecasts, failed);
                            parquetShards |= shard.parquet();
                        }
                    } catch (final ShardForecasts.Unreadable ex) {
                        state = failed(state, ex.getMessage() + " (rerun that shard, then merge again)");
                    }
                }
                states.add(state);
            }
            if (forecasts == null) {
                // no shard has outputs: still write a forecasts.csv, with the default levels' header
                forecasts = new OrderedOutput(
                        dir.resolve(CSV),
                        new ForecastTable(ForecastTable.Shape.LONG, new double[] {80, 95}, List.of()).header(),
                        positions);
                open.add(forecasts);
            }
            Long notRun = null;
            Integer inputSeries = null;
            if (input != null) {
                notRun = NotRunSeries.list(n, states, rows.seen(), positions.keySet(), failed, "forecast");
                inputSeries = positions.size();
            }
            final Map<String, Object> summary = MergeSummary.build(choice, states, rows, notRun, inputSeries);
            final int exitCode = (Integer) summary.get("exit_code");
            forecasts.close();
            failed.close();
            open.clear();
            final OutputFormat format =
                    outputFormat != null ? outputFormat : parquetShards ? OutputFormat.PARQUET : OutputFormat.CSV;
            final String forecastsFile = writeForecastsAs(format);
            SummaryJson.write(dir.resolve("summary.json"), summary);
            final Result result = Result.of(states, summary, rows, notRun);
            writeReport(dir, result);
            print(result, "series", forecastsFile + ", failed.csv, summary.json, report.html", choice);
            return result;
        } finally {
            open.forEach(OrderedOutput::abort);
        }
    }

    /**
     * The hook for the job's HTML report ({@code report.html}, built by {@code forecastfarm.launcher.report}): called
     * after forecasts.csv, failed.csv and summary.json are written to {@code dir}, with what the merge found (the
     * shards' states, missing and failed ones named).
     */
    public static void writeReport(final Path dir, final Result result) {
        writeReport(dir, result, "");
    }

    /** @param section HTML shown after the summary (a cv job's scores), or empty. */
    static void writeReport(final Path dir, final Result result, final String section) {
        MergeReport.write(dir, result, section);
    }

    /** @return each series id of {@code --input} to its position, or null without it. */
    private Map<String, Long> positions() {
        return input == null ? null : OrderedOutput.positions(inputReader, input);
    }

    /**
     * Prints the outcome to the console.
     *
     * @param noun  what is merged: series, tasks.
     * @param files the files written to DIR.
     */
    void print(final Result result, final String noun, final String files, final ShardChoice choice) {
        final Map<String, Object> s = result.summary();
        console.printf(
                java.util.Locale.ROOT,
                "merged %d of %d shards: %d %s in the output, %s ok, %s failed, "
                        + "%s poisoned, %s invalid; outputs in %s (%s)%n",
                (Long) s.get("shards_ok"),
                result.shards().size(),
                result.seriesInOutput(),
                noun,
                s.get("ok"),
                s.get("failed"),
                s.get("poisoned"),
                s.get("invalid_input"),
                dir,
                files);
        for (final ShardState state : result.incomplete()) {
            console.println("incomplete: " + state.describe());
        }
        if (result.notRunSeries() > 0) {
            console.println(result.notRunSeries() + " " + noun + " of the input are in no shard's output: listed as "
                    + "NOT_RUN in failed.csv");
        }
        if (result.duplicateSeries() > 0) {
            console.println("error: " + result.duplicateSeries() + " " + noun
                    + " are in more than one shard (kept from " + "the first), e.g. " + s.get("duplicate_examples"));
        }
        if (result.misplacedSeries() > 0) {
            console.println("warning: " + result.misplacedSeries() + " " + noun
                    + " are in a shard their id does not hash " + "to: were the shards made with another shard count?");
        }
        choice.superseded().forEach(name -> console.println("superseded (another dir holds the same shard): " + name));
        choice.ignored().forEach(name -> console.println("ignored: " + name));
    }

    static ShardState missing(final int index, final int n) {
        return new ShardState(
                index,
                n,
                "missing",
                null,
                null,
                "no dir " + SHARDS_DIR + "/<job>_" + index + " (the task never ran or wrote nothing)",
                null);
    }

    static ShardState failed(final ShardState state, final String reason) {
        return new ShardState(
                state.index(), state.count(), "failed", state.dir(), state.exitCode(), reason, state.summary());
    }

    /**
     * The merged forecasts.csv is written: with {@code format} Parquet it becomes forecasts.parquet ({@link
     * ForecastsParquet}; if that fails the CSV stays, as with {@code farm forecast}). A forecasts file of the other
     * format left by an earlier merge into the same dir is removed, so that only this merge's rows are there.
     *
     * @return the name of the forecasts file written.
     */
    private String writeForecastsAs(final OutputFormat format) throws IOException {
        final Path csv = dir.resolve(CSV);
        final Path parquet = dir.resolve(OutputFormat.PARQUET.forecastsFile());
        if (format == OutputFormat.PARQUET) {
            try {
                ForecastsParquet.convert(csv);
                return parquet.getFileName().toString();
            } catch (final IOException ex) {
                console.println("warning: " + ex.getMessage());
            }
        }
        Files.deleteIfExists(parquet);
        return CSV;
    }

    private static String otherColumns(final Path file, final List<String> header, final List<String> first) {
        final String name = file.getFileName().toString();
        final ForecastTable.Shape shape = ForecastTable.shapeOf(header);
        if (shape != ForecastTable.shapeOf(first)) {
            return "its " + name + " is " + shape + " and the first shard's is " + ForecastTable.shapeOf(first)
                    + " (--output-shape): rerun it with the other shards' --output-shape, then merge again";
        }
        return "its " + name + " has other columns (" + String.join(",", header) + "): another job's shard?";
    }
}

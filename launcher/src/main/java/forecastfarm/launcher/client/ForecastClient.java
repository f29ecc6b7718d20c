package forecastfarm.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.cli.Terminal;
import forecastfarm.launcher.io.ForecastTable;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.OutputFormat;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.io.SummaryJson;
import forecastfarm.launcher.io.parquet.ForecastsParquet;
import forecastfarm.launcher.job.ForecastJobOptions;
import forecastfarm.launcher.progress.ConsoleProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code farm submit}: a forecast command line sent to a served farm as one job. Without {@code --wait} it prints
 * the job's id; with it, it follows the job to its end and writes {@code farm forecast}'s forecasts file, failed.csv
 * and summary.json in {@code --out}. Running the same command again attaches to the same job (the request's hash is
 * its Idempotency-Key) for as long as the server keeps the job.
 */
public final class ForecastClient {
    private static final int PROBLEMS_SHOWN = 20;
    private static final long POLL_MS = 250;
    private static final List<String> RUNNING = List.of("queued", "running");

    private final ServedFarm farm;
    private final PrintStream console;

    /** @param console where progress and messages go (standard error: standard output is the job id's). */
    public ForecastClient(final ServedFarm farm, final PrintStream console) {
        this.farm = farm;
        this.console = console;
    }

    /**
     * @param stdout where the job id goes when not waiting.
     * @return the exit code: as {@code farm forecast}'s when waiting.
     */
    public int submit(
            final ForecastJobOptions options,
            final ShardFilter shard,
            final ForecastTable.Shape shape,
            final OutputFormat format,
            final int priority,
            final boolean wait,
            final PrintStream stdout) {
        final ForecastSubmission submission = ForecastSubmission.read(options, shard, priority);
        printProblems(submission.problems(), options.out());
        if (submission.series().isEmpty()) {
            console.println("error: no usable series in " + options.input()
                    + (submission.problems().isEmpty() ? " (the file has no data rows)" : "; see the problems above"));
            return ExitCodes.INPUT;
        }
        final long startNs = System.nanoTime();
        final JsonNode accepted = farm.submit(submission.body(), submission.idempotencyKey());
        final String id = accepted.path("id").asText();
        console.printf(
                Locale.ROOT,
                "submitted %d series (h=%d, models %s) through %s as job %s%n",
                submission.series().size(),
                options.horizon(),
                String.join(",", options.models()),
                farm.submitsThrough(),
                id);
        if (!wait) {
            stdout.println(id);
            return ExitCodes.OK;
        }
        final JsonNode ended = await(id, submission.series().size());
        if (ended.hasNonNull("error")) {
            // the job failed as a whole before any series ran (a model a worker could not make), as farm forecast does
            throw new IllegalArgumentException(ended.path("error").asText());
        }
        final Map<String, Integer> counts = write(id, options, shape, format, submission);
        final Map<String, Object> summary = summary(id, ended, counts, (System.nanoTime() - startNs) / 1e9);
        try {
            SummaryJson.write(options.out().resolve("summary.json"), summary);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + options.out().resolve("summary.json") + ": " + ex, ex);
        }
        console.printf(
                Locale.ROOT,
                "job %s %s: %d series ok, %d failed, %d poisoned, %d invalid, %d not run; model failures %d%n",
                id,
                ended.path("state").asText(),
                counts.get("OK"),
                counts.get("FAILED"),
                counts.get("POISONED"),
                counts.get("INVALID"),
                counts.get("NOT_RUN"),
                counts.get("MODEL_FAILED"));
        console.println("outputs: " + options.out().toAbsolutePath().normalize() + " (" + format.forecastsFile()
                + ", failed.csv, summary.json)");
        if ("cancelled".equals(ended.path("state").asText()) || counts.get("NOT_RUN") > 0) {
            return ExitCodes.INTERRUPTED;
        }
        // as farm forecast's: a series failed, poisoned or not read counts
        return ExitCodes.forFailures(counts.get("FAILED") + counts.get("POISONED") + counts.get("INVALID"));
    }

    /** Follows the job with a progress bar until it ended; the job goes on at the server if this client stops. */
    private JsonNode await(final String id, final long series) {
        final AtomicReference<JsonNode> last = new AtomicReference<>(farm.job(id));
        final Thread leaving = new Thread(
                () -> console.println("the job " + id + " goes on at " + farm.url() + "; run the same command again"
                        + " to wait for it, or 'farm status " + id + "'"),
                "submit-leaving");
        Runtime.getRuntime().addShutdownHook(leaving);
        try (ConsoleProgress progress = ConsoleProgress.startElsewhere(
                () -> "job " + last.get().path("state").asText(),
                console,
                "forecast",
                "series",
                series,
                () -> last.get().path("done").asLong(),
                Terminal.isInteractive())) {
            while (RUNNING.contains(last.get().path("state").asText())) {
                Thread.sleep(POLL_MS);
                last.set(farm.job(id));
            }
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ServedFarmException("interrupted while waiting for job " + id);
        } finally {
            Runtime.getRuntime().removeShutdownHook(leaving);
        }
        return last.get();
    }

    private Map<String, Integer> write(
            final String id,
            final ForecastJobOptions options,
            final ForecastTable.Shape shape,
            final OutputFormat format,
            final ForecastSubmission submission) {
        final ForecastTable table = new ForecastTable(shape, options.levels(), options.models());
        final Path out = options.out();
        try {
            final ServedForecastOutputs outputs =
                    new ServedForecastOutputs(out, table, options.models(), options.levels(), submission);
            try {
                farm.results(id, line -> {
                    try {
                        outputs.accept(line);
                    } catch (final IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
                final Map<String, Integer> counts = outputs.finish();
                if (format == OutputFormat.PARQUET) {
                    ForecastsParquet.convert(out.resolve(OutputFormat.CSV.forecastsFile()));
                }
                return counts;
            } catch (final RuntimeException | IOException ex) {
                outputs.abort();
                throw ex;
            }
        } catch (final IOException | UncheckedIOException ex) {
            throw new UncheckedIOException(
                    "cannot write results to " + out + ": " + ex.getMessage() + " (the job " + id + " keeps them at "
                            + farm.url() + "; free space or choose another --out, then run the same command again)",
                    ex instanceof IOException io ? io : ((UncheckedIOException) ex).getCause());
        }
    }

    private Map<String, Object> summary(
            final String id, final JsonNode job, final Map<String, Integer> counts, final double wallSeconds) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", job.path("state").asText());
        json.put("job", id);
        json.put("server", farm.url());
        json.put("tasks", job.path("tasks").asLong());
        json.put("ok", counts.get("OK"));
        json.put("failed", counts.get("FAILED"));
        json.put("poisoned", counts.get("POISONED"));
        json.put("invalid_input", counts.get("INVALID"));
        json.put("model_failures", counts.get("MODEL_FAILED"));
        json.put("not_run", counts.get("NOT_RUN"));
        json.put("wall_seconds", Math.round(wallSeconds * 1000) / 1000.0);
        json.put("series_per_second", Math.round(counts.get("OK") / Math.max(wallSeconds, 1e-9) * 100) / 100.0);
        return json;
    }

    private void printProblems(final List<InputProblem> problems, final Path out) {
        problems.stream().limit(PROBLEMS_SHOWN).forEach(problem -> console.println("input problem: " + problem));
        if (problems.size() > PROBLEMS_SHOWN) {
            console.printf(
                    Locale.ROOT,
                    "... and %d more input problems (all are in %s)%n",
                    problems.size() - PROBLEMS_SHOWN,
                    out.resolve("failed.csv"));
        }
    }
}

package forecastfarm.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import forecastfarm.launcher.io.FailedCsvWriter;
import forecastfarm.launcher.io.ForecastCsvWriter;
import forecastfarm.launcher.io.ForecastTable;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.OrderedRows;
import forecastfarm.shared.forecast.ModelForecast;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A served forecast job's results written as {@code farm forecast} writes them: forecasts.csv in the chosen shape and
 * failed.csv (INVALID, FAILED, POISONED, MODEL_FAILED and NOT_RUN rows), both in input order, from the job's NDJSON
 * results ({@code ResultLines} on the server: a series' lines come together, one per model and step, then one per
 * failure). The rows are rebuilt into each model's forecast and go through the same {@link ForecastTable} as
 * {@code farm forecast}'s, with the ds labels of the forecast steps computed here from the input's dates.
 */
final class ServedForecastOutputs {
    private final ForecastTable table;
    private final List<String> models;
    private final double[] levels;
    private final ForecastSubmission submission;
    private final Map<String, Long> seqs = new HashMap<>();
    private final ForecastCsvWriter forecasts;
    private final FailedCsvWriter failed;
    private final OrderedRows forecastOrder;
    private final OrderedRows failedOrder;
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private String current;
    private final List<JsonNode> lines = new ArrayList<>();

    /**
     * @param models the models in {@code --model} order, as the table has them.
     * @param levels the levels, ascending, as the table has them.
     */
    ServedForecastOutputs(
            final Path out,
            final ForecastTable table,
            final List<String> models,
            final double[] levels,
            final ForecastSubmission submission)
            throws IOException {
        Files.createDirectories(out);
        this.table = table;
        this.models = models;
        this.levels = levels;
        this.submission = submission;
        long seq = 0;
        for (final String id : submission.series().keySet()) {
            seqs.put(id, seq++);
        }
        this.forecasts = new ForecastCsvWriter(out.resolve("forecasts.csv"), table);
        this.failed = new FailedCsvWriter(out.resolve("failed.csv"));
        this.forecastOrder =
                new OrderedRows(out, "forecasts.csv", OrderedRows.DEFAULT_BUFFER_BYTES, forecasts::copyRow);
        this.failedOrder = new OrderedRows(out, "failed.csv", OrderedRows.DEFAULT_BUFFER_BYTES / 4, failed::copyRow);
        for (final String status : List.of("OK", "FAILED", "POISONED", "INVALID", "MODEL_FAILED", "NOT_RUN")) {
            counts.put(status, 0);
        }
        for (final InputProblem problem : submission.problems()) {
            final String id = problem.seriesId() == null ? "" : problem.seriesId();
            failedOrder.add(-1, FailedCsvWriter.row(id, "INVALID", 0, problem.message()));
            counts.merge("INVALID", 1, Integer::sum);
        }
    }

    /** One NDJSON line of the job's results, in the order of the results. */
    void accept(final JsonNode line) throws IOException {
        final String id = line.path("unique_id").asText();
        if (!id.equals(current)) {
            flush();
            current = id;
        }
        lines.add(line);
    }

    /**
     * Writes what is left, NOT_RUN rows for the series with no result (the job was cancelled), and renames the files
     * into place.
     *
     * @return the series by status ({@code OK, FAILED, POISONED, INVALID, MODEL_FAILED, NOT_RUN}).
     */
    Map<String, Integer> finish() throws IOException {
        flush();
        for (final Map.Entry<String, Long> left : seqs.entrySet()) {
            failedOrder.add(
                    left.getValue(),
                    FailedCsvWriter.row(
                            left.getKey(), "NOT_RUN", 0, "the job ended before this series ran (it was cancelled)"));
            counts.merge("NOT_RUN", 1, Integer::sum);
        }
        forecastOrder.finish();
        failedOrder.finish();
        forecasts.close();
        failed.close();
        return counts;
    }

    void abort() {
        forecastOrder.abort();
        failedOrder.abort();
        forecasts.abort();
        failed.abort();
    }

    private void flush() throws IOException {
        if (current == null || lines.isEmpty()) {
            return;
        }
        final Long seq = seqs.remove(current);
        if (seq == null) {
            // an INVALID line of the server's own check, for a series this client did not send twice: kept
            write(-1, current);
        } else {
            write(seq, current);
        }
        lines.clear();
        current = null;
    }

    private void write(final long seq, final String id) throws IOException {
        final Map<String, ModelRows> models = new LinkedHashMap<>();
        final Map<String, String> modelErrors = new HashMap<>();
        for (final JsonNode line : lines) {
            final String status = line.path("status").asText(null);
            if (status == null) {
                models.computeIfAbsent(line.path("model").asText(), model -> new ModelRows())
                        .add(line);
            } else if (line.has("model")) {
                modelErrors.put(line.get("model").asText(), line.path("reason").asText());
                failedOrder.add(
                        seq,
                        FailedCsvWriter.row(
                                id,
                                status,
                                line.path("attempts").asInt(),
                                line.get("model").asText() + ": "
                                        + line.path("reason").asText()));
                counts.merge(status, 1, Integer::sum);
            } else {
                failedOrder.add(
                        seq,
                        FailedCsvWriter.row(
                                id,
                                status,
                                line.path("attempts").asInt(),
                                line.path("reason").asText()));
                counts.merge(status, 1, Integer::sum);
                return;
            }
        }
        final List<ModelForecast> list = new ArrayList<>();
        for (final String model : this.models) {
            final ModelRows rows = models.get(model);
            list.add(
                    rows != null
                            ? rows.forecast(model, levels)
                            : ModelForecast.failed(model, modelErrors.getOrDefault(model, "no forecast")));
        }
        final String[] ds = submission.series().get(id);
        for (final String[] row : table.rows(id, ds, list)) {
            forecastOrder.add(seq, row);
        }
        counts.merge("OK", 1, Integer::sum);
    }

    /** One model's rows of one series, by step. */
    private static final class ModelRows {
        private final List<JsonNode> steps = new ArrayList<>();

        void add(final JsonNode row) {
            steps.add(row);
        }

        ModelForecast forecast(final String model, final double[] levels) {
            steps.sort(java.util.Comparator.comparingInt(row -> row.path("step").asInt()));
            final double[] mean = new double[steps.size()];
            final double[][] lower = new double[levels.length][steps.size()];
            final double[][] upper = new double[levels.length][steps.size()];
            for (int k = 0; k < levels.length; k++) {
                java.util.Arrays.fill(lower[k], Double.NaN);
                java.util.Arrays.fill(upper[k], Double.NaN);
            }
            for (int i = 0; i < steps.size(); i++) {
                final JsonNode row = steps.get(i);
                mean[i] = number(row.get("forecast"));
                for (final java.util.Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
                    final String name = names.next();
                    final int k = name.startsWith("lo-") || name.startsWith("hi-") ? level(name, levels) : -1;
                    if (k >= 0) {
                        (name.startsWith("lo-") ? lower : upper)[k][i] = number(row.get(name));
                    }
                }
            }
            return new ModelForecast(
                    model, steps.get(0).path("model_spec").asText(""), "", "", levels.clone(), mean, lower, upper);
        }

        /** @return the index of the level a {@code lo-L} or {@code hi-L} column is of, -1 for none of these. */
        private static int level(final String column, final double[] levels) {
            try {
                final double level = Double.parseDouble(column.substring(3));
                for (int k = 0; k < levels.length; k++) {
                    if (levels[k] == level) {
                        return k;
                    }
                }
            } catch (final NumberFormatException ignored) {
                // not a level column
            }
            return -1;
        }

        /** The server writes a NaN or an infinity (an interval that could not be computed) as null. */
        private static double number(final JsonNode value) {
            return value == null || !value.isNumber() ? Double.NaN : value.asDouble();
        }
    }
}

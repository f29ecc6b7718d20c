package forecastfarm.launcher.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.io.ResultsJsonl;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A served job's results as NDJSON lines: a task job's as {@code results.jsonl}'s ({@code key, status, attempts,
 * result, reason}); a forecast job's as {@code forecasts.csv}'s rows, one object per (id, model, step) with
 * {@code unique_id, ds, step, model, forecast, lo-L, hi-L, model_spec} ({@code ds} the step's date when the series
 * had dates, else the step); a cv job's as cv.csv's ({@link CvResultLines}); and, for forecast and cv jobs, one line
 * {@code unique_id, model, status, attempts, reason} per model or series that failed (no {@code model} when the whole
 * series failed). A cv job's metrics are lines of their own ({@link #metrics}).
 */
final class ResultLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultLines() {}

    static List<String> of(final String type, final String key, final ResultRecord record) {
        if (!seriesJob(type)) {
            final boolean ok = record.status() == TaskStatus.OK;
            return List.of(ResultsJsonl.line(
                    key, record.status().name(), record.attempts(), ok ? record.payload() : null, record.reason()));
        }
        if (record.status() != TaskStatus.OK) {
            return List.of(failure(key, null, record.status().name(), record.attempts(), record.reason()));
        }
        try {
            final JsonNode result = JSON.readTree(record.payload());
            return JobRequest.CV.equals(type)
                    ? CvResultLines.rows(key, record.attempts(), result)
                    : forecastRows(key, record.attempts(), result);
        } catch (final IOException ex) {
            throw new UncheckedIOException(
                    "the " + type + " result of " + key + " is not JSON: " + ex.getMessage(), ex);
        }
    }

    /** @return a cv job's metrics lines for a series that succeeded ({@link CvResultLines#metrics}); else none. */
    static List<String> metrics(final String type, final String key, final ResultRecord record) {
        if (!JobRequest.CV.equals(type) || record.status() != TaskStatus.OK) {
            return List.of();
        }
        try {
            return CvResultLines.metrics(key, JSON.readTree(record.payload()));
        } catch (final IOException ex) {
            throw new UncheckedIOException("the cv result of " + key + " is not JSON: " + ex.getMessage(), ex);
        }
    }

    private static boolean seriesJob(final String type) {
        return JobRequest.FORECAST.equals(type) || JobRequest.CV.equals(type);
    }

    static String invalid(final String type, final String key, final String reason) {
        return seriesJob(type)
                ? failure(key, null, "INVALID", 0, reason)
                : ResultsJsonl.line(key, "INVALID", 0, null, reason);
    }

    private static List<String> forecastRows(final String key, final int attempts, final JsonNode result)
            throws IOException {
        final List<String> lines = new ArrayList<>();
        modelRows(key, result.path("models"), lines, (row, forecast, step) -> {
            if (forecast.has("ds")) {
                row.set("ds", forecast.get("ds").get(step));
            } else {
                row.put("ds", step + 1);
            }
            row.put("step", step + 1);
        });
        modelFailures(key, attempts, result.path("failures"), "", lines);
        return lines;
    }

    /** The columns of a row between {@code unique_id} and {@code model}. */
    @FunctionalInterface
    interface RowStart {
        void put(ObjectNode row, JsonNode forecast, int step);
    }

    /**
     * Adds a row per model and step of {@code models} (the worker's {@code {"<spec>": {"model_spec", "mean", "lo-L",
     * "hi-L", ...}}}): {@code unique_id}, the {@code start} columns, {@code model, forecast, lo-L, hi-L...,
     * model_spec}.
     */
    static void modelRows(final String key, final JsonNode models, final List<String> lines, final RowStart start)
            throws IOException {
        for (final Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> model = it.next();
            final JsonNode forecast = model.getValue();
            final JsonNode mean = forecast.path("mean");
            for (int step = 0; step < mean.size(); step++) {
                final ObjectNode row = JSON.createObjectNode();
                row.put("unique_id", key);
                start.put(row, forecast, step);
                row.put("model", model.getKey());
                row.set("forecast", mean.get(step));
                for (final Iterator<String> names = forecast.fieldNames(); names.hasNext(); ) {
                    final String name = names.next();
                    if (name.startsWith("lo-") || name.startsWith("hi-")) {
                        row.set(name, forecast.get(name).get(step));
                    }
                }
                row.set("model_spec", forecast.get("model_spec"));
                lines.add(JSON.writeValueAsString(row));
            }
        }
    }

    /** Adds a {@code MODEL_FAILED} line per model of {@code failures} ({@code {"<spec>": "reason"}}). */
    static void modelFailures(
            final String key,
            final int attempts,
            final JsonNode failures,
            final String reasonPrefix,
            final List<String> lines) {
        for (final Iterator<Map.Entry<String, JsonNode>> it = failures.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> failure = it.next();
            lines.add(failure(
                    key,
                    failure.getKey(),
                    "MODEL_FAILED",
                    attempts,
                    reasonPrefix + failure.getValue().asText()));
        }
    }

    static String failure(
            final String key, final String model, final String status, final int attempts, final String reason) {
        final ObjectNode line = JSON.createObjectNode();
        line.put("unique_id", key);
        if (model != null) {
            line.put("model", model);
        }
        line.put("status", status);
        line.put("attempts", attempts);
        line.put("reason", reason);
        try {
            return JSON.writeValueAsString(line);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

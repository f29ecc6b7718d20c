package forecastfarm.launcher.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A cv job's results as NDJSON lines, from one series' result of the worker's cv kind: its rows as cv.csv's, one
 * object per (cutoff, model, step) with {@code unique_id, ds, cutoff, y, model, forecast, lo-L, hi-L..., model_spec}
 * ({@code ds} and {@code cutoff} the series' labels when it had dates, else the points' numbers from 1, as
 * {@code farm cv} writes them), and a {@code MODEL_FAILED} line per model and window it failed in; and its metrics as
 * cv_metrics.csv's rows, one object per model that forecast a window, {@code unique_id, model, windows, mae, rmse,
 * smape, mase, coverage-L, msis-L...} (null where a score is undefined).
 */
final class CvResultLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CvResultLines() {}

    static List<String> rows(final String key, final int attempts, final JsonNode result) throws IOException {
        final List<String> lines = new ArrayList<>();
        for (final JsonNode window : result.path("windows")) {
            final int cutoffIndex = window.path("cutoff_index").asInt();
            final JsonNode cutoff = window.has("cutoff_ds")
                    ? window.get("cutoff_ds")
                    : JSON.getNodeFactory().numberNode(cutoffIndex + 1);
            ResultLines.modelRows(key, window.path("models"), lines, (row, forecast, step) -> {
                if (forecast.has("ds")) {
                    row.set("ds", forecast.get("ds").get(step));
                } else {
                    row.put("ds", cutoffIndex + 2 + step);
                }
                row.set("cutoff", cutoff);
                row.set("y", forecast.path("y").get(step));
            });
            ResultLines.modelFailures(
                    key, attempts, window.path("failures"), "cutoff " + cutoff.asText() + ": ", lines);
        }
        return lines;
    }

    static List<String> metrics(final String key, final JsonNode result) throws IOException {
        final List<String> lines = new ArrayList<>();
        for (final Iterator<Map.Entry<String, JsonNode>> models =
                        result.path("metrics").fields();
                models.hasNext(); ) {
            final Map.Entry<String, JsonNode> model = models.next();
            final ObjectNode row = JSON.createObjectNode();
            row.put("unique_id", key);
            row.put("model", model.getKey());
            row.setAll((ObjectNode) model.getValue());
            lines.add(JSON.writeValueAsString(row));
        }
        return lines;
    }
}

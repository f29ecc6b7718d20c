package forecastfarm.launcher.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.TaskFileReader.TaskLine;
import forecastfarm.launcher.io.TimeAxis;
import forecastfarm.launcher.io.TimeSettings;
import forecastfarm.shared.forecast.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The launcher's part of the args of the built-in kinds {@code forecast} ({@code {"y": [...], "ds": [...], "horizon":
 * H, "season_length": M | [M1, M2], "models": [...], "levels": [...]}}) and {@code cv} (the same, and {@code
 * "windows", "step", "input_size"}): the models are checked as {@code --model} is (a bad one is a usage error, naming
 * the task), and a task's {@code ds} is read with {@link TimeAxis} as the forecast command reads it (a bad one makes
 * the task INVALID). A forecast task with {@code ds} gets {@code "future_ds"}, the dates of its forecast steps; a cv
 * task keeps its {@code ds} as written, which label its cutoffs and steps (as {@code farm cv} labels them with the
 * input's). The rest is the worker's to check.
 */
public final class ForecastArgs {
    public static final String KIND = "forecast";
    public static final String CV_KIND = "cv";

    private ForecastArgs() {}

    /** @return whether the args of the kind named as users name it are prepared here: forecast's and cv's. */
    public static boolean prepares(final String kind) {
        return KIND.equals(kind) || CV_KIND.equals(kind);
    }

    /**
     * @param kind a kind this {@link #prepares}; any other's args are returned as they are.
     * @return the args to send, changed in place.
     * @throws IllegalArgumentException for a bad model spec (the whole run is refused).
     * @throws InputException           for a bad ds or horizon (this task is INVALID).
     */
    public static ObjectNode prepare(final String kind, final TaskLine task, final TimeSettings time) {
        return prepare(kind, task, time, models -> {});
    }

    /**
     * {@link #prepare(String, TaskLine, TimeSettings)}, handing the task's models, as parsed, to {@code onModels}
     * (not called for a task that names none).
     */
    public static ObjectNode prepare(
            final String kind, final TaskLine task, final TimeSettings time, final Consumer<List<ModelSpec>> onModels) {
        if (!prepares(kind)) {
            return task.args();
        }
        final ObjectNode args = task.args();
        final JsonNode models = args.get("models");
        if (models != null) {
            final String label = "models of task " + task.key() + " (line " + task.line() + ")";
            final List<ModelSpec> specs = ModelSpec.parseList(label, String.join(",", texts(models, label)));
            final ArrayNode canonical = args.putArray("models");
            ModelSpec.texts(specs).forEach(canonical::add);
            onModels.accept(specs);
        }
        final JsonNode ds = args.get("ds");
        if (ds != null && CV_KIND.equals(kind)) {
            axis(task, ds, time);
        } else if (ds != null) {
            final JsonNode horizon = args.get("horizon");
            if (horizon == null || !horizon.canConvertToInt() || !horizon.isIntegralNumber() || horizon.asInt() < 1) {
                throw new InputException(null, problem(task, "\"horizon\" must be a whole number of steps, 1 or more"));
            }
            final ArrayNode future = args.putArray("future_ds");
            for (final String step : axis(task, ds, time).future(horizon.asInt())) {
                future.add(step);
            }
        }
        return args;
    }

    /** @return the task's dates, read as the forecast command reads them. */
    private static TimeAxis axis(final TaskLine task, final JsonNode ds, final TimeSettings time) {
        if (!ds.isArray()) {
            throw new InputException(null, problem(task, "\"ds\" must be an array of dates"));
        }
        final List<String> values = new ArrayList<>(ds.size());
        ds.forEach(value -> values.add(value.asText()));
        try {
            return TimeAxis.of(values, task.key(), time, null);
        } catch (final InputException ex) {
            throw new InputException(null, problem(task, "bad \"ds\": " + ex.getMessage()), ex);
        }
    }

    private static List<String> texts(final JsonNode models, final String label) {
        final List<String> texts = new ArrayList<>();
        if (models.isTextual()) {
            texts.add(models.asText());
        } else if (models.isArray()) {
            models.forEach(model -> texts.add(model.asText()));
        } else {
            throw new IllegalArgumentException(label + ": a list of model specs expected, got " + models);
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(label + ": no model named");
        }
        return texts;
    }

    private static String problem(final TaskLine task, final String what) {
        return "line " + task.line() + ": task " + task.key() + ": " + what;
    }
}

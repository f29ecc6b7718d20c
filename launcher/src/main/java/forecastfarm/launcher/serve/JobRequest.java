package forecastfarm.launcher.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.cv.CvSettings;
import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.TaskFileReader.TaskLine;
import forecastfarm.launcher.io.TimeSettings;
import forecastfarm.launcher.run.ForecastArgs;
import forecastfarm.shared.WorkerArgs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code POST /v1/jobs} body, checked whole before anything is accepted, and the tasks it makes:
 *
 * <pre>
 *   {"type": "tasks", "kind": "K", "priority": 0, "tasks": [{"key": "AAPL", "args": {...}}, ...]}
 *   {"type": "forecast", "horizon": 12, "models": ["ets", "theta"], "levels": [80, 95], "season_length": 12,
 *    "priority": 0, "series": [{"id": "AAPL", "y": [...], "ds": [...], "season_length": [5]}, ...]}
 *   {"type": "forecast", "horizon": 12, "models": ["ets"], "input": "/data/prices.csv", "id_col": "symbol", ...}
 *   {"type": "cv", "horizon": 12, "windows": 3, "step": 12, "input_size": 60, "models": [...], "series": [...]}
 * </pre>
 *
 * A forecast job is tasks of the built-in forecast kind, one per series, prepared as {@code farm run --kind forecast}
 * prepares them; a cv job the same with the built-in cv kind and the windows ({@code windows} required, {@code step}
 * default 1, {@code input_size} optional, each checked here as {@code farm cv} checks its options). A request wrong as a whole (not JSON, a missing or invalid field, a duplicate key, an unknown kind, a
 * bad model spec) is a {@link BadRequest}; a bad task or series in a good request is {@link Invalid}, reported in the
 * job's results as the command line reports it. A forecast job with {@code "input"} (a file on the server, read
 * only under {@code --allow-dir}) is read here, by {@link PathInput}.
 *
 * @param type     {@code tasks}, {@code forecast} or {@code cv}.
 * @param kind     the kind as users name it ({@code forecast} for a forecast job, {@code cv} for a cv job).
 * @param priority among the client's jobs.
 * @param tasks    the tasks to run, in request order.
 * @param invalid  the tasks found bad here, in request order.
 * @param input    the real path of the server-side file the series were read from, or null (they came inline).
 */
record JobRequest(String type, String kind, int priority, List<Task> tasks, List<Invalid> invalid, String input) {
    static final String TASKS = "tasks";
    static final String FORECAST = "forecast";
    static final String CV = "cv";
    /** Strict: a body with anything after its JSON value is refused (the job book stores bodies as they came). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final double[] DEFAULT_LEVELS = {80, 95};

    /** A task to run: its key and the kind's args as UTF-8 JSON. */
    record Task(String key, byte[] payload) {}

    /** A task not run: its key and why. */
    record Invalid(String key, String reason) {}

    /** @return the worker's kind name for the tasks. */
    String engineKind() {
        return WorkerArgs.JSON_KIND_PREFIX + kind;
    }

    /**
     * @return the distinct model specs of the job's forecast or cv tasks (empty for other kinds): a forecast or cv job
     *     gives every series the same models, so its first task says them; a task job's tasks each name their own.
     */
    List<String> models() {
        if (!ForecastArgs.prepares(kind)) {
            return List.of();
        }
        final Set<String> models = new LinkedHashSet<>();
        try {
            for (final Task task : tasks) {
                JSON.readTree(task.payload()).path("models").forEach(model -> models.add(model.asText()));
                if (!TASKS.equals(type)) {
                    break;
                }
            }
        } catch (final IOException ex) {
            throw new java.io.UncheckedIOException("a prepared task is not JSON: " + ex.getMessage(), ex);
        }
        return List.copyOf(models);
    }

    int size() {
        return tasks.size() + invalid.size();
    }

    /** As {@link #parse(byte[], Map, TimeSettings, AllowedDirs)} on a server that reads no files. */
    static JobRequest parse(final byte[] body, final Map<String, String> knownKinds, final TimeSettings time) {
        return parse(body, knownKinds, time, AllowedDirs.NONE);
    }

    /**
     * @param knownKinds the kinds the workers offer (the built-ins and the task jars').
     * @param inputDirs  where a forecast job's {@code "input"} file may be.
     * @throws BadRequest naming the field.
     */
    static JobRequest parse(
            final byte[] body,
            final Map<String, String> knownKinds,
            final TimeSettings time,
            final AllowedDirs inputDirs) {
        final JsonNode root;
        try {
            root = JSON.readTree(utf8(body));
        } catch (final IOException ex) {
            throw new BadRequest(
                    "body", "not valid JSON (" + firstLine(ex) + "); send one JSON object (see the API in README)");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest("body", "a JSON object expected");
        }
        final String type = text(root, "type");
        final int priority = root.has("priority") ? wholeNumber(root, "priority", Integer.MIN_VALUE) : 0;
        if (TASKS.equals(type)) {
            final String kind = text(root, "kind");
            if (!knownKinds.containsKey(kind)) {
                throw new BadRequest(
                        "kind",
                        "unknown kind '" + kind + "': the workers know " + String.join(", ", knownKinds.keySet()));
            }
            return tasks(root, kind, priority, time);
        }
        if (FORECAST.equals(type) || CV.equals(type)) {
            return series(root, type, priority, time, inputDirs);
        }
        throw new BadRequest("type", "\"tasks\", \"forecast\" or \"cv\" expected, got " + root.get("type"));
    }

    private static JobRequest tasks(
            final JsonNode root, final String kind, final int priority, final TimeSettings time) {
        final JsonNode list = root.get("tasks");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new BadRequest("tasks", "a non-empty array of {\"key\": ..., \"args\": {...}} expected");
        }
        final List<Task> tasks = new ArrayList<>(list.size());
        final List<Invalid> invalid = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            final JsonNode task = list.get(i);
            final String field = "tasks[" + i + "]";
            final String key = key(task, field, "key", keys);
            final JsonNode args = task.get("args");
            if (args == null || !args.isObject()) {
                invalid.add(new Invalid(key, field + ".args: a JSON object expected"));
                continue;
            }
            add(tasks, invalid, kind, new TaskLine(i + 1, key, (ObjectNode) args), time);
        }
        return new JobRequest(TASKS, kind, priority, List.copyOf(tasks), List.copyOf(invalid), null);
    }

    /** A forecast or cv job: a task of that kind per series, inline or read from a file on the server. */
    private static JobRequest series(
            final JsonNode root,
            final String type,
            final int priority,
            final TimeSettings time,
            final AllowedDirs inputDirs) {
        final ObjectNode shared = sharedArgs(root, type);
        final JsonNode season = root.get("season_length");
        if (root.has(AllowedDirs.FIELD)) {
            return PathInput.read(root, inputDirs, type, shared, season, priority);
        }
        final JsonNode series = root.get("series");
        if (series == null || !series.isArray() || series.isEmpty()) {
            throw new BadRequest(
                    "series",
                    "a non-empty array of {\"id\": ..., \"y\": [...]} expected (or \"input\": a file on the"
                            + " server)");
        }
        final List<Task> tasks = new ArrayList<>(series.size());
        final List<Invalid> invalid = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        for (int i = 0; i < series.size(); i++) {
            final JsonNode one = series.get(i);
            final String field = "series[" + i + "]";
            final String id = key(one, field, "id", ids);
            final ObjectNode args = JSON.createObjectNode();
            args.set("y", one.get("y"));
            if (one.has("ds")) {
                args.set("ds", one.get("ds"));
            }
            args.setAll(shared);
            if (one.has("season_length")) {
                args.set("season_length", one.get("season_length"));
            } else {
                args.set("season_length", season == null ? JSON.getNodeFactory().numberNode(1) : season);
            }
            add(tasks, invalid, kindOf(type), new TaskLine(i + 1, id, args), time);
        }
        return new JobRequest(type, kindOf(type), priority, List.copyOf(tasks), List.copyOf(invalid), null);
    }

    /** @return the built-in kind of a forecast or cv job's tasks. */
    static String kindOf(final String type) {
        return CV.equals(type) ? ForecastArgs.CV_KIND : ForecastArgs.KIND;
    }

    /**
     * @return the args every task of a forecast or cv job gets: {@code horizon, models, levels}, and a cv job's
     *     {@code windows, step} and {@code input_size} (when given).
     */
    private static ObjectNode sharedArgs(final JsonNode root, final String type) {
        final ObjectNode shared = JSON.createObjectNode();
        final int horizon = wholeNumber(root, "horizon", 1);
        shared.put("horizon", horizon);
        final JsonNode models = root.get("models");
        if (models == null || !models.isArray() || models.isEmpty()) {
            throw new BadRequest("models", "a non-empty array of model specs expected, e.g. [\"ets\", \"theta\"]");
        }
        shared.set("models", models);
        shared.set("levels", levels(root));
        if (CV.equals(type)) {
            final int windows = wholeNumber(root, "windows", 1);
            final int step = root.has("step") ? wholeNumber(root, "step", 1) : 1;
            shared.put("windows", windows);
            shared.put("step", step);
            if (root.has("input_size")) {
                shared.put("input_size", wholeNumber(root, "input_size", 1));
            }
            final long covered = CvSettings.coveredPoints(horizon, windows, step);
            if (covered >= CvSettings.MAX_COVERED) {
                throw new BadRequest(
                        "windows",
                        "the windows cover " + covered + " points (horizon + step x (windows - 1)), more than a"
                                + " series can have");
            }
        }
        return shared;
    }

    /**
     * The job as prepared here (its tasks' args, its invalid tasks, the file read), stored with a job whose series
     * came from a server-side file, so that a restarted server reopens it as accepted without reading the file again.
     */
    ObjectNode prepared() {
        final ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.put("kind", kind);
        node.put("priority", priority);
        node.put("input", input);
        final ArrayNode taskList = node.putArray("tasks");
        try {
            for (final Task task : tasks) {
                taskList.addObject().put("key", task.key()).set("args", JSON.readTree(task.payload()));
            }
        } catch (final IOException ex) {
            throw new java.io.UncheckedIOException("a prepared task is not JSON: " + ex.getMessage(), ex);
        }
        final ArrayNode invalidList = node.putArray("invalid");
        invalid.forEach(bad -> invalidList.addObject().put("key", bad.key()).put("reason", bad.reason()));
        return node;
    }

    /** @return the job {@link #prepared()} stored. */
    static JobRequest restore(final JsonNode prepared) {
        final List<Task> tasks = new ArrayList<>();
        try {
            for (final JsonNode task : prepared.path("tasks")) {
                tasks.add(new Task(task.path("key").asText(), JSON.writeValueAsBytes(task.path("args"))));
            }
        } catch (final JsonProcessingException ex) {
            throw new IllegalStateException("a stored task cannot be written back: " + ex.getMessage(), ex);
        }
        final List<Invalid> invalid = new ArrayList<>();
        for (final JsonNode bad : prepared.path("invalid")) {
            invalid.add(new Invalid(bad.path("key").asText(), bad.path("reason").asText()));
        }
        return new JobRequest(
                prepared.path("type").asText(),
                prepared.path("kind").asText(),
                prepared.path("priority").asInt(),
                List.copyOf(tasks),
                List.copyOf(invalid),
                prepared.path("input").asText(null));
    }

    /** A task prepared as {@code farm run} prepares it: a bad model spec refuses the request, a bad ds the task. */
    static void add(
            final List<Task> tasks,
            final List<Invalid> invalid,
            final String kind,
            final TaskLine line,
            final TimeSettings time) {
        try {
            final ObjectNode args = ForecastArgs.prepare(kind, line, time);
            tasks.add(new Task(line.key(), JSON.writeValueAsBytes(args)));
        } catch (final InputException ex) {
            invalid.add(new Invalid(line.key(), ex.getMessage()));
        } catch (final IllegalArgumentException ex) {
            throw new BadRequest("models", ex.getMessage());
        } catch (final JsonProcessingException ex) {
            invalid.add(new Invalid(line.key(), ex.getOriginalMessage()));
        }
    }

    private static ArrayNode levels(final JsonNode root) {
        final JsonNode given = root.get("levels");
        final ArrayNode levels = JSON.createArrayNode();
        if (given == null) {
            for (final double level : DEFAULT_LEVELS) {
                levels.add(level);
            }
            return levels;
        }
        if (!given.isArray()) {
            throw new BadRequest("levels", "an array of percentages in (0, 100) expected");
        }
        for (final JsonNode level : given) {
            if (!level.isNumber() || !(level.asDouble() > 0 && level.asDouble() < 100)) {
                throw new BadRequest("levels", "percentages in (0, 100) expected, got " + level);
            }
            levels.add(level.asDouble());
        }
        return levels;
    }

    private static String key(final JsonNode item, final String field, final String name, final Set<String> seen) {
        if (item == null || !item.isObject()) {
            throw new BadRequest(field, "a JSON object expected");
        }
        final JsonNode key = item.get(name);
        if (key == null || !key.isTextual() || key.asText().isEmpty()) {
            throw new BadRequest(field + "." + name, "a non-empty string expected");
        }
        if (!seen.add(key.asText())) {
            throw new BadRequest(field + "." + name, "'" + key.asText() + "' appears twice; keys must be unique");
        }
        return key.asText();
    }

    private static String text(final JsonNode root, final String field) {
        final JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadRequest(field, "a string expected");
        }
        return value.asText();
    }

    private static int wholeNumber(final JsonNode root, final String field, final int min) {
        final JsonNode value = root.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min) {
            throw new BadRequest(
                    field, "a whole number" + (min == Integer.MIN_VALUE ? "" : " of at least " + min) + " expected");
        }
        return value.asInt();
    }

    /** @throws BadRequest when the body is not UTF-8 (JSON sent over a network is, RFC 8259). */
    private static String utf8(final byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (final CharacterCodingException ex) {
            throw new BadRequest("body", "not UTF-8 text; send the JSON in UTF-8");
        }
    }

    private static String firstLine(final IOException ex) {
        final String message = ex instanceof JsonProcessingException json ? json.getOriginalMessage() : ex.getMessage();
        final int end = message == null ? -1 : message.indexOf('\n');
        return end < 0 ? String.valueOf(message) : message.substring(0, end);
    }
}

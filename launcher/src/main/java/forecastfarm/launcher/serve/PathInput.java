package forecastfarm.launcher.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.io.InputException;
import forecastfarm.launcher.io.InputFormat;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.RecentDs;
import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.TaskFileReader.TaskLine;
import forecastfarm.launcher.io.TimeSettings;
import forecastfarm.shared.forecast.CvRequest;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The series of a forecast or cv job that names a server-side file instead of sending them: {@code "input":
 * "/data/prices.csv"} with the input options of {@code farm forecast} as fields ({@code format, id_col, time_col,
 * value_col, time_zone, time_format}), read with the reader {@code farm forecast --input} uses, only under the
 * server's {@code --allow-dir} ({@link AllowedDirs}). As there, a series without {@code season_length} gets the
 * seasons its dates imply; a forecast job's steps are labelled with the dates after its last one, a cv job's cutoffs
 * and steps with the series' own (as written, as {@code farm cv} labels them: the read keeps as many of each series'
 * last labels as the windows and the cutoff before them cover, {@link RecentDs#covering}).
 *
 * <p>A whole-file problem (not found, outside the allowed dirs, unreadable, no format fits, a missing column) is a
 * {@link BadRequest} naming {@code input} with the reader's message; a bad series inside is INVALID in the job's
 * results.
 */
final class PathInput {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PathInput() {}

    /**
     * @param type   {@code forecast} or {@code cv}.
     * @param shared the args every task gets (the job's horizon, models, levels and windows), checked.
     * @param season the job's season lengths, or null: inferred per series.
     * @return the job, its input the real path read.
     */
    static JobRequest read(
            final JsonNode root,
            final AllowedDirs dirs,
            final String type,
            final ObjectNode shared,
            final JsonNode season,
            final int priority) {
        if (root.has("series")) {
            throw new BadRequest(AllowedDirs.FIELD, "give either \"series\" or \"input\", not both");
        }
        final JsonNode given = root.get(AllowedDirs.FIELD);
        if (!given.isTextual() || given.asText().isBlank()) {
            throw new BadRequest(AllowedDirs.FIELD, "a path on the server expected, e.g. \"/data/prices.csv\"");
        }
        final String idCol = option(root, "id_col");
        final String timeCol = option(root, "time_col");
        final String valueCol = option(root, "value_col");
        final TimeSettings time = time(root);
        final String formatName = option(root, "format");
        final InputFormat format;
        try {
            format = formatName == null ? null : InputFormat.parse(formatName);
        } catch (final InputException ex) {
            throw new BadRequest("format", ex.getMessage());
        }
        final Path input = dirs.resolve(given.asText());
        final List<TaskLine> lines = new ArrayList<>();
        final List<JobRequest.Invalid> invalid = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        try {
            final InputFormat layout = format != null ? format : InputFormat.detect(input, idCol, timeCol, valueCol);
            layout.readerFor(input, idCol, timeCol, valueCol, time, kept(type, shared))
                    .read(
                            input,
                            series -> {
                                if (!ids.add(series.id())) {
                                    invalid.add(new JobRequest.Invalid(
                                            series.id(), "series " + series.id() + " appears twice in " + input));
                                    return;
                                }
                                lines.add(new TaskLine(
                                        lines.size() + 1L, series.id(), args(series, type, shared, season)));
                            },
                            problem -> invalid.add(invalid(problem)));
        } catch (final InputException ex) {
            throw new BadRequest(AllowedDirs.FIELD, ex.getMessage());
        } catch (final UncheckedIOException ex) {
            throw new BadRequest(AllowedDirs.FIELD, input + " cannot be read: " + ex.getMessage());
        }
        if (lines.isEmpty() && invalid.isEmpty()) {
            throw new BadRequest(AllowedDirs.FIELD, given.asText() + " holds no series");
        }
        final List<JobRequest.Task> tasks = new ArrayList<>(lines.size());
        for (final TaskLine line : lines) {
            JobRequest.add(tasks, invalid, JobRequest.kindOf(type), line, time);
        }
        return new JobRequest(
                type, JobRequest.kindOf(type), priority, List.copyOf(tasks), List.copyOf(invalid), input.toString());
    }

    private static ObjectNode args(
            final Series series, final String type, final ObjectNode shared, final JsonNode season) {
        final ObjectNode args = NODES.objectNode();
        final ArrayNode y = args.putArray("y");
        for (final double value : series.y()) {
            y.add(value);
        }
        args.setAll(shared);
        if (season != null) {
            args.set("season_length", season);
        } else {
            final ArrayNode seasons = args.putArray("season_length");
            for (final double m : series.axis().inferredSeasons()) {
                seasons.add(m);
            }
        }
        if (JobRequest.CV.equals(type)) {
            final ArrayNode ds = args.putArray("ds");
            for (final String label : series.recentDs()) {
                ds.add(label);
            }
        } else {
            final ArrayNode future = args.putArray("future_ds");
            for (final String step : series.axis().future(shared.get("horizon").asInt())) {
                future.add(step);
            }
        }
        return args;
    }

    /** @return how many of each series' last ds labels the job needs: a cv job's windows and the cutoff before. */
    private static RecentDs kept(final String type, final ObjectNode shared) {
        if (!JobRequest.CV.equals(type)) {
            return RecentDs.DEFAULT;
        }
        return RecentDs.covering(CvRequest.testPoints(
                        shared.get("horizon").asInt(),
                        shared.get("windows").asInt(),
                        shared.get("step").asInt())
                + 1);
    }

    private static JobRequest.Invalid invalid(final InputProblem problem) {
        return new JobRequest.Invalid(
                problem.seriesId() == null ? "(line " + problem.line() + ")" : problem.seriesId(), problem.message());
    }

    /** How the file's date-times are read: {@code time_zone} and {@code time_format}, as the command line's. */
    private static TimeSettings time(final JsonNode root) {
        final String zone = option(root, "time_zone");
        final String format = option(root, "time_format");
        try {
            TimeSettings.parse(zone, null);
        } catch (final IllegalArgumentException ex) {
            throw new BadRequest("time_zone", ex.getMessage());
        }
        try {
            return TimeSettings.parse(zone, format);
        } catch (final IllegalArgumentException ex) {
            throw new BadRequest("time_format", ex.getMessage());
        }
    }

    private static String option(final JsonNode root, final String field) {
        final JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new BadRequest(field, "a non-empty string expected");
        }
        return value.asText();
    }
}

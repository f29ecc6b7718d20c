package forecastfarm.launcher.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.io.RecentDs;
import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.job.ForecastJobOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code farm forecast} command line as a served forecast job: the input read here with the same readers and
 * checks, each usable series sent with its own season lengths (given, or inferred from its dates as {@code farm
 * forecast} infers them), and what the outputs need kept here: each series' position and the dates of its forecast
 * steps (the server numbers the steps).
 *
 * @param body     the {@code POST /v1/jobs} body.
 * @param series   the series sent, in input order: id to its forecast steps' ds labels.
 * @param problems the input's problems: series not sent, reported as INVALID in failed.csv.
 */
public record ForecastSubmission(byte[] body, Map<String, String[]> series, List<InputProblem> problems) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the input.
     *
     * @param priority the job's priority among the client's jobs.
     */
    public static ForecastSubmission read(
            final ForecastJobOptions options, final ShardFilter shard, final int priority) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("type", "forecast");
        root.put("horizon", options.horizon());
        final ArrayNode models = root.putArray("models");
        options.models().forEach(models::add);
        final ArrayNode levels = root.putArray("levels");
        for (final double level : options.levels()) {
            levels.add(level);
        }
        root.put("priority", priority);
        final ArrayNode list = root.putArray("series");
        final Map<String, String[]> steps = new LinkedHashMap<>();
        final List<InputProblem> problems = new ArrayList<>();
        options.reader(RecentDs.DEFAULT)
                .read(
                        options.input(),
                        shard.series(series -> {
                            list.add(node(series, options));
                            steps.put(series.id(), series.axis().future(options.horizon()));
                        }),
                        shard.problems(problems::add));
        try {
            return new ForecastSubmission(JSON.writeValueAsBytes(root), steps, List.copyOf(problems));
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static ObjectNode node(final Series series, final ForecastJobOptions options) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("id", series.id());
        final ArrayNode y = node.putArray("y");
        for (final double value : series.y()) {
            y.add(value);
        }
        final double[] seasons = options.seasonLengths().length > 0
                ? options.seasonLengths()
                : series.axis().inferredSeasons();
        final ArrayNode season = node.putArray("season_length");
        for (final double m : seasons) {
            season.add(m);
        }
        return node;
    }

    /**
     * @return the request's Idempotency-Key: its body's hash, so that running the same command again (the client was
     *     stopped while it waited, say) finds the job the first run submitted rather than submitting another.
     */
    public String idempotencyKey() {
        try {
            return "submit-"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

package forecastfarm.launcher.cv;

import forecastfarm.launcher.report.PlotPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cv job's scores as summary.json's {@code "cv"} section and report.html's cross-validation section, read from its
 * cv_metrics.csv through {@link CvScoreboard}: what {@code farm cv} writes at the end of a run, and {@code farm merge}
 * for the merged cv_metrics.csv of its shards (the settings then come from a shard's {@code "cv"} section).
 */
public final class CvSection {
    /** cv_metrics.csv's columns of the scaled error by horizon step, the step after it: {@code mase-h1 ... mase-hH}. */
    public static final String STEP_COLUMN_PREFIX = "mase-h";

    private final CvSettings settings;
    private final int horizon;
    private final List<String> models;
    private final double[] levels;

    /**
     * @param models the job's model specs.
     * @param levels the job's interval levels, ascending.
     */
    public CvSection(final CvSettings settings, final int horizon, final List<String> models, final double[] levels) {
        this.settings = settings;
        this.horizon = horizon;
        this.models = List.copyOf(models);
        this.levels = levels.clone();
    }

    /**
     * The scores: {@link #json()} for summary.json, {@link #html()} for report.html.
     */
    public record Scored(Map<String, Object> json, String html) {}

    /**
     * @param cv a summary.json's {@code "cv"} section, as {@link #score} writes it.
     * @return its job's settings, or null when the section does not name them all (a shard of an older farm).
     */
    public static CvSection fromSummary(final Map<?, ?> cv) {
        final Map<String, Object> s = settings(cv);
        if (s.containsValue(null)) {
            return null;
        }
        final List<String> models =
                ((List<?>) s.get("--model")).stream().map(String::valueOf).toList();
        final double[] levels = ((List<?>) s.get("--level"))
                .stream().mapToDouble(l -> ((Number) l).doubleValue()).toArray();
        return new CvSection(
                new CvSettings(
                        ((Number) s.get("--windows")).intValue(),
                        ((Number) s.get("--step")).intValue(),
                        ((Number) s.get("--input-size")).intValue()),
                ((Number) s.get("--horizon")).intValue(),
                models,
                levels);
    }

    /**
     * @param cv a summary.json's {@code "cv"} section.
     * @return what shards must agree on to be merged, by option: --horizon, --windows, --step, --input-size,
     *     --model and --level (null where the section does not say).
     */
    public static Map<String, Object> settings(final Map<?, ?> cv) {
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("--horizon", cv.get("horizon"));
        s.put("--windows", cv.get("windows"));
        s.put("--step", cv.get("step"));
        s.put("--input-size", cv.get("input_size"));
        s.put("--model", cv.get("models") instanceof Map<?, ?> m ? new ArrayList<>(m.keySet()) : null);
        s.put("--level", cv.get("levels"));
        return s;
    }

    /** @return the columns of this job's cv.csv and cv_metrics.csv, in that order. */
    public List<List<String>> headers() {
        return headers(levels, horizon);
    }

    /** @return the columns of cv.csv and cv_metrics.csv, in that order, of a job with these levels and horizon. */
    public static List<List<String>> headers(final double[] levels, final int horizon) {
        return List.of(new CvRows(levels).header(), new CvMetricRows(levels, horizon).header());
    }

    /** @return the files {@link #headers()} are of: cv.csv, cv_metrics.csv. */
    public static List<String> fileNames() {
        return List.of(CvRows.FILE_NAME, CvMetricRows.FILE_NAME);
    }

    /**
     * @param cvMetrics a complete cv_metrics.csv of this job.
     * @param plots     which series the job plotted, said in the report; null to say nothing of plots (a merge).
     * @throws IOException when it cannot be read.
     */
    public Scored score(final Path cvMetrics, final PlotPolicy plots) throws IOException {
        final CvScoreboard board = CvScoreboard.read(cvMetrics, models, levels, horizon);
        final Map<String, Object> cv = new LinkedHashMap<>();
        cv.put("horizon", horizon);
        cv.put("windows", settings.windows());
        cv.put("step", settings.step());
        cv.put("input_size", settings.inputSize());
        cv.put("levels", Arrays.stream(levels).boxed().toList());
        cv.put("series_scored", board.seriesScored());
        final Map<String, Object> byModel = new LinkedHashMap<>();
        for (final String model : board.models()) {
            final Map<String, Object> scores = new LinkedHashMap<>();
            scores.put("series", board.series(model));
            scores.put("wins", board.wins(model));
            final double[] means = board.means(model);
            final List<String> names = board.scoreNames();
            for (int i = 0; i < names.size(); i++) {
                scores.put(names.get(i), finiteOrNull(means[i]));
            }
            scores.put(
                    "mase_by_step",
                    Arrays.stream(board.byStep(model))
                            .mapToObj(CvSection::finiteOrNull)
                            .toList());
            byModel.put(model, scores);
        }
        cv.put("models", byModel);
        return new Scored(cv, CvReportSection.render(board, describeWindows(), plots));
    }

    private static Object finiteOrNull(final double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** @return e.g. "3 expanding windows of 3 steps, cutoffs 2 apart, each trained on every point up to its cutoff". */
    String describeWindows() {
        return String.format(
                Locale.ROOT,
                "%d %s windows of %d steps, cutoffs %d apart, %s",
                settings.windows(),
                settings.inputSize() == 0 ? "expanding" : "rolling",
                horizon,
                settings.step(),
                settings.inputSize() == 0
                        ? "each trained on every point up to its cutoff"
                        : "each trained on the " + settings.inputSize() + " points up to its cutoff");
    }
}

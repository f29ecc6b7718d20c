package forecastfarm.launcher.cv;

import forecastfarm.launcher.api.ForecastFarm;
import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.job.ResultTable;
import forecastfarm.launcher.job.SeriesWork;
import forecastfarm.launcher.job.SubmittedSeries;
import forecastfarm.launcher.report.PlotPolicy;
import forecastfarm.launcher.report.SeriesPlotData;
import forecastfarm.shared.forecast.CvRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code farm cv}'s work: each series cross-validated over rolling origins on the farm, one task per series with all
 * its windows and models (see README for why that granularity), written to cv.csv and cv_metrics.csv, scored per
 * model in summary.json and report.html.
 */
public final class CvWork implements SeriesWork {
    private final CvSettings settings;
    private final int horizon;
    private final List<ResultTable> tables;
    private final CvScoreboard board;
    private final PlotPolicy plots;

    /**
     * @param levels the job's interval levels, ascending.
     * @param models the job's model specs.
     * @param plots  which series get a plot (said in the report).
     */
    public CvWork(
            final CvSettings settings,
            final int horizon,
            final List<String> models,
            final double[] levels,
            final PlotPolicy plots) {
        this.settings = settings;
        this.plots = plots;
        this.horizon = horizon;
        this.tables = List.of(new CvRows(levels), new CvMetricRows(levels));
        this.board = new CvScoreboard(models, levels, horizon);
    }

    @Override
    public String name() {
        return "cv";
    }

    @Override
    public String fingerprint() {
        return "cv windows=" + settings.windows() + " step=" + settings.step() + " input=" + settings.inputSize();
    }

    @Override
    public String doing() {
        return "cross-validating (" + describeWindows() + ")";
    }

    private String describeWindows() {
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

    @Override
    public void configure(final ForecastFarm.Builder farm) {
        farm.crossValidation(settings.windows(), settings.step(), settings.inputSize());
    }

    @Override
    public int tailDs() {
        return CvRequest.testPoints(horizon, settings.windows(), settings.step()) + 1;
    }

    @Override
    public List<ResultTable> tables() {
        return tables;
    }

    /** Its windows' forecasts over the actual values ({@link CvPlot}); when no model forecast at all, why. */
    @Override
    public SeriesPlotData plotData(final SubmittedSeries series, final SeriesResult result) {
        final SeriesPlotData plot = CvPlot.of(series, result);
        return plot != null
                ? plot
                : SeriesPlotData.failed(
                        result.id(),
                        series.recentDs(),
                        series.recent(),
                        series.seasonLength(),
                        String.join("; ", tables.get(0).modelFailures(result)));
    }

    @Override
    public void onWritten(final SeriesResult result) {
        board.add(result);
    }

    @Override
    public void summarize(final Map<String, Object> summary) {
        final Map<String, Object> cv = new LinkedHashMap<>();
        cv.put("windows", settings.windows());
        cv.put("step", settings.step());
        cv.put("input_size", settings.inputSize());
        cv.put("series_scored", board.seriesScored());
        final Map<String, Object> models = new LinkedHashMap<>();
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
                    java.util.Arrays.stream(board.byStep(model))
                            .mapToObj(CvWork::finiteOrNull)
                            .toList());
            models.put(model, scores);
        }
        cv.put("models", models);
        summary.put("cv", cv);
    }

    private static Object finiteOrNull(final double value) {
        return Double.isFinite(value) ? value : null;
    }

    @Override
    public String reportSection() {
        return CvReportSection.render(board, describeWindows(), plots);
    }
}

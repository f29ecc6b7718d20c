package forecastfarm.launcher.job;

import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.farm.FarmTimeline;
import forecastfarm.launcher.io.InputProblem;
import forecastfarm.launcher.report.HtmlReportWriter;
import forecastfarm.launcher.report.PlotPolicy;
import forecastfarm.launcher.report.PlotPrewarm;
import forecastfarm.launcher.report.ReportRow;
import forecastfarm.launcher.report.ReportSummary;
import forecastfarm.launcher.report.SeriesPlotData;
import forecastfarm.launcher.report.SeriesPlotWriter;
import forecastfarm.shared.forecast.ModelForecast;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code plots/<id>.png} for the series the {@code --plots} policy picks, drawn as their results arrive, and
 * {@code report.html} at the end: the summary and a table of the series (the first {@value #MAX_ROWS}, and every
 * failed one up to that many again; the CSV files and summary.json always have them all).
 */
final class JobReport implements JobOutputs.SeriesResultListener {
    static final int MAX_ROWS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(JobReport.class);

    private final Path out;
    private final SeriesWork work;
    private final List<String> models;
    private final PlotPolicy plots;
    private final SeriesPlotWriter plotWriter;
    private final FarmTimeline timeline;
    private final List<ReportRow> rows = new ArrayList<>();
    private int okRows;
    private int failedRows;
    private long left;

    JobReport(
            final Path out,
            final SeriesWork work,
            final List<String> models,
            final PlotPolicy plots,
            final FarmTimeline timeline) {
        this.out = out;
        this.timeline = timeline;
        this.work = work;
        this.models = models;
        this.plots = plots;
        this.plotWriter = new SeriesPlotWriter(out.resolve("plots"));
    }

    /**
     * Starts {@link PlotPrewarm#prewarm()} on a daemon thread, {@code plot-prewarm}, when the {@code --plots}
     * policy plots the first series whatever its outcome (not for {@code none} or {@code failed}, which may draw no
     * plot at all): the one-time set-up of plotting (~300 ms of CPU: AWT, fonts, XChart) then happens while the
     * workers start, instead of in the first result's plot on the results thread. Call it once, at the start of
     * the job; results may arrive and be plotted while it runs (prewarm is safe beside them). A failure is logged
     * at debug level only: the plots meet and report the same problem.
     */
    static void prewarmPlots(final PlotPolicy plots) {
        if (!plots.shouldPlot(0, false)) {
            return;
        }
        final Thread thread = new Thread(
                () -> {
                    try {
                        PlotPrewarm.prewarm();
                    } catch (final Throwable e) { // any failure here is met again by the first plot
                        LOG.debug("plot prewarm failed; the plots will report it", e);
                    }
                },
                "plot-prewarm");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @return true when a series submitted {@code seq}-th may be plotted, so its recent history must be kept.
     */
    boolean mayPlot(final long seq) {
        final int index = (int) Math.min(Integer.MAX_VALUE, seq);
        return plots.shouldPlot(index, false) || plots.shouldPlot(index, true);
    }

    @Override
    public void onWritten(final SubmittedSeries series, final SeriesResult result) throws IOException {
        final boolean failed = !result.ok();
        String plotFile = null;
        if (series.recent() != null && plots.shouldPlot((int) Math.min(Integer.MAX_VALUE, series.seq()), failed)) {
            plotFile = ReportRow.plotPath(out, plotWriter.write(plotData(series, result)));
            timeline.markLatest("last_plot");
        }
        add(new ReportRow(
                result.id(),
                models,
                result.status().name(),
                reason(result),
                result.attempts(),
                result.runtimeMs(),
                plotFile,
                specs(result)));
    }

    /** Each asked-for model's fitted spec (model_spec), in the order of {@code models}; empty where it failed. */
    private List<String> specs(final SeriesResult result) {
        final List<String> specs = new ArrayList<>(models.size());
        for (final String model : models) {
            String spec = "";
            for (final ModelForecast f : result.forecasts()) {
                if (f.model().equals(model) && f.ok()) {
                    spec = f.method();
                    break;
                }
            }
            specs.add(spec);
        }
        return specs;
    }

    /** What the plot of a result shows, its y axis titled with the series' value column. */
    SeriesPlotData plotData(final SubmittedSeries series, final SeriesResult result) {
        return plotDataOf(series, result).withValueName(series.valueName());
    }

    private SeriesPlotData plotDataOf(final SubmittedSeries series, final SeriesResult result) {
        final SeriesPlotData drawn = result.ok() ? work.plotData(series, result) : null;
        return drawn != null
                ? drawn
                : SeriesPlotData.failed(
                        result.id(), series.recentDs(), series.recent(), series.seasonLength(), reason(result));
    }

    /**
     * @return why the series or one of its models failed, or the models' notes (fallbacks), else empty.
     */
    private static String reason(final SeriesResult result) {
        if (!result.ok()) {
            return result.reason();
        }
        final StringBuilder text = new StringBuilder();
        for (final ModelForecast f : result.forecasts()) {
            final String note = f.ok() ? f.note() : "failed: " + f.error();
            if (!note.isEmpty()) {
                text.append(text.length() == 0 ? "" : "; ")
                        .append(f.model())
                        .append(": ")
                        .append(note);
            }
        }
        return text.toString();
    }

    @Override
    public void onInvalid(final InputProblem problem) {
        add(new ReportRow(
                problem.seriesId() == null ? "(line " + problem.line() + ")" : problem.seriesId(),
                List.of(),
                "INVALID",
                problem.message(),
                0,
                Double.NaN,
                null));
    }

    @Override
    public void onNotRun(final SubmittedSeries series) {
        add(new ReportRow(series.id(), models, "NOT_RUN", "interrupted before this series", 0, Double.NaN, null));
    }

    private void add(final ReportRow row) {
        if (row.ok() ? okRows < MAX_ROWS : failedRows < MAX_ROWS) {
            rows.add(row);
            if (row.ok()) {
                okRows++;
            } else {
                failedRows++;
            }
        } else {
            left++;
        }
    }

    /**
     * Writes report.html.
     *
     * @param section HTML shown after the summary (see {@link SeriesWork#reportSection()}), or empty.
     */
    Path write(final Map<String, Object> summary, final String section) throws IOException {
        final Map<String, Object> details = new java.util.LinkedHashMap<>(summary);
        if (left > 0) {
            details.put(
                    "report_table",
                    "the table lists " + rows.size() + " series; " + left
                            + " more are in forecasts.csv, failed.csv and joblog.tsv");
        }
        return new HtmlReportWriter(out).write(ReportSummary.fromSummaryJson(details), rows, section);
    }
}

package forecastfarm.launcher.cv;

import forecastfarm.launcher.api.ForecastFarm;
import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.job.ResultTable;
import forecastfarm.launcher.job.SeriesWork;
import forecastfarm.launcher.job.SubmittedSeries;
import forecastfarm.launcher.report.PlotPolicy;
import forecastfarm.launcher.report.SeriesPlotData;
import forecastfarm.shared.forecast.CvRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code farm cv}'s work: each series cross-validated over rolling origins on the farm, one task per series with all
 * its windows and models (see README for why that granularity), written to cv.csv and cv_metrics.csv, scored per
 * model in summary.json and report.html from the cv_metrics.csv written (rows carried over by a resume included).
 */
public final class CvWork implements SeriesWork {
    private final CvSettings settings;
    private final int horizon;
    private final List<ResultTable> tables;
    private final CvSection section;
    private final PlotPolicy plots;
    private final Path out;
    private CvSection.Scored scored;

    /**
     * @param levels the job's interval levels, ascending.
     * @param models the job's model specs.
     * @param plots  which series get a plot (said in the report).
     * @param out    the job's {@code --out}, where cv_metrics.csv is read back from.
     */
    public CvWork(
            final CvSettings settings,
            final int horizon,
            final List<String> models,
            final double[] levels,
            final PlotPolicy plots,
            final Path out) {
        this.settings = settings;
        this.plots = plots;
        this.horizon = horizon;
        this.tables = List.of(new CvRows(levels), new CvMetricRows(levels, horizon));
        this.section = new CvSection(settings, horizon, models, levels);
        this.out = out;
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
        return "cross-validating (" + section.describeWindows() + ")";
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
    public void summarize(final Map<String, Object> summary) {
        summary.put("cv", scored().json());
    }

    @Override
    public String reportSection() {
        return scored().html();
    }

    private CvSection.Scored scored() {
        if (scored == null) {
            final Path metrics = out.resolve(CvMetricRows.FILE_NAME);
            try {
                scored = section.score(metrics, plots);
            } catch (final IOException ex) {
                throw new UncheckedIOException("cannot read back " + metrics + ": " + ex.getMessage(), ex);
            }
        }
        return scored;
    }
}

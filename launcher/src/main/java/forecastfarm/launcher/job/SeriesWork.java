package forecastfarm.launcher.job;

import forecastfarm.launcher.api.ForecastFarm;
import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.report.SeriesPlotData;
import java.util.List;
import java.util.Map;

/**
 * What a series job does with each series and what it writes of it: {@code farm forecast}'s forecasts
 * ({@link ForecastWork}) or {@code farm cv}'s cross-validation. {@link ForecastJob} runs either the same way: the
 * input check, the farm, progress, joblog.tsv, failed.csv, resume, drain, shards, summary.json and report.html.
 */
public interface SeriesWork {
    /** @return "forecast" or "cv": the job's fingerprint prefix and what the progress bar says. */
    String name();

    /**
     * @return what the job does with which settings, the start of its fingerprint: "forecast", "cv windows=4 step=1
     *     input=0".
     */
    String fingerprint();

    /** @return what the job does to the series, for its first line: "forecasting", "cross-validating". */
    String doing();

    /** Sets the farm's tasks up beyond the horizon, models and levels (cross-validation's windows). */
    void configure(ForecastFarm.Builder farm);

    /**
     * @return how many of each series' last ds labels its rows need ({@link SubmittedSeries#tailDs()}); the job's
     *     reads keep that many when it is more than {@link forecastfarm.launcher.io.RecentDs#DEFAULT}.
     */
    default int tailDs() {
        return 0;
    }

    /** @return the data files, the main one first. */
    List<ResultTable> tables();

    /**
     * @return what the plot of a series that finished OK shows (the job adds the y axis title), from its recent
     *     history ({@link SubmittedSeries#recent()}, not null here); null when there is nothing to draw (every model
     *     failed): the plot then shows the history and why.
     */
    SeriesPlotData plotData(SubmittedSeries series, SeriesResult result);

    /** Adds what the work measured to summary.json (and the report's details). */
    default void summarize(final Map<String, Object> summary) {}

    /** @return a section of report.html after its summary, HTML with every text escaped; empty for none. */
    default String reportSection() {
        return "";
    }
}

package forecastfarm.launcher.job;

import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.io.InputProblem;
import java.io.IOException;

/** Hands each written series to the report (plots, its table) and to the work (cv's scores). */
final class WrittenSeries implements JobOutputs.SeriesResultListener {
    private final JobReport report;
    private final SeriesWork work;

    WrittenSeries(final JobReport report, final SeriesWork work) {
        this.report = report;
        this.work = work;
    }

    @Override
    public void onWritten(final SubmittedSeries series, final SeriesResult result) throws IOException {
        report.onWritten(series, result);
        work.onWritten(result);
    }

    @Override
    public void onInvalid(final InputProblem problem) {
        report.onInvalid(problem);
    }

    @Override
    public void onNotRun(final SubmittedSeries series) {
        report.onNotRun(series);
    }
}

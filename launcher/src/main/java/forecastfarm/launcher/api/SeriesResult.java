package forecastfarm.launcher.api;

import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.util.List;

/**
 * One series' outcome, as it completes.
 *
 * @param seq          the series' number in submission order, from 0.
 * @param id           the series id.
 * @param status       OK (see each model's own {@link ModelForecast#ok()}), FAILED (the worker reported an error
 *                     for the whole series) or POISONED (it kept killing workers, or ran past the task timeout).
 * @param forecasts    one per model asked for, in order; empty unless OK (and for cross-validation).
 * @param cv           a cross-validated series' windows and scores when OK ({@link ForecastFarm.Builder#crossValidation}),
 *                     else null.
 * @param reason       why it FAILED or was POISONED; empty when OK.
 * @param attempts     how many times it ran (a worker that died running it counts).
 * @param workerSlot   the worker slot that ran it last, -1 when unknown.
 * @param startEpochMs when its last attempt started, 0 when unknown.
 * @param runtimeMs    its last attempt's wall time.
 * @param resumed      true when an earlier run in the same farm dir had computed it.
 */
public record SeriesResult(
        long seq,
        String id,
        TaskStatus status,
        List<ModelForecast> forecasts,
        CvResult cv,
        String reason,
        int attempts,
        int workerSlot,
        long startEpochMs,
        double runtimeMs,
        boolean resumed) {
    /** The outcome of a one-series task: a "forecast" task's, or a "cv" task's when {@code crossValidation}. */
    static SeriesResult of(final TaskOutcome outcome, final boolean crossValidation) {
        final ResultRecord record = outcome.record();
        final boolean ok = record.status() == TaskStatus.OK;
        return new SeriesResult(
                outcome.seq(),
                outcome.key(),
                record.status(),
                ok && !crossValidation ? ForecastResult.decode(record.payload()).forecasts() : List.of(),
                ok && crossValidation ? CvResult.decode(record.payload()) : null,
                ok ? "" : record.reason(),
                record.attempts(),
                record.workerSlot(),
                record.startEpochMs(),
                record.wallNs() / 1e6,
                outcome.resumed());
    }

    public boolean ok() {
        return status == TaskStatus.OK;
    }
}

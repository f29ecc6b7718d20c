package forecastfarm.launcher.api;

import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.shared.forecast.ForecastBatchResult;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the outcome of a "forecast-batch" task into one {@link SeriesResult} per series of the batch, so that a batched
 * job is seen series by series, as an unbatched one is, and counts the series for the job's {@link FarmSummary}.
 *
 * <p>Each series of a batch gets the task's attempts, worker and start time, and an equal share of its wall time
 * (the task's wall time divided by its series: the worker times the task, not each series). An OK task gives each
 * series its own status (OK, or FAILED with every model's reason); a task that failed as a whole (poisoned after it
 * killed workers, past the task timeout, or a payload the worker could not read) gives each of its series the task's
 * status and reason.
 */
final class BatchResults {
    /** A submitted batch: its series' ids and the submission number of its first series. */
    private record Submitted(List<String> ids, long firstSeq) {}

    private final Map<String, Submitted> inFlight = new ConcurrentHashMap<>();
    private long submittedSeries;
    private int ok;
    private int failed;
    private int poisoned;
    private int resumed;
    private int retries;

    /**
     * Registers a batch before it is submitted (its outcome may come at once).
     *
     * @return the number of series submitted before it, the submission number of its first series.
     */
    synchronized long submitted(final String key, final List<String> ids) {
        final long firstSeq = submittedSeries;
        inFlight.put(key, new Submitted(ids, firstSeq));
        submittedSeries += ids.size();
        return firstSeq;
    }

    /** The batch was not taken (the farm stopped): its series never ran and get no result. */
    synchronized void withdrawn(final String key) {
        final Submitted batch = inFlight.remove(key);
        if (batch != null) {
            submittedSeries -= batch.ids().size();
        }
    }

    /**
     * @return one result per series of the batch, in the batch's order.
     * @throws IllegalStateException for an outcome of a batch this job did not submit, or whose result names other
     *     series (a farm dir whose results do not belong to this job).
     */
    List<SeriesResult> results(final TaskOutcome outcome) {
        final Submitted batch = inFlight.remove(outcome.key());
        if (batch == null) {
            throw new IllegalStateException("a result for batch " + outcome.key() + ", which this job did not submit");
        }
        final ResultRecord record = outcome.record();
        final double runtimeMs = record.wallNs() / 1e6 / batch.ids().size();
        final List<SeriesResult> results = new ArrayList<>(batch.ids().size());
        if (record.status() != TaskStatus.OK) {
            for (int i = 0; i < batch.ids().size(); i++) {
                results.add(
                        result(outcome, batch.firstSeq() + i, batch.ids().get(i), record.status(), null, runtimeMs));
            }
        } else {
            final List<ForecastBatchResult.Entry> entries =
                    ForecastBatchResult.decode(record.payload()).entries();
            if (!entries.stream().map(ForecastBatchResult.Entry::key).toList().equals(batch.ids())) {
                throw new IllegalStateException("the result of batch " + outcome.key() + " is for other series");
            }
            for (int i = 0; i < entries.size(); i++) {
                final ForecastBatchResult.Entry entry = entries.get(i);
                final TaskStatus status = entry.ok() ? TaskStatus.OK : TaskStatus.FAILED;
                results.add(result(outcome, batch.firstSeq() + i, entry.key(), status, entry, runtimeMs));
            }
        }
        count(results, outcome.resumed());
        return results;
    }

    private static SeriesResult result(
            final TaskOutcome outcome,
            final long seq,
            final String id,
            final TaskStatus status,
            final ForecastBatchResult.Entry entry,
            final double runtimeMs) {
        final ResultRecord record = outcome.record();
        return new SeriesResult(
                seq,
                id,
                status,
                entry != null && entry.ok() ? entry.result().forecasts() : List.of(),
                null,
                entry == null ? record.reason() : entry.reason(),
                record.attempts(),
                record.workerSlot(),
                record.startEpochMs(),
                runtimeMs,
                outcome.resumed());
    }

    private synchronized void count(final List<SeriesResult> results, final boolean fromEarlierRun) {
        for (final SeriesResult result : results) {
            switch (result.status()) {
                case OK -> ok++;
                case FAILED -> failed++;
                default -> poisoned++;
            }
            if (fromEarlierRun) {
                resumed++;
            } else {
                retries += Math.max(0, result.attempts() - 1);
            }
        }
    }

    /**
     * @param tasks the farm's report of the job's batch tasks.
     * @return the job's summary counted in series: series submitted, their statuses, those resumed, and the re-runs of
     *     series (a batch run again after its worker died re-runs each of its series); the rest is the farm's.
     */
    synchronized FarmSummary summary(final FarmReport tasks) {
        return new FarmSummary(
                submittedSeries,
                ok,
                failed,
                poisoned,
                resumed,
                retries,
                tasks.workerRestarts(),
                tasks.workers(),
                tasks.wallNs(),
                tasks.cpuNsTotal(),
                tasks.interruptedBy(),
                tasks.abortReason());
    }

    synchronized long submittedSeries() {
        return submittedSeries;
    }
}

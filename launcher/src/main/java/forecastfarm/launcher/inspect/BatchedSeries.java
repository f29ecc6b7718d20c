package forecastfarm.launcher.inspect;

import forecastfarm.launcher.farm.ResultReader;
import forecastfarm.launcher.io.BatchIndex;
import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.forecast.ForecastBatchResult;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.util.Optional;

/**
 * A series that a batched job ran in a "forecast-batch" task: the results map holds it inside its batch's record, under
 * the batch's key, which the job's {@link BatchIndex} names. Found here as the record a task of its own would have
 * left: its batch's status, attempts, worker and start; its share of the batch's wall time; its own forecasts or
 * reason.
 *
 * @param batchKey the key of the batch that holds it.
 * @param record   the series' own record, or empty while its batch has not finished.
 */
record BatchedSeries(String batchKey, Optional<ResultRecord> record) {

    /** @return the series' batch and its record, or empty when no batch of the job holds {@code id}. */
    static Optional<BatchedSeries> find(
            final FarmDirectory farm, final Optional<ResultReader> results, final String job, final String id) {
        final Optional<String> key = BatchIndex.find(farm, job, id);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        final Optional<ResultRecord> batch =
                results.isEmpty() ? Optional.empty() : results.get().get(job, key.get());
        return Optional.of(new BatchedSeries(key.get(), batch.flatMap(record -> seriesRecord(record, id))));
    }

    private static Optional<ResultRecord> seriesRecord(final ResultRecord batch, final String id) {
        if (batch.status() != TaskStatus.OK) {
            return Optional.of(batch);
        }
        final ForecastBatchResult result = ForecastBatchResult.decode(batch.payload());
        final int size = result.entries().size();
        return result.entries().stream()
                .filter(entry -> entry.key().equals(id))
                .findFirst()
                .map(entry -> new ResultRecord(
                        entry.ok() ? TaskStatus.OK : TaskStatus.FAILED,
                        batch.attempts(),
                        batch.workerSlot(),
                        batch.workerGeneration(),
                        batch.startEpochMs(),
                        batch.wallNs() / size,
                        batch.cpuNs() / size,
                        entry.reason(),
                        entry.ok() ? entry.result().encode() : new byte[0],
                        ForecastRequest.KIND));
    }
}

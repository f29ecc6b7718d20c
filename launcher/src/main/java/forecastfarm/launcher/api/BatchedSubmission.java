package forecastfarm.launcher.api;

import forecastfarm.launcher.io.BatchIndex;
import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.forecast.ForecastBatchRequest;
import forecastfarm.shared.forecast.ForecastRequest;
import java.util.function.Supplier;

/**
 * The submitting side of a batched forecast job: series go into a {@link SeriesBatcher}, and each batch it hands on
 * is recorded in the job's {@link BatchIndex} and with its {@link BatchResults} (which turns its outcome into series
 * results), then queued as one "forecast-batch" task. Thread-safe: one series at a time.
 */
final class BatchedSubmission {
    private final SeriesBatcher batcher;
    private final BatchResults results = new BatchResults();
    private final FarmDirectory farmDir;
    private final Supplier<TaskJob> job;
    private BatchIndex index;

    /** @param job the job, opened at its first use. */
    BatchedSubmission(final SeriesBatcher batcher, final FarmDirectory farmDir, final Supplier<TaskJob> job) {
        this.batcher = batcher;
        this.farmDir = farmDir;
        this.job = job;
    }

    BatchResults results() {
        return results;
    }

    /**
     * @param request the series' {@link ForecastRequest}, encoded.
     * @return false when the farm no longer takes tasks (the batch that was to carry this series was not queued).
     */
    synchronized boolean submit(final String id, final byte[] request) throws InterruptedException {
        for (final SeriesBatcher.Batch batch : batcher.add(id, request)) {
            if (!submit(batch)) {
                return false;
            }
        }
        return true;
    }

    /** Submits the series that wait for a full batch, as one smaller batch; no series comes after. */
    synchronized void submitRest() throws InterruptedException {
        try {
            final SeriesBatcher.Batch rest = batcher.rest();
            if (rest != null) {
                submit(rest);
            }
        } finally {
            close();
        }
    }

    /** Closes the job's batch index; the series waiting for a full batch, if any, are dropped. */
    synchronized void close() {
        if (index != null) {
            index.close();
            index = null;
        }
    }

    private boolean submit(final SeriesBatcher.Batch batch) throws InterruptedException {
        final TaskJob tasks = job.get();
        if (index == null) {
            index = BatchIndex.append(farmDir, tasks.spec().id());
        }
        index.add(batch.key(), batch.ids());
        results.submitted(batch.key(), batch.ids());
        boolean queued = false;
        try {
            queued = tasks.submit(batch.key(), ForecastBatchRequest.KIND, batch.payload());
            return queued;
        } finally {
            if (!queued) {
                results.withdrawn(batch.key());
            }
        }
    }
}

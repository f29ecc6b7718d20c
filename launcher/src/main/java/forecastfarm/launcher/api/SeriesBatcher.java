package forecastfarm.launcher.api;

import forecastfarm.shared.forecast.ForecastBatchRequest;
import forecastfarm.shared.forecast.ForecastBatchResult;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.wire.FarmQueues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Groups a forecast job's series into "forecast-batch" tasks of {@code size} series, in submission order: a batch is
 * handed on when it is full, or earlier when one more series would make its task or its result too large for one
 * queue message, and the rest at the end. Not thread-safe: its owner synchronizes.
 *
 * <p>A batch's key says what it holds and is unique in the job: {@code batch:FIRSTID+N#HASH}, the first series' id,
 * the number of series and 8 hex digits of a hash of all their ids (and, for {@code --retry-failed}, of the run, so
 * that a batch stored as done whose series failed runs again rather than being resumed). The same series in the same
 * batches give the same keys, so a rerun resumes the batches an earlier run finished.
 */
final class SeriesBatcher {
    /** A batch's task and its result each stay within this many bytes (a queue message holds at most twice that). */
    static final int MAX_BATCH_BYTES = FarmQueues.MAX_MESSAGE_BYTES / 2;

    /** A batch to submit: its key, its series' ids in order, and its task's payload. */
    record Batch(String key, List<String> ids, byte[] payload) {}

    private final int size;
    private final int resultBytesPerSeries;
    private final String salt;
    private final List<String> ids = new ArrayList<>();
    private final List<byte[]> requests = new ArrayList<>();
    private long payloadBytes;

    /**
     * @param size                 series per batch, at least 2.
     * @param resultBytesPerSeries the expected size of one series' result, to bound a batch's result.
     * @param salt                 mixed into the keys' hash ("" for none).
     */
    SeriesBatcher(final int size, final int resultBytesPerSeries, final String salt) {
        if (size < 2) {
            throw new IllegalArgumentException("a batch holds at least 2 series, got " + size);
        }
        this.size = size;
        this.resultBytesPerSeries = resultBytesPerSeries;
        this.salt = salt;
    }

    /**
     * Adds a series.
     *
     * @param request the series' {@link ForecastRequest}, encoded; all of a batcher's share horizon, models and levels.
     * @return the batches now ready, in order: none, the full one, or the one this series did not fit into (then this
     *     series starts the next).
     */
    List<Batch> add(final String id, final byte[] request) {
        final List<Batch> ready = new ArrayList<>(1);
        final long entryBytes = request.length + 8L + 4L * id.length();
        if (!ids.isEmpty()
                && (this.payloadBytes + entryBytes > MAX_BATCH_BYTES
                        || (long) (ids.size() + 1) * (resultBytesPerSeries + 4L * id.length()) > MAX_BATCH_BYTES)) {
            ready.add(take());
        }
        ids.add(id);
        requests.add(request);
        this.payloadBytes += entryBytes;
        if (ids.size() >= size) {
            ready.add(take());
        }
        return ready;
    }

    /** @return the series added and not yet handed on, as one batch, or null when there are none. */
    Batch rest() {
        return ids.isEmpty() ? null : take();
    }

    private Batch take() {
        final List<String> batchIds = List.copyOf(ids);
        final Batch batch = new Batch(key(batchIds, salt), batchIds, ForecastBatchRequest.encode(batchIds, requests));
        ids.clear();
        requests.clear();
        payloadBytes = 0;
        return batch;
    }

    /** @return {@code batch:FIRSTID+N#HASH} for these ids in this order. */
    static String key(final List<String> ids, final String salt) {
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            for (final String id : ids) {
                sha.update((byte) 0);
                sha.update(id.getBytes(StandardCharsets.UTF_8));
            }
            return "batch:" + ids.get(0) + "+" + ids.size() + "#"
                    + HexFormat.of().formatHex(sha.digest(), 0, 4);
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** @return the expected size of one series' entry in a batch's result. */
    static int resultBytesPerSeries(final int models, final int horizon, final int levels) {
        return ForecastBatchResult.estimateEntryBytes(0, models, horizon, levels);
    }
}

package forecastfarm.shared.forecast;

import forecastfarm.shared.codec.PayloadReader;
import forecastfarm.shared.codec.PayloadWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The payload of a successful "forecast-batch" task: per series of the {@link ForecastBatchRequest}, in its order,
 * the series' key and either its {@link ForecastResult} (what a one-series "forecast" task gives) or why it failed
 * (what a one-series task's error would be: every model's reason).
 *
 * <pre>
 *   count:int | count x (key:string | ok:byte | ok ? result:bytes (a ForecastResult) : reason:string)
 * </pre>
 */
public record ForecastBatchResult(List<Entry> entries) {

    /**
     * One series' outcome.
     *
     * @param result its forecasts, or null when it failed.
     * @param reason why it failed; empty when it did not.
     */
    public record Entry(String key, ForecastResult result, String reason) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(reason, "reason");
            if ((result == null) == reason.isEmpty()) {
                throw new IllegalArgumentException("a batch entry has a result or a reason, not both or neither");
            }
        }

        public static Entry ok(final String key, final ForecastResult result) {
            return new Entry(key, Objects.requireNonNull(result, "result"), "");
        }

        public static Entry failed(final String key, final String reason) {
            return new Entry(key, null, reason.isEmpty() ? "failed" : reason);
        }

        public boolean ok() {
            return result != null;
        }
    }

    public ForecastBatchResult {
        entries = List.copyOf(entries);
    }

    public byte[] encode() {
        final PayloadWriter out = new PayloadWriter(256 * entries.size()).putInt(entries.size());
        for (final Entry entry : entries) {
            out.putString(entry.key()).putByte(entry.ok() ? 1 : 0);
            if (entry.ok()) {
                out.putBytes(entry.result().encode());
            } else {
                out.putString(entry.reason());
            }
        }
        return out.toByteArray();
    }

    public static ForecastBatchResult decode(final byte[] payload) {
        final PayloadReader in = new PayloadReader(payload);
        final int count = in.getCount(9);
        final List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final String key = in.getString();
            entries.add(
                    in.getByte() == 1
                            ? Entry.ok(key, ForecastResult.decode(in.getBytes()))
                            : Entry.failed(key, in.getString()));
        }
        return new ForecastBatchResult(entries);
    }

    /**
     * @return an estimate of the encoded size of one series' entry, for sizing the results map and bounding a batch.
     */
    public static int estimateEntryBytes(final int keyBytes, final int models, final int horizon, final int levels) {
        return 9 + keyBytes + 4 + ForecastResult.estimateEncodedBytes(models, horizon, levels);
    }
}

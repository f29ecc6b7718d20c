package forecastfarm.shared.forecast;

import forecastfarm.shared.codec.PayloadReader;
import forecastfarm.shared.codec.PayloadWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The payload of a "forecast-batch" task: several series, each with its key and its {@link ForecastRequest}, run as
 * one task so that a model that forecasts many series in one call (a pretrained ONNX model) is called once for the
 * batch. Every request has the same horizon, models and levels; the series and their seasons differ.
 *
 * <pre>
 *   count:int | count x (key:string | request:bytes (a ForecastRequest))
 * </pre>
 *
 * @param keys     the series' keys (their ids), in order; each once.
 * @param requests one per key, in the same order.
 */
public record ForecastBatchRequest(List<String> keys, List<ForecastRequest> requests) {
    public static final String KIND = "forecast-batch";

    public ForecastBatchRequest {
        keys = List.copyOf(keys);
        requests = List.copyOf(requests);
        requireOneRequestPerKey(keys.size(), requests.size());
        final ForecastRequest first = requests.get(0);
        for (final ForecastRequest request : requests) {
            if (request.horizon() != first.horizon()
                    || !request.models().equals(first.models())
                    || !Arrays.equals(request.levels(), first.levels())) {
                throw new IllegalArgumentException(
                        "the series of a forecast batch share their horizon, models and levels");
            }
        }
    }

    public int size() {
        return keys.size();
    }

    /** @return the models every series of the batch is forecast with. */
    public List<String> models() {
        return requests.get(0).models();
    }

    public byte[] encode() {
        return encode(keys, requests.stream().map(ForecastRequest::encode).toList());
    }

    /**
     * The payload of a batch whose requests are already encoded (a submitter that encoded each series to check its size
     * does not encode it again). The caller vouches for what the constructor checks: one request per key, at least
     * one, all with the same horizon, models and levels.
     *
     * @param encodedRequests each key's {@link ForecastRequest#encode()}, in the keys' order.
     */
    public static byte[] encode(final List<String> keys, final List<byte[]> encodedRequests) {
        requireOneRequestPerKey(keys.size(), encodedRequests.size());
        int bytes = 4;
        for (int i = 0; i < keys.size(); i++) {
            bytes += 8 + 4 * keys.get(i).length() + encodedRequests.get(i).length;
        }
        final PayloadWriter out = new PayloadWriter(bytes).putInt(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            out.putString(keys.get(i)).putBytes(encodedRequests.get(i));
        }
        return out.toByteArray();
    }

    private static void requireOneRequestPerKey(final int keys, final int requests) {
        if (keys == 0 || keys != requests) {
            throw new IllegalArgumentException("a forecast batch needs one request per key, at least one: " + keys
                    + " keys, " + requests + " requests");
        }
    }

    public static ForecastBatchRequest decode(final byte[] payload) {
        final PayloadReader in = new PayloadReader(payload);
        final int count = in.getCount(8);
        final List<String> keys = new ArrayList<>(count);
        final List<ForecastRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(in.getString());
            requests.add(ForecastRequest.decode(in.getBytes()));
        }
        return new ForecastBatchRequest(keys, requests);
    }
}

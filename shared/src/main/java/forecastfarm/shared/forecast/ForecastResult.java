package forecastfarm.shared.forecast;

import forecastfarm.shared.codec.PayloadReader;
import forecastfarm.shared.codec.PayloadWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a successful "forecast" task: one {@link ModelForecast} per requested model, in request order.
 */
public record ForecastResult(List<ModelForecast> forecasts) {
    public byte[] encode() {
        final PayloadWriter out = new PayloadWriter(256);
        out.putInt(forecasts.size());
        for (final ModelForecast forecast : forecasts) {
            forecast.encode(out);
        }
        return out.toByteArray();
    }

    public static ForecastResult decode(final byte[] payload) {
        final PayloadReader in = new PayloadReader(payload);
        final int count = in.getCount(4);
        final List<ModelForecast> forecasts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            forecasts.add(ModelForecast.decode(in));
        }
        return new ForecastResult(List.copyOf(forecasts));
    }

    /**
     * @return an estimate of the encoded size, used to size the results map before any result exists.
     */
    public static int estimateEncodedBytes(final int models, final int horizon, final int levels) {
        return 4 + models * (96 + (4 + 8 * horizon) * (1 + 2 * levels) + 4 + 8 * levels);
    }
}

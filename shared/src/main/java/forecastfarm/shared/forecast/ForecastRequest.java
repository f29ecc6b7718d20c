package forecastfarm.shared.forecast;

import forecastfarm.shared.codec.PayloadReader;
import forecastfarm.shared.codec.PayloadWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a "forecast" task: one series and what to forecast.
 * Layout: horizon:int | seasonLength:int | models:int n, n x string | levels:doubles | y:doubles.
 *
 * @param y            the history, oldest first.
 * @param horizon      steps to forecast, at least 1.
 * @param seasonLength m, 1 for none.
 * @param models       model names, e.g. ["naive", "snaive"].
 * @param levels       interval levels in percent, e.g. [80, 95].
 */
public record ForecastRequest(double[] y, int horizon, int seasonLength, List<String> models, double[] levels) {
    public static final String KIND = "forecast";

    public byte[] encode() {
        final PayloadWriter out = new PayloadWriter(64 + 8 * y.length);
        out.putInt(horizon).putInt(seasonLength).putInt(models.size());
        for (final String model : models) {
            out.putString(model);
        }
        return out.putDoubles(levels).putDoubles(y).toByteArray();
    }

    public static ForecastRequest decode(final byte[] payload) {
        final PayloadReader in = new PayloadReader(payload);
        final int horizon = in.getInt();
        final int seasonLength = in.getInt();
        final int modelCount = in.getCount(4);
        final List<String> models = new ArrayList<>(modelCount);
        for (int i = 0; i < modelCount; i++) {
            models.add(in.getString());
        }
        final double[] levels = in.getDoubles();
        final double[] y = in.getDoubles();
        return new ForecastRequest(y, horizon, seasonLength, List.copyOf(models), levels);
    }
}

package forecastfarm.shared.forecast;

import forecastfarm.shared.codec.PayloadReader;
import forecastfarm.shared.codec.PayloadWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a "forecast" task: one series and what to forecast.
 *
 * <pre>
 *   horizon:int | seasons:doubles | models:int n, n x string | levels:doubles | y:doubles
 * </pre>
 *
 * (doubles: int count, then count x double.) Before issue 11 the second field was one {@code seasonLength:int}: a
 * worker and a launcher must be built from the same sources.
 *
 * @param y       the history, oldest first.
 * @param horizon steps to forecast, at least 1.
 * @param seasons season lengths, the main one first (e.g. [24, 168] for hourly data; [7, 365.25] for long daily
 *                series); at least one, each at least 1, [1] for none. A season may be fractional (365.25): models
 *                that take one integer season use {@link #seasonLength()}, the first rounded.
 * @param models  canonical model specs (the {@code --model} syntax, see {@code ModelSpec}), e.g. ["ets", "comb:ets+theta"].
 * @param levels  interval levels in percent, e.g. [80, 95].
 */
public record ForecastRequest(double[] y, int horizon, double[] seasons, List<String> models, double[] levels) {
    public static final String KIND = "forecast";

    public ForecastRequest {
        if (seasons.length == 0) {
            throw new IllegalArgumentException("a forecast request needs at least one season length (1 for none)");
        }
    }

    /** One season of {@code seasonLength} (1 for none). */
    public ForecastRequest(
            final double[] y,
            final int horizon,
            final int seasonLength,
            final List<String> models,
            final double[] levels) {
        this(y, horizon, new double[] {seasonLength}, models, levels);
    }

    /**
     * @return the season of models that take one integer season: the first, rounded to the nearest integer.
     */
    public int seasonLength() {
        return (int) Math.round(seasons[0]);
    }

    /**
     * @return the seasons as the user writes them, comma separated: "24,168", "7,365.25", "12".
     */
    public static String formatSeasons(final double[] seasons) {
        final StringBuilder text = new StringBuilder();
        for (final double season : seasons) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(season == Math.rint(season) ? Long.toString((long) season) : Double.toString(season));
        }
        return text.toString();
    }

    public byte[] encode() {
        final PayloadWriter out = new PayloadWriter(64 + 8 * seasons.length + 8 * y.length);
        out.putInt(horizon).putDoubles(seasons).putInt(models.size());
        for (final String model : models) {
            out.putString(model);
        }
        return out.putDoubles(levels).putDoubles(y).toByteArray();
    }

    public static ForecastRequest decode(final byte[] payload) {
        final PayloadReader in = new PayloadReader(payload);
        final int horizon = in.getInt();
        final double[] seasons = in.getDoubles();
        final int modelCount = in.getCount(4);
        final List<String> models = new ArrayList<>(modelCount);
        for (int i = 0; i < modelCount; i++) {
            models.add(in.getString());
        }
        final double[] levels = in.getDoubles();
        final double[] y = in.getDoubles();
        return new ForecastRequest(y, horizon, seasons, List.copyOf(models), levels);
    }
}

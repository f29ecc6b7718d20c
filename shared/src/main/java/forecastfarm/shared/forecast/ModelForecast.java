package forecastfarm.shared.forecast;

import forecastfarm.shared.codec.PayloadReader;
import forecastfarm.shared.codec.PayloadWriter;

/**
 * One model's forecast of one series.
 *
 * @param model  the name the user asked for ("naive").
 * @param method what was fitted, readable ("Seasonal naive (m=12)").
 * @param note   a fallback or warning, empty when none.
 * @param error  why this model gave no forecast, empty when it did (then mean is empty).
 * @param levels interval levels in percent; lower[i] and upper[i] belong to levels[i].
 * @param mean   point forecasts, one per step.
 */
public record ModelForecast(
        String model,
        String method,
        String note,
        String error,
        double[] levels,
        double[] mean,
        double[][] lower,
        double[][] upper) {
    public static ModelForecast failed(final String model, final String error) {
        return new ModelForecast(model, "", "", error, new double[0], new double[0], new double[0][], new double[0][]);
    }

    public boolean ok() {
        return error.isEmpty();
    }

    void encode(final PayloadWriter out) {
        out.putString(model)
                .putString(method)
                .putString(note)
                .putString(error)
                .putDoubles(levels)
                .putDoubles(mean);
        for (int i = 0; i < levels.length; i++) {
            out.putDoubles(lower[i]).putDoubles(upper[i]);
        }
    }

    static ModelForecast decode(final PayloadReader in) {
        final String model = in.getString();
        final String method = in.getString();
        final String note = in.getString();
        final String error = in.getString();
        final double[] levels = in.getDoubles();
        final double[] mean = in.getDoubles();
        final double[][] lower = new double[levels.length][];
        final double[][] upper = new double[levels.length][];
        for (int i = 0; i < levels.length; i++) {
            lower[i] = in.getDoubles();
            upper[i] = in.getDoubles();
        }
        return new ModelForecast(model, method, note, error, levels, mean, lower, upper);
    }
}

package forecastfarm.worker.onnx;

import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.Inputs;
import java.util.ArrayList;
import java.util.List;

/**
 * The post-processing: a model's quantiles turned into a {@link Forecast}. The point forecast is the 0.5 quantile. The
 * {@code L}% interval runs from quantile {@code (1 - L/100) / 2} to {@code 1 - (1 - L/100) / 2}: 80% from 0.1 and 0.9,
 * 60% from 0.2 and 0.8, and so on exactly; a level between them (50%: 0.25 and 0.75) interpolated linearly between
 * neighbouring quantiles, as Chronos-Bolt's {@code predict_quantiles} does. A level wider than the quantiles reach
 * (above 80%, e.g. 95%) is not made up: its bounds are NaN, which forecasts.csv writes as empty cells, and the note
 * names it. (The reference instead clamps such a level to 0.1/0.9, which would label an 80% band as 95%.)
 */
final class QuantileForecasts {

    private static final double GRID = 0.1;
    private static final double TOLERANCE = 1e-9;

    private QuantileForecasts() {}

    /**
     * @param method    the forecast's method text
     * @param note      a note to keep ("" for none); the levels left empty are added to it
     * @param quantiles {@code [quantile][step]}, quantiles as {@link BoltInterface#QUANTILES}
     * @param levels    interval levels in percent, each in (0, 100)
     */
    static Forecast toForecast(String method, String note, double[][] quantiles, double[] levels) {
        int horizon = quantiles[BoltInterface.MEDIAN].length;
        double[][] lower = new double[levels.length][];
        double[][] upper = new double[levels.length][];
        List<String> empty = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            double tail = (1 - levels[i] / 100) / 2;
            if (tail < GRID - TOLERANCE) {
                lower[i] = Forecast.notGivenBounds(horizon);
                upper[i] = Forecast.notGivenBounds(horizon);
                empty.add(Inputs.formatLevel(levels[i]) + "%");
            } else {
                lower[i] = quantile(quantiles, tail);
                upper[i] = quantile(quantiles, 1 - tail);
            }
        }
        String emptyNote = empty.isEmpty()
                ? ""
                : "no " + String.join(", ", empty) + " interval: the model's quantiles 0.1 to 0.9 give 80% at most";
        String joined = note.isEmpty() ? emptyNote : emptyNote.isEmpty() ? note : note + "; " + emptyNote;
        return new Forecast(method, joined, quantiles[BoltInterface.MEDIAN].clone(), levels, lower, upper);
    }

    /** Quantile {@code p} (0.1 to 0.9) at every step, interpolated linearly between the model's. */
    static double[] quantile(double[][] quantiles, double p) {
        double position = p / GRID - 1; // index into QUANTILES, 0 for 0.1
        int below = (int) Math.floor(position + TOLERANCE);
        double weight = position - below;
        if (Math.abs(weight) < TOLERANCE || below >= quantiles.length - 1) {
            return quantiles[Math.min(below, quantiles.length - 1)].clone();
        }
        double[] out = new double[quantiles[below].length];
        for (int t = 0; t < out.length; t++) {
            out[t] = quantiles[below][t] + weight * (quantiles[below + 1][t] - quantiles[below][t]);
        }
        return out;
    }
}

package forecastfarm.worker.forecast.mstl;

import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.Forecast;

/**
 * A fit made on the logs of a positive series, its points and bounds taken back by {@code exp}: quantiles map to
 * quantiles, so the bounds keep their levels, and the point becomes the median. Immutable.
 */
final class LogScaleFit implements FittedModel {

    private final FittedModel onLogs;

    LogScaleFit(FittedModel onLogs) {
        this.onLogs = onLogs;
    }

    @Override
    public String method() {
        return onLogs.method() + ", log scale";
    }

    @Override
    public Forecast forecast(int horizon, double[] levels) {
        Forecast f = onLogs.forecast(horizon, levels);
        double[][] lower = new double[f.levels().length][];
        double[][] upper = new double[f.levels().length][];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = exp(f.lower(i));
            upper[i] = exp(f.upper(i));
        }
        return new Forecast(method(), f.note(), exp(f.mean()), f.levels(), lower, upper);
    }

    private static double[] exp(double[] values) {
        double[] out = new double[values.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = Math.exp(values[t]);
        }
        return out;
    }
}

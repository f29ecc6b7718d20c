package forecastfarm.worker.forecast.mstl;

import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.Inputs;

/**
 * A fit made on the log of a positive series, its points and bounds taken back by {@code exp} (quantiles map to
 * quantiles, so the bounds keep their levels; the point becomes the median), or a fit that could not be made there,
 * with a note saying why. Immutable.
 */
final class LogScaleFit implements FittedModel {

    static final String METHOD_SUFFIX = ", log scale";
    static final String NOT_POSITIVE = "not on the log scale: the series has a value at or below 0";

    private final FittedModel onLogs; // null: the series' own scale
    private final FittedModel onSeries;

    private LogScaleFit(FittedModel onLogs, FittedModel onSeries) {
        this.onLogs = onLogs;
        this.onSeries = onSeries;
    }

    /** {@code fit} made on the logs of the series. */
    static LogScaleFit of(FittedModel fit) {
        return new LogScaleFit(fit, null);
    }

    /** {@code fit} made on the series itself, as the series was not positive. */
    static LogScaleFit notTransformed(FittedModel fit) {
        return new LogScaleFit(null, fit);
    }

    @Override
    public String method() {
        return onLogs != null ? onLogs.method() + METHOD_SUFFIX : onSeries.method();
    }

    @Override
    public Forecast forecast(int horizon, double[] levels) {
        boolean logs = onLogs != null;
        Forecast f = (logs ? onLogs : onSeries).forecast(horizon, levels);
        double[][] lower = new double[f.levels().length][];
        double[][] upper = new double[f.levels().length][];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = logs ? exp(f.lower(i)) : f.lower(i);
            upper[i] = logs ? exp(f.upper(i)) : f.upper(i);
        }
        return logs
                ? new Forecast(method(), f.note(), exp(f.mean()), f.levels(), lower, upper)
                : new Forecast(method(), Inputs.joinNotes(NOT_POSITIVE, f.note()), f.mean(), f.levels(), lower, upper);
    }

    private static double[] exp(double[] values) {
        double[] out = new double[values.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = Math.exp(values[t]);
        }
        return out;
    }
}

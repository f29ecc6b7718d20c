package forecastfarm.worker.forecast.mstl;

/**
 * An MSTL decomposition, y = trend + seasonal[0] + ... + seasonal[k-1] + remainder. The arrays are the record's own;
 * callers must not mutate them.
 *
 * @param periods   the season lengths, ascending
 * @param seasonals one seasonal component per period, each the length of y
 * @param trend     the trend of the last STL fit (that of the longest period), as R's mstl reports it
 */
record MstlComponents(int[] periods, double[][] seasonals, double[] trend) {

    /** y minus every seasonal component: trend + remainder, the series the non-seasonal model forecasts. */
    double[] seasonallyAdjusted(double[] y) {
        double[] adjusted = y.clone();
        for (double[] seasonal : seasonals) {
            for (int t = 0; t < adjusted.length; t++) {
                adjusted[t] -= seasonal[t];
            }
        }
        return adjusted;
    }

    /**
     * The seasonal continuation for steps 1..horizon: each component's last full period repeated (its seasonal naive
     * forecast), summed over the components.
     */
    double[] seasonalForecast(int horizon) {
        double[] future = new double[horizon];
        for (int k = 0; k < periods.length; k++) {
            double[] seasonal = seasonals[k];
            int period = periods[k];
            int lastPeriodStart = seasonal.length - period;
            for (int step = 0; step < horizon; step++) {
                future[step] += seasonal[lastPeriodStart + step % period];
            }
        }
        return future;
    }
}

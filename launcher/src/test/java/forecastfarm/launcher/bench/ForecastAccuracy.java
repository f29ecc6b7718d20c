package forecastfarm.launcher.bench;

/**
 * Accuracy measures as the M3/M4 competitions define them (see ../shared/data/README.md).
 */
final class ForecastAccuracy {
    private ForecastAccuracy() {}

    /**
     * @return mean of 200 |y - f| / (|y| + |f|) over the horizon, in percent (a term with y = f = 0 counts 0).
     */
    static double smape(final double[] actual, final double[] forecast) {
        checkLengths(actual, forecast);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            final double denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
            sum += denominator == 0 ? 0 : 200 * Math.abs(actual[i] - forecast[i]) / denominator;
        }
        return sum / actual.length;
    }

    /**
     * @return mean |y - f| over the horizon divided by the in-sample mean absolute seasonal difference of the
     * training series (lag m, or lag 1 when the series has no more than m observations).
     */
    static double mase(final double[] train, final int m, final double[] actual, final double[] forecast) {
        checkLengths(actual, forecast);
        final int lag = train.length > m ? m : 1;
        double scale = 0;
        for (int t = lag; t < train.length; t++) {
            scale += Math.abs(train[t] - train[t - lag]);
        }
        scale /= train.length - lag;
        double error = 0;
        for (int i = 0; i < actual.length; i++) {
            error += Math.abs(actual[i] - forecast[i]);
        }
        return error / actual.length / scale;
    }

    private static void checkLengths(final double[] actual, final double[] forecast) {
        if (actual.length != forecast.length || actual.length == 0) {
            throw new IllegalArgumentException(
                    "actual and forecast lengths differ or are empty: " + actual.length + " vs " + forecast.length);
        }
    }
}

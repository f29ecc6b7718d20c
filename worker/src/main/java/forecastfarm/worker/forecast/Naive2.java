package forecastfarm.worker.forecast;

/**
 * The M3/M4 Naive2 benchmark: the naive method on the seasonally adjusted series, reseasonalized.
 *
 * <p>When {@link Seasonality#isSeasonal} (the M4 test: m > 1, n >= 3m, |acf(m)| > 1.645 times its
 * standard error) holds and every value is positive, x_t = y_t / s(t % m) with the classical
 * multiplicative indices ({@link Seasonality#multiplicativeSeasonalIndices}), exactly as the
 * reference script shared/data/reference/run_r_forecast.R computes naive2. Otherwise x = y.
 *
 * <p>Forecast at step h (1-based): x_n * s((n + h - 1) % m). Intervals (not part of the M4
 * definition, chosen here): R's naive() intervals on the adjusted series, sigma^2 = mean of the
 * squared first differences of x, bounds x_n -+ z * sigma * sqrt(h), both multiplied by the
 * seasonal index s((n + h - 1) % m) (a positive factor, so the order of the bounds is kept).
 *
 * <p>Notes ({@link Forecast#note()}): "no seasonal adjustment: ..." when m > 1 and the series is
 * shorter than 3 seasons, or seasonal by the test but with non-positive values. Needs at least 2
 * observations.
 */
public final class Naive2 implements ForecastModel {

    public static final String NAME = "naive2";
    static final String METHOD = "Naive2";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FittedModel fit(double[] y, int seasonLength) {
        Inputs.seasonLength(seasonLength);
        double[] data = Inputs.series(NAME, y, 2);
        int n = data.length;
        int m = seasonLength;
        String note = "";
        if (m > 1 && n < 3 * m) {
            note = "no seasonal adjustment: " + n + " observations < 3 seasons (m=" + m + ")";
        } else if (Seasonality.isSeasonal(data, m)) {
            if (!Inputs.allPositive(data)) {
                note = "no seasonal adjustment: seasonal by the test but the series has non-positive values";
            } else {
                double[] figure = Seasonality.multiplicativeSeasonalIndices(data, m);
                return new Naive2Fit(
                        LagWalkFit.withoutDrift(NAME, METHOD, "", Seasonality.adjust(data, figure), 1),
                        Seasonality.futureIndices(figure, n));
            }
        }
        return new Naive2Fit(LagWalkFit.withoutDrift(NAME, METHOD, note, data, 1), null);
    }

    /** Naive forecasts of the adjusted series scaled by the future seasonal indices. Immutable. */
    static final class Naive2Fit implements FittedModel {

        private final LagWalkFit adjusted;
        private final double[] seasonal; // null, or seasonal[(h - 1) % m] for step h

        Naive2Fit(LagWalkFit adjusted, double[] seasonal) {
            this.adjusted = adjusted;
            this.seasonal = seasonal;
        }

        @Override
        public String method() {
            return adjusted.method();
        }

        @Override
        public Forecast forecast(int horizon, double[] levels) {
            Forecast f = adjusted.forecast(horizon, levels);
            if (seasonal == null) {
                return f;
            }
            double[] lv = f.levels();
            double[] mean = f.mean();
            double[][] lower = new double[lv.length][];
            double[][] upper = new double[lv.length][];
            for (int i = 0; i < lv.length; i++) {
                lower[i] = f.lower(i);
                upper[i] = f.upper(i);
            }
            for (int j = 0; j < horizon; j++) {
                double s = seasonal[j % seasonal.length];
                mean[j] *= s;
                for (int i = 0; i < lv.length; i++) {
                    lower[i][j] *= s;
                    upper[i][j] *= s;
                }
            }
            Inputs.finite(NAME, mean, "point forecast");
            for (int i = 0; i < lv.length; i++) {
                Inputs.finite(NAME, lower[i], "prediction interval");
                Inputs.finite(NAME, upper[i], "prediction interval");
            }
            return new Forecast(f.method(), f.note(), mean, lv, lower, upper);
        }

        @Override
        public String toString() {
            return "Naive2 [seasonal=" + (seasonal != null) + ", " + adjusted + "]";
        }
    }
}

package forecastfarm.worker.forecast;

/**
 * A fitted iid model y[t] = mu + e[t], as R forecast's meanf() (R/forecast2.R, forecast 8.20):
 * mean = sample mean, bounds = mean -+ w with w = -qt(0.5 - level/200, n-1) * sd * sqrt(1 + 1/n),
 * sd the sample standard deviation (denominator n-1).
 */
final class MeanFit implements FittedModel {

    static final String METHOD = "Mean";

    private final String model;
    private final int n;
    private final double mu;
    private final double sd;

    private MeanFit(String model, int n, double mu, double sd) {
        this.model = model;
        this.n = n;
        this.mu = mu;
        this.sd = sd;
    }

    /** @param y a private, validated copy with at least 2 values */
    static MeanFit of(String model, double[] y) {
        int n = y.length;
        if (Inputs.constant(y)) {
            return new MeanFit(model, n, y[0], 0.0);
        }
        double sum = 0;
        for (double v : y) {
            sum += v;
        }
        double mu = sum / n;
        double corr = 0; // second pass, as R's mean(): removes most of the rounding of the first
        for (double v : y) {
            corr += v - mu;
        }
        mu += corr / n;
        double ss = 0;
        for (double v : y) {
            double dev = v - mu;
            ss += dev * dev;
        }
        double sd = Math.sqrt(ss / (n - 1));
        if (!Double.isFinite(mu) || !Double.isFinite(sd)) {
            throw new ModelException(model + ": mean or variance overflowed (data too large in magnitude)");
        }
        return new MeanFit(model, n, mu, sd);
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Forecast forecast(int horizon, double[] levels) {
        Inputs.horizon(horizon);
        double[] lv = Inputs.levels(levels);
        double[] mean = new double[horizon];
        java.util.Arrays.fill(mean, mu);
        double[][] lower = new double[lv.length][horizon];
        double[][] upper = new double[lv.length][horizon];
        double scale = sd * Math.sqrt(1 + 1.0 / n);
        for (int i = 0; i < lv.length; i++) {
            double tfrac = Distributions.studentTQuantile(0.5 - lv[i] / 200, n - 1);
            double w = -tfrac * scale;
            java.util.Arrays.fill(lower[i], mu - w);
            java.util.Arrays.fill(upper[i], mu + w);
            Inputs.finite(model, lower[i], "prediction interval");
            Inputs.finite(model, upper[i], "prediction interval");
        }
        return new Forecast(METHOD, "", mean, lv, lower, upper);
    }

    @Override
    public String toString() {
        return METHOD + " [n=" + n + ", mean=" + mu + ", sd=" + sd + "]";
    }
}

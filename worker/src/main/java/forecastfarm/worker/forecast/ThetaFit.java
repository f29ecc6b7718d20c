package forecastfarm.worker.forecast;

/**
 * A fitted Theta model (see {@link Theta}): mean(h) = (level + drift * ((h - 1) + A)) * s(h),
 * A = (1 - (1 - alpha)^n) / alpha, s(h) = seasonal index of step h (1 without adjustment);
 * se(h) = sigma * sqrt((h - 1) * alpha^2 + 1). Immutable.
 */
final class ThetaFit implements FittedModel {

    private final String method;
    private final String note;
    private final double level;
    private final double drift;
    private final double alpha;
    private final int n;
    private final double sigma;
    private final double[] seasonal; // null, or seasonal[(h - 1) % m] for step h

    ThetaFit(
            String method,
            String note,
            double level,
            double drift,
            double alpha,
            int n,
            double sigma,
            double[] seasonal) {
        this.method = method;
        this.note = note;
        this.level = level;
        this.drift = drift;
        this.alpha = alpha;
        this.n = n;
        this.sigma = sigma;
        this.seasonal = seasonal == null ? null : seasonal.clone();
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public Forecast forecast(int horizon, double[] levels) {
        Inputs.horizon(horizon);
        double[] lv = Inputs.levels(levels);
        double[] mean = new double[horizon];
        double[] se = new double[horizon];
        double a = (1 - Math.pow(1 - alpha, n)) / alpha;
        double a2 = alpha * alpha;
        for (int j = 0; j < horizon; j++) {
            double f = level + drift * (j + a);
            if (seasonal != null) {
                f *= seasonal[j % seasonal.length];
            }
            mean[j] = f;
            se[j] = sigma * Math.sqrt(j * a2 + 1);
        }
        double[][] lower = new double[lv.length][horizon];
        double[][] upper = new double[lv.length][horizon];
        for (int i = 0; i < lv.length; i++) {
            double z = Distributions.normalQuantile(0.5 + lv[i] / 200);
            for (int j = 0; j < horizon; j++) {
                lower[i][j] = mean[j] - z * se[j];
                upper[i][j] = mean[j] + z * se[j];
            }
            Inputs.finite(Theta.NAME, lower[i], "prediction interval");
            Inputs.finite(Theta.NAME, upper[i], "prediction interval");
        }
        Inputs.finite(Theta.NAME, mean, "point forecast");
        return new Forecast(method, note, mean, lv, lower, upper);
    }

    @Override
    public String toString() {
        return method + " [level=" + level + ", drift=" + drift + ", alpha=" + alpha + ", sigma=" + sigma
                + ", seasonal=" + (seasonal != null) + (note.isEmpty() ? "" : ", note=" + note) + "]";
    }
}

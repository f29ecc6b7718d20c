package forecastfarm.worker.forecast.ces;

import forecastfarm.worker.forecast.Distributions;
import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.Inputs;
import java.util.Locale;

/**
 * A fitted CES model and its forecasts. Immutable.
 *
 * <p>Point forecasts continue the recursion from the state after the last observation with zero errors.
 * Prediction intervals are those of the linear state space model with a single source of error: the forecast
 * {@code j} steps ahead carries the error at that step and the errors of the steps before it with weights
 * {@code c_1 .. c_{j-1}} (the model's impulse response, the recursion run from a zero state with one unit error),
 * so its variance is {@code sigma^2 (1 + c_1^2 + ... + c_{j-1}^2)}, with {@code sigma^2 = SSE / (n - k)} (k the
 * parameters counted in AICc). The bounds are {@code mean -+ z sigma_j} with the normal quantile z. They assume
 * independent, normal errors of constant variance, and known parameters and initial states (the uncertainty of
 * their estimates is left out, so the intervals err narrow, the more so the shorter the series). This is the
 * variance of class 1 (linear, additive) innovations state space models in Hyndman, Koehler, Ord and Snyder,
 * "Forecasting with exponential smoothing" (2008), ch. 6, as ets's intervals for ETS(A,*,*).
 */
final class CesFitted implements FittedModel {

    private final CesFit fit;
    private final double scale;
    private final String method;
    private final String note;

    /**
     * @param fit   the fitted form, in units of {@code scale}
     * @param scale what the series was divided by before fitting
     * @param note  "" or what the selection could not try
     */
    CesFitted(CesFit fit, double scale, String note) {
        this.fit = fit;
        this.scale = scale;
        this.note = note;
        this.method = describe(fit.model());
    }

    /** {@code CES(n) a=1.234+0.998i}, {@code CES(p) a=... b=0.102}, {@code CES(f) a=... b=1.300+1.000i}. */
    static String describe(CesModel model) {
        String a = String.format(Locale.ROOT, "%.3f%+.3fi", model.a0(), model.a1());
        String text = "CES(" + model.form().letter() + ") a=" + a;
        if (model.form() == CesForm.PARTIAL) {
            text += String.format(Locale.ROOT, " b=%.3f", model.b0());
        } else if (model.form() == CesForm.FULL) {
            text += String.format(Locale.ROOT, " b=%.3f%+.3fi", model.b0(), model.b1());
        }
        return text;
    }

    CesFit fit() {
        return fit;
    }

    double scale() {
        return scale;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public Forecast forecast(int horizon, double[] levels) {
        Inputs.horizon(horizon);
        double[] lv = Inputs.levels(levels);
        CesModel model = fit.model();
        double[] mean = new double[horizon];
        model.iterate(fit.last().clone(), fit.phase(), horizon, 0, mean);
        double[] weights = new double[horizon];
        model.iterate(new double[fit.last().length], 0, horizon, 1, weights);
        double sigma2 = fit.sigma2();
        double[] se = new double[horizon];
        double sum = 1;
        for (int j = 0; j < horizon; j++) {
            if (j > 0) {
                sum += weights[j] * weights[j];
            }
            se[j] = sigma2 > 0 ? scale * Math.sqrt(sigma2 * sum) : 0;
            mean[j] *= scale;
        }
        Inputs.finite(Ces.NAME, mean, "forecast");
        double[][] lower = new double[lv.length][horizon];
        double[][] upper = new double[lv.length][horizon];
        for (int i = 0; i < lv.length; i++) {
            double z = Math.abs(Distributions.normalQuantile((100 - lv[i]) / 200));
            for (int j = 0; j < horizon; j++) {
                lower[i][j] = mean[j] - z * se[j];
                upper[i][j] = mean[j] + z * se[j];
            }
            Inputs.finite(Ces.NAME, lower[i], "forecast");
            Inputs.finite(Ces.NAME, upper[i], "forecast");
        }
        return new Forecast(method, note, mean, lv, lower, upper);
    }

    @Override
    public String toString() {
        double logScale = Math.log(scale);
        int n = fit.n();
        // the fit's likelihood is of the scaled series; in the data's units it is lower by n log(scale)
        double logLik = fit.logLikelihood() - n * logScale;
        double aicc = fit.aicc() + 2 * n * logScale;
        return String.format(
                Locale.ROOT,
                "%s [n=%d, parameters=%d, sigma2=%.6g, logLik=%.6g, AICc=%.6g]",
                method,
                n,
                fit.parameters(),
                fit.sigma2() * scale * scale,
                logLik,
                aicc);
    }
}

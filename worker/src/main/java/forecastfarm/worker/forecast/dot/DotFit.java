package forecastfarm.worker.forecast.dot;

import forecastfarm.worker.forecast.Distributions;
import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.Inputs;

/**
 * A fitted {@link Dot}: the model's state after the last observation, the one-step error's standard deviation and the
 * seasonal indices of the next season (null when not seasonally adjusted). Immutable; each forecast works on copies.
 *
 * <p><b>Point forecasts</b> mean(h): the recursion carried on with each forecast taken in as its observation.
 *
 * <p><b>Intervals.</b> The model's state space form: y_t = mu_t + e_t with independent N(0, sigma^2) errors, and
 * every state update linear in y_t. So y_{n+h} = mean(h) + sum_{j=1..h} psi_{h,j} e_{n+j}, where psi_{h,h} = 1 and
 * psi_{h,j} (j < h) is the response of the forecast of step h to a unit error at step j, carried through the revised
 * level and line (the recursion run on deviations from a zero state); se(h) = sigma * sqrt(sum_j psi_{h,j}^2) and the
 * bounds are mean(h) -+ qnorm(0.5 + level/200) * se(h), times the step's seasonal index when adjusted. They assume
 * normal, independent, equal-variance errors and take the fitted parameters and seasonal indices as known (their
 * estimation error is not counted), so they tend to be narrow. sigma^2 = the mean squared one-step error over
 * t = 3..n, the errors the fit scored. forecTheta simulates 200 paths of the same model and takes their quantiles;
 * with many paths those approach these bounds, up to its sigma (the sample standard deviation of the same errors).
 */
final class DotFit implements FittedModel {

    private final String method;
    private final String note;
    private final DotRecursion last;
    private final double sigma;
    private final double[] seasonal; // null, or seasonal[(h - 1) % m] for step h

    DotFit(String method, String note, DotRecursion last, double sigma, double[] seasonal) {
        this.method = method;
        this.note = note;
        this.last = last.copy();
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
        DotRecursion[] deviationStart = new DotRecursion[horizon];
        DotRecursion path = last.copy();
        for (int j = 0; j < horizon; j++) {
            deviationStart[j] = path.zeroed();
            mean[j] = path.forecast();
            path.update(mean[j]);
        }
        double[] sumPsi2 = new double[horizon];
        for (int j = 0; j < horizon && lv.length > 0; j++) { // O(h^2) updates, only for intervals
            DotRecursion deviation = deviationStart[j];
            sumPsi2[j] += 1; // psi_{j,j}
            deviation.update(1);
            for (int k = j + 1; k < horizon; k++) {
                double psi = deviation.forecast();
                sumPsi2[k] += psi * psi;
                deviation.update(psi);
            }
        }
        double[][] lower = new double[lv.length][horizon];
        double[][] upper = new double[lv.length][horizon];
        for (int i = 0; i < lv.length; i++) {
            double z = Distributions.normalQuantile(0.5 + lv[i] / 200);
            for (int j = 0; j < horizon; j++) {
                double half = z * sigma * Math.sqrt(sumPsi2[j]);
                lower[i][j] = reseasonalise(mean[j] - half, j);
                upper[i][j] = reseasonalise(mean[j] + half, j);
            }
            Inputs.finite(Dot.NAME, lower[i], "prediction interval");
            Inputs.finite(Dot.NAME, upper[i], "prediction interval");
        }
        for (int j = 0; j < horizon; j++) {
            mean[j] = reseasonalise(mean[j], j);
        }
        Inputs.finite(Dot.NAME, mean, "point forecast");
        return new Forecast(method, note, mean, lv, lower, upper);
    }

    private double reseasonalise(double value, int step) {
        return seasonal == null ? value : value * seasonal[step % seasonal.length];
    }

    @Override
    public String toString() {
        return method + " [level=" + last.level() + ", A=" + last.intercept() + ", B=" + last.slope() + ", sigma="
                + sigma + ", seasonal=" + (seasonal != null) + (note.isEmpty() ? "" : ", note=" + note) + "]";
    }
}

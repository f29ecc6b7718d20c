package forecastfarm.worker.forecast.ets;

import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.ForecastModel;
import forecastfarm.worker.forecast.Inputs;
import forecastfarm.worker.forecast.ModelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Exponential smoothing state space models chosen automatically, as R forecast's ets() (8.20)
 * with its defaults (model "ZZZ", bounds "both", opt.crit "lik", ic "aicc", restrict = TRUE,
 * no multiplicative trend): every admissible form among error A/M x trend N/A/Ad x season
 * N/A/M is fitted by {@link EtsModelFitter} and the smallest AICc wins (ties: the first in R's
 * order A before M, N before A, N/A/M seasons, damped before undamped).
 *
 * <p>The forms are fitted on the worker's threads ({@link FormFits}); the choice does not depend on how many.
 *
 * <ul>
 *   <li>Multiplicative error or season only for strictly positive data; additive error never
 *       with a multiplicative season.</li>
 *   <li>Seasonal forms only when 1 < m <= 24 and n > m.</li>
 *   <li>A constant series gives ETS(A,N,N) with alpha = 0.99999 and zero variance (R returns
 *       ses(y, alpha = 0.99999, initial = "simple")).</li>
 *   <li>n <= 6: R falls back to HoltWinters-style fits; here SES and Holt's linear method with
 *       first-observation starts and least-squares smoothing parameters, the one with the
 *       smaller residual variance (an approximation of R's HoltWintersZZ, not a copy).</li>
 * </ul>
 */
public final class Ets implements ForecastModel {

    public static final String NAME = "ets";
    /** Fewest observations accepted. */
    public static final int MIN_LENGTH = 3;

    private final boolean additiveOnly;

    /** R's default set of forms. */
    public Ets() {
        this(false);
    }

    private Ets(boolean additiveOnly) {
        this.additiveOnly = additiveOnly;
    }

    /** Additive errors and seasons only, as R's {@code ets(additive.only = TRUE)}: for the logs of a series. */
    @Override
    public ForecastModel onLogScale() {
        return new Ets(true);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FittedModel fit(double[] y, int seasonLength) {
        Inputs.seasonLength(seasonLength);
        double[] data = Inputs.series(NAME, y, MIN_LENGTH);
        return select(data, seasonLength, additiveOnly);
    }

    /** The candidate forms in R's loop order; with {@code additiveOnly} those of additive error (and season). */
    static List<EtsSpec> candidates(double[] y, int m, boolean additiveOnly) {
        boolean multiplicativeAllowed = !additiveOnly && Inputs.allPositive(y);
        boolean seasonalAllowed = m > 1 && m <= 24 && y.length > m;
        List<EtsSpec> out = new ArrayList<>();
        for (boolean multError : new boolean[] {false, true}) {
            if (multError && !multiplicativeAllowed) {
                continue;
            }
            for (boolean trend : new boolean[] {false, true}) {
                for (EtsSpec.Season season : EtsSpec.Season.values()) {
                    if (season != EtsSpec.Season.N && !seasonalAllowed) {
                        continue;
                    }
                    if (!multError && season == EtsSpec.Season.M) {
                        continue;
                    }
                    for (boolean damped : new boolean[] {true, false}) {
                        if (damped && !trend) {
                            continue;
                        }
                        out.add(new EtsSpec(multError, trend, damped, season));
                    }
                }
            }
        }
        return out;
    }

    private static FittedModel select(double[] y, int m, boolean additiveOnly) {
        int n = y.length;
        if (Inputs.constant(y)) {
            double[] state = {y[n - 1]};
            EtsFitResult r = new EtsFitResult(
                    new EtsSpec(false, false, false, EtsSpec.Season.N),
                    1,
                    0.99999,
                    0,
                    0,
                    1,
                    new double[] {y[0]},
                    state,
                    Double.NEGATIVE_INFINITY,
                    Double.NEGATIVE_INFINITY,
                    0.0,
                    0);
            return new EtsFitted(r, "ETS(A,N,N)");
        }
        if (n <= 6) {
            EtsFitResult r = SmallSample.fit(y);
            return new EtsFitted(r, r.spec().label());
        }
        EtsFitResult best = null;
        for (EtsFitResult r : FormFits.fitAll(y, m, candidates(y, m, additiveOnly))) {
            if (r != null && !Double.isNaN(r.aicc()) && (best == null || r.aicc() < best.aicc())) {
                best = r;
            }
        }
        if (best == null) {
            throw new ModelException("ets: no model able to be fitted");
        }
        return new EtsFitted(best, best.spec().label());
    }
}

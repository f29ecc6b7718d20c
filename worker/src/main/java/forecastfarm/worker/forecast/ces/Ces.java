package forecastfarm.worker.forecast.ces;

import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.ForecastModel;
import forecastfarm.worker.forecast.Inputs;
import forecastfarm.worker.forecast.ModelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Complex exponential smoothing (CES; Svetunkov, Kourentzes and Ord, "Complex exponential smoothing", Naval
 * Research Logistics 69(8), 2022) with its seasonal form chosen automatically, as R smooth's auto.ces(): the forms
 * none, simple, partial and full seasonality ({@link CesForm}, {@link CesModel}) are each fitted by maximum
 * likelihood ({@link CesFitter}) and the smallest AICc wins (ties: the first in that order). Written from the
 * papers' equations and smooth's documented defaults; no reference implementation was run (smooth could not be
 * installed), so it is checked against hand-computed recursions and its own invariants, not against R.
 *
 * <p>Where it differs from auto.ces() (smooth 4.x as its source reads):
 *
 * <ul>
 *   <li>CES(n) keeps smooth's starting states rather than estimating them (measured on M3, see
 *       {@link CesFitter}); the seasonal forms estimate theirs as smooth does, but exactly, by least squares inside
 *       the likelihood ({@link InitialStates}), and count them in AICc as smooth does.</li>
 *   <li>Admissibility is tested on the whole lagged model ({@link CesModel#admissible()}); smooth tests the
 *       eigenvalues of the matrix that ignores the lags.</li>
 *   <li>A seasonal form is tried from {@link CesForm#minimumLength} observations on, k + 2 for its k parameters
 *       (simple 2m + 5, partial m + 8, full 2m + 9), where AICc is finite; smooth tries it from k + 1 on, where
 *       AICc is infinite. Season lengths above {@link #MAX_SEASON_LENGTH} get CES(n) only (a seasonal fit costs
 *       O(n m) a likelihood evaluation plus O(m^3) for the initial states); smooth has no limit.</li>
 * </ul>
 *
 * <p>Also: season length 1 gives CES(n) only, and the forecast's note says why when m > 1 and no seasonal form
 * was tried. The series is fitted divided by its largest absolute value (CES is linear: states and forecasts scale
 * with the data, and every form's likelihood shifts by the same amount), so tiny and huge data fit alike. A
 * constant series gives CES(n) with a = 1 + 1i, whose level never moves: its forecasts are the constant, with
 * zero-width intervals.
 */
public final class Ces implements ForecastModel {

    public static final String NAME = "ces";
    /** Fewest observations accepted. */
    public static final int MIN_LENGTH = 3;
    /** The longest season for which the seasonal forms are tried. */
    public static final int MAX_SEASON_LENGTH = 52;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FittedModel fit(double[] y, int seasonLength) {
        Inputs.seasonLength(seasonLength);
        double[] data = Inputs.series(NAME, y, MIN_LENGTH);
        double scale = 0;
        for (double v : data) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0) {
            scale = 1;
        }
        double[] z = new double[data.length];
        for (int t = 0; t < z.length; t++) {
            z[t] = data[t] / scale;
        }
        if (constant(data)) {
            return constantFit(z, scale);
        }
        List<CesForm> forms = new ArrayList<>();
        String note = candidates(z.length, seasonLength, forms);
        CesFit best = null;
        for (CesForm form : forms) {
            CesFit fit = new CesFitter(form, seasonLength, z).fit();
            if (fit != null && (best == null || fit.aicc() < best.aicc())) {
                best = fit;
            }
        }
        if (best == null) {
            throw new ModelException(NAME + ": no admissible model found");
        }
        return new CesFitted(best, scale, note);
    }

    /**
     * Adds the forms to try for {@code n} observations and season length {@code m} to {@code forms}, in auto.ces()'s
     * order.
     *
     * @return "" or a note saying why no seasonal form is tried although m > 1
     */
    static String candidates(int n, int m, List<CesForm> forms) {
        forms.add(CesForm.NONE);
        if (m == 1) {
            return "";
        }
        if (m > MAX_SEASON_LENGTH) {
            return "CES(n) only: season length " + m + " is above " + MAX_SEASON_LENGTH;
        }
        int fewest = Integer.MAX_VALUE;
        for (CesForm form : List.of(CesForm.SIMPLE, CesForm.PARTIAL, CesForm.FULL)) {
            int min = form.minimumLength(m);
            fewest = Math.min(fewest, min);
            if (n >= min) {
                forms.add(form);
            }
        }
        return forms.size() > 1
                ? ""
                : "CES(n) only: the seasonal forms need at least " + fewest + " observations for season length " + m;
    }

    private static FittedModel constantFit(double[] z, double scale) {
        int n = z.length;
        CesModel model = new CesModel(CesForm.NONE, 1, 1, 1, 0, 0);
        double[] state = {z[0], z[0]};
        return new CesFitted(new CesFit(model, state.clone(), state, 0, new double[n], 0, 0), scale, "");
    }

    private static boolean constant(double[] y) {
        for (double v : y) {
            if (v != y[0]) {
                return false;
            }
        }
        return true;
    }
}

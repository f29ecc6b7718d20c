package forecastfarm.worker.forecast.ces;

import forecastfarm.worker.forecast.ets.NelderMead;

/**
 * Fits one form of CES to a series by maximum likelihood, normal errors: the smoothing parameters by Nelder-Mead
 * (R optim's variant, {@link NelderMead}) from smooth's start (a = 1.3 + 1i; b = 0.1 for PARTIAL, 1.3 + 1i for FULL),
 * the variance by its estimate SSE / n. With the variance concentrated out, -2 log-likelihood is
 * {@code n log(2 pi SSE / n) + n} and the optimiser minimises {@code n log(SSE / n)}; an inadmissible point
 * ({@link CesModel#admissible()}, smooth's bounds "admissible") is worth +Infinity.
 *
 * <p>Initial states:
 *
 * <ul>
 *   <li>the seasonal forms estimate theirs, as smooth's default (initial "optimal"), but exactly: for every value of
 *       the smoothing parameters the optimiser tries, the initial state is concentrated out by least squares
 *       ({@link InitialStates}), so Nelder-Mead searches 2 to 4 parameters instead of up to 4 + 2 + 2m;</li>
 *   <li>NONE keeps smooth's starting values, {@code l = mean of the first min(10, n) values, c = l / 1.1}, and
 *       estimates only a0 and a1 (statsforecast's AutoCES starts from the same values and backcasts them).
 *       Estimating its two initial states as well overfits the short non-seasonal series: on M3 yearly CES(n) went
 *       from sMAPE 17.21 to 18.25 (all 3003 series: 13.29 to 13.54); backcasting them gave 17.74 (13.39).</li>
 * </ul>
 *
 * <p>One instance per series and form; not thread-safe.
 */
final class CesFitter {

    static final double REL_TOL = 1e-8;
    static final int MAX_EVALUATIONS = 1000;

    /**
     * Starting points {a0, a1, b (PARTIAL), b0, b1 (FULL)} tried in order until one is admissible: smooth's first.
     */
    private static final double[][] STARTS = {
        {1.3, 1.0, 0.1, 1.3, 1.0}, {1.3, 0.9, 0.05, 1.3, 0.9}, {1.0, 0.5, 0.01, 1.0, 0.5}
    };

    private final CesForm form;
    private final int m;
    private final double[] y;
    private final int n;
    /** Solves for the initial state (seasonal forms), or null. */
    private final InitialStates initials;
    /** The starting state CES(n) keeps. */
    private final double[] startingState;

    private final double[] work;

    CesFitter(CesForm form, int m, double[] y) {
        this.form = form;
        this.m = form.seasonal() ? m : 1;
        this.y = y;
        this.n = y.length;
        this.initials = form.initialStatesEstimated() ? new InitialStates(form, this.m, n) : null;
        this.startingState = new double[form.stateSize(this.m)];
        this.work = new double[startingState.length];
        if (initials == null) {
            startingStates(y, startingState);
        }
    }

    /**
     * The fitted form, or null when no starting point is admissible or the optimum is not (none of the 9503 form
     * fits of M3; the form is then skipped).
     */
    CesFit fit() {
        int np = form.smoothingParameters();
        double[] x = null;
        for (double[] s : STARTS) {
            double[] candidate = startingPoint(s, np);
            if (Double.isFinite(objective(candidate))) {
                x = candidate;
                break;
            }
        }
        if (x == null) {
            return null;
        }
        new NelderMead(np).minimize(this::objective, x, REL_TOL, MAX_EVALUATIONS);
        CesModel model = model(x);
        if (!model.admissible()) {
            return null;
        }
        double[] initial = new double[startingState.length];
        initialState(model, initial);
        double[] last = initial.clone();
        double[] errors = new double[n];
        double sse = model.filter(y, n, last, errors);
        return new CesFit(model, initial, last, n % m, errors, sse, form.parameterCount(m));
    }

    private double[] startingPoint(double[] s, int np) {
        double[] x = new double[np];
        x[0] = s[0];
        x[1] = s[1];
        if (form == CesForm.PARTIAL) {
            x[2] = s[2];
        } else if (form == CesForm.FULL) {
            x[2] = s[3];
            x[3] = s[4];
        }
        return x;
    }

    private CesModel model(double[] x) {
        double b0 = x.length > 2 ? x[2] : 0;
        double b1 = x.length > 3 ? x[3] : 0;
        return new CesModel(form, m, x[0], x[1], b0, b1);
    }

    /** n log(SSE / n) from the initial state, +Infinity where inadmissible. */
    double objective(double[] x) {
        CesModel model = model(x);
        if (!model.admissible()) {
            return Double.POSITIVE_INFINITY;
        }
        initialState(model, work);
        double sse = model.filter(y, n, work, null);
        if (!Double.isFinite(sse)) {
            return Double.POSITIVE_INFINITY;
        }
        return n * Math.log(Math.max(sse, Double.MIN_NORMAL) / n);
    }

    /** Writes the initial state for {@code model} to {@code out}: estimated, or the starting values kept. */
    private void initialState(CesModel model, double[] out) {
        if (initials != null) {
            initials.solve(model, y, out);
        } else {
            System.arraycopy(startingState, 0, out, 0, startingState.length);
        }
    }

    /** smooth's starting states of the non-seasonal pair: l = mean of the first min(10, n) values, c = l / 1.1. */
    static void startingStates(double[] y, double[] out) {
        int k = Math.min(10, y.length);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += y[i];
        }
        out[0] = sum / k;
        out[1] = out[0] / 1.1;
    }
}

package forecastfarm.worker.forecast.ces;

/**
 * One fitted form, in the units it was fitted in (the series divided by a scale; see {@link Ces}).
 *
 * @param model      the form and its smoothing parameters
 * @param initial    the initial state (phase 0 at the first observation)
 * @param last       the state after the last observation
 * @param phase      the seasonal phase of the first forecast step, n mod m
 * @param errors     the one-step errors
 * @param sse        their sum of squares
 * @param parameters the parameters counted in the information criteria (smoothing, initial states, variance)
 */
record CesFit(CesModel model, double[] initial, double[] last, int phase, double[] errors, double sse, int parameters) {

    int n() {
        return errors.length;
    }

    /** The maximised log-likelihood (normal errors, variance SSE / n). */
    double logLikelihood() {
        int n = n();
        return -0.5 * n * (Math.log(2 * Math.PI * Math.max(sse, Double.MIN_NORMAL) / n) + 1);
    }

    /** AICc; +Infinity when n <= k + 1. */
    double aicc() {
        int n = n();
        int k = parameters;
        if (n - k - 1 <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return -2 * logLikelihood() + 2.0 * k + 2.0 * k * (k + 1) / (n - k - 1);
    }

    /** The variance of the one-step errors for the intervals: SSE / (n - k), or SSE / n when n <= k. */
    double sigma2() {
        int n = n();
        return sse / (n > parameters ? n - parameters : n);
    }
}

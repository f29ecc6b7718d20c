package forecastfarm.worker.forecast.dot;

/**
 * The state of the dynamic optimised theta model (Fiorucci et al. 2016, section 3) after t observations, advanced one
 * observation at a time. With w = 1 - 1/theta and q = 1 - alpha:
 *
 * <pre>
 *   mu_{t+1}   = l_t + w * (q^t * A_t + (1 - q^(t+1)) / alpha * B_t)        one-step forecast ({@link #forecast})
 *   l_{t+1}    = alpha * y_{t+1} + q * l_t                                  SES level
 *   ybar_{t+1} = (t * ybar_t + y_{t+1}) / (t + 1)
 *   B_{t+1}    = ((t - 1) * B_t + 6 * (y_{t+1} - ybar_t) / (t + 1)) / (t + 2)
 *   A_{t+1}    = ybar_{t+1} - B_{t+1} * (t + 2) / 2
 * </pre>
 *
 * <p>A_t and B_t are the intercept and slope of the least-squares line of y_1..y_t on 1..t (the long-term theta line),
 * revised with each observation; B_t is 0 until two observations are in. {@link #dynamic} starts after the first
 * observation: l_1 = alpha * y_1 + q * l_0, ybar_1 = A_1 = y_1, B_1 = 0. {@link #fixedLine} keeps A and B at given
 * values and starts at t = 0 (the paper's optimised theta model, OTM; with theta = 2 its standard theta model).
 *
 * <p>Every update is linear in the observation and the state, with no constant term: started from a zero state, the
 * same recursion gives how a deviation of the observations moves the forecasts ({@link #zeroed}), which the
 * prediction intervals use. Mutable and not thread-safe; {@link #copy} before sharing.
 */
final class DotRecursion {

    private final double alpha;
    private final double q;
    private final double w;
    private final boolean dynamic;
    private int t;
    private double qPowT; // q^t
    private double level;
    private double mean;
    private double intercept;
    private double slope;

    private DotRecursion(double alpha, double w, boolean dynamic) {
        this.alpha = alpha;
        this.q = 1 - alpha;
        this.w = w;
        this.dynamic = dynamic;
    }

    /** The dynamic model after its first observation {@code y1}, from the initial level {@code level0}. */
    static DotRecursion dynamic(double alpha, double theta, double level0, double y1) {
        DotRecursion r = new DotRecursion(alpha, 1 - 1 / theta, true);
        r.t = 1;
        r.qPowT = r.q;
        r.level = alpha * y1 + r.q * level0;
        r.mean = y1;
        r.intercept = y1;
        r.slope = 0;
        return r;
    }

    /** The model with the theta line fixed at {@code intercept + slope * t}, before any observation (t = 0). */
    static DotRecursion fixedLine(double alpha, double theta, double level0, double intercept, double slope) {
        DotRecursion r = new DotRecursion(alpha, 1 - 1 / theta, false);
        r.t = 0;
        r.qPowT = 1;
        r.level = level0;
        r.mean = 0;
        r.intercept = intercept;
        r.slope = slope;
        return r;
    }

    /** mu_{t+1}, the forecast of the next observation. */
    double forecast() {
        return level + w * (qPowT * intercept + (1 - qPowT * q) / alpha * slope);
    }

    /** Takes in the observation y_{t+1}. */
    void update(double y) {
        level = alpha * y + q * level;
        double newMean = (t * mean + y) / (t + 1);
        if (dynamic) {
            slope = ((t - 1) * slope + 6 * (y - mean) / (t + 1)) / (t + 2);
            intercept = newMean - slope * (t + 2) / 2;
        }
        mean = newMean;
        t++;
        qPowT *= q;
    }

    /** An independent copy of this state. */
    DotRecursion copy() {
        return withState(level, mean, intercept, slope);
    }

    /** The same model at the same t with every state at zero: the start of a deviation from this path. */
    DotRecursion zeroed() {
        return withState(0, 0, 0, 0);
    }

    private DotRecursion withState(double level, double mean, double intercept, double slope) {
        DotRecursion r = new DotRecursion(alpha, w, dynamic);
        r.t = t;
        r.qPowT = qPowT;
        r.level = level;
        r.mean = mean;
        r.intercept = intercept;
        r.slope = slope;
        return r;
    }

    double level() {
        return level;
    }

    double intercept() {
        return intercept;
    }

    double slope() {
        return slope;
    }
}

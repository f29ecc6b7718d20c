package forecastfarm.worker.forecast.stl;

/**
 * The settings of one STL decomposition, named as in R's {@code stats::stl} (window lengths in observations).
 *
 * @param period             observations per season, at least 2
 * @param seasonalWindow     {@code s.window}: span of the loess across each cycle-subseries (made odd, at least 3)
 * @param trendWindow        {@code t.window}: span of the trend loess (made odd, at least 3)
 * @param innerIterations    {@code inner}: seasonal/trend passes per outer iteration, at least 1
 * @param robustIterations   {@code outer}: robustness iterations after the first pass; 0 for a plain fit
 */
public record StlParameters(
        int period, int seasonalWindow, int trendWindow, int innerIterations, int robustIterations) {

    public StlParameters {
        if (period < 2) {
            throw new IllegalArgumentException("STL needs a period of at least 2, got " + period);
        }
        if (seasonalWindow < 1 || trendWindow < 1) {
            throw new IllegalArgumentException(
                    "STL windows must be positive: s.window " + seasonalWindow + ", t.window " + trendWindow);
        }
        if (innerIterations < 1 || robustIterations < 0) {
            throw new IllegalArgumentException("STL needs inner >= 1 and outer >= 0, got inner " + innerIterations
                    + ", outer " + robustIterations);
        }
    }

    /**
     * R's {@code stl(x, s.window = seasonalWindow)} defaults: t.window = nextodd(ceiling(1.5 period / (1 - 1.5 /
     * s.window))), two inner passes, and, when {@code robust}, one inner pass and 15 robustness iterations.
     */
    public static StlParameters rDefaults(int period, int seasonalWindow, boolean robust) {
        int trendWindow = nextOdd((int) Math.ceil(1.5 * period / (1 - 1.5 / seasonalWindow)));
        return new StlParameters(period, seasonalWindow, trendWindow, robust ? 1 : 2, robust ? 15 : 0);
    }

    /** The low-pass filter's loess span, R's l.window = nextodd(period). */
    int lowPassWindow() {
        return nextOdd(period);
    }

    static int nextOdd(int x) {
        return x % 2 == 0 ? x + 1 : x;
    }
}

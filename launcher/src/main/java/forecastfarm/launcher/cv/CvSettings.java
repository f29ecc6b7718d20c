package forecastfarm.launcher.cv;

import forecastfarm.launcher.io.Series;
import forecastfarm.shared.forecast.CvRequest;

/**
 * {@code farm cv}'s windows: statsforecast's {@code n_windows}, {@code step_size} and {@code input_size}.
 *
 * @param windows   how many windows, at least 1.
 * @param step      points between two windows' cutoffs, at least 1.
 * @param inputSize training points of a rolling window; 0 for an expanding one.
 */
public record CvSettings(int windows, int step, int inputSize) {
    /**
     * @throws IllegalArgumentException naming the option, for a value out of range or windows that cover more points
     *     than the job labels.
     */
    public static CvSettings of(final int windows, final int step, final Integer inputSize, final int horizon) {
        if (windows < 1) {
            throw new IllegalArgumentException("invalid --windows " + windows + ": must be 1 or more");
        }
        if (step < 1) {
            throw new IllegalArgumentException("invalid --step " + step + ": must be 1 or more");
        }
        if (inputSize != null && inputSize < 1) {
            throw new IllegalArgumentException(
                    "invalid --input-size " + inputSize + ": must be 1 or more (leave it out for expanding windows)");
        }
        final long covered = CvRequest.testPoints(horizon, windows, step);
        if (covered + 1 > Series.RECENT_DS) {
            throw new IllegalArgumentException("the windows cover " + covered + " points (--horizon " + horizon
                    + " + --step " + step + " x (--windows " + windows + " - 1)); at most " + (Series.RECENT_DS - 1)
                    + " are supported: use fewer windows or a smaller step");
        }
        return new CvSettings(windows, step, inputSize == null ? 0 : inputSize);
    }
}

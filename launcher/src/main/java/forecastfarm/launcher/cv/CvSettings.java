package forecastfarm.launcher.cv;

/**
 * {@code farm cv}'s windows: statsforecast's {@code n_windows}, {@code step_size} and {@code input_size}.
 *
 * @param windows   how many windows, at least 1.
 * @param step      points between two windows' cutoffs, at least 1.
 * @param inputSize training points of a rolling window; 0 for an expanding one.
 */
public record CvSettings(int windows, int step, int inputSize) {
    /** Windows must cover fewer points than this, so that they and the cutoff before them are an int. */
    public static final long MAX_COVERED = Integer.MAX_VALUE;

    /**
     * @return the points the windows cover, {@code horizon + step x (windows - 1)}, without overflow (so a caller can
     *     check it against {@link #MAX_COVERED} before it is an int).
     */
    public static long coveredPoints(final int horizon, final int windows, final int step) {
        return horizon + (long) step * (windows - 1);
    }
    /**
     * Windows may cover any number of points (the job keeps the ds labels they need, {@link CvWork#tailDs()}); a series
     * shorter than they need fails alone, in the worker.
     *
     * @throws IllegalArgumentException naming the option, for a value out of range or windows covering more points
     *     than a series can have.
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
        final long covered = coveredPoints(horizon, windows, step);
        if (covered >= MAX_COVERED) {
            throw new IllegalArgumentException("the windows cover " + covered + " points (--horizon " + horizon
                    + " + --step " + step + " x (--windows " + windows + " - 1)), more than a series can have:"
                    + " use fewer windows or a smaller step");
        }
        return new CvSettings(windows, step, inputSize == null ? 0 : inputSize);
    }
}

package forecastfarm.shared.forecast;

import forecastfarm.shared.codec.PayloadReader;
import forecastfarm.shared.codec.PayloadWriter;

/**
 * The payload of a "cv" task: one series cross-validated over rolling origins, with statsforecast's
 * {@code cross_validation} semantics. The windows cover the last {@code horizon + step * (windows - 1)} points; window
 * {@code k} (from 0) trains on the points up to its cutoff, {@code n - horizon - step * (windows - 1 - k)} points, and
 * is scored on the {@code horizon} points after it. Every window refits every model.
 *
 * <pre>
 *   windows:int | step:int | inputSize:int | forecast:bytes (a {@link ForecastRequest}: the whole series, the horizon,
 *   seasons, models and levels)
 * </pre>
 *
 * @param forecast  the whole series and what each window forecasts.
 * @param windows   how many windows, at least 1.
 * @param step      points between two windows' cutoffs, at least 1.
 * @param inputSize the training points of a rolling window (the last ones up to its cutoff); 0 for an expanding window
 *                  (every point up to the cutoff).
 */
public record CvRequest(ForecastRequest forecast, int windows, int step, int inputSize) {
    public static final String KIND = "cv";

    public CvRequest {
        if (windows < 1 || step < 1 || inputSize < 0) {
            throw new IllegalArgumentException("cv needs windows >= 1, step >= 1 and inputSize >= 0; got " + windows
                    + ", " + step + ", " + inputSize);
        }
    }

    /** @return how many of the series' last points the windows' test parts cover. */
    public static int testPoints(final int horizon, final int windows, final int step) {
        return horizon + step * (windows - 1);
    }

    /** @return the index (from 0) of window {@code window}'s last training point in a series of {@code n} points. */
    public int cutoff(final int n, final int window) {
        return n - forecast.horizon() - step * (windows - 1 - window) - 1;
    }

    /** @return the index (from 0) of window {@code window}'s first training point. */
    public int trainStart(final int n, final int window) {
        return inputSize == 0 ? 0 : Math.max(0, cutoff(n, window) + 1 - inputSize);
    }

    public byte[] encode() {
        return new PayloadWriter(64 + 8 * forecast.y().length)
                .putInt(windows)
                .putInt(step)
                .putInt(inputSize)
                .putBytes(forecast.encode())
                .toByteArray();
    }

    public static CvRequest decode(final byte[] payload) {
        final PayloadReader in = new PayloadReader(payload);
        final int windows = in.getInt();
        final int step = in.getInt();
        final int inputSize = in.getInt();
        return new CvRequest(ForecastRequest.decode(in.getBytes()), windows, step, inputSize);
    }
}

package forecastfarm.worker.cv;

import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ModelForecast;
import java.util.ArrayList;
import java.util.List;

/**
 * The accuracy of a cross-validation: each window's scale, and each model's {@link CvResult.Score} over the windows
 * (the definitions are {@link CvResult}'s). Pure arithmetic on the wire records; no state.
 *
 * <p>Every mean is over every (window, step) point of the windows the model forecast; a window where it failed is
 * skipped. A scaled metric (MASE, MSIS, scaled error by step) is NaN as soon as one scored window's scale is 0 or NaN,
 * and a level's coverage and MSIS are NaN when a scored forecast lacks that level or cannot give it (bounds NaN).
 */
public final class CvScoring {

    private CvScoring() {}

    /**
     * The scale of a window's training part: the mean of {@code |y[t] - y[t - lag]|} over the part, with lag the
     * season length when the part has more than {@code seasonLength} points and 1 otherwise.
     *
     * @param train        the training part, oldest first.
     * @param seasonLength the request's integer season, at least 1.
     * @return the scale; 0 for a constant part; NaN for a part of fewer than 2 points.
     */
    public static double scale(final double[] train, final int seasonLength) {
        if (train.length < 2) {
            return Double.NaN;
        }
        final int lag = train.length > seasonLength ? seasonLength : 1;
        double sum = 0;
        for (int t = lag; t < train.length; t++) {
            sum += Math.abs(train[t] - train[t - lag]);
        }
        return sum / (train.length - lag);
    }

    /**
     * @param models      the request's models; model {@code i} is forecast {@code i} of every window.
     * @param levels      the request's interval levels in percent.
     * @param horizonSteps the steps of every window's test part.
     * @return one score per model, in the models' order.
     */
    public static List<CvResult.Score> scores(
            final List<String> models,
            final double[] levels,
            final int horizonSteps,
            final List<CvResult.Window> windows) {
        final List<CvResult.Score> scores = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            scores.add(score(models.get(i), i, levels, horizonSteps, windows));
        }
        return List.copyOf(scores);
    }

    /**
     * @param model        the model's name, as the score names it.
     * @param modelIndex   the index of its forecast in every window's forecasts.
     * @param levels       the levels to score, in percent.
     * @param horizonSteps the steps of every window's test part.
     * @return the model's score over the windows it forecast.
     */
    public static CvResult.Score score(
            final String model,
            final int modelIndex,
            final double[] levels,
            final int horizonSteps,
            final List<CvResult.Window> windows) {
        int scoredWindows = 0;
        int points = 0;
        double absErrorSum = 0;
        double squaredErrorSum = 0;
        double smapeSum = 0;
        double scaledErrorSum = 0;
        final double[] insideCount = new double[levels.length];
        final double[] intervalScoreSum = new double[levels.length];
        final double[] scaledErrorSumByStep = new double[horizonSteps];
        for (final CvResult.Window window : windows) {
            final ModelForecast forecast = window.forecasts().get(modelIndex);
            if (!forecast.ok()) {
                continue;
            }
            scoredWindows++;
            final double scale = window.scale() > 0 ? window.scale() : Double.NaN;
            for (int s = 0; s < horizonSteps; s++) {
                final double actual = window.actual()[s];
                final double point = forecast.mean()[s];
                final double absError = Math.abs(actual - point);
                points++;
                absErrorSum += absError;
                squaredErrorSum += absError * absError;
                smapeSum += absError == 0 ? 0 : 200 * absError / (Math.abs(actual) + Math.abs(point));
                scaledErrorSum += absError / scale;
                scaledErrorSumByStep[s] += absError / scale;
            }
            for (int j = 0; j < levels.length; j++) {
                final int at = indexOf(forecast.levels(), levels[j]);
                // a forecast's bounds are NaN at every step for a level its model cannot give (ModelForecast)
                if (at < 0 || Double.isNaN(forecast.lower()[at][0])) {
                    insideCount[j] = Double.NaN;
                    intervalScoreSum[j] = Double.NaN;
                    continue;
                }
                final double alpha = 1 - levels[j] / 100;
                for (int s = 0; s < horizonSteps; s++) {
                    final double actual = window.actual()[s];
                    final double lower = forecast.lower()[at][s];
                    final double upper = forecast.upper()[at][s];
                    insideCount[j] += lower <= actual && actual <= upper ? 1 : 0;
                    intervalScoreSum[j] += intervalScore(actual, lower, upper, alpha) / scale;
                }
            }
        }
        // With no scored point every quotient below is 0/0, NaN.
        final double[] coverage = new double[levels.length];
        final double[] msis = new double[levels.length];
        for (int j = 0; j < levels.length; j++) {
            coverage[j] = insideCount[j] / points;
            msis[j] = intervalScoreSum[j] / points;
        }
        final double[] scaledErrorByStep = new double[horizonSteps];
        for (int s = 0; s < horizonSteps; s++) {
            scaledErrorByStep[s] = scaledErrorSumByStep[s] / scoredWindows;
        }
        return new CvResult.Score(
                model,
                scoredWindows,
                absErrorSum / points,
                Math.sqrt(squaredErrorSum / points),
                smapeSum / points,
                scaledErrorSum / points,
                levels.clone(),
                coverage,
                msis,
                scaledErrorByStep);
    }

    /** The M4 interval score of one point, unscaled: the width plus 2/alpha times the distance outside. */
    private static double intervalScore(
            final double actual, final double lower, final double upper, final double alpha) {
        final double below = actual < lower ? lower - actual : 0;
        final double above = actual > upper ? actual - upper : 0;
        return (upper - lower) + (2 / alpha) * (below + above);
    }

    private static int indexOf(final double[] values, final double value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}

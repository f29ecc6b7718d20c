package forecastfarm.worker.forecast.stl;

import java.util.Arrays;
import java.util.Objects;

/**
 * Seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae and Terpenning 1990), computing what R's
 * {@code stats::stl} computes for a numeric s.window: seasonal loess of degree 0, trend and low-pass loess of degree
 * 1, l.window = nextodd(period), jumps ceil(window / 10). Used by auto.arima's seasonal-strength test and by MSTL.
 * Stateless; arrays are 1-based inside (index 0 unused), following the paper.
 */
public final class Stl {

    private Stl() {}

    /**
     * Decomposes {@code y} into seasonal and trend components (the remainder is what is left).
     *
     * @param y          the series, finite, at least two periods long; not mutated
     * @param parameters windows and iterations
     * @throws IllegalArgumentException when y is shorter than two periods
     */
    public static StlComponents decompose(double[] y, StlParameters parameters) {
        Objects.requireNonNull(y, "y");
        int n = y.length;
        int period = parameters.period();
        if (n <= 2 * period) {
            throw new IllegalArgumentException(
                    "STL needs more than two periods: " + n + " observations for period " + period);
        }
        int seasonalSpan = Math.max(3, StlParameters.nextOdd(parameters.seasonalWindow()));
        int trendSpan = Math.max(3, StlParameters.nextOdd(parameters.trendWindow()));
        int lowPassSpan = Math.max(3, parameters.lowPassWindow());
        Spans spans = new Spans(
                period,
                seasonalSpan,
                trendSpan,
                lowPassSpan,
                jump(parameters.seasonalWindow()),
                jump(trendSpan),
                jump(lowPassSpan));
        double[] data = new double[n + 1];
        System.arraycopy(y, 0, data, 1, n);
        double[] seasonal = new double[n + 1];
        double[] trend = new double[n + 1];
        double[] robustWeights = null;
        for (int outer = 0; outer <= parameters.robustIterations(); outer++) {
            for (int inner = 0; inner < parameters.innerIterations(); inner++) {
                innerPass(data, n, spans, robustWeights, seasonal, trend);
            }
            if (outer < parameters.robustIterations()) {
                robustWeights = robustnessWeights(data, n, seasonal, trend);
            }
        }
        return new StlComponents(Arrays.copyOfRange(seasonal, 1, n + 1), Arrays.copyOfRange(trend, 1, n + 1));
    }

    private static int jump(int window) {
        return (int) Math.ceil(window / 10.0);
    }

    private record Spans(
            int period, int seasonal, int trend, int lowPass, int seasonalJump, int trendJump, int lowPassJump) {}

    /** One inner loop pass (steps 1-6 of the paper): updates seasonal and trend in place. */
    private static void innerPass(
            double[] data, int n, Spans s, double[] robustWeights, double[] seasonal, double[] trend) {
        int np = s.period();
        double[] detrended = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            detrended[i] = data[i] - trend[i];
        }
        double[] cycles = new double[n + 2 * np + 1];
        cycleSubseries(detrended, n, s, robustWeights, cycles);
        double[] lowPassed = new double[n + 1];
        lowPass(cycles, n + 2 * np, np, lowPassed);
        double[] low = new double[n + 1];
        Loess.smooth(lowPassed, n, s.lowPass(), 1, s.lowPassJump(), null, low, 0);
        for (int i = 1; i <= n; i++) {
            seasonal[i] = cycles[np + i] - low[i];
        }
        double[] deseasonalised = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            deseasonalised[i] = data[i] - seasonal[i];
        }
        Loess.smooth(deseasonalised, n, s.trend(), 1, s.trendJump(), robustWeights, trend, 0);
    }

    /**
     * Smooths each cycle-subseries, extended by one value at each end; the result lands in {@code cycles[1..n+2np]}.
     */
    private static void cycleSubseries(double[] y, int n, Spans s, double[] robustWeights, double[] cycles) {
        int np = s.period();
        int span = s.seasonal();
        for (int j = 1; j <= np; j++) {
            int k = (n - j) / np + 1;
            double[] sub = new double[k + 1];
            double[] subWeights = robustWeights == null ? null : new double[k + 1];
            for (int i = 1; i <= k; i++) {
                sub[i] = y[(i - 1) * np + j];
                if (subWeights != null) {
                    subWeights[i] = robustWeights[(i - 1) * np + j];
                }
            }
            double[] smoothed = new double[k + 3]; // [1] and [k+2] are the extensions, the smooth is [2..k+1]
            Loess.smooth(sub, k, span, 0, s.seasonalJump(), subWeights, smoothed, 1);
            double[] work = new double[k + 1];
            double before = Loess.estimate(sub, k, span, 0, 0, 1, Math.min(span, k), work, subWeights);
            smoothed[1] = Double.isNaN(before) ? smoothed[2] : before;
            double after = Loess.estimate(sub, k, span, 0, k + 1, Math.max(1, k - span + 1), k, work, subWeights);
            smoothed[k + 2] = Double.isNaN(after) ? smoothed[k + 1] : after;
            for (int m = 1; m <= k + 2; m++) {
                cycles[(m - 1) * np + j] = smoothed[m];
            }
        }
    }

    /** Moving averages of lengths np, np and 3: x[1..n] to out[1..n-2np]. */
    private static void lowPass(double[] x, int n, int np, double[] out) {
        double[] first = new double[n + 1];
        double[] second = new double[n + 1];
        movingAverage(x, n, np, first);
        movingAverage(first, n - np + 1, np, second);
        movingAverage(second, n - 2 * np + 2, 3, out);
    }

    private static void movingAverage(double[] x, int n, int length, double[] out) {
        double sum = 0;
        for (int i = 1; i <= length; i++) {
            sum += x[i];
        }
        out[1] = sum / length;
        for (int j = 2; j <= n - length + 1; j++) {
            sum = sum - x[j - 1] + x[j + length - 1];
            out[j] = sum / length;
        }
    }

    /** Bisquare weights of the remainders scaled by six times their median absolute value (1-based). */
    private static double[] robustnessWeights(double[] data, int n, double[] seasonal, double[] trend) {
        double[] absolute = new double[n];
        for (int i = 1; i <= n; i++) {
            absolute[i - 1] = Math.abs(data[i] - seasonal[i] - trend[i]);
        }
        double[] sorted = absolute.clone();
        Arrays.sort(sorted);
        double median = (sorted[(n - 1) / 2] + sorted[n / 2]) / 2;
        double scale = 6 * median;
        double[] weights = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            double r = absolute[i - 1];
            if (r <= 0.001 * scale) {
                weights[i] = 1;
            } else if (r <= 0.999 * scale) {
                double u = r / scale;
                weights[i] = (1 - u * u) * (1 - u * u);
            }
        }
        return weights;
    }
}

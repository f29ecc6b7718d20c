package forecastfarm.launcher.cv;

import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.io.ForecastCsvWriter;
import forecastfarm.shared.forecast.CvResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's scores per model, gathered as series finish: the mean of each score over the series where it is defined,
 * how often each model had the lowest MASE of a series (its "wins"; a series where no model has a MASE, a constant
 * one, counts for none), and the mean scaled error by horizon step. Called on the results thread only.
 */
final class CvScoreboard {
    private static final String[] MEANS = {"mae", "rmse", "smape", "mase"};

    private final List<String> models;
    private final double[] levels;
    private final Map<String, ModelTotals> totals = new LinkedHashMap<>();
    private long seriesScored;

    CvScoreboard(final List<String> models, final double[] levels, final int horizon) {
        this.models = List.copyOf(models);
        this.levels = levels.clone();
        for (final String model : models) {
            totals.put(model, new ModelTotals(MEANS.length + 2 * levels.length, horizon));
        }
    }

    /** Adds one series' scores (nothing for a series that did not finish OK). */
    void add(final SeriesResult result) {
        if (!result.ok() || result.cv() == null) {
            return;
        }
        seriesScored++;
        String best = null;
        double bestMase = Double.POSITIVE_INFINITY;
        for (final CvResult.Score score : result.cv().scores()) {
            final ModelTotals model = totals.get(score.model());
            if (model == null || score.windows() == 0) {
                continue;
            }
            model.series++;
            model.add(values(score), score.scaledErrorByStep());
            if (score.mase() < bestMase) {
                bestMase = score.mase();
                best = score.model();
            }
        }
        if (best != null) {
            totals.get(best).wins++;
        }
    }

    private double[] values(final CvResult.Score score) {
        final double[] values = new double[MEANS.length + 2 * levels.length];
        values[0] = score.mae();
        values[1] = score.rmse();
        values[2] = score.smape();
        values[3] = score.mase();
        for (int i = 0; i < levels.length; i++) {
            final int at = CvRows.indexOf(score.levels(), levels[i]);
            values[MEANS.length + 2 * i] = at < 0 ? Double.NaN : score.coverage()[at];
            values[MEANS.length + 2 * i + 1] = at < 0 ? Double.NaN : score.msis()[at];
        }
        return values;
    }

    /** @return the score names in {@link #means}' order: mae, rmse, smape, mase, then coverage-L and msis-L. */
    List<String> scoreNames() {
        final java.util.ArrayList<String> names = new java.util.ArrayList<>(List.of(MEANS));
        for (final double level : levels) {
            names.add("coverage-" + ForecastCsvWriter.formatNumber(level));
            names.add("msis-" + ForecastCsvWriter.formatNumber(level));
        }
        return names;
    }

    List<String> models() {
        return models;
    }

    long seriesScored() {
        return seriesScored;
    }

    /** @return the model's mean of each score (NaN where no series defined it). */
    double[] means(final String model) {
        return totals.get(model).means();
    }

    /** @return the model's mean scaled error at each step (MASE by horizon). */
    double[] byStep(final String model) {
        return totals.get(model).byStep();
    }

    long wins(final String model) {
        return totals.get(model).wins;
    }

    long series(final String model) {
        return totals.get(model).series;
    }

    /** Sums and counts of one model's scores, each over the series where it is finite. */
    private static final class ModelTotals {
        private final double[] sums;
        private final long[] counts;
        private final double[] stepSums;
        private final long[] stepCounts;
        private long series;
        private long wins;

        ModelTotals(final int scores, final int horizon) {
            sums = new double[scores];
            counts = new long[scores];
            stepSums = new double[horizon];
            stepCounts = new long[horizon];
        }

        void add(final double[] values, final double[] byStep) {
            accumulate(values, sums, counts);
            accumulate(byStep, stepSums, stepCounts);
        }

        private static void accumulate(final double[] values, final double[] sums, final long[] counts) {
            for (int i = 0; i < Math.min(values.length, sums.length); i++) {
                if (Double.isFinite(values[i])) {
                    sums[i] += values[i];
                    counts[i]++;
                }
            }
        }

        double[] means() {
            return divide(sums, counts);
        }

        double[] byStep() {
            return divide(stepSums, stepCounts);
        }

        private static double[] divide(final double[] sums, final long[] counts) {
            final double[] means = new double[sums.length];
            for (int i = 0; i < sums.length; i++) {
                means[i] = counts[i] == 0 ? Double.NaN : sums[i] / counts[i];
            }
            return means;
        }
    }
}

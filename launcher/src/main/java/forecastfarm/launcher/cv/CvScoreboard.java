package forecastfarm.launcher.cv;

import forecastfarm.launcher.io.CsvTable;
import forecastfarm.launcher.io.ForecastCsvWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's scores per model, read from cv_metrics.csv ({@link CvMetricRows}) once it is written: the mean of each
 * score over the series where it is defined, how often each model had the lowest MASE of a series (its "wins"; a
 * series where no model has a MASE, a constant one, counts for none), and the mean scaled error by horizon step. A run
 * and a merge of shards ({@code farm merge}) both score through {@link #read}: the same rows in the same (input) order
 * give the same numbers; the rows of a series are consecutive, models in {@code --model} order.
 */
final class CvScoreboard {
    private static final String[] MEANS = {"mae", "rmse", "smape", "mase"};

    private final List<String> models;
    private final double[] levels;
    private final Map<String, ModelTotals> totals = new LinkedHashMap<>();
    private long seriesScored;
    private String currentSeries;
    private String best;
    private double bestMase = Double.POSITIVE_INFINITY;

    CvScoreboard(final List<String> models, final double[] levels, final int horizon) {
        this.models = List.copyOf(models);
        this.levels = levels.clone();
        for (final String model : models) {
            totals.put(model, new ModelTotals(MEANS.length + 2 * levels.length, horizon));
        }
    }

    /**
     * @return the scores of every row of {@code cvMetrics}, a cv_metrics.csv; its columns are found by name (a file
     *     without the mase-hK columns scores no steps).
     * @throws IOException when it cannot be read.
     */
    static CvScoreboard read(final Path cvMetrics, final List<String> models, final double[] levels, final int horizon)
            throws IOException {
        final CvScoreboard board = new CvScoreboard(models, levels, horizon);
        final int[][] columns = new int[2][];
        CsvTable.read(
                cvMetrics,
                header -> {
                    final List<String> names = board.scoreNames();
                    columns[0] = names.stream().mapToInt(header::indexOf).toArray();
                    columns[1] = java.util.stream.IntStream.rangeClosed(1, horizon)
                            .map(step -> header.indexOf(CvMetricRows.stepColumn(step)))
                            .toArray();
                },
                row -> board.add(row.get(0), row.get(1), values(row, columns[0]), values(row, columns[1])));
        board.endSeries();
        return board;
    }

    private static double[] values(final List<String> row, final int[] columns) {
        final double[] values = new double[columns.length];
        for (int i = 0; i < columns.length; i++) {
            final String cell = columns[i] < 0 || columns[i] >= row.size() ? "" : row.get(columns[i]);
            values[i] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
        }
        return values;
    }

    /**
     * Adds one row: a model's scores on a series ({@link #scoreNames()}' order) and its scaled error by step. A row of
     * another series than the last closes that one (its win is counted).
     */
    void add(final String series, final String model, final double[] scores, final double[] byStep) {
        if (!series.equals(currentSeries)) {
            endSeries();
            currentSeries = series;
            seriesScored++;
        }
        final ModelTotals totalsOf = totals.get(model);
        if (totalsOf == null) {
            return;
        }
        totalsOf.series++;
        totalsOf.add(scores, byStep);
        final double mase = scores[3];
        if (mase < bestMase) {
            bestMase = mase;
            best = model;
        }
    }

    /** Counts the last series' win, if a model had a MASE. */
    void endSeries() {
        if (best != null) {
            totals.get(best).wins++;
        }
        best = null;
        bestMase = Double.POSITIVE_INFINITY;
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

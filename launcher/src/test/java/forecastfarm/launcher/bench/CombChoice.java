package forecastfarm.launcher.bench;

import forecastfarm.launcher.bench.M3Accuracy.Category;
import forecastfarm.launcher.farm.Farm;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmListener;
import forecastfarm.launcher.farm.JobSpec;
import forecastfarm.launcher.farm.MapSizing;
import forecastfarm.launcher.farm.ResultReader;
import forecastfarm.launcher.farm.TaskSpec;
import forecastfarm.launcher.io.Series;
import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.forecast.CvRequest;
import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses {@code comb}'s default members by cross-validation on M3's training parts, never on the held-out test parts.
 * Every series of the chosen categories is cross-validated through the real farm (the {@code cv} kind) with every
 * candidate model: up to {@code --windows K} windows of the category's horizon with a step of one horizon, so their
 * test parts are the last training points and do not overlap, each window keeping at least {@link #MIN_TRAIN} training
 * points or two seasons and two points (a short series gets fewer windows, at least one). Then every subset of at
 * least two candidates, combined by the mean and by the median, is scored from its members' forecasts in the same
 * windows, as {@code comb:a+b+combine=...} would forecast them. sMAPE and MASE (scaled as the cv kind scales each
 * window): per series the mean over its windows, then the mean over the series, as M3 is scored. A series is scored
 * only where every candidate forecast every window; how many were left out is printed.
 */
final class CombChoice {
    private static final String JOB = "comb-choice";

    /** The fewest training points a window keeps (two seasons and two points when that is more). */
    static final int MIN_TRAIN = 10;

    private final PrintStream out;
    private final Path scratch;

    CombChoice(final PrintStream out, final Path scratch) {
        this.out = out;
        this.scratch = scratch;
    }

    /** A way of combining: the members (indices into the candidates) and the statistic. */
    record Combo(List<String> members, boolean median) {
        String spec() {
            if (members.size() == 1) {
                return members.get(0);
            }
            return "comb:" + String.join("+", members) + (median ? "+combine=median" : "");
        }
    }

    /** Per series, per window: each candidate's point forecast, the actual values and the window's MASE scale. */
    record WindowForecasts(double[][] byCandidate, double[] actual, double scale) {}

    void run(final BenchArgs args) {
        final Path data = Path.of(args.stringValue("data", "../shared/data"));
        M3Accuracy.requireData(data);
        final List<String> candidates =
                List.of(args.stringValue("models", "ets,theta,arima").split(","));
        final List<String> categories = List.of(
                args.stringValue("categories", "yearly,quarterly,monthly,other").split(","));
        final int windows = args.intValue("windows", 2, 1);
        final int limit = args.intValue("limit", Integer.MAX_VALUE, 1);
        final int workers = args.intValue("workers", Runtime.getRuntime().availableProcessors(), 1);
        out.printf(
                Locale.ROOT,
                "comb members by cross-validation on M3's training parts: candidates %s, up to %d windows, %d workers%n",
                candidates,
                windows,
                workers);
        final List<Combo> combos = combos(candidates);
        final Map<String, List<double[]>> perCategory = new LinkedHashMap<>();
        for (final Category category : M3Accuracy.CATEGORIES) {
            if (categories.contains(category.name())) {
                final List<List<WindowForecasts>> series =
                        crossValidate(category, data, candidates, windows, limit, workers);
                perCategory.put(category.name(), scoreSeries(series, candidates, combos));
            }
        }
        print(combos, perCategory);
    }

    /** Every non-empty subset of the candidates (one alone is that model) by the mean, and those of three or more also by the median. */
    static List<Combo> combos(final List<String> candidates) {
        final List<Combo> combos = new ArrayList<>();
        for (int mask = 1; mask < 1 << candidates.size(); mask++) {
            final List<String> members = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    members.add(candidates.get(i));
                }
            }
            combos.add(new Combo(members, false));
            if (members.size() > 2) {
                combos.add(new Combo(members, true)); // the median of two is their mean
            }
        }
        return combos;
    }

    private List<List<WindowForecasts>> crossValidate(
            final Category category,
            final Path data,
            final List<String> candidates,
            final int windows,
            final int limit,
            final int workers) {
        final List<Series> train = M3Accuracy.read(data.resolve("m3_" + category.name() + "_train.csv"), "t", limit);
        final List<TaskSpec> tasks = new ArrayList<>();
        final int h = category.horizon();
        final int minTrain = Math.max(MIN_TRAIN, 2 * category.seasonLength() + 2);
        for (final Series s : train) {
            final int k = Math.max(1, Math.min(windows, (s.y().length - minTrain) / h));
            final ForecastRequest forecast =
                    new ForecastRequest(s.y(), h, category.seasonLength(), candidates, new double[0]);
            tasks.add(new TaskSpec(s.id(), CvRequest.KIND, new CvRequest(forecast, k, h, 0).encode()));
        }
        final Path farmDir = scratch.resolve("comb-choice-" + category.name());
        final long startNs = System.nanoTime();
        Farm.run(
                new FarmContext().farmDir(farmDir).workers(workers),
                tasks,
                JobSpec.named(JOB),
                MapSizing.forTasks(
                        tasks.size(),
                        6,
                        windows * ForecastResult.estimateEncodedBytes(candidates.size(), h, 0)
                                + 64 * candidates.size()),
                FarmListener.NONE,
                false);
        out.printf(
                Locale.ROOT,
                "%-10s %d series cross-validated in %.1f s%n",
                category.name(),
                train.size(),
                (System.nanoTime() - startNs) / 1e9);
        final List<List<WindowForecasts>> series = new ArrayList<>();
        try (ResultReader results = ResultReader.open(new FarmDirectory(farmDir))
                .orElseThrow(() -> new IllegalStateException("no results in " + farmDir))) {
            for (final Series s : train) {
                final ResultRecord record = results.get(JOB, s.id()).orElse(null);
                series.add(
                        record == null || record.status() != TaskStatus.OK
                                ? List.of()
                                : windowsOf(CvResult.decode(record.payload()), candidates));
            }
        }
        return series;
    }

    /** The windows' forecasts by candidate; empty when a candidate failed in a window. */
    private static List<WindowForecasts> windowsOf(final CvResult cv, final List<String> candidates) {
        final List<WindowForecasts> windows = new ArrayList<>();
        for (final CvResult.Window window : cv.windows()) {
            final double[][] byCandidate = new double[candidates.size()][];
            for (final ModelForecast forecast : window.forecasts()) {
                if (!forecast.ok()) {
                    return List.of();
                }
                byCandidate[candidates.indexOf(forecast.model())] = forecast.mean();
            }
            windows.add(new WindowForecasts(byCandidate, window.actual(), window.scale()));
        }
        return windows;
    }

    /**
     * @return per combo (in {@code combos}' order), {sum of series sMAPE, sum of series MASE, series scored, series
     *     left out}.
     */
    static List<double[]> scoreSeries(
            final List<List<WindowForecasts>> series, final List<String> candidates, final List<Combo> combos) {
        final List<double[]> sums = new ArrayList<>();
        combos.forEach(c -> sums.add(new double[4]));
        for (final List<WindowForecasts> windows : series) {
            for (int c = 0; c < combos.size(); c++) {
                final double[] sum = sums.get(c);
                if (windows.isEmpty() || windows.stream().anyMatch(w -> w.scale() <= 0)) {
                    sum[3]++;
                    continue;
                }
                double smape = 0;
                double mase = 0;
                for (final WindowForecasts window : windows) {
                    final double[] combined = combine(combos.get(c), candidates, window);
                    smape += ForecastAccuracy.smape(window.actual(), combined);
                    mase += meanAbsoluteError(window.actual(), combined) / window.scale();
                }
                sum[0] += smape / windows.size();
                sum[1] += mase / windows.size();
                sum[2]++;
            }
        }
        return sums;
    }

    /** The combo's forecast in a window, as {@code Combination} combines its members' at each step. */
    static double[] combine(final Combo combo, final List<String> candidates, final WindowForecasts window) {
        final int horizon = window.actual().length;
        final double[] combined = new double[horizon];
        final double[] values = new double[combo.members().size()];
        for (int t = 0; t < horizon; t++) {
            for (int m = 0; m < values.length; m++) {
                values[m] =
                        window.byCandidate()[candidates.indexOf(combo.members().get(m))][t];
            }
            combined[t] = combo.median()
                    ? median(values)
                    : Arrays.stream(values).average().orElseThrow();
        }
        return combined;
    }

    private static double median(final double[] values) {
        Arrays.sort(values);
        final int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static double meanAbsoluteError(final double[] actual, final double[] forecast) {
        double sum = 0;
        for (int t = 0; t < actual.length; t++) {
            sum += Math.abs(actual[t] - forecast[t]);
        }
        return sum / actual.length;
    }

    private void print(final List<Combo> combos, final Map<String, List<double[]>> perCategory) {
        final double[][] overall = new double[combos.size()][4];
        for (final List<double[]> sums : perCategory.values()) {
            for (int c = 0; c < combos.size(); c++) {
                for (int i = 0; i < 4; i++) {
                    overall[c][i] += sums.get(c)[i];
                }
            }
        }
        final List<Integer> order = new ArrayList<>();
        for (int c = 0; c < combos.size(); c++) {
            order.add(c);
        }
        order.sort(Comparator.comparingDouble(c -> overall[c][0] / overall[c][2]));
        final StringBuilder header = new StringBuilder(
                String.format(Locale.ROOT, "%-4s %-52s %8s %7s", "rank", "combination", "sMAPE", "MASE"));
        perCategory.keySet().forEach(name -> header.append(String.format(Locale.ROOT, " %10s", name)));
        out.println(header.append("   (cv sMAPE per category; series left out: ")
                .append((long) overall[0][3])
                .append(')'));
        for (int rank = 0; rank < order.size(); rank++) {
            final int c = order.get(rank);
            final StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%-4d %-52s %8.3f %7.3f",
                    rank + 1,
                    combos.get(c).spec(),
                    overall[c][0] / overall[c][2],
                    overall[c][1] / overall[c][2]));
            for (final List<double[]> sums : perCategory.values()) {
                line.append(String.format(Locale.ROOT, " %10.3f", sums.get(c)[0] / sums.get(c)[2]));
            }
            out.println(line);
        }
        for (int rank = 0; rank < order.size(); rank++) {
            final int c = order.get(rank);
            out.printf(
                    Locale.ROOT,
                    "RESULT bench=comb-choice rank=%d spec=%s smape=%.4f mase=%.4f series=%d%n",
                    rank + 1,
                    combos.get(c).spec(),
                    overall[c][0] / overall[c][2],
                    overall[c][1] / overall[c][2],
                    (long) overall[c][2]);
        }
    }
}

package forecastfarm.launcher.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import forecastfarm.launcher.farm.Farm;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmListener;
import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.launcher.farm.JobSpec;
import forecastfarm.launcher.farm.MapSizing;
import forecastfarm.launcher.farm.ResultReader;
import forecastfarm.launcher.farm.TaskSpec;
import forecastfarm.launcher.io.LongCsvReader;
import forecastfarm.launcher.io.Series;
import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The M3 accuracy benchmark: every series of the chosen M3 categories through the real farm with the chosen models,
 * mean sMAPE and MASE per category and model, beside what R's forecast 8.20 got on the same series
 * ({@code ../shared/data/reference/r_m3_per_series.csv}).
 */
final class M3Accuracy {
    private static final String M3_JOB = "m3";
    /**
     * An M3 category: its file name part, horizon and season length.
     */
    record Category(String name, int horizon, int seasonLength) {}

    static final List<Category> CATEGORIES = List.of(
            new Category("yearly", 6, 1),
            new Category("quarterly", 8, 4),
            new Category("monthly", 18, 12),
            new Category("other", 8, 1));
    private static final Map<String, String> R_METHOD = Map.of(
            "naive2",
            "naive2",
            "theta",
            "theta",
            "ets",
            "ets",
            "arima",
            "arima",
            "comb:ets+theta+arima",
            "ets+arima+theta");
    private static final List<String> R_SINGLE_METHODS = List.of("naive2", "theta", "ets", "arima");

    private final PrintStream out;
    private final Path scratch;
    private double lastMsPerSeries;

    M3Accuracy(final PrintStream out, final Path scratch) {
        this.out = out;
        this.scratch = scratch;
    }

    void run(final BenchArgs args) {
        final Path data = Path.of(args.stringValue("data", "../shared/data"));
        requireData(data);
        final List<String> models = List.of(
                args.stringValue("models", "naive2,theta,ets,arima,comb").split(","));
        final List<String> categories = List.of(
                args.stringValue("categories", "yearly,quarterly,monthly,other").split(","));
        final int limit = args.intValue("limit", Integer.MAX_VALUE, 1);
        final int workers = args.intValue("workers", Runtime.getRuntime().availableProcessors(), 1);
        out.printf(
                Locale.ROOT,
                "M3 accuracy through the farm: models %s, %d workers, R = forecast 8.20 on the same " + "series%n",
                models,
                workers);
        out.printf(
                Locale.ROOT,
                "%-10s %-7s %6s %9s %9s %7s %8s %8s %7s %6s %9s%n",
                "category",
                "model",
                "series",
                "sMAPE",
                "R sMAPE",
                "ratio",
                "MASE",
                "R MASE",
                "ratio",
                "failed",
                "ms/series");
        final Map<String, double[]> all = new LinkedHashMap<>();
        for (final Category category : CATEGORIES) {
            if (categories.contains(category.name())) {
                final List<ModelScore> scores = runCategory(category, data, models, limit, workers);
                for (final ModelScore score : scores.subList(0, scores.size() - 1)) {
                    final double[] sums = all.computeIfAbsent(score.model(), m -> new double[3]);
                    sums[0] += score.smape() * score.series();
                    sums[1] += score.mase() * score.series();
                    sums[2] += score.series();
                }
            }
        }
        // over every series scored, as M3's overall figures are means over series, not over categories
        all.forEach((model, sums) -> out.printf(
                Locale.ROOT,
                "RESULT bench=m3 category=all model=%s series=%d smape=%.4f mase=%.4f%n",
                model,
                (long) sums[2],
                sums[0] / sums[2],
                sums[1] / sums[2]));
    }

    /** @throws IllegalArgumentException when {@code data} is not the shared data set, saying where it is expected */
    static void requireData(final Path data) {
        if (!Files.isRegularFile(data.resolve("reference").resolve("r_m3_per_series.csv"))) {
            throw new IllegalArgumentException(data.toAbsolutePath().normalize()
                    + " holds no M3 data: this benchmark needs the shared data set beside the repository"
                    + " (../shared/data), or --data DIR with m3_*_train.csv, m3_*_test.csv and reference/");
        }
    }

    /**
     * One model's scores on one category, ours beside R's on the same series.
     */
    record ModelScore(String model, int series, int failed, double smape, double mase, double rSmape, double rMase) {}

    /**
     * Runs the category's series (the first {@code limit}) through a farm and scores every model.
     *
     * @return per model, in the order given; plus, under the key "best R single", R's best single method.
     */
    List<ModelScore> evaluate(
            final Category category, final Path data, final List<String> models, final int limit, final int workers) {
        final Map<String, Map<String, double[]>> reference = readReference(data);
        final List<Series> train = read(data.resolve("m3_" + category.name() + "_train.csv"), "t", limit);
        final Map<String, double[]> test = new HashMap<>();
        read(data.resolve("m3_" + category.name() + "_test.csv"), "step", Integer.MAX_VALUE)
                .forEach(s -> test.put(s.id(), s.y()));
        final List<TaskSpec> tasks = new ArrayList<>();
        for (final Series s : train) {
            tasks.add(new TaskSpec(
                    s.id(),
                    ForecastRequest.KIND,
                    new ForecastRequest(
                                    s.y(), category.horizon(), category.seasonLength(), models, new double[] {80, 95})
                            .encode()));
        }
        final Path farmDir = scratch.resolve("m3-" + category.name());
        final FarmContext ctx = new FarmContext().farmDir(farmDir).workers(workers);
        final FarmReport report = Farm.run(
                ctx,
                tasks,
                JobSpec.named(M3_JOB),
                MapSizing.forTasks(
                        tasks.size(), 6, ForecastResult.estimateEncodedBytes(models.size(), category.horizon(), 2)),
                FarmListener.NONE,
                false);
        lastMsPerSeries = report.wallNs() / 1e6 / Math.max(1, tasks.size());
        final Map<String, Scores> scores = score(farmDir, train, test, category, models);
        final List<ModelScore> result = new ArrayList<>();
        for (final String model : models) {
            final Scores ours = scores.get(model);
            final double[] r = rMeans(reference, R_METHOD.getOrDefault(model, model), category.name(), ours.ids);
            result.add(
                    new ModelScore(model, ours.ids.size(), ours.failed, ours.meanSmape(), ours.meanMase(), r[0], r[1]));
        }
        final List<String> ids = new ArrayList<>();
        train.forEach(s -> ids.add(s.id()));
        ModelScore best = null;
        for (final String method : R_SINGLE_METHODS) {
            final double[] r = rMeans(reference, method, category.name(), ids);
            if (best == null || r[0] < best.rSmape()) {
                best = new ModelScore("R " + method, ids.size(), 0, Double.NaN, Double.NaN, r[0], r[1]);
            }
        }
        result.add(best);
        return result;
    }

    private List<ModelScore> runCategory(
            final Category category, final Path data, final List<String> models, final int limit, final int workers) {
        final List<ModelScore> scores = evaluate(category, data, models, limit, workers);
        for (final ModelScore score : scores.subList(0, scores.size() - 1)) {
            out.printf(
                    Locale.ROOT,
                    "%-10s %-7s %6d %9.3f %9.3f %7.3f %8.3f %8.3f %7.3f %6d %9.1f%n",
                    category.name(),
                    score.model(),
                    score.series(),
                    score.smape(),
                    score.rSmape(),
                    score.smape() / score.rSmape(),
                    score.mase(),
                    score.rMase(),
                    score.mase() / score.rMase(),
                    score.failed(),
                    lastMsPerSeries);
            out.printf(
                    Locale.ROOT,
                    "RESULT bench=m3 category=%s model=%s series=%d smape=%.4f r_smape=%.4f mase=%.4f "
                            + "r_mase=%.4f failed=%d%n",
                    category.name(),
                    score.model(),
                    score.series(),
                    score.smape(),
                    score.rSmape(),
                    score.mase(),
                    score.rMase(),
                    score.failed());
        }
        final ModelScore best = scores.get(scores.size() - 1);
        out.printf(
                Locale.ROOT,
                "%-10s best single R method on these series: %s, sMAPE %.3f, MASE %.3f%n",
                category.name(),
                best.model().substring(2),
                best.rSmape(),
                best.rMase());
        return scores;
    }

    private Map<String, Scores> score(
            final Path farmDir,
            final List<Series> train,
            final Map<String, double[]> test,
            final Category category,
            final List<String> models) {
        final Map<String, Scores> scores = new LinkedHashMap<>();
        models.forEach(model -> scores.put(model, new Scores()));
        final Optional<ResultReader> opened = ResultReader.open(new FarmDirectory(farmDir));
        try (ResultReader results = opened.orElseThrow(() -> new IllegalStateException("no results in " + farmDir))) {
            for (final Series s : train) {
                scores.values().forEach(sc -> sc.allIds.add(s.id()));
                final double[] actual = test.get(s.id());
                final ResultRecord record = results.get(M3_JOB, s.id()).orElse(null);
                final Map<String, ModelForecast> byModel = new HashMap<>();
                if (record != null && record.status() == TaskStatus.OK) {
                    ForecastResult.decode(record.payload()).forecasts().forEach(f -> byModel.put(f.model(), f));
                }
                for (final String model : models) {
                    final ModelForecast f = byModel.get(model);
                    final Scores sc = scores.get(model);
                    if (f == null || !f.ok() || actual == null) {
                        sc.failed++;
                        continue;
                    }
                    sc.ids.add(s.id());
                    sc.smape.add(ForecastAccuracy.smape(actual, f.mean()));
                    sc.mase.add(ForecastAccuracy.mase(s.y(), category.seasonLength(), actual, f.mean()));
                }
            }
        }
        return scores;
    }

    private static double[] rMeans(
            final Map<String, Map<String, double[]>> reference,
            final String method,
            final String category,
            final List<String> ids) {
        final Map<String, double[]> perSeries = reference.getOrDefault(method + "/" + category, Map.of());
        double smape = 0;
        double mase = 0;
        int n = 0;
        for (final String id : ids) {
            final double[] r = perSeries.get(id);
            if (r != null) {
                smape += r[0];
                mase += r[1];
                n++;
            }
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {smape / n, mase / n};
    }

    /**
     * @return "method/category" to series id to {sMAPE, MASE}.
     */
    private static Map<String, Map<String, double[]>> readReference(final Path data) {
        final Map<String, Map<String, double[]>> reference = new HashMap<>();
        final Path file = data.resolve("reference").resolve("r_m3_per_series.csv");
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(file)) {
            for (final NamedCsvRecord row : csv) {
                if (row.getField("sMAPE").equals("NA")) {
                    continue;
                }
                reference
                        .computeIfAbsent(row.getField("method") + "/" + row.getField("period"), k -> new HashMap<>())
                        .put(row.getField("series_id"), new double[] {
                            Double.parseDouble(row.getField("sMAPE")), Double.parseDouble(row.getField("MASE"))
                        });
            }
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        return reference;
    }

    static List<Series> read(final Path file, final String timeCol, final int limit) {
        final List<Series> series = new ArrayList<>();
        new LongCsvReader("series_id", timeCol, "value")
                .read(
                        file,
                        s -> {
                            if (series.size() < limit) {
                                series.add(s);
                            }
                        },
                        problem -> {
                            throw new IllegalStateException("unexpected problem in " + file + ": " + problem);
                        });
        return series;
    }

    private static final class Scores {
        private final List<String> ids = new ArrayList<>();
        private final List<String> allIds = new ArrayList<>();
        private final List<Double> smape = new ArrayList<>();
        private final List<Double> mase = new ArrayList<>();
        private int failed;

        double meanSmape() {
            return smape.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        double meanMase() {
            return mase.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }
}

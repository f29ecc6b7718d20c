package forecastfarm.worker.bench;

import forecastfarm.shared.forecast.ModelSpec;
import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.ForecastModel;
import forecastfarm.worker.forecast.Models;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * In-process speed of the forecasting models on the first N series of an M3 CSV (the side of
 * {@code scripts/bench-vs-r} that is ours; R's side is {@code scripts/r/time_models.R}). Single-threaded;
 * the script pins it to one core with taskset.
 *
 * <pre>
 * java -cp forecast-farm-worker.jar forecastfarm.worker.bench.ModelSpeed [--models theta,ets,arima]
 *     [--series 100] [--data ../shared/data] [--file m3_monthly_train.csv] [--m 12] [--h 18]
 *     [--levels 80,95] [--mode warm|cold] [--warmup-s 1] [--passes 5] [--budget-s 20]
 *     [--seasons 48,336] [--windows K --step S]
 * java -cp forecast-farm-worker.jar forecastfarm.worker.bench.ModelSpeed --list true
 * </pre>
 *
 * <p>{@code --seasons 48,336}: fit with all these seasons ({@link ForecastModel#fit(double[], double[])}, as a task
 * given several does) instead of {@code --m}. {@code --windows K --step S}: time each series' K rolling-origin
 * training parts instead of the series (those of {@code farm cv --horizon H --windows K --step S}: part k ends at
 * n - h - S (K - 1 - k)). The CSV's columns may be {@code series_id,value} (M3) or {@code unique_id,y} (taylor).
 *
 * <p>{@code --model-class ets=forecastfarm.worker.forecast.ets.Ets,...}: a preview of a model not registered
 * yet, made with the class's no-argument constructor; used only when the name is not in {@link Models}
 * (the output line then says {@code source=class:...} rather than {@code source=registry}).
 *
 * <p>{@code --mode warm} (default): per model, warm-up passes over all series (at least one, repeated until
 * {@code --warmup-s} seconds have gone, so that the JIT has compiled the hot code), then up to {@code --passes}
 * timed passes (at least one; no new pass starts once {@code --budget-s} seconds of timed passes have run).
 * A series' time is its mean over the timed passes of fit + forecast(h, levels), wall clock
 * ({@link System#nanoTime}) and thread CPU time; the line printed per model gives the median and mean
 * over the series. {@code --mode cold}: one pass, no warm-up (the script times the whole process).
 *
 * <p>Output lines, one per model: {@code OURS model=theta mode=warm series=100 passes=5 median_ms=...
 * mean_ms=... cpu_median_ms=... cpu_mean_ms=... total_ms=... failed=0}, or {@code OURS model=ets
 * skipped=unknown-model} when the model is not registered; {@code --list true} prints
 * {@code OURS registered=naive,snaive,...} and exits. A series a model cannot fit
 * (ModelException and the like) is counted in {@code failed=} and its time still counts.
 */
public final class ModelSpeed {

    private ModelSpeed() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = parse(args);
        if (opt.containsKey("list")) {
            System.out.println("OURS registered=" + String.join(",", Models.names()));
            return;
        }
        List<String> models = List.of(opt.getOrDefault("models", "theta").split(","));
        int maxSeries = Integer.parseInt(opt.getOrDefault("series", "100"));
        Path file = Path.of(opt.getOrDefault("data", "../shared/data"))
                .resolve(opt.getOrDefault("file", "m3_monthly_train.csv"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file.toAbsolutePath().normalize()
                    + " not found: this benchmark needs the shared data set beside the repository"
                    + " (../shared/data), or --data DIR holding the file");
        }
        int m = Integer.parseInt(opt.getOrDefault("m", "12"));
        int h = Integer.parseInt(opt.getOrDefault("h", "18"));
        double[] levels = Arrays.stream(opt.getOrDefault("levels", "80,95").split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        String mode = opt.getOrDefault("mode", "warm");
        if (!mode.equals("warm") && !mode.equals("cold")) {
            throw new IllegalArgumentException("--mode must be warm or cold, not " + mode);
        }
        int maxPasses = Integer.parseInt(opt.getOrDefault("passes", "5"));
        double budgetS = Double.parseDouble(opt.getOrDefault("budget-s", "20"));
        double warmupS = Double.parseDouble(opt.getOrDefault("warmup-s", "1"));

        Map<String, String> classes = new LinkedHashMap<>();
        for (String kv : opt.getOrDefault("model-class", "").split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                classes.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }

        double[] seasons = opt.containsKey("seasons")
                ? Arrays.stream(opt.get("seasons").split(","))
                        .mapToDouble(Double::parseDouble)
                        .toArray()
                : new double[] {m};
        List<double[]> series = readSeries(file, maxSeries);
        if (opt.containsKey("windows")) {
            series = trainingParts(
                    series, h, Integer.parseInt(opt.get("windows")), Integer.parseInt(opt.getOrDefault("step", "1")));
        }
        if (series.isEmpty()) {
            throw new IllegalArgumentException("no series in " + file);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        if (cpuTime && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }

        for (String name : models) {
            name = name.trim();
            if (name.isEmpty()) {
                continue;
            }
            ForecastModel model;
            String source = "registry";
            try {
                model = Models.forSpec(ModelSpec.parse("--models", name));
            } catch (IllegalArgumentException e) {
                String cls = classes.get(name);
                if (cls == null) {
                    System.out.printf(
                            Locale.ROOT,
                            "OURS model=%s mode=%s skipped=unknown-model (%s)%n",
                            name,
                            mode,
                            e.getMessage());
                    continue;
                }
                try {
                    model = (ForecastModel)
                            Class.forName(cls).getDeclaredConstructor().newInstance();
                    source = "class:" + cls;
                } catch (ReflectiveOperationException | ClassCastException | LinkageError ce) {
                    System.out.printf(
                            Locale.ROOT,
                            "OURS model=%s mode=%s skipped=unknown-model (not registered;" + " %s: %s)%n",
                            name,
                            mode,
                            cls,
                            ce);
                    continue;
                }
            }
            int n = series.size();
            double[] wallSum = new double[n];
            double[] cpuSum = new double[n];
            Sink sink = new Sink();
            int warmups = 0;
            if (mode.equals("warm")) {
                long w0 = System.nanoTime();
                do {
                    pass(model, series, seasons, h, levels, null, null, threads, false, sink);
                    warmups++;
                } while ((System.nanoTime() - w0) / 1e9 < warmupS);
            }
            int passes = 0;
            long start = System.nanoTime();
            int limit = mode.equals("warm") ? maxPasses : 1;
            while (passes < Math.max(1, limit)) {
                pass(model, series, seasons, h, levels, wallSum, cpuSum, threads, cpuTime, sink);
                passes++;
                if ((System.nanoTime() - start) / 1e9 >= budgetS) {
                    break;
                }
            }
            double totalMs = (System.nanoTime() - start) / 1e6 / passes;
            double[] wall = new double[n];
            double[] cpu = new double[n];
            for (int i = 0; i < n; i++) {
                wall[i] = wallSum[i] / passes / 1e6;
                cpu[i] = cpuSum[i] / passes / 1e6;
            }
            System.out.printf(
                    Locale.ROOT,
                    "OURS model=%s mode=%s series=%d warmup_passes=%d passes=%d median_ms=%.4f mean_ms=%.4f max_ms=%.3f"
                            + " cpu_median_ms=%s cpu_mean_ms=%s total_ms=%.1f failed=%d h=%d levels=%s source=%s checksum=%.6g%n",
                    name,
                    mode,
                    n,
                    warmups,
                    passes,
                    median(wall),
                    mean(wall),
                    max(wall),
                    cpuTime ? String.format(Locale.ROOT, "%.4f", median(cpu)) : "NA",
                    cpuTime ? String.format(Locale.ROOT, "%.4f", mean(cpu)) : "NA",
                    totalMs,
                    sink.failed / (passes + warmups),
                    h,
                    opt.getOrDefault("levels", "80,95"),
                    source,
                    sink.sum);
        }
    }

    /** Keeps the forecasts alive (so the JIT cannot drop the work) and counts the failures. */
    private static final class Sink {
        double sum;
        int failed;
    }

    private static void pass(
            ForecastModel model,
            List<double[]> series,
            double[] seasons,
            int h,
            double[] levels,
            double[] wallSum,
            double[] cpuSum,
            ThreadMXBean threads,
            boolean cpuTime,
            Sink sink) {
        for (int i = 0; i < series.size(); i++) {
            double[] y = series.get(i);
            long c0 = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
            long t0 = System.nanoTime();
            try {
                FittedModel fit = model.fit(y, seasons);
                Forecast fc = fit.forecast(h, levels);
                double[] mean = fc.mean();
                sink.sum += mean[mean.length - 1] * 1e-9;
            } catch (RuntimeException e) {
                sink.failed++;
            }
            long t1 = System.nanoTime();
            long c1 = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
            if (wallSum != null) {
                wallSum[i] += t1 - t0;
                cpuSum[i] += c1 - c0;
            }
        }
    }

    /** Each series' {@code windows} expanding training parts, as farm cv's windows of horizon h and step. */
    static List<double[]> trainingParts(List<double[]> series, int h, int windows, int step) {
        List<double[]> parts = new ArrayList<>();
        for (double[] y : series) {
            for (int k = 0; k < windows; k++) {
                int cutoff = y.length - h - step * (windows - 1 - k);
                if (cutoff >= 2) {
                    parts.add(Arrays.copyOf(y, cutoff));
                }
            }
        }
        return parts;
    }

    /**
     * The first {@code maxSeries} series of a long CSV with a header naming {@code series_id} and
     * {@code value}, rows of one series together and in time order (as the M3 files are). Plain
     * comma splitting: no quoted fields.
     */
    static List<double[]> readSeries(Path file, int maxSeries) throws IOException {
        List<double[]> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                return out;
            }
            List<String> cols = List.of(header.split(","));
            int idCol = cols.contains("series_id") ? cols.indexOf("series_id") : cols.indexOf("unique_id");
            int valueCol = cols.contains("value") ? cols.indexOf("value") : cols.indexOf("y");
            if (idCol < 0 || valueCol < 0) {
                throw new IOException(file + ": header lacks series_id or value: " + header);
            }
            String current = null;
            double[] buf = new double[256];
            int len = 0;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                String id = f[idCol];
                if (!id.equals(current)) {
                    if (current != null) {
                        out.add(Arrays.copyOf(buf, len));
                        if (out.size() >= maxSeries) {
                            return out;
                        }
                    }
                    current = id;
                    len = 0;
                }
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, len * 2);
                }
                buf[len++] = Double.parseDouble(f[valueCol]);
            }
            if (current != null && out.size() < maxSeries) {
                out.add(Arrays.copyOf(buf, len));
            }
        }
        return out;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                value = args[++i];
            }
            opt.put(key, value);
        }
        return opt;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    private static double max(double[] v) {
        double mx = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            mx = Math.max(mx, x);
        }
        return mx;
    }
}

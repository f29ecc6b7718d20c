package forecastfarm.launcher.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plot timing in a fresh JVM (not a test; run by hand): the first plot (with the one-time set-up of AWT, fonts,
 * XChart and the PNG writer), optionally after {@link PlotPrewarm#prewarm()} on a thread ("joined": the
 * plot starts when the prewarm has ended; "concurrent": at once, beside it), then the steady state, split
 * into render, PNG encode (into memory) and a whole {@code write} (render, encode, file). Wall and thread CPU
 * times, since the machine is shared. From launcher/, after {@code mvn -o -q -B -DskipTests package}
 * and {@code mvn -o -q -B -pl shared,launcher -am test-compile}:
 *
 * <pre>
 * java -cp 'target/test-classes:target/classes:target/lib/*' forecastfarm.launcher.report.PlotTiming [plots=500 [none|joined|concurrent [models=1]]]
 * </pre>
 *
 * <p>{@code models} 3 draws three models a plot, the first two with the same forecast (as ets and arima can give).
 */
final class PlotTiming {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PlotTiming() {}

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        String prewarm = args.length > 1 ? args[1] : "none";
        int models = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        List<SeriesPlotData> data = sample(models);
        Path dir = Files.createTempDirectory("plot-timing");
        SeriesPlotWriter writer = new SeriesPlotWriter(dir);
        if (!prewarm.equals("none")) {
            long p0 = System.nanoTime();
            long[] prewarmCpu = new long[1];
            Thread t = new Thread(
                    () -> {
                        long c = cpu();
                        PlotPrewarm.prewarm();
                        prewarmCpu[0] = cpu() - c;
                    },
                    "plot-prewarm");
            t.setDaemon(true);
            t.start();
            if (prewarm.equals("joined")) {
                t.join();
                System.out.printf(
                        Locale.ROOT,
                        "prewarm on a thread, joined: %.0f ms wall, %.0f ms CPU%n",
                        (System.nanoTime() - p0) / 1e6,
                        prewarmCpu[0] / 1e6);
            } // "concurrent": the first plot starts at once, beside the prewarm
        }
        long w0 = System.nanoTime();
        long c0 = cpu();
        BufferedImage image = writer.render(data.get(0));
        long w1 = System.nanoTime();
        long c1 = cpu();
        ByteArrayOutputStream png = new ByteArrayOutputStream(1 << 16);
        SeriesPlotWriter.writePng(image, png);
        long w2 = System.nanoTime();
        long c2 = cpu();
        writer.write(data.get(1));
        long w3 = System.nanoTime();
        long c3 = cpu();
        System.out.printf(
                Locale.ROOT,
                "first plot (%d ms after JVM start): render %.0f ms (cpu %.0f), encode %.0f ms (cpu %.0f);"
                        + " then a whole second write %.0f ms (cpu %.0f)%n",
                System.currentTimeMillis() - jvmStart - (w3 - w0) / 1_000_000,
                (w1 - w0) / 1e6,
                (c1 - c0) / 1e6,
                (w2 - w1) / 1e6,
                (c2 - c1) / 1e6,
                (w3 - w2) / 1e6,
                (c3 - c2) / 1e6);

        for (int i = 0; i < 100; i++) { // warm-up
            writer.write(data.get(i % data.size()));
        }
        long[] render = new long[n];
        long[] encode = new long[n];
        long[] whole = new long[n];
        long renderCpu = 0;
        long encodeCpu = 0;
        long wholeCpu = 0;
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            SeriesPlotData d = data.get(i % data.size());
            long a = System.nanoTime();
            long ac = cpu();
            BufferedImage im = writer.render(d);
            long b = System.nanoTime();
            long bc = cpu();
            png.reset();
            SeriesPlotWriter.writePng(im, png);
            long c = System.nanoTime();
            long cc = cpu();
            writer.write(d);
            long e = System.nanoTime();
            long ec = cpu();
            render[i] = b - a;
            encode[i] = c - b;
            whole[i] = e - c;
            renderCpu += bc - ac;
            encodeCpu += cc - bc;
            wholeCpu += ec - cc;
            bytes += png.size();
        }
        System.out.printf(
                Locale.ROOT,
                "steady (%d plots): render median %.2f ms (cpu mean %.2f), encode median %.2f ms (cpu mean %.2f),"
                        + " whole write median %.2f ms mean %.2f ms (cpu mean %.2f); %.1f kB a PNG%n",
                n,
                median(render),
                renderCpu / 1e6 / n,
                median(encode),
                encodeCpu / 1e6 / n,
                median(whole),
                Arrays.stream(whole).sum() / 1e6 / n,
                wholeCpu / 1e6 / n,
                bytes / 1024.0 / n);
        try (var listing = Files.list(dir)) {
            for (Path p : listing.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static double median(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    /**
     * The benchmark's data: the S&P sample with a naive forecast (80/95% bands), 14 business days. Read here, not
     * with SampleReportTest.read, which needs JUnit on the class path.
     */
    static List<SeriesPlotData> sample(int models) throws IOException {
        Map<String, List<String[]>> byId = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(SampleReportTest.SAMPLE);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            byId.computeIfAbsent(f[0], id -> new ArrayList<>()).add(f);
        }
        List<SeriesPlotData> data = new ArrayList<>();
        byId.forEach((id, rows) -> {
            double[] y =
                    rows.stream().mapToDouble(f -> Double.parseDouble(f[2])).toArray();
            String[] ds = rows.stream().map(f -> f[1]).toArray(String[]::new);
            data.add(SeriesPlotData.forecast(
                    id,
                    ds,
                    y,
                    SampleReportTest.businessDaysAfter(ds[ds.length - 1], SampleReportTest.H),
                    models == 1 ? List.of(Synthetic.naive("naive", y, SampleReportTest.H, 0, 80, 95)) : threeModels(y),
                    5));
        });
        return data;
    }

    private static List<ModelBand> threeModels(double[] y) {
        int h = SampleReportTest.H;
        double drift = (y[y.length - 1] - y[0]) / (y.length - 1);
        return List.of(
                Synthetic.naive("naive", y, h, 0, 80, 95),
                Synthetic.naive("ets", y, h, 0, 80, 95),
                Synthetic.naive("drift", y, h, drift));
    }
}

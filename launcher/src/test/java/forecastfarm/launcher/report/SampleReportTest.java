package forecastfarm.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.io.SummaryJson;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A report from real data: the 50 S&P 500 closes of scripts/sample (daily business days), with naive (80/95%
 * intervals) and drift forecasts computed here, every 10th series marked failed. Kept in launcher/target/report-sample
 * to look at (scripts/check-report launcher/target/report-sample/report.html). Prints the time per plot.
 */
class SampleReportTest {
    static final Path SAMPLE = Path.of("..", "scripts", "sample", "sp500_50.csv");
    static final Path OUT = Path.of("target", "report-sample");
    static final int H = 14;

    record Raw(String id, List<String> ds, List<Double> y) {}

    static List<Raw> read() throws IOException {
        Map<String, Raw> byId = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(SAMPLE);
        assertEquals("unique_id,ds,y", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Raw r = byId.computeIfAbsent(f[0], id -> new Raw(id, new ArrayList<>(), new ArrayList<>()));
            r.ds().add(f[1]);
            r.y().add(Double.parseDouble(f[2]));
        }
        return new ArrayList<>(byId.values());
    }

    static String[] businessDaysAfter(String last, int h) {
        String[] out = new String[h];
        LocalDate d = LocalDate.parse(last);
        for (int i = 0; i < h; i++) {
            do {
                d = d.plusDays(1);
            } while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY);
            out[i] = d.toString();
        }
        return out;
    }

    @Test
    void buildsAReportOfTheSp500Sample() throws IOException {
        deleteRecursively(OUT);
        List<Raw> series = read();
        assertEquals(50, series.size());
        SeriesPlotWriter plots = new SeriesPlotWriter(OUT.resolve("plots"));
        PlotPolicy policy = PlotPolicy.parse("40");
        List<ReportRow> rows = new ArrayList<>();
        long plotNs = 0;
        int plotted = 0;
        for (int i = 0; i < series.size(); i++) {
            Raw r = series.get(i);
            double[] y = r.y().stream().mapToDouble(Double::doubleValue).toArray();
            String[] ds = r.ds().toArray(new String[0]);
            boolean failed = i % 10 == 3;
            String reason = failed ? "arima: synthetic failure for the report test (series " + i + ")" : null;
            List<ModelBand> models = List.of(
                    Synthetic.naive("naive", y, H, 0, 80, 95),
                    Synthetic.naive("drift", y, H, (y[y.length - 1] - y[0]) / (y.length - 1)));
            String plotFile = null;
            if (policy.shouldPlot(i, failed)) {
                SeriesPlotData data = failed
                        ? SeriesPlotData.failed(r.id(), ds, y, 5, reason)
                        : SeriesPlotData.forecast(r.id(), ds, y, businessDaysAfter(ds[ds.length - 1], H), models, 5);
                long t0 = System.nanoTime();
                Path file = plots.write(data);
                plotNs += System.nanoTime() - t0;
                plotted++;
                BufferedImage image = ImageIO.read(file.toFile());
                assertEquals(SeriesPlotWriter.DEFAULT_WIDTH, image.getWidth());
                assertTrue(SeriesPlotWriterTest.distinctColours(image) > 20);
                plotFile = ReportRow.plotPath(OUT, file);
            }
            rows.add(new ReportRow(
                    r.id(),
                    List.of("naive", "drift"),
                    failed ? "FAILED" : "OK",
                    reason,
                    1,
                    5 + (i * 37 % 50) / 3.0,
                    plotFile));
        }
        double msPerPlot = plotNs / 1e6 / plotted;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("tasks", rows.size());
        summary.put("ok", rows.stream().filter(ReportRow::ok).count());
        summary.put("failed", rows.stream().filter(r -> !r.ok()).count());
        summary.put("workers", 2);
        summary.put("wall_seconds", 3.217);
        summary.put("task_ms", Map.of("p50", 12.0, "p95", 20.5));
        SummaryJson.write(OUT.resolve("summary.json"), summary);
        Path html = new HtmlReportWriter(OUT).write(ReportSummary.fromSummaryJson(summary), rows, "");
        String text = Files.readString(html);
        assertTrue(text.contains(">MMM</td>"));
        String timing = String.format(
                Locale.ROOT,
                "%d plots, %.1f ms per plot (960x480, first includes warm-up); " + "report.html %d bytes%n",
                plotted,
                msPerPlot,
                Files.size(html));
        Files.writeString(OUT.resolve("timing.txt"), timing);
        System.out.print(timing);
        assertEquals(40, plotted);
    }

    /**
     * Speed for thousands of plots: {@code -Dreport.bench.plots=2000} (skipped otherwise). Plots the sample's
     * series round-robin into a temporary directory after a warm-up, and prints ms per plot.
     */
    @Test
    void benchmarkWhenAsked() throws IOException {
        int n = Integer.getInteger("report.bench.plots", 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(n > 0, "set -Dreport.bench.plots=N to run");
        List<Raw> series = read();
        Path dir = Files.createTempDirectory("plot-bench");
        SeriesPlotWriter plots = new SeriesPlotWriter(dir);
        List<SeriesPlotData> data = new ArrayList<>();
        for (Raw r : series) {
            double[] y = r.y().stream().mapToDouble(Double::doubleValue).toArray();
            String[] ds = r.ds().toArray(new String[0]);
            data.add(SeriesPlotData.forecast(
                    r.id(),
                    ds,
                    y,
                    businessDaysAfter(ds[ds.length - 1], H),
                    List.of(Synthetic.naive("naive", y, H, 0, 80, 95)),
                    5));
        }
        for (int i = 0; i < 50; i++) {
            plots.write(data.get(i % data.size()));
        }
        long[] ns = new long[n];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            plots.write(data.get(i % data.size()));
            ns[i] = System.nanoTime() - s;
        }
        double total = (System.nanoTime() - t0) / 1e6;
        Arrays.sort(ns);
        long bytes;
        long files;
        try (var listing = Files.list(dir)) {
            long[] sizes = listing.mapToLong(p -> p.toFile().length()).toArray();
            files = sizes.length;
            bytes = Arrays.stream(sizes).sum();
        }
        System.out.printf(
                Locale.ROOT,
                "bench: %d plots in %.0f ms: mean %.1f ms, median %.1f ms, p95 %.1f ms per plot;"
                        + " %.1f kB per file%n",
                n,
                total,
                total / n,
                ns[n / 2] / 1e6,
                ns[n * 95 / 100] / 1e6,
                bytes / 1024.0 / files);
        deleteRecursively(dir);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p :
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}

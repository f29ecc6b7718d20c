package forecastfarm.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYSeries;

/** Timed out rather than hung: XChart's tick search once looped forever (see the series order in SeriesPlotWriter). */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SeriesPlotWriterTest {
    @TempDir
    Path tmp;

    /** Also kept in target/ to look at: launcher/target/plot-samples/*.png. */
    private static final Path SAMPLES = Path.of("target", "plot-samples");

    private static List<SeriesPlotData> cases() {
        double[] daily = Synthetic.seasonal(3650, 7, 1);
        double[] monthly = Synthetic.seasonal(60, 12, 2);
        double[] hourly = Synthetic.seasonal(300, 24, 3);
        double[] yearly = Synthetic.seasonal(40, 1, 4);
        double[] short5 = Synthetic.seasonal(5, 1, 5);
        return List.of(
                SeriesPlotData.forecast(
                        "daily ten years",
                        Synthetic.days(LocalDate.of(2015, 1, 1), 3650),
                        daily,
                        Synthetic.days(LocalDate.of(2015, 1, 1).plusDays(3650), 14),
                        List.of(Synthetic.naive("naive", daily, 14, 0, 80, 95)),
                        7),
                SeriesPlotData.forecast(
                        "monthly/3 models",
                        Synthetic.months(YearMonth.of(2019, 1), 60),
                        monthly,
                        Synthetic.months(YearMonth.of(2024, 1), 18),
                        Synthetic.models(monthly, 18, 12),
                        12),
                SeriesPlotData.forecast(
                        "hourly datetimes",
                        Synthetic.hours(LocalDateTime.of(2024, 3, 1, 0, 0), 300),
                        hourly,
                        Synthetic.hours(LocalDateTime.of(2024, 3, 1, 0, 0).plusHours(300), 48),
                        List.of(Synthetic.naive("ets", hourly, 48, 0, 50, 80, 95)),
                        24),
                SeriesPlotData.forecast(
                        "yearly integers",
                        Synthetic.integers(1980, 40),
                        yearly,
                        Synthetic.integers(2020, 6),
                        List.of(Synthetic.naive("theta", yearly, 6, 0.5, 95)),
                        1),
                SeriesPlotData.forecast(
                        "M3 labels",
                        new String[] {"5-01", "5-02", "5-03", "5-04", "5-05"},
                        short5,
                        new String[] {"5-06", "5-07", "5-08"},
                        List.of(Synthetic.naive("naive", short5, 3, 0, 95)),
                        1),
                SeriesPlotData.forecast(
                        "no ds", null, monthly, null, List.of(Synthetic.naive("naive", monthly, 12, 0, 80, 95)), 12),
                SeriesPlotData.failed(
                        "failed ünïcødé / id",
                        Synthetic.days(LocalDate.of(2020, 1, 1), 200),
                        Synthetic.seasonal(200, 7, 6),
                        7,
                        "arima: the optimiser did not converge after 400 "
                                + "iterations (non-finite likelihood at ar1=0.99); ets: series too short for a "
                                + "seasonal model with m=7 and this is a very long reason that will be cut off "
                                + "somewhere because nobody reads that much in a plot box anyway, right?"));
    }

    @Test
    void writesDecodablePngsOfTheRequestedSizeWithContent() throws IOException {
        SeriesPlotWriter writer = new SeriesPlotWriter(tmp.resolve("plots"), 800, 400);
        SeriesPlotWriter keep = new SeriesPlotWriter(SAMPLES);
        Set<Path> files = new HashSet<>();
        for (SeriesPlotData data : cases()) {
            Path file = writer.write(data);
            keep.write(data);
            assertTrue(files.add(file), "file names are unique: " + file);
            assertEquals(tmp.resolve("plots"), file.getParent());
            BufferedImage image = ImageIO.read(file.toFile());
            assertEquals(800, image.getWidth(), data.id());
            assertEquals(400, image.getHeight(), data.id());
            assertTrue(distinctColours(image) > 20, data.id() + ": the plot has content");
        }
        try (var listing = Files.list(tmp.resolve("plots"))) {
            assertEquals(cases().size(), listing.count(), "no temporary files left");
        }
    }

    /** write draws into one image per thread, plot after plot: no earlier plot shows through. */
    @Test
    void aReusedImageGivesTheSamePixelsAsANewOne() throws IOException {
        SeriesPlotWriter writer = new SeriesPlotWriter(tmp.resolve("plots"), 600, 300);
        List<SeriesPlotData> cases = new ArrayList<>(cases());
        java.util.Collections.reverse(cases);
        cases.addAll(cases());
        for (SeriesPlotData data : cases) {
            BufferedImage written = ImageIO.read(writer.write(data).toFile());
            BufferedImage fresh = writer.render(data);
            for (int y = 0; y < fresh.getHeight(); y++) {
                for (int x = 0; x < fresh.getWidth(); x++) {
                    if ((written.getRGB(x, y) & 0xffffff) != (fresh.getRGB(x, y) & 0xffffff)) {
                        throw new AssertionError(data.id() + ": pixel " + x + "," + y + " differs");
                    }
                }
            }
        }
    }

    /** The prewarm runs beside real plots (as the job runs it) without disturbing them, and only once. */
    @Test
    void prewarmRunsBesideRealPlotsAndOnlyOnce() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> failed =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread prewarm = new Thread(() -> {
            try {
                PlotPrewarm.prewarm();
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        prewarm.start();
        SeriesPlotWriter writer = new SeriesPlotWriter(tmp.resolve("plots"));
        for (SeriesPlotData data : cases()) {
            BufferedImage image = ImageIO.read(writer.write(data).toFile());
            assertTrue(distinctColours(image) > 20, data.id());
        }
        prewarm.join();
        assertEquals(null, failed.get());
        assertFalse(PlotPrewarm.prewarm(), "a later call does nothing");
        try (var listing = Files.list(tmp.resolve("plots"))) {
            assertEquals(cases().size(), listing.count(), "the prewarm writes no file");
        }
    }

    @Test
    void theWindowIsTheLastMaxOfThreeHorizonsTwoSeasonsAndAMinimum() {
        assertEquals(120, SeriesChart.window(3650, 14, 7));
        assertEquals(300, SeriesChart.window(3650, 100, 7));
        assertEquals(730, SeriesChart.window(3650, 14, 365));
        assertEquals(50, SeriesChart.window(50, 14, 7));
    }

    @Test
    void plotsTheFirstModelsBandsAndEveryModelsMean() {
        SeriesPlotData data = cases().get(1);
        var chart = new SeriesPlotWriter(tmp).chart(data);
        assertEquals(
                Set.of("history", "naive", "snaive", "drift", "naive 80%", "naive 95%"),
                chart.getSeriesMap().keySet());
    }

    /**
     * Random shapes (integers with irregular gaps, free labels, dates, no labels, no history, failed) render,
     * each within the class timeout; the x values of the series, in the order they were added, increase.
     */
    @Test
    void rendersRandomShapesAndKeepsTheSeriesXValuesIncreasing() {
        Random r = new Random(42);
        SeriesPlotWriter writer = new SeriesPlotWriter(tmp, 400, 200);
        for (int c = 0; c < 120; c++) {
            int n = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 10 : 200);
            int h = (n == 0 ? 1 : 0) + r.nextInt(r.nextBoolean() ? 5 : 40);
            int kind = r.nextInt(4);
            String[] ds = new String[n + h];
            long v = r.nextInt(3000) - 100;
            for (int i = 0; i < n + h; i++) {
                v += kind == 0 ? 1 + r.nextInt(r.nextBoolean() ? 3 : 1000) : 1;
                ds[i] = kind == 1
                        ? "Q" + i + "-" + r.nextInt(99)
                        : kind == 2 ? LocalDate.of(2000, 1, 1).plusDays(v).toString() : Long.toString(v);
            }
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextGaussian() * Math.pow(10, r.nextInt(8) - 3);
            }
            boolean labels = r.nextInt(6) > 0;
            String[] hd = labels ? Arrays.copyOfRange(ds, 0, n) : null;
            String[] fd = labels && r.nextInt(5) > 0 ? Arrays.copyOfRange(ds, n, n + h) : null;
            SeriesPlotData data = r.nextInt(8) == 0 && n > 0
                    ? SeriesPlotData.failed("f" + c, hd, y, 1, "why")
                    : SeriesPlotData.forecast(
                            "s" + c,
                            hd,
                            y,
                            fd,
                            List.of(
                                    Synthetic.naive("a", n > 0 ? y : new double[] {1}, h, 0.1, 80, 95),
                                    Synthetic.naive("b", n > 0 ? y : new double[] {2}, h, -0.1)),
                            1 + r.nextInt(12));
            assertTrue(distinctColours(writer.render(data)) > 5, "case " + c);
            List<Double> xs = new ArrayList<>();
            for (XYSeries s : writer.chart(data).getSeriesMap().values()) {
                for (double x : s.getXData()) {
                    if (!xs.contains(x)) {
                        xs.add(x);
                    }
                }
            }
            for (int i = 1; i < xs.size(); i++) {
                assertTrue(xs.get(i) > xs.get(i - 1), "case " + c + ": x values in series order increase");
            }
        }
    }

    static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}

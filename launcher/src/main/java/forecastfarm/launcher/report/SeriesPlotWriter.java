package forecastfarm.launcher.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;
import org.knowm.xchart.AnnotationTextPanel;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes one PNG per series into a directory, with XChart, headless.
 *
 * <p>What a plot shows: the last {@code max(3*h, 2*season, }{@value #MIN_WINDOW}{@code )} observations (all of
 * them if fewer), then every model's mean forecast as a coloured line (models overlaid, in the given order, at
 * most {@value #MAX_MODELS}) and the intervals of the <em>first</em> model only, one shaded band per level, the
 * wider level lighter (bands of several models on top of each other are unreadable). The title is the id and
 * the model names. A failed series shows its history and the reason in a box.
 *
 * <p>File names come from {@link PlotFileNames}: safe for any id and unique per writer. {@link #write} may be
 * called from several threads. Sets {@code java.awt.headless=true} when the property is unset (no display is
 * ever needed). {@link PlotPrewarm} does the one-time set-up (AWT, fonts, XChart) ahead of the first plot.
 */
public final class SeriesPlotWriter {
    /** Default image size in pixels. */
    public static final int DEFAULT_WIDTH = 960;

    public static final int DEFAULT_HEIGHT = 480;
    /** Fewest observations shown when the history has them. */
    public static final int MIN_WINDOW = 120;

    static final int MAX_MODELS = 8;
    private static final int MAX_TITLE = 90;

    private static final Color HISTORY = new Color(0x33, 0x33, 0x33);
    private static final Color[] MODEL_COLORS = {
        new Color(0x1f, 0x77, 0xb4), new Color(0xd6, 0x5f, 0x0e), new Color(0x2c, 0xa0, 0x2c),
        new Color(0xc6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b),
        new Color(0xe3, 0x77, 0xc2), new Color(0x17, 0xbe, 0xcf),
    };

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Per thread: what {@link #write} reuses from plot to plot (the encoder's buffers, the image). */
    private static final ThreadLocal<Canvas> CANVAS = ThreadLocal.withInitial(Canvas::new);

    private final Path dir;
    private final int width;
    private final int height;
    private final PlotFileNames names = new PlotFileNames();

    /** Plots of {@value #DEFAULT_WIDTH} x {@value #DEFAULT_HEIGHT} pixels into {@code dir} (created when needed). */
    public SeriesPlotWriter(Path dir) {
        this(dir, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    public SeriesPlotWriter(Path dir, int width, int height) {
        this.dir = Objects.requireNonNull(dir, "dir");
        if (width < 200 || height < 120) {
            throw new IllegalArgumentException("plot size " + width + "x" + height + " is too small (min 200x120)");
        }
        this.width = width;
        this.height = height;
    }

    /** Draws the plot and encodes it as PNG into {@code out}, as {@link #write} does, without a file. */
    void encode(SeriesPlotData data, OutputStream out) throws IOException {
        writePng(paint(data, CANVAS.get().image(width, height)), out);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Draws the series and writes it to {@code dir/<file name for its id>}: under a temporary name first, then
     * renamed, so the plot's name never shows a partial file. Unlike the job's other outputs it is not fsynced:
     * that cost 30-40 ms a plot here (most of a plot's time), and a plot lost in a crash is simply drawn again.
     *
     * @return the written file
     * @throws IOException naming the file when it cannot be written (no temporary file is left)
     */
    public Path write(SeriesPlotData data) throws IOException {
        Objects.requireNonNull(data, "data");
        String name;
        synchronized (names) {
            name = names.next(data.id());
        }
        Path file = dir.resolve(name);
        BufferedImage image = paint(data, CANVAS.get().image(width, height));
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = forecastfarm.launcher.io.OutputFiles.createTempFile(dir, "." + name + ".", ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writePng(image, out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new IOException("cannot write plot " + file + ": " + e, e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
        return file;
    }

    /**
     * Lossless PNG through {@link PngEncoder} (one per thread: it reuses its buffers): ~3 ms at 960x480 against
     * ~8 ms for ImageIO's writer at deflate level 2, for files ~5% smaller (~46 kB).
     */
    static void writePng(BufferedImage image, OutputStream out) throws IOException {
        CANVAS.get().encoder.write(image, out);
    }

    /** The plot as a new image (for tests and other outputs). */
    public BufferedImage render(SeriesPlotData data) {
        return paint(data, new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB));
    }

    /**
     * Draws the plot over all of {@code image} ({@code width x height}): XChart first fills the whole chart with
     * its opaque background (white, {@link #style}), so whatever the image held before never shows through.
     */
    private BufferedImage paint(SeriesPlotData data, BufferedImage image) {
        XYChart chart = chart(data);
        Graphics2D g = image.createGraphics();
        try {
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * A thread's reusable image and PNG encoder. A new 960x480 image each plot cost ~0.4 ms of the drawing thread's
     * CPU (allocating and zeroing 1.8 MB, Java2D's set-up for a new surface) and most of a plot's garbage (~1.8 of
     * ~2.9 MB), so a young collection every ~30 plots.
     */
    private static final class Canvas {
        final PngEncoder encoder = new PngEncoder();
        private BufferedImage image;

        BufferedImage image(int width, int height) {
            if (image == null || image.getWidth() != width || image.getHeight() != height) {
                image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            }
            return image;
        }
    }

    /** Number of history points a plot shows. */
    static int window(int historyLength, int horizon, int seasonLength) {
        return Math.min(historyLength, Math.max(MIN_WINDOW, Math.max(3 * horizon, 2 * Math.max(1, seasonLength))));
    }

    XYChart chart(SeriesPlotData data) {
        List<ModelBand> models =
                data.models().subList(0, Math.min(MAX_MODELS, data.models().size()));
        int h = data.horizon();
        int n = window(data.history().length, h, data.seasonLength());
        int from = data.history().length - n;
        String[] ds = data.historyDs() == null ? null : Arrays.copyOfRange(data.historyDs(), from, from + n);
        XAxis x = XAxis.of(ds, n, data.futureDs(), h);

        XYChart chart = new XYChart(width, height);
        chart.setTitle(title(data, models));
        style(chart.getStyler(), x);
        if (x.kind == XAxis.Kind.STEPS) {
            chart.setXAxisTitle("steps from the last observation");
        }

        // Drawn (and listed in the legend) in this order: history, bands (widest first), means. History first is
        // also what keeps XChart from hanging: with a tick label function it gathers the x values of all series
        // in the order they were added, and when that order was not increasing (bands added before the history)
        // its tick search never ended on an 8-point labelled axis. Every series here runs forward in x after the
        // history, so the gathered values stay increasing.
        if (n > 0) {
            line(chart, "history", x.historyX, Arrays.copyOfRange(data.history(), from, from + n), HISTORY, 1.4f);
        }
        if (!models.isEmpty()) {
            ModelBand first = models.get(0);
            Integer[] order = levelsWidestFirst(first.levels());
            for (int k = 0; k < order.length; k++) {
                int i = order[k];
                // Wider levels lighter: blend the model colour with white, less for narrower levels.
                double white = order.length == 1 ? 0.75 : 0.85 - 0.25 * k / (order.length - 1);
                band(chart, x, first, i, blend(MODEL_COLORS[0], white));
            }
        }
        for (int m = 0; m < models.size(); m++) {
            ModelBand model = models.get(m);
            int steps = model.mean().length;
            if (steps > 0) {
                line(
                        chart,
                        legendName(chart, model.model()),
                        x.futureX.subList(0, steps),
                        model.mean(),
                        MODEL_COLORS[m % MODEL_COLORS.length],
                        2.0f);
            }
        }
        if (data.failure() != null) {
            failureBox(chart, data.failure(), Arrays.copyOfRange(data.history(), from, from + n));
        }
        return chart;
    }

    private void style(XYStyler s, XAxis x) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        s.setBaseFont(base);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTickLabelsFont(base);
        s.setLegendFont(base);
        s.setAnnotationTextPanelFont(base);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xbb, 0xbb, 0xbb));
        s.setPlotGridLinesColor(new Color(0xe4, 0xe4, 0xe4));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartTitleBoxVisible(false);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendPadding(4);
        s.setChartPadding(8);
        s.setPlotMargin(4);
        s.setAxisTitlesVisible(x.kind == XAxis.Kind.STEPS);
        s.setMarkerSize(0);
        s.setLocale(Locale.ROOT);
        s.setTimezone(TimeZone.getTimeZone("UTC"));
        s.setXAxisTickMarkSpacingHint(90);
        s.setYAxisDecimalPattern("#,##0.###");
        if (x.datePattern != null) {
            s.setDatePattern(x.datePattern);
        }
        if (x.tickLabels != null) {
            s.setxAxisTickLabelsFormattingFunction(x.tickLabels);
        }
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
    }

    private static void line(XYChart chart, String name, List<Object> xs, double[] y, Color color, float width) {
        XYSeries series = chart.addSeries(name, xs, boxed(y, 0, xs.size()));
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    /** The interval of one level as a closed polygon: upper bounds forward, lower bounds back. */
    private static void band(XYChart chart, XAxis x, ModelBand model, int level, Color fill) {
        int steps = model.mean().length;
        double[] lo = model.lower()[level];
        double[] hi = model.upper()[level];
        List<Object> xs = new ArrayList<>(2 * steps);
        List<Double> ys = new ArrayList<>(2 * steps);
        for (int i = 0; i < steps; i++) {
            if (Double.isFinite(hi[i])) {
                xs.add(x.futureX.get(i));
                ys.add(hi[i]);
            }
        }
        for (int i = steps - 1; i >= 0; i--) {
            if (Double.isFinite(lo[i])) {
                xs.add(x.futureX.get(i));
                ys.add(lo[i]);
            }
        }
        if (xs.size() < 3) {
            return;
        }
        String name = legendName(chart, model.model() + " " + formatLevel(model.levels()[level]) + "%");
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setFillColor(fill);
        series.setLineColor(fill);
        series.setLineStyle(new BasicStroke(0.5f));
    }

    /** The reason in a box at the top, over headroom made above the data so that it hides none of it. */
    private void failureBox(XYChart chart, String reason, double[] shown) {
        List<String> lines = TextWrap.wrap(
                "failed: " + (reason.isBlank() ? "(no reason given)" : reason), Math.max(40, width / 9), 4);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : shown) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo <= hi) {
            double range = hi > lo ? hi - lo : Math.max(1, Math.abs(hi));
            chart.getStyler().setYAxisMin(lo - 0.05 * range);
            chart.getStyler().setYAxisMax(hi + range * (0.15 + 0.09 * lines.size()));
        }
        // Screen coordinates, y from the bottom to the panel's bottom edge: just under the title, ~17 px a line.
        AnnotationTextPanel panel =
                new AnnotationTextPanel(String.join("\n", lines), 60, height - 48 - 17 * lines.size() - 10, true);
        chart.addAnnotation(panel);
        chart.getStyler().setAnnotationTextPanelFontColor(new Color(0x99, 0x1b, 0x1b));
        chart.getStyler().setAnnotationTextPanelBackgroundColor(new Color(0xff, 0xf1, 0xf1, 230));
        chart.getStyler().setAnnotationTextPanelBorderColor(new Color(0xd0, 0x80, 0x80));
    }

    private static String title(SeriesPlotData data, List<ModelBand> models) {
        String id = data.id().replaceAll("\\p{Cntrl}", " ");
        String what;
        if (data.failure() != null) {
            what = "failed";
        } else if (models.isEmpty()) {
            what = "history";
        } else {
            List<String> names = new ArrayList<>();
            models.forEach(m -> names.add(m.model()));
            what = String.join(", ", names);
            if (data.models().size() > models.size()) {
                what += " (+" + (data.models().size() - models.size()) + " more)";
            }
        }
        String t = id + "  \u2014  " + what;
        return t.length() <= MAX_TITLE ? t : t.substring(0, MAX_TITLE - 1) + "…";
    }

    /** XChart needs unique series names; a model asked for twice gets a suffix. */
    private static String legendName(XYChart chart, String wanted) {
        String name = wanted;
        for (int k = 2; chart.getSeriesMap().containsKey(name); k++) {
            name = wanted + " (" + k + ")";
        }
        return name;
    }

    private static Integer[] levelsWidestFirst(double[] levels) {
        Integer[] order = new Integer[levels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(levels[b], levels[a]));
        return order;
    }

    private static String formatLevel(double level) {
        return level == Math.rint(level) ? Long.toString((long) level) : Double.toString(level);
    }

    private static Color blend(Color c, double white) {
        return new Color(mix(c.getRed(), white), mix(c.getGreen(), white), mix(c.getBlue(), white));
    }

    private static int mix(int channel, double white) {
        return (int) Math.round(channel * (1 - white) + 255 * white);
    }

    private static List<Double> boxed(double[] y, int from, int count) {
        List<Double> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double v = y[from + i];
            out.add(Double.isFinite(v) ? v : Double.NaN);
        }
        return out;
    }
}

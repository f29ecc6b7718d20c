package forecastfarm.launcher.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.knowm.xchart.XYChart;

/**
 * Writes one PNG per series into a directory: the chart {@link SeriesChart} builds, drawn with XChart, headless,
 * encoded by {@link PngEncoder}.
 *
 * <p>File names come from {@link PlotFileNames}: safe for any id and unique per writer. {@link #write} may be
 * called from several threads. Sets {@code java.awt.headless=true} when the property is unset (no display is
 * ever needed). {@link PlotPrewarm} does the one-time set-up (AWT, fonts, XChart) ahead of the first plot.
 */
public final class SeriesPlotWriter {
    /** Default image size in pixels. */
    public static final int DEFAULT_WIDTH = 960;

    public static final int DEFAULT_HEIGHT = 480;

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

    /** The plot's chart, not yet drawn. */
    XYChart chart(SeriesPlotData data) {
        return new SeriesChart(width, height).build(data);
    }
}

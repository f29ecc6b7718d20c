package forecastfarm.launcher.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Plotting's one-time set-up in a JVM, ahead of the first plot that would otherwise pay for it. */
public final class PlotPrewarm {
    private static final AtomicBoolean PREWARMED = new AtomicBoolean();

    private PlotPrewarm() {}

    /**
     * The one-time set-up of plotting in this JVM, done now so that the first real plot does not pay for it: AWT
     * and Java2D (headless), the fonts (fontconfig, the font files, their glyph outlines), Marlin, the XChart
     * classes and the PNG encoder. It draws and encodes two small throwaway plots, a forecast on a date axis and a
     * failed series with its box, and writes no file. That takes ~300 ms of CPU in a fresh JVM, which the first
     * plot took before; once done, a later call returns at once (false).
     *
     * <p>Meant for a background thread at the start of a job, while the workers start and the launcher is idle
     * (JobReport.prewarmPlots). Safe to run at the same time as {@link SeriesPlotWriter#write} or {@link SeriesPlotWriter#render} on other threads:
     * it shares no state with them, and where both need a class that is not yet initialised, the JVM makes one wait
     * for the other's initialisation. A failure is thrown to the caller (and a later real plot meets the same
     * problem, where it is reported as usual).
     *
     * @return true when this call did the set-up, false when an earlier call did or is doing it
     */
    public static boolean prewarm() {
        if (!PREWARMED.compareAndSet(false, true)) {
            return false;
        }
        SeriesPlotWriter writer = new SeriesPlotWriter(Path.of("."), 480, 240);
        int n = 60;
        int h = 10;
        String[] ds = new String[n + h];
        double[] y = new double[n];
        LocalDate day = LocalDate.of(2024, 1, 1);
        for (int i = 0; i < n + h; i++) {
            ds[i] = day.plusDays(i).toString();
            if (i < n) {
                y[i] = 100 + 10 * Math.sin(i / 5.0) + 0.1 * i;
            }
        }
        double[] mean = new double[h];
        double[][] lower = new double[2][h];
        double[][] upper = new double[2][h];
        for (int t = 0; t < h; t++) {
            mean[t] = y[n - 1];
            for (int k = 0; k < 2; k++) {
                lower[k][t] = mean[t] - (k + 1) * Math.sqrt(t + 1);
                upper[k][t] = mean[t] + (k + 1) * Math.sqrt(t + 1);
            }
        }
        String[] history = Arrays.copyOf(ds, n);
        String[] future = Arrays.copyOfRange(ds, n, n + h);
        List<SeriesPlotData> plots = List.of(
                SeriesPlotData.forecast(
                                "prewarm",
                                history,
                                y,
                                future,
                                List.of(
                                        new ModelBand("theta", mean, new double[] {80, 95}, lower, upper),
                                        new ModelBand("ets", "ETS(M,N,N)", mean, null, null, null)),
                                7)
                        .withValueName("y"), // the rotated y axis title too
                SeriesPlotData.failed("prewarm failed", history, y, 7, "arima: prewarm, not a real failure"));
        try {
            for (SeriesPlotData data : plots) {
                writer.encode(data, OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a null stream
        }
        return true;
    }
}

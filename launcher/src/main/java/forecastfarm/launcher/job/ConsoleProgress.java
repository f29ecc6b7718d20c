package forecastfarm.launcher.job;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.status.FarmCounter;
import forecastfarm.shared.status.StatusFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on the console, read from the farm's status file (shared memory) on a timer: a live bar on a terminal
 * (done/total, rate, ETA, workers alive, restarts; the progressbar library), a plain line every
 * {@value #PLAIN_EVERY_S} s otherwise (logs, CI, batch jobs).
 */
final class ConsoleProgress implements AutoCloseable {
    private static final long PLAIN_EVERY_S = 10;
    private static final long BAR_EVERY_MS = 250;

    private final FarmDirectory farm;
    private final PrintStream console;
    private final long total;
    private final LongSupplier written;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "forecast-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final long startNs = System.nanoTime();
    private ProgressBar bar;
    private StatusFile status;

    /**
     * @param total   series to forecast this run.
     * @param written series finished so far (the job's count, which includes resumed ones).
     */
    private ConsoleProgress(
            final FarmDirectory farm, final PrintStream console, final long total, final LongSupplier written) {
        this.farm = farm;
        this.console = console;
        this.total = total;
        this.written = written;
    }

    static ConsoleProgress start(
            final FarmDirectory farm,
            final PrintStream console,
            final long total,
            final LongSupplier written,
            final boolean terminal) {
        final ConsoleProgress progress = new ConsoleProgress(farm, console, total, written);
        if (terminal) {
            progress.bar = new ProgressBarBuilder()
                    .setTaskName("forecast")
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis((int) BAR_EVERY_MS)
                    .showSpeed()
                    .setUnit(" series", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(console))
                    .continuousUpdate()
                    .build();
            progress.timer.scheduleAtFixedRate(progress::updateBar, BAR_EVERY_MS, BAR_EVERY_MS, TimeUnit.MILLISECONDS);
        } else {
            progress.timer.scheduleAtFixedRate(progress::printLine, PLAIN_EVERY_S, PLAIN_EVERY_S, TimeUnit.SECONDS);
        }
        return progress;
    }

    private void updateBar() {
        bar.stepTo(Math.min(total, written.getAsLong()));
        bar.setExtraMessage(" | " + workers());
    }

    private void printLine() {
        final long done = written.getAsLong();
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        final double rate = done / Math.max(seconds, 1e-9);
        final String eta =
                rate > 0 && done < total ? ", ETA " + format(Duration.ofSeconds((long) ((total - done) / rate))) : "";
        console.printf(
                Locale.ROOT,
                "progress: %d/%d series (%.0f%%), %.1f series/s%s; %s%n",
                done,
                total,
                total == 0 ? 100.0 : 100.0 * done / total,
                rate,
                eta,
                workers());
    }

    private String workers() {
        final StatusFile file = status();
        if (file == null) {
            return "workers starting";
        }
        return String.format(
                Locale.ROOT,
                "workers %d/%d, restarts %d, retries %d",
                file.farmValue(FarmCounter.WORKERS_ALIVE),
                file.workerSlots(),
                file.farmValue(FarmCounter.WORKER_RESTARTS),
                file.farmValue(FarmCounter.RETRIES));
    }

    private StatusFile status() {
        if (status == null && Files.exists(farm.statusFile())) {
            try {
                status = StatusFile.open(farm.statusFile());
                if (status.launcherPid() != ProcessHandle.current().pid()) {
                    // an earlier run's file, about to be replaced by this run's
                    status.close();
                    status = null;
                }
            } catch (final IllegalStateException notReadyYet) {
                return null;
            }
        }
        return status;
    }

    private static String format(final Duration duration) {
        final long s = duration.getSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        if (bar != null) {
            bar.stepTo(Math.min(total, written.getAsLong()));
            bar.close();
        }
        if (status != null) {
            status.close();
        }
    }
}

package forecastfarm.launcher.progress;

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
 * Progress on the console for any job on the farm ({@code farm forecast}, {@code farm run}), read from the farm's
 * status file (shared memory) on a timer: a live bar on a terminal (done/total, rate, ETA, workers alive, restarts;
 * the progressbar library), a plain line every {@value #PLAIN_EVERY_S} s otherwise (logs, CI, batch jobs). The job
 * names its task (the bar's label) and the plural of what it counts ({@code series}, {@code tasks}).
 */
public final class ConsoleProgress implements AutoCloseable {
    private static final long PLAIN_EVERY_S = 10;
    private static final long BAR_EVERY_MS = 250;

    private final FarmDirectory farm;
    /** The line's last part: the workers' counts from the farm's status file, or what a served job's server says. */
    private final java.util.function.Supplier<String> about;

    private final PrintStream console;
    private final String units;
    private final long total;
    private final LongSupplier written;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "console-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final long startNs = System.nanoTime();
    private ProgressBar bar;
    private StatusFile status;

    private ConsoleProgress(
            final FarmDirectory farm,
            final java.util.function.Supplier<String> about,
            final PrintStream console,
            final String units,
            final long total,
            final LongSupplier written) {
        this.farm = farm;
        this.about = about != null ? about : this::workers;
        this.console = console;
        this.units = units;
        this.total = total;
        this.written = written;
    }

    /**
     * Starts reporting until {@link #close()}.
     *
     * @param farm     the farm whose status file gives the workers' counts.
     * @param console  where the bar or the lines go.
     * @param taskName the bar's label ({@code forecast}, {@code run}).
     * @param units    the plural of what is counted ({@code series}, {@code tasks}).
     * @param total    the tasks to run this run (after the input check; those kept from an earlier run excluded).
     * @param written  tasks finished so far, counted as their results are written.
     * @param terminal true for the live bar ({@code Terminal.isInteractive()}), false for plain lines.
     * @return the running progress; close it when the job's farm has finished.
     */
    public static ConsoleProgress start(
            final FarmDirectory farm,
            final PrintStream console,
            final String taskName,
            final String units,
            final long total,
            final LongSupplier written,
            final boolean terminal) {
        return start(farm, console, taskName, units, total, written, terminal, Duration.ofSeconds(PLAIN_EVERY_S));
    }

    /**
     * Progress of a job that runs elsewhere (a served farm's): as {@link #start(FarmDirectory, PrintStream, String,
     * String, long, LongSupplier, boolean)}, the line's last part from {@code about} (the job's state, say).
     */
    public static ConsoleProgress startElsewhere(
            final java.util.function.Supplier<String> about,
            final PrintStream console,
            final String taskName,
            final String units,
            final long total,
            final LongSupplier written,
            final boolean terminal) {
        final ConsoleProgress progress = new ConsoleProgress(null, about, console, units, total, written);
        progress.begin(taskName, terminal, Duration.ofSeconds(PLAIN_EVERY_S));
        return progress;
    }

    /** As {@link #start(FarmDirectory, PrintStream, String, String, long, LongSupplier, boolean)}; tests shorten the plain lines' interval. */
    static ConsoleProgress start(
            final FarmDirectory farm,
            final PrintStream console,
            final String taskName,
            final String units,
            final long total,
            final LongSupplier written,
            final boolean terminal,
            final Duration plainEvery) {
        final ConsoleProgress progress = new ConsoleProgress(farm, null, console, units, total, written);
        progress.begin(taskName, terminal, plainEvery);
        return progress;
    }

    private void begin(final String taskName, final boolean terminal, final Duration plainEvery) {
        if (terminal) {
            bar = new ProgressBarBuilder()
                    .setTaskName(taskName)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis((int) BAR_EVERY_MS)
                    .showSpeed()
                    .setUnit(" " + units, 1)
                    .setConsumer(new ConsoleProgressBarConsumer(console))
                    .continuousUpdate()
                    .build();
            timer.scheduleAtFixedRate(this::updateBar, BAR_EVERY_MS, BAR_EVERY_MS, TimeUnit.MILLISECONDS);
        } else {
            final long everyMs = plainEvery.toMillis();
            timer.scheduleAtFixedRate(this::printLine, everyMs, everyMs, TimeUnit.MILLISECONDS);
        }
    }

    private void updateBar() {
        bar.stepTo(Math.min(total, written.getAsLong()));
        bar.setExtraMessage(" | " + about.get());
    }

    private void printLine() {
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        console.println(line(units, written.getAsLong(), total, seconds, about.get()));
    }

    /**
     * The plain line, e.g. {@code progress: 5/20 tasks (25%), 0.5 tasks/s, ETA 0m30s; workers 2/2, restarts 0,
     * retries 0}; no ETA before the first finished task or after the last.
     *
     * @param units   the plural of what is counted.
     * @param done    finished so far.
     * @param total   to run in all.
     * @param seconds since the job started.
     * @param workers the workers' part ({@code workers starting} before the status file is up).
     */
    static String line(
            final String units, final long done, final long total, final double seconds, final String workers) {
        final double rate = done / Math.max(seconds, 1e-9);
        final String eta =
                rate > 0 && done < total ? ", ETA " + format(Duration.ofSeconds((long) ((total - done) / rate))) : "";
        return String.format(
                Locale.ROOT,
                "progress: %d/%d %s (%.0f%%), %.1f %s/s%s; %s",
                done,
                total,
                units,
                total == 0 ? 100.0 : 100.0 * done / total,
                rate,
                units,
                eta,
                workers);
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

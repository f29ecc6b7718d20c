package forecastfarm.launcher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the farm's commands as a user does, as processes, timed end to end. */
final class BenchCommands {
    static final long CALL_TIMEOUT_MS = 120_000;

    private BenchCommands() {}

    /**
     * @param log where its output goes.
     * @return its wall time in seconds.
     * @throws IllegalStateException when it fails or takes too long, with its output.
     */
    static double timed(final List<String> command, final Path log) {
        try {
            final long startNs = System.nanoTime();
            final Process process = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over " + CALL_TIMEOUT_MS + " ms");
            }
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " exited " + process.exitValue() + ":\n" + Files.readString(log));
            }
            return seconds;
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }
}

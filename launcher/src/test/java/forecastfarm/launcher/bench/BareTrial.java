package forecastfarm.launcher.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One "bare" run of the scaling benchmark: N plain JVMs ({@link BareSpin}: same java executable, the launcher's
 * class path, no farm, no flags) each warm up, wait until all N are ready, then run their share of the same spin
 * tasks side by side. T_N is the slowest process's measured part: what the machine alone gives N processes.
 */
final class BareTrial {
    private BareTrial() {}

    /**
     * @param elapsedNs each process's measured part, as it timed it.
     * @param tasks     each process's share of the tasks.
     */
    record Outcome(long[] elapsedNs, int[] tasks) {
        /**
         * @return T_N: the slowest process's measured part.
         */
        double slowestNs() {
            return BenchMath.slowest(elapsedNs);
        }

        double fastestNs() {
            long fastest = Long.MAX_VALUE;
            for (final long e : elapsedNs) {
                fastest = Math.min(fastest, e);
            }
            return fastest;
        }

        /**
         * @return the mean time per task over all processes.
         */
        double meanTaskNs() {
            long sum = 0;
            long count = 0;
            for (int i = 0; i < elapsedNs.length; i++) {
                sum += elapsedNs[i];
                count += tasks[i];
            }
            return count == 0 ? Double.NaN : (double) sum / count;
        }
    }

    static Outcome run(
            final Path java,
            final String classPath,
            final int processes,
            final int totalTasks,
            final long iterations,
            final int warmupTasks,
            final long timeoutMs) {
        final int[] shares = BenchMath.shares(totalTasks, processes);
        final List<Process> started = new ArrayList<>(processes);
        final List<BufferedReader> readers = new ArrayList<>(processes);
        final List<List<String>> transcripts = new ArrayList<>(processes);
        final Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(timeoutMs);
                        started.forEach(Process::destroyForcibly);
                    } catch (final InterruptedException ignored) {
                        // finished in time
                    }
                },
                "farm-bench-bare-watchdog");
        watchdog.setDaemon(true);
        try {
            for (int p = 0; p < processes; p++) {
                final ProcessBuilder builder = new ProcessBuilder(
                                java.toString(),
                                "-cp",
                                classPath,
                                BareSpin.class.getName(),
                                Long.toString(iterations),
                                Integer.toString(shares[p]),
                                Integer.toString(warmupTasks))
                        .redirectErrorStream(true);
                final Process process = builder.start();
                started.add(process);
                readers.add(
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
                transcripts.add(new ArrayList<>());
            }
            // started after the last add: the watchdog sees the whole list
            watchdog.start();
            for (int p = 0; p < processes; p++) {
                awaitLine(p, started.get(p), readers.get(p), transcripts.get(p), BareSpin.READY);
            }
            // every process is warm: start their measured parts together
            for (final Process process : started) {
                final OutputStream in = process.getOutputStream();
                in.write((BareSpin.GO + "\n").getBytes(StandardCharsets.US_ASCII));
                in.flush();
            }
            final long[] elapsed = new long[processes];
            for (int p = 0; p < processes; p++) {
                elapsed[p] = BareSpin.parseElapsed(
                        awaitLine(p, started.get(p), readers.get(p), transcripts.get(p), BareSpin.ELAPSED));
            }
            for (int p = 0; p < processes; p++) {
                final Process process = started.get(p);
                if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("bare process " + p + " did not exit 0: " + describe(process)
                            + "; output: " + transcripts.get(p));
                }
            }
            return new Outcome(elapsed, shares);
        } catch (final IOException ex) {
            throw new UncheckedIOException("bare run failed: " + ex.getMessage(), ex);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a bare run", ex);
        } finally {
            watchdog.interrupt();
            for (final Process process : started) {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /**
     * @return the first line of process p's output that starts with {@code prefix}; other lines go to the transcript.
     */
    private static String awaitLine(
            final int p,
            final Process process,
            final BufferedReader reader,
            final List<String> transcript,
            final String prefix)
            throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            transcript.add(line);
        }
        throw new IllegalStateException("bare process " + p + " ended (or timed out) before printing " + prefix + ": "
                + describe(process) + "; output: " + transcript);
    }

    private static String describe(final Process process) {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return "pid " + process.pid() + (process.isAlive() ? " still running" : " exit " + process.exitValue());
    }
}

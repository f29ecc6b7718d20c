package forecastfarm.launcher.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The "bare" side of {@code scripts/bench scaling}: a plain JVM (no farm, no Chronicle, no flags) that runs the spin
 * tasks' recurrence itself, to measure how far the machine alone scales when N such processes run side by side.
 * <p>
 * Protocol, one line each way: {@code java -cp LAUNCHER_JAR forecastfarm.launcher.bench.BareSpin ITERATIONS TASKS
 * WARMUP_TASKS}; it warms up (2,000 short calls, then WARMUP_TASKS whole tasks), prints {@link #READY},
 * waits for {@link #GO} on stdin (so that the N processes' measured parts start together), runs TASKS tasks of
 * ITERATIONS iterations each, prints {@code ELAPSED_NS <nanos> TASKS <n>} and exits 0.
 */
public final class BareSpin {
    static final String READY = "READY";
    static final String GO = "GO";
    static final String ELAPSED = "ELAPSED_NS";

    private static volatile double sink;

    private BareSpin() {}

    public static void main(final String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: BareSpin ITERATIONS TASKS WARMUP_TASKS");
            System.exit(2);
        }
        final long iterations = Long.parseLong(args[0]);
        final int tasks = Integer.parseInt(args[1]);
        final int warmupTasks = Integer.parseInt(args[2]);
        // enough calls for the JIT to compile the method itself, not only its loop (on-stack replacement)
        for (int i = 0; i < 2_000; i++) {
            sink += SpinCalibration.spin(10_000);
        }
        for (int i = 0; i < warmupTasks; i++) {
            sink += SpinCalibration.spin(iterations);
        }
        System.out.println(READY);
        System.out.flush();
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        final String line = in.readLine();
        if (!GO.equals(line == null ? null : line.trim())) {
            System.err.println("BareSpin: expected " + GO + " on stdin, got " + line);
            System.exit(3);
        }
        final long start = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            sink += SpinCalibration.spin(iterations);
        }
        final long elapsed = System.nanoTime() - start;
        System.out.println(ELAPSED + " " + elapsed + " TASKS " + tasks + " X " + (sink != 0.0 ? "ok" : "zero"));
        System.out.flush();
    }

    /**
     * @return the nanoseconds of an {@code ELAPSED_NS <nanos> ...} line, or -1 when the line is not one.
     */
    static long parseElapsed(final String line) {
        if (line == null) {
            return -1;
        }
        final String[] fields = line.trim().split("\\s+");
        if (fields.length < 2 || !ELAPSED.equals(fields[0])) {
            return -1;
        }
        try {
            final long nanos = Long.parseLong(fields[1]);
            return nanos >= 0 ? nanos : -1;
        } catch (final NumberFormatException ex) {
            return -1;
        }
    }
}

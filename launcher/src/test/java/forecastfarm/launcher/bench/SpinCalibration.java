package forecastfarm.launcher.bench;

import java.util.Arrays;

/**
 * Times, in this JVM after warm-up, the same floating-point recurrence the worker's "spin" task runs
 * ({@code x = 3.9 * x * (1 - x)}), to turn a wanted task time into an iteration count.
 */
final class SpinCalibration {
    private static final long SAMPLE_TARGET_NS = 50_000_000L;
    private static final int SAMPLES = 7;
    private static volatile double sink;

    private SpinCalibration() {}

    /**
     * @return the median nanoseconds per iteration over a few ~50 ms samples, after warm-up.
     */
    static double nsPerIteration() {
        for (int i = 0; i < 40; i++) {
            sink += spin(250_000);
        }
        long iterations = 1_000_000;
        final long probeStart = System.nanoTime();
        sink += spin(iterations);
        final long probeNs = Math.max(1, System.nanoTime() - probeStart);
        iterations = Math.max(100_000, (long) (iterations * (double) SAMPLE_TARGET_NS / probeNs));
        final double[] samples = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            final long start = System.nanoTime();
            sink += spin(iterations);
            samples[i] = (double) (System.nanoTime() - start) / iterations;
        }
        Arrays.sort(samples);
        return BenchMath.median(samples);
    }

    /**
     * The worker's SpinTaskHandler loop, verbatim.
     */
    static double spin(final long iterations) {
        double x = 0.5;
        for (long i = 0; i < iterations; i++) {
            x = 3.9 * x * (1.0 - x);
        }
        return x;
    }
}

package forecastfarm.worker.tasks;

import forecastfarm.shared.codec.PayloadReader;
import forecastfarm.shared.codec.PayloadWriter;

/**
 * A fixed amount of CPU work, for scaling benchmarks: payload is {@code iterations:long}; it runs that many rounds of
 * a floating-point recurrence the JIT cannot remove and returns the final value.
 */
public final class SpinTaskHandler implements TaskHandler {
    public static byte[] payload(final long iterations) {
        return new PayloadWriter(8).putLong(iterations).toByteArray();
    }

    @Override
    public byte[] handle(final String key, final byte[] payload) {
        final long iterations = new PayloadReader(payload).getLong();
        double x = 0.5;
        for (long i = 0; i < iterations; i++) {
            x = 3.9 * x * (1.0 - x);
        }
        return new PayloadWriter(8).putLong(Double.doubleToLongBits(x)).toByteArray();
    }
}

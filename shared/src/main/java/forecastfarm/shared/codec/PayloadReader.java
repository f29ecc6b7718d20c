package forecastfarm.shared.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link PayloadWriter} wrote. A truncated or corrupt payload fails with IllegalArgumentException.
 */
public final class PayloadReader {
    private final ByteBuffer buffer;

    public PayloadReader(final byte[] payload) {
        buffer = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Whether bytes are left to read. */
    public boolean hasRemaining() {
        return buffer.hasRemaining();
    }

    public int getByte() {
        check(1);
        return buffer.get();
    }

    public int getInt() {
        check(4);
        return buffer.getInt();
    }

    public long getLong() {
        check(8);
        return buffer.getLong();
    }

    public String getString() {
        final byte[] utf8 = new byte[length(1)];
        buffer.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    public byte[] getBytes() {
        final byte[] bytes = new byte[length(1)];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * Reads an element count and checks it against what is left, each element taking at least
     * {@code minBytesPerElement}.
     */
    public int getCount(final int minBytesPerElement) {
        return length(minBytesPerElement);
    }

    public double[] getDoubles() {
        final double[] values = new double[length(8)];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getDouble();
        }
        return values;
    }

    private int length(final int elementBytes) {
        final int length = getInt();
        if (length < 0 || (long) length * elementBytes > buffer.remaining()) {
            throw new IllegalArgumentException("corrupt payload: length " + length + " at " + buffer.position());
        }
        return length;
    }

    private void check(final int bytes) {
        if (buffer.remaining() < bytes) {
            throw new IllegalArgumentException("corrupt payload: truncated at " + buffer.position());
        }
    }
}

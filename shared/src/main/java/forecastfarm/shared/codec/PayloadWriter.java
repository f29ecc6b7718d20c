package forecastfarm.shared.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growing little-endian byte writer for task payloads and result records. Strings are an int length then UTF-8.
 */
public final class PayloadWriter {
    private ByteBuffer buffer;

    public PayloadWriter(final int initialCapacity) {
        buffer = ByteBuffer.allocate(Math.max(16, initialCapacity)).order(ByteOrder.LITTLE_ENDIAN);
    }

    public PayloadWriter putByte(final int value) {
        ensure(1).put((byte) value);
        return this;
    }

    public PayloadWriter putInt(final int value) {
        ensure(4).putInt(value);
        return this;
    }

    public PayloadWriter putLong(final long value) {
        ensure(8).putLong(value);
        return this;
    }

    public PayloadWriter putString(final String value) {
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(4 + utf8.length).putInt(utf8.length).put(utf8);
        return this;
    }

    public PayloadWriter putBytes(final byte[] value) {
        ensure(4 + value.length).putInt(value.length).put(value);
        return this;
    }

    public PayloadWriter putDoubles(final double[] values) {
        ensure(4 + 8 * values.length).putInt(values.length);
        for (final double value : values) {
            buffer.putDouble(value);
        }
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private ByteBuffer ensure(final int bytes) {
        if (buffer.remaining() < bytes) {
            final int capacity = Math.max(buffer.capacity() * 2, buffer.position() + bytes);
            final ByteBuffer grown = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
            buffer.flip();
            grown.put(buffer);
            buffer = grown;
        }
        return buffer;
    }
}

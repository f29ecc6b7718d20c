package forecastfarm.shared.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {

    @Test
    void roundTripsEveryTypeAcrossBufferGrowth() {
        byte[] blob = new byte[1000];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i * 31);
        }
        double[] doubles = {0.0, -0.0, 1.5, Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE};
        byte[] bytes = new PayloadWriter(1) // starts at the 16-byte minimum: forces several grows
                .putByte(-3)
                .putInt(Integer.MIN_VALUE)
                .putLong(Long.MAX_VALUE)
                .putString("Zürich ✓ 𝄞")
                .putBytes(blob)
                .putDoubles(doubles)
                .putString("")
                .putBytes(new byte[0])
                .putDoubles(new double[0])
                .toByteArray();
        PayloadReader in = new PayloadReader(bytes);
        assertEquals(-3, in.getByte());
        assertEquals(Integer.MIN_VALUE, in.getInt());
        assertEquals(Long.MAX_VALUE, in.getLong());
        assertEquals("Zürich ✓ 𝄞", in.getString());
        assertArrayEquals(blob, in.getBytes());
        double[] read = in.getDoubles();
        assertEquals(doubles.length, read.length);
        for (int i = 0; i < doubles.length; i++) {
            assertEquals(Double.doubleToRawLongBits(doubles[i]), Double.doubleToRawLongBits(read[i]));
        }
        assertEquals("", in.getString());
        assertEquals(0, in.getBytes().length);
        assertEquals(0, in.getDoubles().length);
        assertThrows(IllegalArgumentException.class, in::getByte, "reading past the end");
    }

    @Test
    void littleEndian() {
        assertArrayEquals(
                new byte[] {1, 0, 0, 0}, new PayloadWriter(4).putInt(1).toByteArray());
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] full = new PayloadWriter(8)
                .putInt(7)
                .putLong(9)
                .putString("abc")
                .putBytes(new byte[] {1, 2})
                .putDoubles(new double[] {1, 2})
                .toByteArray();
        for (int length = 0; length < full.length; length++) {
            PayloadReader in = new PayloadReader(Arrays.copyOf(full, length));
            int cut = length;
            assertThrows(
                    IllegalArgumentException.class,
                    () -> {
                        in.getInt();
                        in.getLong();
                        in.getString();
                        in.getBytes();
                        in.getDoubles();
                    },
                    () -> "prefix of " + cut + " bytes");
        }
    }

    @Test
    void negativeOrHugeLengthIsRejectedWithItsValue() {
        IllegalArgumentException negative = assertThrows(
                IllegalArgumentException.class,
                () -> new PayloadReader(new PayloadWriter(4).putInt(-1).toByteArray()).getString());
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new PayloadReader(
                                new PayloadWriter(4).putInt(Integer.MAX_VALUE).toByteArray())
                        .getDoubles());
        // 2^29 doubles = 2^32 bytes: must not overflow int arithmetic into "fits"
        assertThrows(
                IllegalArgumentException.class,
                () -> new PayloadReader(new PayloadWriter(4).putInt(1 << 29).toByteArray()).getDoubles());
    }
}

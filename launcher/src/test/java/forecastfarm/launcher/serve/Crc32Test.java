package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** {@link Crc32#combine} against {@link CRC32} of the pieces put together. */
class Crc32Test {
    private static int crcOf(final byte[] data, final int from, final int to) {
        final CRC32 crc = new CRC32();
        crc.update(data, from, to - from);
        return (int) crc.getValue();
    }

    @Test
    void combiningThePiecesCrcsGivesTheCrcOfTheWhole() {
        final Random random = new Random(42);
        final byte[] data = new byte[300_000];
        random.nextBytes(data);
        for (int trial = 0; trial < 200; trial++) {
            final int cut = random.nextInt(data.length + 1);
            final int end = cut + random.nextInt(data.length - cut + 1);
            assertEquals(
                    crcOf(data, 0, end),
                    Crc32.combine(crcOf(data, 0, cut), crcOf(data, cut, end), end - cut),
                    "cut at " + cut + " of " + end);
        }
    }

    @Test
    void anEmptyPieceChangesNothingAndNothingBeforeAPieceLeavesItsCrc() {
        final byte[] data = "id: 1\nevent: result\ndata: {}\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        final int crc = crcOf(data, 0, data.length);
        assertEquals(crc, Crc32.combine(crc, 0, 0));
        assertEquals(crc, Crc32.combine(0, crc, data.length));
    }
}

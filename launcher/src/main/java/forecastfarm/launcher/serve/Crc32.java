package forecastfarm.launcher.serve;

/**
 * The CRC-32 of gzip (and {@link java.util.zip.CRC32}) of two pieces of data one after the other, from the two pieces'
 * own CRCs and the second's length: a gzip event stream's check value made of pieces compressed once for many streams
 * ({@link EventOutput}), in time logarithmic in the length instead of a pass over the bytes.
 *
 * <p>A CRC is the remainder of the data, as a polynomial over GF(2), modulo the generator (plus pre- and post-
 * conditioning that cancel out here); appending {@code n} bytes multiplies the first piece's remainder by
 * {@code x^(8n)} modulo the generator. The bits are reflected, as in the CRC itself: bit 31 is {@code x^0}.
 */
final class Crc32 {
    /** The generator, reflected. */
    private static final int POLYNOMIAL = 0xedb88320;
    /** {@code x^0}, reflected. */
    private static final int ONE = 1 << 31;
    /** {@code X_TO_2_TO_THE[k]} is {@code x^(2^k)} modulo the generator. */
    private static final int[] X_TO_2_TO_THE = new int[32];

    static {
        X_TO_2_TO_THE[0] = ONE >>> 1;
        for (int k = 1; k < X_TO_2_TO_THE.length; k++) {
            X_TO_2_TO_THE[k] = multiply(X_TO_2_TO_THE[k - 1], X_TO_2_TO_THE[k - 1]);
        }
    }

    private Crc32() {}

    /** @return the CRC-32 of A then B, given A's, B's and B's length in bytes. */
    static int combine(final int crcA, final int crcB, final long lengthB) {
        return multiply(xToThe8Times(lengthB), crcA) ^ crcB;
    }

    /** @return {@code x^(8n)} modulo the generator. */
    private static int xToThe8Times(final long n) {
        int power = ONE;
        int k = 3;
        for (long rest = n; rest != 0; rest >>>= 1, k++) {
            if ((rest & 1) != 0) {
                power = multiply(X_TO_2_TO_THE[k & 31], power);
            }
        }
        return power;
    }

    /** @return {@code a * b} modulo the generator. */
    private static int multiply(final int a, final int b) {
        int product = 0;
        int multiple = b;
        for (int bit = ONE; bit != 0; bit >>>= 1) {
            if ((a & bit) != 0) {
                product ^= multiple;
            }
            multiple = (multiple & 1) != 0 ? (multiple >>> 1) ^ POLYNOMIAL : multiple >>> 1;
        }
        return product;
    }
}

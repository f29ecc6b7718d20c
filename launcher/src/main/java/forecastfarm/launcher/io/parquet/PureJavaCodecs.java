package forecastfarm.launcher.io.parquet;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's page codecs in pure Java: Snappy, Zstandard and LZ4 (raw) from aircompressor, gzip from the JDK.
 * parquet-java's own factory goes through Hadoop's codec classes (and a Hadoop {@code Configuration}, which needs an
 * XML parser and more); this one needs neither, nor the native snappy-java and zstd-jni libraries.
 */
final class PureJavaCodecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new Codec(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new Codec(codec);
    }

    @Override
    public void release() {}

    /** Whether pages compressed with {@code codec} can be read. */
    static boolean supports(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY, ZSTD, LZ4_RAW, GZIP -> true;
            default -> false;
        };
    }

    private static final class Codec implements BytesInputCompressor, BytesInputDecompressor {
        private final CompressionCodecName codec;

        Codec(CompressionCodecName codec) {
            if (!supports(codec)) {
                throw new UnsupportedOperationException("pages compressed with " + codec + " cannot be read or"
                        + " written here (supported: UNCOMPRESSED, SNAPPY, ZSTD, LZ4_RAW, GZIP)");
            }
            this.codec = codec;
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            byte[] in = bytes.toByteArray();
            return BytesInput.from(
                    switch (codec) {
                        case UNCOMPRESSED -> in;
                        case GZIP -> gzip(in);
                        default -> block(compressor(), in);
                    });
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            byte[] in = bytes.toByteArray();
            return BytesInput.from(
                    switch (codec) {
                        case UNCOMPRESSED -> in;
                        case GZIP -> gunzip(in, uncompressedSize);
                        default -> unblock(decompressor(), in, uncompressedSize);
                    });
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.duplicate().get(in);
            output.put(decompress(BytesInput.from(in), uncompressedSize).toByteArray());
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {}

        private Compressor compressor() {
            return switch (codec) {
                case SNAPPY -> new SnappyCompressor();
                case ZSTD -> new ZstdCompressor();
                default -> new Lz4Compressor();
            };
        }

        private Decompressor decompressor() {
            return switch (codec) {
                case SNAPPY -> new SnappyDecompressor();
                case ZSTD -> new ZstdDecompressor();
                default -> new Lz4Decompressor();
            };
        }
    }

    private static byte[] block(Compressor c, byte[] in) {
        byte[] out = new byte[c.maxCompressedLength(in.length)];
        int n = c.compress(in, 0, in.length, out, 0, out.length);
        return java.util.Arrays.copyOf(out, n);
    }

    private static byte[] unblock(Decompressor d, byte[] in, int uncompressedSize) {
        byte[] out = new byte[uncompressedSize];
        d.decompress(in, 0, in.length, out, 0, out.length);
        return out;
    }

    private static byte[] gzip(byte[] in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(in.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(in);
        }
        return bytes.toByteArray();
    }

    private static byte[] gunzip(byte[] in, int uncompressedSize) throws IOException {
        try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(in))) {
            return gz.readNBytes(uncompressedSize);
        }
    }
}

package forecastfarm.launcher.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Where an event stream's bytes go: the connection as they are, or compressed ({@code Content-Encoding: gzip}, for a
 * client that accepts it, as browsers' {@code EventSource} do) so that a thousand streams of one job cost a tenth of
 * the bytes.
 *
 * <p>The compression of a job's new events is shared by its streams: each piece of deflate data is a {@link JobFeed}
 * chunk compressed on its own, ending with a full flush, or a stream's own events (progress, end) in stored blocks;
 * either refers to nothing before it and ends on a byte boundary, so pieces made apart make one valid deflate stream
 * in any order. A chunk is compressed once ({@link JobFeed.Chunk#deflated()}), with its CRC-32, and its bytes written to every
 * stream; each stream keeps only its gzip header, its own events, the check value of what it sent (combined from the
 * pieces' CRCs by {@link Crc32}, not computed again) and the trailer:
 *
 * <pre>
 *   gzip header (10 bytes) | piece | piece | ... | final empty block (03 00) | CRC-32 | length mod 2^32
 *                            each piece: a chunk's deflate blocks ending with a full flush (an empty stored
 *                            block), or a stream's own events in stored blocks
 * </pre>
 *
 * A client reads every event of a piece as soon as the piece came: a full flush leaves nothing in the compressor.
 */
abstract class EventOutput {
    /** The connection's stream. */
    final OutputStream out;

    private EventOutput(final OutputStream out) {
        this.out = out;
    }

    /** @return an output that writes the events as they are. */
    static EventOutput identity(final OutputStream out) {
        return new Identity(out);
    }

    /** @return an output that writes the events as one gzip member; {@link #finish()} ends it. */
    static EventOutput gzip(final OutputStream out) {
        return new Gzip(out);
    }

    /**
     * @param acceptEncoding the request's {@code Accept-Encoding}, or null.
     * @return whether it accepts {@code gzip} (named, with no {@code q=0}).
     */
    static boolean acceptsGzip(final String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (final String coding : acceptEncoding.split(",")) {
            final String[] parts = coding.split(";");
            if (parts[0].strip().equalsIgnoreCase("gzip")) {
                for (int p = 1; p < parts.length; p++) {
                    final String param = parts[p].strip().toLowerCase(Locale.ROOT);
                    if (param.startsWith("q=") && param.substring(2).matches("0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** Writes events of the stream's own. */
    abstract void write(byte[] events, int from, int to) throws IOException;

    /** Writes a chunk's events from {@code from} on, the whole chunk shared with the job's other streams. */
    abstract void write(JobFeed.Chunk chunk, int from) throws IOException;

    /** Sends what was written. */
    final void flush() throws IOException {
        out.flush();
    }

    /** Ends what was written, when the stream ends as it should (not when the connection failed). */
    abstract void finish() throws IOException;

    /**
     * Events deflated on their own.
     *
     * @param deflated the deflate data, ending with a full flush: it fits anywhere in a deflate stream.
     * @param crc      the CRC-32 of the events.
     * @param length   how many bytes the events are.
     */
    record Piece(byte[] deflated, int crc, int length) {}

    /** @return {@code events} from {@code from} on, deflated with a fresh compressor. */
    static Piece deflated(final byte[] events, final int from) {
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(events, from, events.length - from);
            final ByteArrayOutputStream piece = new ByteArrayOutputStream((events.length - from) / 8 + 64);
            final byte[] buffer = new byte[8 * 1024];
            int length;
            do {
                length = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
                piece.write(buffer, 0, length);
            } while (length == buffer.length);
            return new Piece(piece.toByteArray(), crcOf(events, from, events.length), events.length - from);
        } finally {
            deflater.end();
        }
    }

    private static int crcOf(final byte[] data, final int from, final int to) {
        final CRC32 crc = new CRC32();
        crc.update(data, from, to - from);
        return (int) crc.getValue();
    }

    private static final class Identity extends EventOutput {
        Identity(final OutputStream out) {
            super(out);
        }

        @Override
        void write(final byte[] events, final int from, final int to) throws IOException {
            out.write(events, from, to - from);
        }

        @Override
        void write(final JobFeed.Chunk chunk, final int from) throws IOException {
            out.write(chunk.events, from, chunk.events.length - from);
        }

        @Override
        void finish() {}
    }

    private static final class Gzip extends EventOutput {
        /** Magic, deflate, no flags, no time, no extra flags, unknown OS. */
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        /** A final block of fixed codes holding nothing but its end. */
        private static final byte[] LAST_BLOCK = {3, 0};
        /** The most a stored block holds. */
        private static final int MAX_STORED_BYTES = 0xffff;

        /** The CRC-32 of what was sent. */
        private int crc;

        private long length;
        private boolean started;

        Gzip(final OutputStream out) {
            super(out);
        }

        /**
         * Writes the stream's own events (progress, end, dropped) as they are, in stored blocks: they are small, and a
         * compressor per stream would hold a quarter of a megabyte.
         */
        @Override
        void write(final byte[] events, final int from, final int to) throws IOException {
            start();
            for (int at = from; at < to; at += MAX_STORED_BYTES) {
                final int size = Math.min(MAX_STORED_BYTES, to - at);
                // not last, stored, padded to the byte; then the size and its complement, little-endian
                out.write(new byte[] {0, (byte) size, (byte) (size >>> 8), (byte) ~size, (byte) (~size >>> 8)});
                out.write(events, at, size);
            }
            sent(crcOf(events, from, to), to - from);
        }

        /** Writes the chunk's compression shared by the job's streams, or the rest of it compressed for this one. */
        @Override
        void write(final JobFeed.Chunk chunk, final int from) throws IOException {
            start();
            final Piece piece = from == 0 ? chunk.deflated() : deflated(chunk.events, from);
            out.write(piece.deflated());
            sent(piece.crc(), piece.length());
        }

        private void start() throws IOException {
            if (!started) {
                started = true;
                out.write(HEADER);
            }
        }

        private void sent(final int pieceCrc, final int pieceLength) {
            crc = Crc32.combine(crc, pieceCrc, pieceLength);
            length += pieceLength;
        }

        @Override
        void finish() throws IOException {
            start();
            out.write(LAST_BLOCK);
            out.write(new byte[] {
                (byte) crc,
                (byte) (crc >>> 8),
                (byte) (crc >>> 16),
                (byte) (crc >>> 24),
                (byte) length,
                (byte) (length >>> 8),
                (byte) (length >>> 16),
                (byte) (length >>> 24)
            });
            out.flush();
        }
    }
}

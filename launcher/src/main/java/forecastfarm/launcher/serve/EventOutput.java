package forecastfarm.launcher.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Where an event stream's bytes go: the connection as they are, or compressed ({@code Content-Encoding: gzip}, for a
 * client that accepts it, as browsers' {@code EventSource} do) so that a thousand streams of one job cost a tenth of
 * the bytes.
 *
 * <p>The compression of a job's new events is shared by its streams: each piece of deflate data, a {@link JobFeed}
 * chunk's or a stream's own (progress, end), is compressed on its own and ends with a full flush, so it refers to
 * nothing before it and ends on a byte boundary, and pieces compressed apart make one valid deflate stream in any
 * order. A chunk is compressed once ({@link JobFeed.Chunk#deflated()}), with its CRC-32, and its bytes written to every
 * stream; each stream keeps only its gzip header, its own events, the check value of what it sent (combined from the
 * pieces' CRCs by {@link Crc32}, not computed again) and the trailer:
 *
 * <pre>
 *   gzip header (10 bytes) | piece | piece | ... | final empty block (03 00) | CRC-32 | length mod 2^32
 *                            each piece: deflate blocks ending with a full flush (an empty stored block)
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

    /** Frees what it holds; the connection's stream is the server's to close. */
    abstract void release();

    /**
     * Events deflated on their own.
     *
     * @param deflated the deflate data, ending with a full flush: it fits anywhere in a deflate stream.
     * @param crc      the CRC-32 of the events.
     * @param length   how many bytes the events are.
     */
    record Piece(byte[] deflated, int crc, int length) {}

    /** @return {@code events} deflated with a fresh compressor. */
    static Piece deflated(final byte[] events) {
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            final ByteArrayOutputStream piece = new ByteArrayOutputStream(events.length / 8 + 64);
            deflate(deflater, events, 0, events.length, piece);
            return new Piece(piece.toByteArray(), crcOf(events, 0, events.length), events.length);
        } catch (final IOException never) {
            throw new UncheckedIOException("writing to memory", never);
        } finally {
            deflater.end();
        }
    }

    private static void deflate(
            final Deflater deflater, final byte[] data, final int from, final int to, final OutputStream sink)
            throws IOException {
        deflater.setInput(data, from, to - from);
        final byte[] buffer = new byte[8 * 1024];
        int length;
        do {
            length = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
            sink.write(buffer, 0, length);
        } while (length == buffer.length);
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

        @Override
        void release() {}
    }

    private static final class Gzip extends EventOutput {
        /** Magic, deflate, no flags, no time, no extra flags, unknown OS. */
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        /** A final block of fixed codes holding nothing but its end. */
        private static final byte[] LAST_BLOCK = {3, 0};

        private final Deflater own = new Deflater(Deflater.BEST_SPEED, true);
        /** The CRC-32 of what was sent. */
        private int crc;

        private long length;
        private boolean started;

        Gzip(final OutputStream out) {
            super(out);
        }

        @Override
        void write(final byte[] events, final int from, final int to) throws IOException {
            start();
            deflate(own, events, from, to, out);
            sent(crcOf(events, from, to), to - from);
        }

        @Override
        void write(final JobFeed.Chunk chunk, final int from) throws IOException {
            if (from > 0) {
                write(chunk.events, from, chunk.events.length);
                return;
            }
            start();
            final Piece piece = chunk.deflated();
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

        @Override
        void release() {
            own.end();
        }
    }
}

package forecastfarm.launcher.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One of a job's files (its keys or its results file) read once for every event stream that follows it, each new line
 * turned into a {@code result} event once: a thousand streams of one job cost one read of the file and one formatting
 * of each line, then a thousand writes of the same bytes.
 *
 * <p>A feed is a chain of {@link Chunk}s, each the events of a run of whole lines, appended by {@link #publish()}: a
 * change of the job (a result, or its end) has one published a little later ({@code publishDelayMs}, so that results
 * gather into one write per stream), the end at once. A stream keeps the last chunk it sent and follows
 * {@link Chunk#next}, parked between chunks and unparked by each publication; nothing but the streams and the feed's
 * {@link #tail()} holds a chunk, so what every stream has sent is garbage. A stream that opens takes the tail and reads
 * the lines before it from the file itself ({@link JobEvents}), as a stream resuming with {@code Last-Event-ID} does.
 *
 * <p>A feed of no file (a progress-only stream's) publishes only the job's end. The file may be rewritten from the
 * start (a job reopened after a restart): the lines of the chunks after that count from 1 again.
 */
final class JobFeed {
    /** Bytes read from the file at once. */
    static final int READ_BYTES = 64 * 1024;

    private static final byte[] EVENT_HEAD = "event: result\ndata: ".getBytes(StandardCharsets.US_ASCII);

    private final ServedJob job;
    private final Path file;
    private final ScheduledExecutorService publisher;
    private final LongSupplier publishDelayMs;
    private final List<Thread> waiters = new CopyOnWriteArrayList<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable onChange = this::changed;
    private final LineReader reader;
    private volatile Chunk tail;

    /**
     * @param file           the file followed, or null for a feed of the end only.
     * @param publisher      runs {@link #publish()}.
     * @param publishDelayMs how long a change waits for more before it is published.
     */
    JobFeed(
            final ServedJob job,
            final Path file,
            final ScheduledExecutorService publisher,
            final LongSupplier publishDelayMs) {
        this.job = job;
        this.file = file;
        this.publisher = publisher;
        this.publishDelayMs = publishDelayMs;
        this.reader = new LineReader(file);
    }

    /**
     * Starts following the job from the file's present end, the first time.
     *
     * @return the last chunk published: a stream that opens sends the lines before it from the file.
     * @throws IOException when the file cannot be read.
     */
    synchronized Chunk open() throws IOException {
        if (tail == null) {
            start();
        }
        return tail;
    }

    private void start() throws IOException {
        // told of changes from before the file is read: a line written meanwhile is published, not missed
        job.addChangeListener(onChange);
        try {
            countLines();
        } catch (final IOException | RuntimeException ex) {
            job.removeChangeListener(onChange);
            throw ex;
        }
    }

    private void countLines() throws IOException {
        final boolean ended = job.isEnded();
        final long length = lengthOf(file);
        while (reader.offset() < length) {
            reader.next(length);
        }
        tail = Chunk.empty(reader.nextLine(), reader.linesEnd(), ended && reader.atLineEnd());
    }

    /** Stops following the job: no stream follows this feed any more. */
    void close() {
        job.removeChangeListener(onChange);
    }

    /** @return the file followed, or null for a feed of the end only. */
    Path file() {
        return file;
    }

    /** @return the last chunk published (after {@link #open()}). */
    Chunk tail() {
        return tail;
    }

    /** The current thread, a stream's, is unparked at each publication until {@link #removeWaiter}. */
    void addWaiter(final Thread stream) {
        waiters.add(stream);
    }

    /** @return how many streams are left. */
    int removeWaiter(final Thread stream) {
        waiters.remove(stream);
        return waiters.size();
    }

    /**
     * Something may have come: publishes it soon (at once when the job ended). Called on the job's thread, so it
     * never throws: with the server closing (the publisher stopped) there is no one left to publish to.
     */
    void changed() {
        try {
            if (job.isEnded()) {
                publisher.execute(this::publish);
            } else if (!scheduled.getAndSet(true)) {
                publisher.schedule(this::publish, publishDelayMs.getAsLong(), TimeUnit.MILLISECONDS);
            }
        } catch (final RejectedExecutionException closing) {
            scheduled.set(false);
        }
    }

    /** Appends a chunk of the lines that came since the last, and the end when the job ended; unparks the streams. */
    void publish() {
        scheduled.set(false);
        if (appendNew()) {
            for (final Thread stream : waiters) {
                LockSupport.unpark(stream);
            }
        }
    }

    private synchronized boolean appendNew() {
        final Chunk before = tail;
        if (before == null || before.last || before.failure != null) {
            return false;
        }
        try {
            // the end is read before the file: every line of an ended job is in the file when it is read
            final boolean ended = job.isEnded();
            final long length = lengthOf(file);
            if (length < reader.offset()) {
                reader.restart();
                append(Chunk.empty(1, 0, false));
            }
            while (reader.offset() < length) {
                final Chunk lines = reader.next(length);
                if (lines.lineCount() > 0) {
                    append(lines);
                }
            }
            if (ended && reader.atLineEnd()) {
                append(Chunk.empty(tail.nextLine(), tail.fileEnd, true));
            }
        } catch (final IOException ex) {
            append(Chunk.failed(tail, new IOException("cannot read " + file + ": " + ex.getMessage(), ex)));
        }
        return tail != before;
    }

    private void append(final Chunk chunk) {
        tail.next = chunk;
        tail = chunk;
    }

    private static long lengthOf(final Path file) throws IOException {
        return file != null && Files.exists(file) ? Files.size(file) : 0;
    }

    /** Reads a file's whole lines piece by piece, from its start, numbering them from 1. */
    static final class LineReader {
        private final Path file;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        /** The file's bytes read so far, {@link #partial} (a line not yet whole) included. */
        private long offset;

        private long nextLine = 1;

        /** @param file the file, or null for one never read. */
        LineReader(final Path file) {
            this.file = file;
        }

        /**
         * Reads the next piece of the file, at most {@link #READ_BYTES} and not past {@code end}.
         *
         * @return the events of the whole lines read so far and not yet returned.
         */
        Chunk next(final long end) throws IOException {
            final long start = linesEnd();
            final int count = (int) Math.min(READ_BYTES, end - offset);
            final byte[] piece = new byte[count];
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                in.seek(offset);
                in.readFully(piece);
            }
            partial.write(piece, 0, count);
            offset += count;
            final byte[] bytes = partial.toByteArray();
            final Chunk lines = Chunk.lines(bytes, bytes.length, nextLine, start);
            nextLine = lines.nextLine();
            final int consumed = (int) (lines.fileEnd - start);
            partial.reset();
            partial.write(bytes, consumed, bytes.length - consumed);
            return lines;
        }

        /** The file was rewritten from its start: read it again from there. */
        void restart() {
            offset = 0;
            nextLine = 1;
            partial.reset();
        }

        long offset() {
            return offset;
        }

        /** @return where the next line starts in the file. */
        long linesEnd() {
            return offset - partial.size();
        }

        long nextLine() {
            return nextLine;
        }

        /** @return whether every byte read is in a whole line. */
        boolean atLineEnd() {
            return partial.size() == 0;
        }
    }

    /**
     * The events of a run of whole lines of the file, {@code id: N} their line numbers: immutable but for
     * {@link #next}.
     */
    static final class Chunk {
        final long firstLine;
        /** Where each line's event starts in {@link #events}. */
        private final int[] starts;

        /** The lines' events, in the UTF-8 of the file; read only. */
        final byte[] events;
        /** Where the line after the chunk's last starts in the file. */
        final long fileEnd;
        /** The job ended and its file was read to the end: nothing follows. */
        final boolean last;
        /** The file could not be read: nothing follows. */
        final IOException failure;

        volatile Chunk next;

        private EventOutput.Piece deflated;

        private Chunk(
                final long firstLine,
                final int[] starts,
                final byte[] events,
                final long fileEnd,
                final boolean last,
                final IOException failure) {
            this.firstLine = firstLine;
            this.starts = starts;
            this.events = events;
            this.fileEnd = fileEnd;
            this.last = last;
            this.failure = failure;
        }

        static Chunk empty(final long nextLine, final long fileEnd, final boolean last) {
            return new Chunk(nextLine, new int[0], new byte[0], fileEnd, last, null);
        }

        static Chunk failed(final Chunk after, final IOException failure) {
            return new Chunk(after.nextLine(), new int[0], new byte[0], after.fileEnd, false, failure);
        }

        /**
         * @param bytes     file bytes from {@code fileStart}, a line beginning at {@code bytes[0]}.
         * @param firstLine the number of that line.
         * @return the events of the whole lines in {@code bytes[0, length)}; the rest is left for the next read.
         */
        static Chunk lines(final byte[] bytes, final int length, final long firstLine, final long fileStart) {
            final ByteArrayOutputStream events = new ByteArrayOutputStream(length + length / 2);
            int[] starts = new int[16];
            int count = 0;
            int lineStart = 0;
            for (int i = 0; i < length; i++) {
                if (bytes[i] == '\n') {
                    if (count == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, count * 2);
                    }
                    starts[count] = events.size();
                    final byte[] id = ("id: " + (firstLine + count) + "\n").getBytes(StandardCharsets.US_ASCII);
                    events.write(id, 0, id.length);
                    events.write(EVENT_HEAD, 0, EVENT_HEAD.length);
                    events.write(bytes, lineStart, i - lineStart);
                    events.write('\n');
                    events.write('\n');
                    count++;
                    lineStart = i + 1;
                }
            }
            return new Chunk(
                    firstLine,
                    java.util.Arrays.copyOf(starts, count),
                    events.toByteArray(),
                    fileStart + lineStart,
                    false,
                    null);
        }

        int lineCount() {
            return starts.length;
        }

        /** @return the events deflated, once for every gzip stream ({@link EventOutput}). */
        synchronized EventOutput.Piece deflated() {
            if (deflated == null) {
                deflated = EventOutput.deflated(events, 0);
            }
            return deflated;
        }

        /** @return the number the line after this chunk's last has. */
        long nextLine() {
            return firstLine + starts.length;
        }

        /**
         * @return where the events of the lines numbered above {@code afterLine} start in {@link #events}, or -1 when
         *     there are none.
         */
        int eventsAfter(final long afterLine) {
            final long skip = afterLine - firstLine + 1;
            if (skip >= starts.length) {
                return -1;
            }
            return skip <= 0 ? 0 : starts[(int) skip];
        }
    }
}

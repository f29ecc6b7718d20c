package forecastfarm.launcher.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.EpochClock;

/**
 * {@code GET /v1/jobs/{id}/events}: Server-Sent Events of one job. What a stream follows is the client's choice
 * ({@link Follow}): by default each finished key is an event {@code result} ({@code {"key", "status", "rows"}}, a line
 * of the job's keys file) whose id is its line number in that file; with {@code ?results=rows} each line of the
 * job's results file is one; with {@code ?results=false} there are none. A client that reconnects with
 * {@code Last-Event-ID: N} gets the lines after N and nothing twice; {@code progress} ({@code state, tasks, done, ok,
 * failed}) comes every {@link #PROGRESS_INTERVAL_MS} (with results, once half of it passed) and {@code end} (the
 * job's summary) closes the stream. The streams of a job follow its file through one {@link JobFeed}, which reads each
 * new line once and makes it an event once for all of them; what a stream owes from before it opened it reads from the
 * file itself. A slow reader falls behind in the feed, holds only its own connection and the feed's pieces it has not
 * sent, and never slows the farm. A client that accepts gzip gets the events compressed ({@link EventOutput}).
 *
 * <p>A stream is bounded in how far it falls behind and in how long it lasts. When the job has written more than
 * {@link #MAX_LAG_BYTES} to the file it follows beyond what the stream has sent (counted from where the stream stood
 * when it opened, so a reader catching up on a long job's earlier results is not behind), or when the stream has lasted
 * its time limit, it ends with {@code dropped}: {@code {"last_id": N, "reason": "behind"|"time_limit", "message"}},
 * and the client goes on by reconnecting with {@code Last-Event-ID: N}. A reader that stops reading altogether blocks
 * the stream's write, where none of this can run: the HTTP server's response time limit cuts that connection (see
 * {@link FarmServer}).
 */
final class JobEvents implements AutoCloseable {
    static final long PROGRESS_INTERVAL_MS = 1_000;
    /** How far a stream may fall behind in the file it follows, beyond where it stood when it opened. */
    static final long MAX_LAG_BYTES = 4L << 20;

    /** A change waits for more at least this long before it is published to the streams ({@link JobFeed}). */
    static final long MIN_PUBLISH_DELAY_MS = 20;
    /** ... and at most this long, however many streams are open. */
    static final long MAX_PUBLISH_DELAY_MS = PROGRESS_INTERVAL_MS;
    /** ... and this long for each stream open. */
    private static final long PUBLISH_DELAY_US_PER_STREAM = 1_000;
    /** A stream writes at most this much at once. */
    private static final int SEND_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a stream sends as {@code result} events. */
    enum Follow {
        /** A line per finished key, from the keys file (the default). */
        KEYS,
        /** Every line of the results file ({@code ?results=rows}). */
        ROWS,
        /** No results: progress and end only ({@code ?results=false}, a dashboard's). */
        NONE;

        /**
         * @param query the request's query string, or null.
         * @throws BadRequest for anything but {@code results=keys|rows|false}.
         */
        static Follow of(final String query) {
            if (query == null || query.equals("results=keys")) {
                return KEYS;
            }
            if (query.equals("results=rows")) {
                return ROWS;
            }
            if (query.equals("results=false")) {
                return NONE;
            }
            throw new BadRequest(
                    "results", "keys (the default: each finished key), rows (every result line) or false expected");
        }
    }

    /** How a stream ended. */
    enum Ending {
        /** The job ended and every result was sent, then {@code end}. */
        END,
        /** Fell more than {@link #MAX_LAG_BYTES} behind: {@code dropped}. */
        BEHIND,
        /** Lasted its time limit: {@code dropped}. */
        TIME_LIMIT,
        /** The connection failed under a write: the client went away, or stopped reading and was cut. */
        BROKEN
    }

    /**
     * @param ending       how it ended.
     * @param lastId       the id of the last result the client was sent (or had, by its {@code Last-Event-ID}).
     * @param writeBlockMs for {@link Ending#BROKEN}: how long the failed write had been blocked.
     */
    record Outcome(Ending ending, long lastId, long writeBlockMs) {}

    private final long maxLagBytes;
    private final long maxStreamMs;
    private final EpochClock clock;
    private final ScheduledThreadPoolExecutor publisher;
    /** The feeds followed now, each by one stream or more; guards {@link #streamsOpen}. */
    private final Map<FeedKey, JobFeed> feeds = new HashMap<>();

    private int streamsOpen;

    private record FeedKey(ServedJob job, Follow follow) {}

    /**
     * @param maxLagBytes how far a stream may fall behind ({@link #MAX_LAG_BYTES} in a server).
     * @param maxStreamMs how long a stream may last before it is dropped (its client reconnects).
     */
    JobEvents(final long maxLagBytes, final long maxStreamMs, final EpochClock clock) {
        this.maxLagBytes = maxLagBytes;
        this.maxStreamMs = maxStreamMs;
        this.clock = clock;
        this.publisher = new ScheduledThreadPoolExecutor(1, runnable -> {
            final Thread thread = new Thread(runnable, "event-feeds");
            thread.setDaemon(true);
            return thread;
        });
        publisher.setKeepAliveTime(10, TimeUnit.SECONDS);
        publisher.allowCoreThreadTimeOut(true);
    }

    @Override
    public void close() {
        publisher.shutdownNow();
    }

    /**
     * Streams the job's events until it ended and every line was sent, the stream fell behind or ran out of time, or
     * the connection failed.
     *
     * @param lastEventId the {@code Last-Event-ID} the client sent, or 0.
     * @param follow      what to send as {@code result} events.
     * @throws IOException when the job's file cannot be read (the job was deleted under the stream).
     */
    Outcome stream(final ServedJob job, final long lastEventId, final Follow follow, final EventOutput out)
            throws IOException, InterruptedException {
        final Sender sender = new Sender(out);
        sender.lastId = lastEventId;
        final JobFeed feed = attach(job, follow);
        try {
            final Outcome outcome = follow(job, feed, lastEventId, sender);
            sender.finish();
            return outcome;
        } catch (final ConnectionBroken broken) {
            return new Outcome(Ending.BROKEN, sender.lastId, clock.time() - sender.writeStartMs);
        } finally {
            detach(job, follow, feed);
        }
    }

    private JobFeed attach(final ServedJob job, final Follow follow) {
        synchronized (feeds) {
            final Path file = switch (follow) {
                case KEYS -> job.keysFile();
                case ROWS -> job.resultsFile();
                case NONE -> null;
            };
            final JobFeed feed = feeds.computeIfAbsent(
                    new FeedKey(job, follow), key -> new JobFeed(job, file, publisher, this::publishDelayMs));
            feed.addWaiter(Thread.currentThread());
            streamsOpen++;
            return feed;
        }
    }

    private void detach(final ServedJob job, final Follow follow, final JobFeed feed) {
        synchronized (feeds) {
            streamsOpen--;
            if (feed.removeWaiter(Thread.currentThread()) == 0) {
                feeds.remove(new FeedKey(job, follow));
                feed.close();
            }
        }
    }

    /**
     * How long a change waits for more before it is published: {@link #PUBLISH_DELAY_US_PER_STREAM} for each stream
     * open, within {@link #MIN_PUBLISH_DELAY_MS} and {@link #MAX_PUBLISH_DELAY_MS}: each publication wakes every stream
     * of the job to write, so with many streams open they write larger pieces, less often.
     */
    private long publishDelayMs() {
        final long delayMs;
        synchronized (feeds) {
            delayMs = streamsOpen * PUBLISH_DELAY_US_PER_STREAM / 1000;
        }
        return Math.max(MIN_PUBLISH_DELAY_MS, Math.min(MAX_PUBLISH_DELAY_MS, delayMs));
    }

    private Outcome follow(final ServedJob job, final JobFeed feed, final long lastEventId, final Sender sender)
            throws IOException, InterruptedException {
        final JobFeed.Chunk opened = feed.open();
        final long startMs = clock.time();
        final Outcome droppedEarly = catchUp(feed, opened, lastEventId, startMs, sender);
        if (droppedEarly != null) {
            return droppedEarly;
        }
        JobFeed.Chunk sent = opened;
        long lastProgressMs = Long.MIN_VALUE;
        for (; ; ) {
            if (feed.tail().fileEnd - sent.fileEnd - opened.fileEnd > maxLagBytes) {
                return droppedBehind(sender);
            }
            long lastLine = -1;
            int written = 0;
            for (JobFeed.Chunk next = sent.next; next != null && written < SEND_BYTES; next = sent.next) {
                if (next.failure != null) {
                    throw new IOException(next.failure.getMessage(), next.failure);
                }
                final int from = next.eventsAfter(lastEventId);
                if (from >= 0) {
                    sender.write(next, from);
                    written += next.events.length - from;
                    lastLine = next.nextLine() - 1;
                }
                sent = next;
            }
            final long nowMs = clock.time();
            // with results, progress comes along once half its interval passed: a stream wakes about once a publication
            final long progressDueMs = written > 0 ? PROGRESS_INTERVAL_MS / 2 : PROGRESS_INTERVAL_MS;
            final boolean progressDue = !sent.last
                    && nowMs - startMs < maxStreamMs
                    && (lastProgressMs == Long.MIN_VALUE || nowMs - lastProgressMs >= progressDueMs);
            if (progressDue) {
                lastProgressMs = nowMs;
                // also publishes lines that came with no change told (a file written by another hand, as tests do)
                feed.changed();
                sender.write("event: progress\ndata: " + progress(job) + "\n\n");
            }
            if (written > 0 || progressDue) {
                sender.flush();
            }
            if (written > 0) {
                sender.lastId = lastLine;
            }
            if (sent.last) {
                sender.send("event: end\ndata: " + progress(job) + "\n\n");
                return new Outcome(Ending.END, sender.lastId, 0);
            }
            if (nowMs - startMs >= maxStreamMs) {
                return droppedAtTimeLimit(sender);
            }
            if (sent.next == null) {
                final long untilProgressMs = Math.max(1, lastProgressMs + PROGRESS_INTERVAL_MS - clock.time());
                LockSupport.parkNanos(this, untilProgressMs * 1_000_000);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    }

    /**
     * Sends, from the file, the lines after {@code lastEventId} that the feed had before the stream opened.
     *
     * @return null when all were sent; else how the stream ended meanwhile.
     */
    private Outcome catchUp(
            final JobFeed feed,
            final JobFeed.Chunk opened,
            final long lastEventId,
            final long startMs,
            final Sender sender)
            throws IOException {
        final Path file = feed.file();
        if (file == null || lastEventId >= opened.nextLine() - 1) {
            return null;
        }
        final long end = Math.min(opened.fileEnd, Files.size(file));
        final JobFeed.LineReader reader = new JobFeed.LineReader(file);
        while (reader.offset() < end) {
            final JobFeed.Chunk lines = reader.next(end);
            final int from = lines.eventsAfter(lastEventId);
            if (from >= 0) {
                sender.write(lines, from);
                sender.flush();
                sender.lastId = lines.nextLine() - 1;
            }
            if (feed.tail().fileEnd - lines.fileEnd - opened.fileEnd > maxLagBytes) {
                return droppedBehind(sender);
            }
            if (clock.time() - startMs >= maxStreamMs) {
                return droppedAtTimeLimit(sender);
            }
        }
        return null;
    }

    private Outcome droppedBehind(final Sender sender) throws IOException {
        return sender.dropped(
                Ending.BEHIND, "this stream fell more than " + (maxLagBytes >> 10) + " KiB behind the job's results");
    }

    private Outcome droppedAtTimeLimit(final Sender sender) throws IOException {
        return sender.dropped(Ending.TIME_LIMIT, "this stream reached its time limit of " + maxStreamMs / 1000 + " s");
    }

    private static String progress(final ServedJob job) throws IOException {
        final ObjectNode node = JSON.createObjectNode();
        node.put("id", job.id());
        node.put("state", job.state());
        if (!job.error().isEmpty()) {
            node.put("error", job.error());
        }
        node.put("tasks", job.tasks());
        node.put("done", job.finished());
        node.put("ok", job.ok());
        node.put("failed", job.notOk());
        return JSON.writeValueAsString(node);
    }

    /** Writes events, remembering the last result id sent and when the current write began. */
    private final class Sender {
        private final EventOutput out;
        long lastId;
        long writeStartMs;

        Sender(final EventOutput out) {
            this.out = out;
        }

        /** Writes the event and sends it with what was written before. */
        void send(final String event) throws ConnectionBroken {
            write(event);
            flush();
        }

        /** Writes the event, to be sent at the next {@link #flush()}. */
        void write(final String event) throws ConnectionBroken {
            final byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
            writing(() -> out.write(bytes, 0, bytes.length));
        }

        /** Writes the chunk's events from {@code from} on, to be sent at the next {@link #flush()}. */
        void write(final JobFeed.Chunk chunk, final int from) throws ConnectionBroken {
            writing(() -> out.write(chunk, from));
        }

        void flush() throws ConnectionBroken {
            writing(out::flush);
        }

        void finish() throws ConnectionBroken {
            writing(out::finish);
        }

        private void writing(final Write write) throws ConnectionBroken {
            writeStartMs = clock.time();
            try {
                write.run();
            } catch (final IOException ex) {
                throw new ConnectionBroken(ex);
            }
        }

        Outcome dropped(final Ending why, final String message) throws IOException {
            final ObjectNode data = JSON.createObjectNode();
            data.put("last_id", lastId);
            data.put("reason", why == Ending.BEHIND ? "behind" : "time_limit");
            data.put("message", message + "; reconnect with Last-Event-ID: " + lastId + " to go on from there");
            send("event: dropped\ndata: " + JSON.writeValueAsString(data) + "\n\n");
            return new Outcome(why, lastId, 0);
        }
    }

    /** A write to the client's connection. */
    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    /** A write to the client failed: the connection is gone. */
    private static final class ConnectionBroken extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectionBroken(final IOException cause) {
            super(cause);
        }
    }
}

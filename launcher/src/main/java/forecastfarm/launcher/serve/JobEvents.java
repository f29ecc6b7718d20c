package forecastfarm.launcher.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.agrona.concurrent.EpochClock;

/**
 * {@code GET /v1/jobs/{id}/events}: Server-Sent Events of one job. What a stream follows is the client's choice
 * ({@link Follow}): by default each finished key is an event {@code result} ({@code {"key", "status", "rows"}}, a line
 * of the job's keys file) whose id is its line number in that file; with {@code ?results=rows} each line of the
 * job's results file is one; with {@code ?results=false} there are none. A client that reconnects with
 * {@code Last-Event-ID: N} gets the lines after N and nothing twice; {@code progress} ({@code state, tasks, done, ok,
 * failed}) comes every {@link #PROGRESS_INTERVAL_MS} and {@code end} (the job's summary) closes the stream. The
 * stream follows a file rather than a queue in memory: a slow reader falls behind in the file, holds only its own
 * connection, and never slows the farm.
 *
 * <p>A stream is bounded in how far it falls behind and in how long it lasts. When the job has written more than
 * {@link #MAX_LAG_BYTES} to the file it follows beyond what the stream has sent (counted from where the stream stood
 * when it opened, so a reader catching up on a long job's earlier results is not behind), or when the stream has lasted
 * its time limit, it ends with {@code dropped}: {@code {"last_id": N, "reason": "behind"|"time_limit", "message"}},
 * and the client goes on by reconnecting with {@code Last-Event-ID: N}. A reader that stops reading altogether blocks
 * the stream's write, where none of this can run: the HTTP server's response time limit cuts that connection (see
 * {@link FarmServer}).
 */
final class JobEvents {
    static final long PROGRESS_INTERVAL_MS = 1_000;
    /** How far a stream may fall behind in the file it follows, beyond where it stood when it opened. */
    static final long MAX_LAG_BYTES = 4L << 20;

    private static final long POLL_MS = 20;
    private static final int CHUNK_BYTES = 64 * 1024;
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

    /**
     * @param maxLagBytes how far a stream may fall behind ({@link #MAX_LAG_BYTES} in a server).
     * @param maxStreamMs how long a stream may last before it is dropped (its client reconnects).
     */
    JobEvents(final long maxLagBytes, final long maxStreamMs, final EpochClock clock) {
        this.maxLagBytes = maxLagBytes;
        this.maxStreamMs = maxStreamMs;
        this.clock = clock;
    }

    /**
     * Streams the job's events until it ended and every line was sent, the stream fell behind or ran out of time, or
     * the connection failed.
     *
     * @param lastEventId the {@code Last-Event-ID} the client sent, or 0.
     * @param follow      what to send as {@code result} events.
     * @throws IOException when the job's file cannot be read (the job was deleted under the stream).
     */
    Outcome stream(final ServedJob job, final long lastEventId, final Follow follow, final OutputStream out)
            throws IOException, InterruptedException {
        final Sender sender = new Sender(out);
        try {
            return follow(job, lastEventId, follow, sender);
        } catch (final ConnectionBroken broken) {
            return new Outcome(Ending.BROKEN, sender.lastId, clock.time() - sender.writeStartMs);
        }
    }

    private Outcome follow(final ServedJob job, final long lastEventId, final Follow follow, final Sender sender)
            throws IOException, InterruptedException {
        final Path file = follow == Follow.ROWS ? job.resultsFile() : job.keysFile();
        final long startMs = clock.time();
        sender.lastId = lastEventId;
        long line = 0;
        long offset = 0;
        long backlogAtOpen = -1;
        long lastProgressMs = Long.MIN_VALUE;
        final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        for (; ; ) {
            final long seen = job.changes();
            final long readNs = System.nanoTime();
            final boolean ended = job.isEnded();
            final long length = follow != Follow.NONE && Files.exists(file) ? Files.size(file) : 0;
            if (length < offset) {
                // the job was reopened after a restart and its file rewritten from the start
                offset = 0;
                line = 0;
                partial.reset();
            }
            if (backlogAtOpen < 0) {
                backlogAtOpen = length;
            }
            final long unsent = length - (offset - partial.size());
            if (unsent - backlogAtOpen > maxLagBytes) {
                return sender.dropped(
                        Ending.BEHIND,
                        "this stream fell more than " + (maxLagBytes >> 10) + " KiB behind the job's results");
            }
            if (length > offset) {
                offset += read(file, offset, (int) Math.min(CHUNK_BYTES, length - offset), partial);
                line = sendLines(partial, line, lastEventId, sender);
            }
            final long nowMs = clock.time();
            if (ended && offset == length && partial.size() == 0) {
                sender.send("event: end\ndata: " + progress(job) + "\n\n");
                return new Outcome(Ending.END, sender.lastId, 0);
            }
            if (nowMs - startMs >= maxStreamMs) {
                return sender.dropped(
                        Ending.TIME_LIMIT, "this stream reached its time limit of " + maxStreamMs / 1000 + " s");
            }
            if (lastProgressMs == Long.MIN_VALUE || nowMs - lastProgressMs >= PROGRESS_INTERVAL_MS) {
                lastProgressMs = nowMs;
                sender.send("event: progress\ndata: " + progress(job) + "\n\n");
            }
            if (offset >= length) {
                // nothing to send: wait for the job's next result or its end (or the next progress), then let a few
                // more results come, so that a busy job costs each stream one read and one write per POLL_MS
                final long untilProgressMs = Math.max(1, lastProgressMs + PROGRESS_INTERVAL_MS - clock.time());
                if (follow == Follow.NONE) {
                    job.awaitEnd(untilProgressMs);
                    continue;
                }
                job.awaitChange(seen, untilProgressMs);
                final long restNs = POLL_MS * 1_000_000 - (System.nanoTime() - readNs);
                if (restNs > 0) {
                    Thread.sleep(restNs / 1_000_000, (int) (restNs % 1_000_000));
                }
            }
        }
    }

    private static int read(final Path path, final long offset, final int count, final ByteArrayOutputStream to)
            throws IOException {
        final byte[] chunk = new byte[count];
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            file.seek(offset);
            file.readFully(chunk);
        }
        to.write(chunk);
        return count;
    }

    /**
     * Sends each whole line in {@code partial} after {@code lastEventId}, in one write (a watcher costs the server one
     * write per poll, not one per result), and keeps the unfinished rest.
     */
    private static long sendLines(
            final ByteArrayOutputStream partial, final long linesBefore, final long lastEventId, final Sender sender)
            throws IOException {
        final byte[] bytes = partial.toByteArray();
        final StringBuilder events = new StringBuilder();
        long line = linesBefore;
        long lastSent = -1;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                if (line > lastEventId) {
                    events.append("id: ")
                            .append(line)
                            .append("\nevent: result\ndata: ")
                            .append(new String(bytes, start, i - start, StandardCharsets.UTF_8))
                            .append("\n\n");
                    lastSent = line;
                }
                start = i + 1;
            }
        }
        if (lastSent > 0) {
            sender.send(events.toString());
            sender.lastId = lastSent;
        }
        partial.reset();
        partial.write(bytes, start, bytes.length - start);
        return line;
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
        private final OutputStream out;
        long lastId;
        long writeStartMs;

        Sender(final OutputStream out) {
            this.out = out;
        }

        void send(final String event) throws ConnectionBroken {
            writeStartMs = clock.time();
            try {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
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

    /** A write to the client failed: the connection is gone. */
    private static final class ConnectionBroken extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectionBroken(final IOException cause) {
            super(cause);
        }
    }
}

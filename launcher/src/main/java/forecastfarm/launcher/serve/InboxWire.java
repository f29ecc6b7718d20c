package forecastfarm.launcher.serve;

import forecastfarm.shared.wire.FarmQueues;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The farm dir's inbox: jobs submitted by processes on the same host through Chronicle queues instead of HTTP. Each
 * submitting process makes an inbox of its own, {@code <farm-dir>/serve/inbox/<name>/}, with two queues, so that
 * every queue has one writer in its lifetime (as all the farm's queues): {@code requests}, written by the client,
 * and {@code replies}, written by the server, one reply per request in request order. The client writes
 * {@code done} in the inbox when it has its replies; the server then deletes the inbox.
 *
 * <pre>
 *   request  +------+-----------+--------+------------------+-------------+------------+
 *            | 0x51 | requestId | token  | idempotencyKey   | bodyLength  | body       |
 *            | byte | utf8      | utf8   | utf8 ("" = none) | int         | bytes      |
 *            +------+-----------+--------+------------------+-------------+------------+
 *   reply    +------+-----------+--------+-------------+------------+
 *            | 0x52 | requestId | status | bodyLength  | body       |
 *            | byte | utf8      | int    | int         | JSON bytes |
 *            +------+-----------+--------+-------------+------------+
 * </pre>
 *
 * A reply's status and body are those {@code POST /v1/jobs} would have answered. A request travels only with the
 * farm dir's own permissions (owner-only) and still carries a client's token, which names the client as over HTTP.
 */
public final class InboxWire {
    /** Under the farm dir: one folder per submitting process. */
    public static final String INBOX_DIR = "serve/inbox";

    public static final String REQUESTS = "requests";
    public static final String REPLIES = "replies";
    /** Written by the client once it has read its replies: the server may delete the inbox. */
    public static final String DONE = "done";
    /** The largest request body an inbox carries; a larger one goes over HTTP. */
    public static final int MAX_BODY_BYTES = FarmQueues.MAX_MESSAGE_BYTES - 4096;

    private static final byte REQUEST = 0x51;
    private static final byte REPLY = 0x52;

    /** A job submitted through an inbox. */
    public record Request(String requestId, String token, String idempotencyKey, byte[] body) {}

    /** The server's answer to one request. */
    public record Reply(String requestId, int status, byte[] body) {}

    private InboxWire() {}

    /** @return the folder of all inboxes of a farm dir. */
    public static Path inboxes(final Path farmDir) {
        return farmDir.resolve(INBOX_DIR);
    }

    public static void write(final ExcerptAppender appender, final Request request) {
        try (DocumentContext dc = appender.writingDocument()) {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(REQUEST);
            bytes.writeUtf8(request.requestId());
            bytes.writeUtf8(request.token());
            bytes.writeUtf8(request.idempotencyKey() == null ? "" : request.idempotencyKey());
            bytes.writeInt(request.body().length);
            bytes.write(request.body());
        }
    }

    public static void write(final ExcerptAppender appender, final Reply reply) {
        try (DocumentContext dc = appender.writingDocument()) {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(REPLY);
            bytes.writeUtf8(reply.requestId());
            bytes.writeInt(reply.status());
            bytes.writeInt(reply.body().length);
            bytes.write(reply.body());
        }
    }

    /** @return the next request, or null when there is none yet. */
    public static Request readRequest(final ExcerptTailer tailer) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            expect(bytes.readByte(), REQUEST);
            final String requestId = bytes.readUtf8();
            final String token = bytes.readUtf8();
            final String key = bytes.readUtf8();
            final byte[] body = new byte[bytes.readInt()];
            bytes.read(body);
            return new Request(requestId, token, key.isEmpty() ? null : key, body);
        }
    }

    /** @return the next reply, or null when there is none yet. */
    public static Reply readReply(final ExcerptTailer tailer) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            expect(bytes.readByte(), REPLY);
            final String requestId = bytes.readUtf8();
            final int status = bytes.readInt();
            final byte[] body = new byte[bytes.readInt()];
            bytes.read(body);
            return new Reply(requestId, status, body);
        }
    }

    private static void expect(final byte type, final byte expected) {
        if (type != expected) {
            throw new IllegalStateException("unknown message type " + type + " in an inbox queue");
        }
    }
}

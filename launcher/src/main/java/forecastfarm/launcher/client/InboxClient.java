package forecastfarm.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.serve.InboxWire;
import forecastfarm.shared.wire.FarmQueues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;

/**
 * Submits a job through the farm dir's inbox ({@link InboxWire}) rather than HTTP: a process on the server's host
 * with the farm dir at hand. The inbox is this process's own; it is marked done when the reply came, and the server
 * deletes it.
 */
final class InboxClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MS = 1;

    private InboxClient() {}

    /** @return true when the farm dir has an inbox that takes a body of this size. */
    static boolean usable(final Path farmDir, final int bodyBytes) {
        return farmDir != null
                && bodyBytes <= InboxWire.MAX_BODY_BYTES
                && Files.isDirectory(InboxWire.inboxes(farmDir));
    }

    /**
     * @param idempotencyKey required: a request answered again after a restart of the server finds its job.
     * @return the accepted job's summary, as {@code POST /v1/jobs} gives it.
     * @throws ServedFarmException for a refusal (with its status) or no answer in {@code timeoutMs}.
     */
    static JsonNode submit(
            final Path farmDir,
            final String token,
            final String idempotencyKey,
            final byte[] body,
            final long timeoutMs) {
        final String requestId = UUID.randomUUID().toString();
        final Path inbox = InboxWire.inboxes(farmDir).resolve(requestId);
        final InboxWire.Reply reply;
        try (ChronicleQueue requests = FarmQueues.open(inbox.resolve(InboxWire.REQUESTS));
                ChronicleQueue replies = FarmQueues.open(inbox.resolve(InboxWire.REPLIES))) {
            final ExcerptTailer tailer = replies.createTailer();
            InboxWire.write(requests.createAppender(), new InboxWire.Request(requestId, token, idempotencyKey, body));
            reply = await(tailer, requestId, timeoutMs, inbox);
        }
        try {
            Files.writeString(inbox.resolve(InboxWire.DONE), "");
        } catch (final IOException ignored) {
            // the server deletes an inbox left without its mark a while after its reply
        }
        final JsonNode answer;
        try {
            answer = JSON.readTree(reply.body());
        } catch (final IOException ex) {
            throw new ServedFarmException("the inbox's reply to " + requestId + " is not JSON: " + ex.getMessage());
        }
        if (reply.status() / 100 != 2) {
            throw new ServedFarmException(
                    "submit through the inbox " + inbox + ": " + reply.status() + " "
                            + answer.path("error").asText("(no message)")
                            + (answer.has("field")
                                    ? " (field " + answer.get("field").asText() + ")"
                                    : ""),
                    reply.status());
        }
        return answer;
    }

    private static InboxWire.Reply await(
            final ExcerptTailer tailer, final String requestId, final long timeoutMs, final Path inbox) {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000;
        for (; ; ) {
            final InboxWire.Reply reply = InboxWire.readReply(tailer);
            if (reply != null && reply.requestId().equals(requestId)) {
                return reply;
            }
            if (reply == null) {
                if (System.nanoTime() > deadlineNs) {
                    throw new ServedFarmException("no answer through the inbox " + inbox + " in " + timeoutMs / 1000
                            + " s: is 'farm serve' running on this farm dir? (the request stays there and is"
                            + " answered when the server starts)");
                }
                try {
                    Thread.sleep(POLL_MS);
                } catch (final InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new ServedFarmException("interrupted while waiting for the inbox's answer");
                }
            }
        }
    }
}

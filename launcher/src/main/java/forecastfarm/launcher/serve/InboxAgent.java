package forecastfarm.launcher.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.shared.wire.FarmQueues;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the farm dir's inbox ({@link InboxWire}): finds the inboxes of submitting processes, answers
 * each request as {@code POST /v1/jobs} would ({@link Submissions}) and deletes an inbox once its client marked it
 * done, or {@link #ABANDONED_MS} after its last reply when the client went away. A request is answered once: at a
 * start, the replies already in an inbox say how many of its requests were answered; a request read but not
 * answered when the server was killed is answered at the next start, and its Idempotency-Key (the client always sends
 * one) finds the job it may already have made.
 */
final class InboxAgent implements AutoCloseable {
    static final long ABANDONED_MS = 10 * 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(InboxAgent.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long IDLE_MS = 5;
    private static final long SCAN_INTERVAL_MS = 20;

    private final Path root;
    private final ApiTokens tokens;
    private final Submissions submissions;
    private final LongSupplier clockMs;
    private final Map<Path, Inbox> inboxes = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long lastScanMs;

    private InboxAgent(
            final Path root, final ApiTokens tokens, final Submissions submissions, final LongSupplier clockMs) {
        this.root = root;
        this.tokens = tokens;
        this.submissions = submissions;
        this.clockMs = clockMs;
        this.thread = new Thread(this::run, "serve-inbox");
        this.thread.setDaemon(true);
    }

    /** Starts answering the inboxes under {@code <farmDir>/serve/inbox}. */
    static InboxAgent start(final Path farmDir, final ApiTokens tokens, final Submissions submissions)
            throws IOException {
        final Path root = InboxWire.inboxes(farmDir);
        Files.createDirectories(root);
        final InboxAgent agent = new InboxAgent(root, tokens, submissions, System::currentTimeMillis);
        agent.thread.start();
        return agent;
    }

    private void run() {
        while (running) {
            try {
                if (doWork() == 0) {
                    Thread.sleep(IDLE_MS);
                }
            } catch (final InterruptedException ex) {
                return;
            } catch (final RuntimeException ex) {
                LOG.error("the inbox failed; it goes on", ex);
            }
        }
    }

    /** @return the requests answered. */
    int doWork() {
        final long nowMs = clockMs.getAsLong();
        if (nowMs - lastScanMs >= SCAN_INTERVAL_MS) {
            lastScanMs = nowMs;
            scan();
        }
        int answered = 0;
        for (final Iterator<Inbox> it = inboxes.values().iterator(); it.hasNext(); ) {
            final Inbox inbox = it.next();
            answered += inbox.answer(nowMs);
            if (inbox.finished(nowMs)) {
                inbox.delete();
                it.remove();
            }
        }
        return answered;
    }

    private void scan() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (final Path dir : dirs) {
                if (!inboxes.containsKey(dir) && ready(dir)) {
                    inboxes.put(dir, new Inbox(dir, clockMs.getAsLong()));
                }
            }
        } catch (final IOException ex) {
            LOG.warn("cannot list the inboxes in {}: {}", root, ex.toString());
        }
    }

    /** The client made both queues before it wrote its first request. */
    private static boolean ready(final Path dir) {
        return Files.exists(dir.resolve(InboxWire.REQUESTS).resolve("metadata.cq4t"))
                && Files.exists(dir.resolve(InboxWire.REPLIES).resolve("metadata.cq4t"));
    }

    private InboxWire.Reply reply(final InboxWire.Request request) {
        final Optional<String> client = tokens.client("Bearer " + request.token());
        Submissions.Answer answer;
        if (client.isEmpty()) {
            answer = Submissions.Answer.error(
                    401, "authorization", "no client has this token (the tokens are in <farm-dir>/api-token)", 0);
        } else {
            try {
                answer = submissions.submit(client.get(), request.body(), request.idempotencyKey());
            } catch (final RuntimeException ex) {
                LOG.error("inbox request {} failed", request.requestId(), ex);
                answer = Submissions.Answer.error(500, null, "internal error: " + ex, 0);
            }
        }
        if (answer.job() != null) {
            LOG.info("job {} of {} accepted through the inbox", answer.job().id(), client.orElse("?"));
        }
        try {
            return new InboxWire.Reply(request.requestId(), answer.status(), JSON.writeValueAsBytes(answer.body()));
        } catch (final IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
        inboxes.values().forEach(Inbox::close);
        inboxes.clear();
    }

    /** One submitting process's inbox. */
    private final class Inbox {
        private final Path dir;
        private final ChronicleQueue requests;
        private final ChronicleQueue replies;
        private final ExcerptTailer tailer;
        private final ExcerptAppender appender;
        private long lastActivityMs;

        Inbox(final Path dir, final long nowMs) {
            this.dir = dir;
            this.requests = FarmQueues.open(dir.resolve(InboxWire.REQUESTS));
            this.replies = FarmQueues.open(dir.resolve(InboxWire.REPLIES));
            this.tailer = requests.createTailer();
            this.appender = replies.createAppender();
            this.lastActivityMs = nowMs;
            final ExcerptTailer answered = replies.createTailer();
            while (InboxWire.readReply(answered) != null) {
                InboxWire.readRequest(tailer);
            }
        }

        int answer(final long nowMs) {
            int count = 0;
            for (InboxWire.Request request = InboxWire.readRequest(tailer);
                    request != null;
                    request = InboxWire.readRequest(tailer)) {
                InboxWire.write(appender, reply(request));
                lastActivityMs = nowMs;
                count++;
            }
            return count;
        }

        boolean finished(final long nowMs) {
            return Files.exists(dir.resolve(InboxWire.DONE)) || nowMs - lastActivityMs > ABANDONED_MS;
        }

        void close() {
            requests.close();
            replies.close();
        }

        void delete() {
            close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (final IOException ex) {
                LOG.warn("cannot delete the inbox {}: {}", dir, ex.toString());
            }
        }
    }
}

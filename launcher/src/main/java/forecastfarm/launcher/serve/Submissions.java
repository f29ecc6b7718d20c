package forecastfarm.launcher.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.io.TimeSettings;
import java.util.Map;

/**
 * Taking a job, whichever way its request came ({@code POST /v1/jobs} or the farm dir's inbox): the request checked
 * whole, the farm's capacity, the client's Idempotency-Key, and the job made durable before the answer.
 */
final class Submissions {
    static final String JOBS = "/v1/jobs";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final JobBook book;
    private final Map<String, String> knownKinds;
    private final TimeSettings time;
    private final AllowedDirs inputDirs;
    private final int maxAliveJobs;
    private volatile boolean accepting = true;

    /**
     * An answer to a submission: an HTTP status and its JSON body.
     *
     * @param job         the job accepted (202) or found under the key, null for a refusal.
     * @param retryAfterS seconds after which to retry (429, 503), 0 when not to.
     */
    record Answer(int status, ObjectNode body, ServedJob job, int retryAfterS) {
        static Answer error(final int status, final String field, final String message, final int retryAfterS) {
            final ObjectNode error = JSON.createObjectNode().put("error", message);
            if (field != null) {
                error.put("field", field);
            }
            return new Answer(status, error, null, retryAfterS);
        }
    }

    Submissions(
            final JobBook book,
            final Map<String, String> knownKinds,
            final TimeSettings time,
            final AllowedDirs inputDirs,
            final int maxAliveJobs) {
        this.book = book;
        this.knownKinds = knownKinds;
        this.time = time;
        this.inputDirs = inputDirs;
        this.maxAliveJobs = maxAliveJobs;
    }

    /** No new jobs from now on (the server is draining). */
    void stopAccepting() {
        accepting = false;
    }

    boolean accepting() {
        return accepting;
    }

    /**
     * @param client         the authenticated client.
     * @param idempotencyKey null for none.
     * @return 202 and the job; 400 for a request wrong as a whole, 422 for a key used for another body, 429 when
     *     the farm is full, 503 while it drains.
     */
    Answer submit(final String client, final byte[] body, final String idempotencyKey) {
        if (!accepting) {
            return Answer.error(503, null, "the server is draining: it takes no new jobs", 5);
        }
        final JobRequest request;
        try {
            if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
                throw new BadRequest("Idempotency-Key", "1 to " + MAX_IDEMPOTENCY_KEY + " characters expected");
            }
            request = JobRequest.parse(body, knownKinds, time, inputDirs);
        } catch (final BadRequest ex) {
            return Answer.error(400, ex.field(), ex.getMessage(), 0);
        }
        if (book.alive() >= maxAliveJobs) {
            return Answer.error(429, null, "the farm has " + maxAliveJobs + " jobs queued or running; retry later", 1);
        }
        if (idempotencyKey == null) {
            return accepted(book.accept(client, body, request, null));
        }
        final JobBook.Acceptance acceptance = book.acceptOnce(client, idempotencyKey, body, request);
        if (acceptance.conflict()) {
            return Answer.error(
                    422,
                    "Idempotency-Key",
                    "this key was used for another request body (job "
                            + acceptance.job().id() + "); use a new key for a new job",
                    0);
        }
        return accepted(acceptance.job());
    }

    private static Answer accepted(final ServedJob job) {
        return new Answer(202, summary(job), job, 0);
    }

    /** @return a job's state and counts, as {@code GET /v1/jobs/{id}} shows them. */
    static ObjectNode summary(final ServedJob job) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("id", job.id());
        node.put("client", job.client());
        node.put("type", job.request().type());
        node.put("kind", job.request().kind());
        node.put("state", job.state());
        if (!job.error().isEmpty()) {
            node.put("error", job.error());
        }
        node.put("tasks", job.tasks());
        node.put("done", job.finished());
        node.put("ok", job.ok());
        node.put("failed", job.notOk());
        node.put("created_ms", job.createdMs());
        if (job.isEnded()) {
            node.put("ended_ms", job.endedMs());
        }
        final long elapsedMs = System.currentTimeMillis() - job.createdMs();
        if (!job.isEnded() && job.finished() > 0) {
            node.put(
                    "eta_s", Math.round(elapsedMs / 1e3 * (job.tasks() - job.finished()) / job.finished() * 10) / 10.0);
        } else {
            node.putNull("eta_s");
        }
        node.put("results", JOBS + "/" + job.id() + "/results");
        return node;
    }
}

package forecastfarm.launcher.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/JSON API of a served farm, on the JDK's own HTTP server ({@code com.sun.net.httpserver}: no dependency,
 * on every Java 17+, enough for a loopback API of small JSON documents and streamed files):
 *
 * <pre>
 *   GET    /v1/health                 up or not; the only request without a token
 *   POST   /v1/jobs                   a job (see {@link JobRequest}): 202 + Location, 400, 413, 429
 *   GET    /v1/jobs                   the client's jobs
 *   GET    /v1/jobs/{id}              state, tasks, done, ok, failed, ETA
 *   GET    /v1/jobs/{id}/results      NDJSON (see {@link ResultLines}), as far as the job got
 *   GET    /v1/jobs/{id}/results?table=metrics   a cv job's metrics, NDJSON ({@link CvResultLines})
 *   GET    /v1/jobs/{id}/events       Server-Sent Events: each finished key, progress, end ({@link JobEvents})
 *   DELETE /v1/jobs/{id}              cancel, then delete: 204
 *   GET    /metrics                   Prometheus text
 * </pre>
 *
 * Every request but health needs {@code Authorization: Bearer <token>} ({@link ApiTokens}); a client sees and
 * deletes only its own jobs. Errors are {@code {"error": ..., "field": ...}}. With a TLS context it serves HTTPS
 * ({@link HttpBinding}).
 *
 * <p>Every response is bounded in time: the JDK server closes a connection whose response has not completed within
 * its {@value #MAX_RESPONSE_TIME_PROP} (seconds, read once, when the JVM's first server is made; set here from
 * {@code --max-response-time}). That is the one way its API offers to free a thread blocked writing to a client that
 * stopped reading (a blocked write holds the stream's lock, so closing the exchange from another thread would block
 * too). Event streams end themselves, resumable, at {@link #STREAM_SHARE_PERCENT}% of that time, so the cut reaches
 * only a stream whose write is stuck.
 */
final class FarmServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FarmServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOBS = Submissions.JOBS;
    /** The JDK server's limit on a response's time, in seconds (see the {@code jdk.httpserver} module summary). */
    static final String MAX_RESPONSE_TIME_PROP = "sun.net.httpserver.maxRspTime";
    /** An event stream ends itself, resumable, after this share of the response time limit. */
    static final int STREAM_SHARE_PERCENT = 90;

    private final HttpServer http;
    private final ExecutorService executor;
    private final ApiTokens tokens;
    private final JobBook book;
    private final Submissions submissions;
    private final FarmDirectory farm;
    private final int maxBodyBytes;
    private final JobEvents events;
    private final EventStreams streams = new EventStreams();

    private FarmServer(
            final HttpServer http,
            final ApiTokens tokens,
            final JobBook book,
            final Submissions submissions,
            final FarmDirectory farm,
            final int maxBodyBytes,
            final long maxResponseS) {
        this.http = http;
        this.tokens = tokens;
        this.book = book;
        this.submissions = submissions;
        this.farm = farm;
        this.maxBodyBytes = maxBodyBytes;
        this.events = new JobEvents(
                JobEvents.MAX_LAG_BYTES, maxResponseS * 1000 * STREAM_SHARE_PERCENT / 100, SystemEpochClock.INSTANCE);
        // a thread per exchange: an event stream holds its thread for as long as it follows its job
        this.executor = Executors.newCachedThreadPool(runnable -> {
            final Thread thread = new Thread(runnable, "serve-http");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Binds and starts serving.
     *
     * @param tls         serve HTTPS with it, or null: plain HTTP (on a loopback address only, as the options check).
     * @param submissions takes the jobs POSTed.
     * @param maxResponseMs a response not complete after this is cut (rounded up to whole seconds); must be set before
     *                      anything in this JVM made a JDK HTTP server, which reads the limit once.
     */
    static FarmServer start(
            final InetSocketAddress listen,
            final SSLContext tls,
            final ApiTokens tokens,
            final JobBook book,
            final Submissions submissions,
            final FarmDirectory farm,
            final int maxBodyBytes,
            final long maxResponseMs)
            throws IOException {
        final long maxResponseS = Math.max(1, (maxResponseMs + 999) / 1000);
        System.setProperty(MAX_RESPONSE_TIME_PROP, Long.toString(maxResponseS));
        final HttpServer http = HttpBinding.bind(listen, tls);
        final FarmServer server = new FarmServer(http, tokens, book, submissions, farm, maxBodyBytes, maxResponseS);
        http.setExecutor(server.executor);
        http.createContext("/", server::handle);
        http.start();
        return server;
    }

    /** @return {@code http://} or {@code https://}, and where it listens. */
    String url() {
        return HttpBinding.url(http);
    }

    @Override
    public void close() {
        http.stop(1);
        executor.shutdownNow();
        events.close();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            answer(exchange);
        }
    }

    private void answer(final HttpExchange exchange) throws IOException {
        try {
            final String path = exchange.getRequestURI().getPath();
            final String method = exchange.getRequestMethod();
            if (path.equals("/v1/health")) {
                send(exchange, 200, JSON.createObjectNode().put("status", submissions.accepting() ? "up" : "draining"));
                return;
            }
            final Optional<String> client =
                    tokens.client(exchange.getRequestHeaders().getFirst("Authorization"));
            if (client.isEmpty()) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                sendError(
                        exchange,
                        401,
                        "authorization",
                        "Authorization: Bearer <token> expected (the token is in" + " <farm-dir>/api-token)");
                return;
            }
            route(exchange, method, path, client.get());
        } catch (final BadRequest ex) {
            sendError(exchange, 400, ex.field(), ex.getMessage());
        } catch (final RuntimeException ex) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), ex);
            sendError(exchange, 500, null, "internal error: " + ex);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            sendError(exchange, 503, null, "the server is stopping");
        }
    }

    private void route(final HttpExchange exchange, final String method, final String path, final String client)
            throws IOException, InterruptedException {
        if (path.equals("/metrics") && method.equals("GET")) {
            sendText(exchange, ServeMetrics.render(book, farm) + streams.metrics());
            return;
        }
        if (path.equals(JOBS)) {
            switch (method) {
                case "POST" -> submit(exchange, client);
                case "GET" -> list(exchange, client);
                default -> sendError(exchange, 405, null, "GET or POST expected on " + JOBS);
            }
            return;
        }
        if (!path.startsWith(JOBS + "/")) {
            sendError(exchange, 404, null, "no such resource: " + path);
            return;
        }
        final String[] parts = path.substring(JOBS.length() + 1).split("/", -1);
        final Optional<ServedJob> job =
                book.get(parts[0]).filter(j -> j.client().equals(client));
        if (job.isEmpty()) {
            sendError(exchange, 404, "id", "no job " + parts[0] + " of client " + client);
            return;
        }
        if (parts.length == 1 && method.equals("GET")) {
            send(exchange, 200, Submissions.summary(job.get()));
        } else if (parts.length == 1 && method.equals("DELETE")) {
            book.delete(job.get());
            exchange.sendResponseHeaders(204, -1);
        } else if (parts.length == 2 && parts[1].equals("results") && method.equals("GET")) {
            results(exchange, job.get());
        } else if (parts.length == 2 && parts[1].equals("events") && method.equals("GET")) {
            events(exchange, job.get());
        } else {
            sendError(exchange, 404, null, "no such resource: " + method + " " + path);
        }
    }

    private void submit(final HttpExchange exchange, final String client) throws IOException {
        final byte[] body = readBody(exchange);
        if (body == null) {
            sendError(exchange, 413, "body", "the request body is over " + maxBodyBytes + " bytes; split the job");
            return;
        }
        final Submissions.Answer answer =
                submissions.submit(client, body, exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        if (answer.job() != null) {
            exchange.getResponseHeaders()
                    .add("Location", JOBS + "/" + answer.job().id());
        }
        if (answer.retryAfterS() > 0) {
            exchange.getResponseHeaders().add("Retry-After", Integer.toString(answer.retryAfterS()));
        }
        send(exchange, answer.status(), answer.body());
    }

    private void list(final HttpExchange exchange, final String client) throws IOException {
        final ArrayNode jobs = JSON.createArrayNode();
        book.all().stream()
                .filter(job -> job.client().equals(client))
                .forEach(job -> jobs.add(Submissions.summary(job)));
        send(exchange, 200, JSON.createObjectNode().set("jobs", jobs));
    }

    private void results(final HttpExchange exchange, final ServedJob job) throws IOException {
        final Path file = resultsTable(exchange.getRequestURI().getQuery(), job);
        exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
        exchange.getResponseHeaders().add("X-Job-State", job.state());
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            if (Files.exists(file)) {
                // only whole lines: the job may be appending the next one
                final byte[] bytes = Files.readAllBytes(file);
                int end = bytes.length;
                while (end > 0 && bytes[end - 1] != '\n') {
                    end--;
                }
                out.write(bytes, 0, end);
            }
        }
    }

    /**
     * @param query the request's query: none or {@code table=results} for the results, {@code table=metrics} for a cv
     *              job's metrics.
     * @throws BadRequest naming {@code table} for another table, or metrics of a job that has none.
     */
    private static Path resultsTable(final String query, final ServedJob job) {
        if (query == null || query.equals("table=results")) {
            return job.resultsFile();
        }
        if (!query.equals("table=metrics")) {
            throw new BadRequest("table", "?table=results (the default) or ?table=metrics (a cv job's) expected");
        }
        if (!job.hasMetrics()) {
            throw new BadRequest("table", "a " + job.request().type() + " job has no metrics; a cv job has");
        }
        return job.metricsFile();
    }

    private void events(final HttpExchange exchange, final ServedJob job) throws IOException, InterruptedException {
        final String last = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        long lastEventId = 0;
        if (last != null) {
            try {
                lastEventId = Long.parseLong(last.strip());
            } catch (final NumberFormatException ex) {
                throw new BadRequest("Last-Event-ID", "the id of the last event received (a number) expected");
            }
        }
        final JobEvents.Follow follow =
                JobEvents.Follow.of(exchange.getRequestURI().getQuery());
        if (!streams.tryOpen()) {
            exchange.getResponseHeaders().add("Retry-After", "5");
            sendError(exchange, 503, null, EventStreams.MAX_OPEN + " event streams are open; retry later");
            return;
        }
        try {
            final boolean gzip =
                    EventOutput.acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().add("Cache-Control", "no-cache");
            exchange.getResponseHeaders().add("Vary", "Accept-Encoding");
            if (gzip) {
                exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            }
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                final EventOutput out = gzip ? EventOutput.gzip(body) : EventOutput.identity(body);
                streams.ended(job, events.stream(job, lastEventId, follow, out));
            } catch (final IOException ex) {
                LOG.debug("event stream of {} ended: {}", job.id(), ex.toString());
            }
        } finally {
            streams.closed();
        }
    }

    /**
     * @return the body, or null when it is over the bound. An oversized body is read on (and dropped) up to a few
     *     times the bound so that the client, still sending, can read the 413; past that the connection is cut.
     */
    private byte[] readBody(final HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            final byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length <= maxBodyBytes) {
                return body;
            }
            long dropped = 0;
            final byte[] sink = new byte[64 * 1024];
            for (int n = in.read(sink); n > 0 && dropped < 4L * maxBodyBytes; n = in.read(sink)) {
                dropped += n;
            }
            return null;
        }
    }

    private static void send(final HttpExchange exchange, final int status, final Object body) throws IOException {
        final byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sendText(final HttpExchange exchange, final String text) throws IOException {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sendError(
            final HttpExchange exchange, final int status, final String field, final String message)
            throws IOException {
        final ObjectNode error = JSON.createObjectNode().put("error", message);
        if (field != null) {
            error.put("field", field);
        }
        send(exchange, status, error);
    }
}

package forecastfarm.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.serve.Server;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A client of a served farm's HTTP API ({@code farm serve}), for the command line's {@code submit}, {@code jobs},
 * {@code status}, {@code results} and {@code cancel}. Every refusal and every failure to reach the server is a
 * {@link ServedFarmException} saying what to do.
 */
public final class ServedFarm {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    /** How long a submission through the inbox waits for the server's answer. */
    private static final long INBOX_TIMEOUT_MS = 30_000;

    private final HttpClient http;
    private final String url;
    private final String token;
    /** The farm dir whose inbox takes submissions, or null to submit over HTTP. */
    private final Path inboxFarmDir;

    private ServedFarm(final String url, final String token, final Path inboxFarmDir) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
        this.inboxFarmDir = inboxFarmDir;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * Jobs go through the farm dir's inbox (Chronicle queues, {@code InboxWire}) when the farm dir is given and no
     * URL; everything else goes over HTTP.
     *
     * @param url   the server's base URL, or null to read {@code <farmDir>/serve.url}.
     * @param token the bearer token, or null to read {@code <farmDir>/api-token} (the {@code default} client's).
     * @throws ServedFarmException when the farm dir does not say what is missing.
     */
    public static ServedFarm connect(final Path farmDir, final String url, final String token) {
        if ((url == null || token == null) && farmDir == null) {
            throw new ServedFarmException(
                    "name the served farm with --farm-dir D (its serve.url and api-token are read there), or give"
                            + " --url and --token-file");
        }
        final String base = url != null
                ? url
                : read(
                        farmDir.resolve(Server.URL_FILE),
                        "is 'farm serve --farm-dir " + farmDir + "' running? it writes this file once it is ready");
        final String bearer = token != null
                ? token
                : read(
                        farmDir.resolve(Server.TOKEN_FILE),
                        "is " + farmDir + " a served farm's dir? 'farm serve' writes the token there at its first"
                                + " start");
        return new ServedFarm(base, bearer, url == null ? farmDir : null);
    }

    /** @return the first line of a small file (a URL, a token), which must exist. */
    public static String read(final Path file, final String hint) {
        try {
            final String text = Files.readString(file).strip();
            if (text.isEmpty()) {
                throw new ServedFarmException(file + " is empty; " + hint);
            }
            return text.lines().findFirst().orElseThrow();
        } catch (final NoSuchFileException ex) {
            throw new ServedFarmException(file + " does not exist; " + hint);
        } catch (final IOException ex) {
            throw new ServedFarmException("cannot read " + file + ": " + ex.getMessage());
        }
    }

    public String url() {
        return url;
    }

    /** @return how jobs are submitted: the inbox's folder, or the URL. */
    public String submitsThrough() {
        return inboxFarmDir != null ? "the inbox in " + inboxFarmDir : url;
    }

    /**
     * {@code POST /v1/jobs}.
     *
     * @param idempotencyKey the same key and body give the same job (a rerun attaches to it), or null.
     * @return the accepted job's summary ({@code id, state, tasks, ...}).
     */
    public JsonNode submit(final byte[] body, final String idempotencyKey) {
        if (InboxClient.usable(inboxFarmDir, body.length)) {
            final String key = idempotencyKey != null ? idempotencyKey : "inbox-" + java.util.UUID.randomUUID();
            return InboxClient.submit(inboxFarmDir, token, key, body, INBOX_TIMEOUT_MS);
        }
        final HttpRequest.Builder request = request("/v1/jobs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return json(send(request.build()));
    }

    /** {@code GET /v1/jobs/{id}}. */
    public JsonNode job(final String id) {
        return json(send(request("/v1/jobs/" + id).GET().build()));
    }

    /** {@code GET /v1/jobs}: this client's jobs. */
    public JsonNode jobs() {
        return json(send(request("/v1/jobs").GET().build()));
    }

    /** {@code DELETE /v1/jobs/{id}}: cancels the job, then deletes it and its results. */
    public void cancel(final String id) {
        close(send(request("/v1/jobs/" + id).DELETE().build()));
    }

    /**
     * {@code GET /v1/jobs/{id}/results}: each NDJSON line to {@code line}, as it streams in.
     */
    public void results(final String id, final Consumer<JsonNode> line) {
        results(id, null, line);
    }

    /**
     * @param table null for the results, {@code metrics} for a cv job's metrics ({@code ?table=metrics}).
     */
    public void results(final String id, final String table, final Consumer<JsonNode> line) {
        final HttpResponse<InputStream> response =
                send(request("/v1/jobs/" + id + "/results" + (table == null ? "" : "?table=" + table))
                        .GET()
                        .build());
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                if (!text.isBlank()) {
                    line.accept(JSON.readTree(text));
                }
            }
        } catch (final IOException ex) {
            throw new ServedFarmException("the results of job " + id + " from " + url + " broke off: " + ex.getMessage()
                    + "; run the same command again");
        }
    }

    private HttpRequest.Builder request(final String path) {
        return HttpRequest.newBuilder(URI.create(url + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    /** @return the response of a 2xx; any other status is the server's error, thrown. */
    private HttpResponse<InputStream> send(final HttpRequest request) {
        final HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (final ConnectException ex) {
            throw new ServedFarmException("no farm answers at " + url + " (connection refused): is 'farm serve'"
                    + " running? it writes serve.url in its farm dir when it is ready");
        } catch (final IOException ex) {
            throw new ServedFarmException("cannot reach the farm at " + url + ": " + ex);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ServedFarmException("interrupted while waiting for " + url);
        }
        if (response.statusCode() / 100 != 2) {
            throw refusal(request, response);
        }
        return response;
    }

    private static ServedFarmException refusal(final HttpRequest request, final HttpResponse<InputStream> response) {
        String error;
        try (InputStream body = response.body()) {
            final JsonNode node = JSON.readTree(body.readAllBytes());
            error = node.path("error").asText("(no message)")
                    + (node.has("field") ? " (field " + node.get("field").asText() + ")" : "");
        } catch (final IOException | RuntimeException ex) {
            error = "(no readable message)";
        }
        final String retry = response.headers()
                .firstValue("Retry-After")
                .map(s -> "; retry after " + s + " s")
                .orElse("");
        return new ServedFarmException(
                request.method() + " " + request.uri().getPath() + ": " + response.statusCode() + " " + error + retry,
                response.statusCode());
    }

    private static JsonNode json(final HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            return JSON.readTree(body.readAllBytes());
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void close(final HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (final IOException ignored) {
            // nothing more to read
        }
    }
}

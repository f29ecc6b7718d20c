package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.FarmCli;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@code farm serve} processes for tests, and an HTTP client that speaks to them with their token. */
public abstract class ServeProcesses {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    protected Path tmp;

    final List<Process> servers = new ArrayList<>();
    /** The client of {@link #call}: one that trusts a test certificate for an HTTPS server. */
    HttpClient http = HTTP;
    /** JVM options of the servers started from now on (system properties). */
    protected List<String> serverJvmOptions = List.of();

    protected String url;
    protected String token;

    @AfterEach
    void stopServers() throws Exception {
        for (final Process server : servers) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    protected Process serve(final Path farmDir, final String name, final String... extra) throws Exception {
        Files.deleteIfExists(farmDir.resolve("serve.url"));
        final List<String> command = FarmTestSupport.javaCommand(
                FarmCli.class.getName(), "serve", "--farm-dir", farmDir.toString(), "--workers", "2");
        command.addAll(1, serverJvmOptions);
        command.addAll(List.of(extra));
        if (!List.of(extra).contains("--listen")) {
            command.addAll(List.of("--listen", "127.0.0.1:0"));
        }
        final Process server = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile())
                .start();
        servers.add(server);
        return server;
    }

    protected void awaitReady(final Path farmDir, final Process server, final String name) throws Exception {
        final long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(farmDir.resolve("serve.url"))) {
            assertTrue(server.isAlive(), "the server died: " + Files.readString(tmp.resolve(name + ".err")));
            assertTrue(System.currentTimeMillis() < deadline, "the server did not start in 60 s");
            Thread.sleep(50);
        }
        url = Files.readString(farmDir.resolve("serve.url")).strip();
        token = Files.readString(farmDir.resolve("api-token")).strip();
    }

    protected HttpResponse<String> call(final String method, final String path, final String body, final String bearer)
            throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    protected HttpResponse<String> call(final String method, final String path, final String body) throws Exception {
        return call(method, path, body, token);
    }

    /** Posts a job that must be accepted. @return its id. */
    protected String submit(final String body) throws Exception {
        final HttpResponse<String> accepted = call("POST", "/v1/jobs", body);
        assertEquals(202, accepted.statusCode(), accepted.body());
        return JSON.readTree(accepted.body()).path("id").asText();
    }

    /** @return the job's state once it is neither queued nor running (within 120 s). */
    protected JsonNode awaitEnded(final String id) throws Exception {
        return awaitEnded(id, 120_000);
    }

    /** @return the job's state once it is neither queued nor running, within {@code timeoutMs}. */
    protected JsonNode awaitEnded(final String id, final long timeoutMs) throws Exception {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        for (; ; ) {
            final JsonNode job =
                    JSON.readTree(call("GET", "/v1/jobs/" + id, null).body());
            if (!List.of("queued", "running").contains(job.path("state").asText())) {
                return job;
            }
            assertTrue(System.currentTimeMillis() < deadline, "job " + id + " did not end: " + job);
            Thread.sleep(20);
        }
    }

    HttpResponse<String> keyed(final String key, final String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url + "/v1/jobs"))
                        .header("Authorization", "Bearer " + token)
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

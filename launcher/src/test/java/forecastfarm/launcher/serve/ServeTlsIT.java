package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.examples.ExampleBuild;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code farm serve --tls-cert --tls-key} as a real process: HTTPS with the given certificate (serve.url says
 * {@code https://}), a client that trusts it runs a forecast job end to end, one that does not cannot connect, the
 * Python client reaches it with {@code cafile}, and a connection that sends nothing is closed by the request-time
 * bound.
 */
@Tag("process")
class ServeTlsIT extends ServeProcesses {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The request-time bound of this test's server, in seconds (the default is 120). */
    private static final int MAX_REQUEST_S = 5;

    @Test
    void servesHttpsWithTheGivenCertificate() throws Exception {
        final TestCertificates.Pair pair = TestCertificates.generate(tmp, "server", "RSA");
        final Path farmDir = tmp.resolve("farm");
        serverJvmOptions = List.of("-Dsun.net.httpserver.maxReqTime=" + MAX_REQUEST_S);
        final Process server = serve(
                farmDir,
                "tls",
                "--tls-cert",
                pair.cert().toString(),
                "--tls-key",
                pair.key().toString());
        awaitReady(farmDir, server, "tls");
        assertTrue(url.startsWith("https://127.0.0.1:"), url);
        http = HttpClient.newBuilder()
                .sslContext(TestCertificates.trusting(pair.certificate()))
                .build();

        assertEquals(200, call("GET", "/v1/health", null, null).statusCode());
        assertEquals(401, call("GET", "/v1/jobs", null, null).statusCode(), "TLS does not replace the token");
        final HttpResponse<String> accepted = call(
                "POST",
                "/v1/jobs",
                "{\"type\": \"forecast\", \"horizon\": 2, \"models\": [\"naive\"], \"series\": [{\"id\": \"AAPL\","
                        + " \"y\": [1, 2, 3, 4, 5]}, {\"id\": \"MSFT\", \"y\": [5, 4, 3, 2, 1]}]}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        final String id = JSON.readTree(accepted.body()).path("id").asText();
        final long deadline = System.currentTimeMillis() + 60_000;
        JsonNode job = JSON.readTree(call("GET", "/v1/jobs/" + id, null).body());
        while (List.of("queued", "running").contains(job.path("state").asText())) {
            assertTrue(System.currentTimeMillis() < deadline, "the job did not end: " + job);
            Thread.sleep(50);
            job = JSON.readTree(call("GET", "/v1/jobs/" + id, null).body());
        }
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        final List<String> rows =
                call("GET", "/v1/jobs/" + id + "/results", null).body().lines().toList();
        assertEquals(4, rows.size(), "2 series x 2 steps: " + rows);
        for (final String row : rows) {
            final JsonNode line = JSON.readTree(row);
            assertEquals(
                    line.path("unique_id").asText().equals("AAPL") ? 5.0 : 1.0,
                    line.path("forecast").asDouble(),
                    row);
        }

        assertThrows(
                IOException.class,
                () -> HTTP.send(
                        HttpRequest.newBuilder(URI.create(url + "/v1/health")).build(),
                        HttpResponse.BodyHandlers.ofString()),
                "a client that does not trust the certificate cannot connect");
        pythonClientReachesIt(farmDir, pair.cert());
        aConnectionThatSendsNothingIsClosed();
    }

    /** The stdlib Python client with {@code cafile}: health and the job list over HTTPS. */
    private void pythonClientReachesIt(final Path farmDir, final Path cert) throws Exception {
        final String python = python();
        if (python == null) {
            return; // ServePythonClientIT says when the machine has no python3
        }
        final Path clients = ExampleBuild.REPO.resolve("scripts/clients/python");
        final Process check = new ProcessBuilder(
                        python,
                        "-c",
                        "import sys; sys.path.insert(0, sys.argv[1]); from forecastfarm_client import FarmClient;"
                                + " farm = FarmClient(farm_dir=sys.argv[2], cafile=sys.argv[3]);"
                                + " print(farm.health()['status'], len(farm.jobs()), farm.url[:8])",
                        clients.toString(),
                        farmDir.toString(),
                        cert.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("python.out").toFile())
                .start();
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        final String output = Files.readString(tmp.resolve("python.out"));
        assertEquals(0, check.exitValue(), output);
        assertEquals("up 1 https://", output.strip());
    }

    /** Connects, sends nothing: the server closes the connection once the request time has passed. */
    private void aConnectionThatSendsNothingIsClosed() throws Exception {
        final URI uri = URI.create(url);
        try (Socket idle = new Socket(uri.getHost(), uri.getPort())) {
            idle.setSoTimeout(60_000);
            final long started = System.nanoTime();
            final InputStream in = idle.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (final java.net.SocketException reset) {
                read = -1;
            }
            final double waitedS = (System.nanoTime() - started) / 1e9;
            assertEquals(-1, read, "closed, not answered");
            assertTrue(waitedS > MAX_REQUEST_S - 1 && waitedS < MAX_REQUEST_S + 10, "closed after " + waitedS + " s");
        }
    }

    private static String python() {
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            final Path candidate = Path.of(dir, "python3");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}

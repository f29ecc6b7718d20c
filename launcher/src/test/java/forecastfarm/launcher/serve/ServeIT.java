package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code farm serve} as a real process hit by a real HTTP client: authentication, refusals of bad requests, two jobs
 * sharing keys, results as NDJSON, delete, and a server killed with -9 mid-job whose job goes on after a restart.
 */
@Tag("process")
class ServeIT extends ServeProcesses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String forecastJob(
            final int horizon, final List<String> ids, final int length, final String models) {
        final Random random = new Random(horizon);
        final StringBuilder series = new StringBuilder();
        for (final String id : ids) {
            final StringBuilder y = new StringBuilder();
            double value = 100;
            for (int t = 0; t < length; t++) {
                value += random.nextGaussian();
                y.append(t == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.3f", value));
            }
            series.append(series.length() == 0 ? "" : ",")
                    .append("{\"id\": \"")
                    .append(id)
                    .append("\", \"y\": [")
                    .append(y)
                    .append("]}");
        }
        return "{\"type\": \"forecast\", \"horizon\": " + horizon + ", \"models\": [" + models
                + "], \"levels\": [80], \"series\": [" + series + "]}";
    }

    private static Map<String, Integer> rowsById(final String ndjson) throws Exception {
        final Map<String, Integer> rows = new HashMap<>();
        for (final String line : ndjson.split("\n")) {
            if (!line.isEmpty()) {
                rows.merge(
                        JSON.readTree(line)
                                .path(line.contains("\"unique_id\"") ? "unique_id" : "key")
                                .asText(),
                        1,
                        Integer::sum);
            }
        }
        return rows;
    }

    @Test
    void servesJobsToAuthenticatedClientsAndRefusesBadRequestsNamingTheField() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final Process server = serve(farmDir, "server", "--max-body-mb", "1");
        awaitReady(farmDir, server, "server");

        assertEquals(200, call("GET", "/v1/health", null, null).statusCode());
        assertEquals(401, call("GET", "/v1/jobs", null, null).statusCode());
        assertEquals(401, call("GET", "/v1/jobs", null, "not-the-token").statusCode());
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(farmDir.resolve("api-token"))));

        final Map<String, String> bad = Map.of(
                "{nope",
                "body",
                "{\"type\": \"forecast\", \"models\": [\"ets\"], \"series\": [{\"id\": \"A\", \"y\": [1]}]}",
                "horizon",
                "{\"type\": \"tasks\", \"kind\": \"nosuch\", \"tasks\": [{\"key\": \"a\", \"args\": {}}]}",
                "kind",
                "{\"type\": \"forecast\", \"horizon\": 2, \"models\": [\"etz\"], \"series\": [{\"id\": \"A\", \"y\": [1]}]}",
                "models",
                "{\"type\": \"forecast\", \"horizon\": 2, \"models\": [\"ets\"], \"series\": [{\"id\": \"A\", \"y\": [1]},"
                        + " {\"id\": \"A\", \"y\": [2]}]}",
                "series[1].id");
        for (final Map.Entry<String, String> request : bad.entrySet()) {
            final HttpResponse<String> response = call("POST", "/v1/jobs", request.getKey());
            assertEquals(400, response.statusCode(), response.body());
            assertEquals(
                    request.getValue(),
                    JSON.readTree(response.body()).path("field").asText(),
                    response.body());
        }
        assertEquals(
                413,
                call("POST", "/v1/jobs", "{\"pad\": \"" + "x".repeat(2 << 20) + "\"}")
                        .statusCode());
        assertEquals(
                0,
                JSON.readTree(call("GET", "/v1/jobs", null).body()).path("jobs").size(),
                "nothing accepted");

        // two jobs with the same keys at once: a forecast job of horizon 3, a task job of the forecast kind of 5
        final List<String> ids = List.of("AAPL", "MSFT", "NVDA");
        final HttpResponse<String> forecast = call("POST", "/v1/jobs", forecastJob(3, ids, 40, "\"naive\", \"ets\""));
        final HttpResponse<String> tasks = call(
                "POST",
                "/v1/jobs",
                "{\"type\": \"tasks\", \"kind\": \"forecast\", \"tasks\": [{\"key\": \"AAPL\", \"args\": {\"y\": [1, 2,"
                        + " 3, 4, 5, 6, 7, 8], \"horizon\": 5, \"season_length\": 1, \"models\": [\"naive\"]}},"
                        + " {\"key\": \"MSFT\", \"args\": \"not an object\"}]}");
        assertEquals(202, forecast.statusCode(), forecast.body());
        assertEquals(202, tasks.statusCode(), tasks.body());
        final String forecastId = JSON.readTree(forecast.body()).path("id").asText();
        assertEquals(
                "/v1/jobs/" + forecastId,
                forecast.headers().firstValue("Location").orElseThrow());
        final String tasksId = JSON.readTree(tasks.body()).path("id").asText();

        final JsonNode forecastEnd = awaitEnded(forecastId, 60_000);
        assertEquals("succeeded", forecastEnd.path("state").asText(), forecastEnd.toString());
        assertEquals(3, forecastEnd.path("ok").asInt());
        final String forecastRows =
                call("GET", "/v1/jobs/" + forecastId + "/results", null).body();
        assertEquals(Map.of("AAPL", 6, "MSFT", 6, "NVDA", 6), rowsById(forecastRows), "2 models x 3 steps each");
        assertTrue(forecastRows.contains("\"lo-80\""), forecastRows);

        // Server-Sent Events: each finished key once (with its rows), then end; every result line with
        // ?results=rows, resumed after Last-Event-ID
        final String keyEvents =
                call("GET", "/v1/jobs/" + forecastId + "/events", null).body();
        assertEquals(3, keyEvents.split("event: result\n", -1).length - 1, keyEvents);
        for (final String id : ids) {
            assertTrue(keyEvents.contains("data: {\"key\":\"" + id + "\",\"status\":\"OK\",\"rows\":6}"), keyEvents);
        }
        assertTrue(keyEvents.endsWith("\n\n") && keyEvents.contains("event: end\ndata: {"), keyEvents);
        final String events = call("GET", "/v1/jobs/" + forecastId + "/events?results=rows", null)
                .body();
        assertEquals(18, events.split("event: result\n", -1).length - 1, events);
        assertTrue(events.contains("id: 18\nevent: result\n"), events);
        assertTrue(events.endsWith("\n\n") && events.contains("event: end\ndata: {"), events);
        final String resumed = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url + "/v1/jobs/" + forecastId + "/events?results=rows"))
                                .header("Authorization", "Bearer " + token)
                                .header("Last-Event-ID", "10")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertEquals(8, resumed.split("event: result\n", -1).length - 1, resumed);
        assertTrue(resumed.startsWith("id: 11\n"), resumed);
        // a client that accepts gzip (as browsers do) gets the same events compressed
        final HttpResponse<byte[]> gzipped = HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/v1/jobs/" + forecastId + "/events?results=rows"))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept-Encoding", "gzip, deflate")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(""));
        try (java.util.zip.GZIPInputStream in =
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            final String inflated = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(
                    events.substring(0, events.indexOf("event: end")),
                    inflated.substring(0, inflated.indexOf("event: end")),
                    "the same result events");
        }
        assertEquals(
                400,
                call("GET", "/v1/jobs/" + forecastId + "/events?results=everything", null)
                        .statusCode());

        final JsonNode tasksEnd = awaitEnded(tasksId, 60_000);
        assertEquals(1, tasksEnd.path("ok").asInt(), tasksEnd.toString());
        assertEquals(1, tasksEnd.path("failed").asInt(), "the task whose args are not an object is INVALID");
        final String taskLines =
                call("GET", "/v1/jobs/" + tasksId + "/results", null).body();
        assertTrue(taskLines.contains("\"status\": \"INVALID\""), taskLines);
        final JsonNode aapl = JSON.readTree(taskLines
                .lines()
                .filter(l -> l.contains("\"AAPL\""))
                .findFirst()
                .orElseThrow());
        assertEquals(
                5, aapl.path("result").path("models").path("naive").path("mean").size(), "its own horizon");

        // the same Idempotency-Key and body: the same job; another body under that key: 422
        final String once = forecastJob(2, List.of("ONCE"), 20, "\"naive\"");
        final HttpResponse<String> first = keyed("k-1", once);
        final HttpResponse<String> again = keyed("k-1", once);
        assertEquals(202, first.statusCode(), first.body());
        assertEquals(
                JSON.readTree(first.body()).path("id").asText(),
                JSON.readTree(again.body()).path("id").asText(),
                "a retried POST gets the job it got before");
        final HttpResponse<String> other = keyed("k-1", forecastJob(3, List.of("ONCE"), 20, "\"naive\""));
        assertEquals(422, other.statusCode(), other.body());
        assertEquals(202, keyed("k-2", once).statusCode(), "a new key is a new job");
        awaitEnded(JSON.readTree(first.body()).path("id").asText(), 60_000);

        final String metrics = call("GET", "/metrics", null).body();
        assertTrue(metrics.contains("farm_jobs{state=\"succeeded\"}"), metrics);
        assertTrue(metrics.contains("farm_workers_alive 2"), metrics);

        // a client of its own, added while the server runs: it sees its own jobs only
        final String alice = Tokens.add(new forecastfarm.shared.FarmDirectory(farmDir), "alice");
        assertEquals(404, call("GET", "/v1/jobs/" + forecastId, null, alice).statusCode(), "not alice's job");
        final HttpResponse<String> hers =
                call("POST", "/v1/jobs", forecastJob(2, List.of("AAPL"), 20, "\"naive\""), alice);
        assertEquals(202, hers.statusCode(), hers.body());
        assertEquals("alice", JSON.readTree(hers.body()).path("client").asText());
        assertEquals(
                1,
                JSON.readTree(call("GET", "/v1/jobs", null, alice).body())
                        .path("jobs")
                        .size());
        assertEquals(
                404,
                call("GET", "/v1/jobs/" + JSON.readTree(hers.body()).path("id").asText(), null)
                        .statusCode());

        assertEquals(204, call("DELETE", "/v1/jobs/" + tasksId, null).statusCode());
        assertEquals(404, call("GET", "/v1/jobs/" + tasksId, null).statusCode());
        assertEquals(200, call("GET", "/v1/jobs/" + forecastId, null).statusCode(), "the other job is kept");
    }

    /** kill -9 of the server mid-job, then a new server: the accepted job goes on; each series' rows come once. */
    @Test
    void aJobAcceptedBeforeTheServerWasKilledFinishesAfterARestart() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final Process first = serve(farmDir, "first");
        awaitReady(farmDir, first, "first");
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            ids.add("S" + i);
        }
        final HttpResponse<String> accepted = call("POST", "/v1/jobs", forecastJob(4, ids, 72, "\"ets\", \"arima\""));
        assertEquals(202, accepted.statusCode(), accepted.body());
        final String id = JSON.readTree(accepted.body()).path("id").asText();
        final long deadline = System.currentTimeMillis() + 60_000;
        while (JSON.readTree(call("GET", "/v1/jobs/" + id, null).body())
                        .path("done")
                        .asInt()
                < 20) {
            assertTrue(System.currentTimeMillis() < deadline, "the job never got going");
            Thread.sleep(20);
        }
        final JsonNode before =
                JSON.readTree(call("GET", "/v1/jobs/" + id, null).body());
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(before.path("done").asInt() < ids.size(), "killed mid-job: " + before);

        final Process second = serve(farmDir, "second");
        awaitReady(farmDir, second, "second");
        assertTrue(
                Files.readString(tmp.resolve("second.out")).contains("1 accepted jobs continue"),
                Files.readString(tmp.resolve("second.out")));
        final JsonNode end = awaitEnded(id, 120_000);
        assertEquals("succeeded", end.path("state").asText(), end.toString());
        assertEquals(ids.size(), end.path("done").asInt(), end.toString());
        final Map<String, Integer> rows =
                rowsById(call("GET", "/v1/jobs/" + id + "/results", null).body());
        assertEquals(ids.size(), rows.size());
        for (final String series : ids) {
            assertEquals(8, rows.get(series), series + ": 2 models x 4 steps, once");
        }
        assertFalse(
                JSON.readTree(call("GET", "/v1/jobs", null).body()).path("jobs").isEmpty());
        final String tokenBefore = token;
        second.destroy(); // SIGTERM: a drain, the normal end of a server
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitCodes.OK, second.exitValue(), Files.readString(tmp.resolve("second.err")));
        assertEquals(tokenBefore, Files.readString(farmDir.resolve("api-token")).strip(), "the token is kept");
        assertFalse(Files.exists(farmDir.resolve("serve.url")), "no serve.url names a port nobody listens on");
    }

    /** 20 concurrent clients x 50 jobs each: every job succeeds with each of its keys' results exactly once. */
    @Test
    void manyConcurrentClientsEachGetEveryResultOnce() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final Process server = serve(farmDir, "server");
        awaitReady(farmDir, server, "server");
        final int clients = 20;
        final int jobsEach = 50;
        final List<String> tokens = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            tokens.add(Tokens.add(new forecastfarm.shared.FarmDirectory(farmDir), "client-" + c));
        }
        final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        final List<java.util.concurrent.Future<List<String>>> submitted = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            final String clientToken = tokens.get(c);
            final int client = c;
            submitted.add(pool.submit(() -> {
                final List<String> ids = new ArrayList<>();
                for (int j = 0; j < jobsEach; j++) {
                    final HttpResponse<String> accepted = call(
                            "POST",
                            "/v1/jobs",
                            forecastJob(2, List.of("C" + client, "J" + j, "SHARED"), 16, "\"naive\""),
                            clientToken);
                    assertEquals(202, accepted.statusCode(), accepted.body());
                    ids.add(JSON.readTree(accepted.body()).path("id").asText());
                }
                return ids;
            }));
        }
        for (int c = 0; c < clients; c++) {
            for (final String id : submitted.get(c).get(120, TimeUnit.SECONDS)) {
                token = tokens.get(c);
                final JsonNode end = awaitEnded(id, 120_000);
                assertEquals("succeeded", end.path("state").asText(), end.toString());
                assertEquals(3, end.path("ok").asInt(), end.toString());
                final Map<String, Integer> rows = rowsById(
                        call("GET", "/v1/jobs/" + id + "/results", null).body());
                assertEquals(3, rows.size(), id + ": " + rows);
                rows.forEach((key, count) -> assertEquals(2, count, id + " " + key + ": 2 steps, once"));
            }
        }
        pool.shutdownNow();
    }

    /**
     * A client that goes away halfway through its upload makes no job; one that goes away mid-stream (events, results)
     * costs its job nothing; the server goes on serving both kinds of request.
     */
    @Test
    void clientsThatDisconnectMidUploadOrMidStreamHarmNothing() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final Process server = serve(farmDir, "server");
        awaitReady(farmDir, server, "server");
        final URI base = URI.create(url);
        final byte[] body = forecastJob(6, ids(40), 120, "\"ets\"").getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket upload = new java.net.Socket(base.getHost(), base.getPort())) {
            final java.io.OutputStream out = upload.getOutputStream();
            out.write(("POST /v1/jobs HTTP/1.1\r\nHost: farm\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
        }
        final HttpResponse<String> accepted = call("POST", "/v1/jobs", new String(body, StandardCharsets.UTF_8));
        assertEquals(202, accepted.statusCode(), accepted.body());
        final String id = JSON.readTree(accepted.body()).path("id").asText();
        for (final String stream : List.of("/events", "/results")) {
            try (java.net.Socket reader = new java.net.Socket(base.getHost(), base.getPort())) {
                reader.getOutputStream()
                        .write(("GET /v1/jobs/" + id + stream + " HTTP/1.1\r\nHost: farm\r\nAuthorization: Bearer "
                                        + token + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                reader.getOutputStream().flush();
                assertTrue(reader.getInputStream().readNBytes(64).length > 0, "the stream started");
            }
        }
        final JsonNode end = awaitEnded(id, 120_000);
        assertEquals("succeeded", end.path("state").asText(), end.toString());
        assertEquals(40, end.path("ok").asInt(), end.toString());
        final JsonNode jobs =
                JSON.readTree(call("GET", "/v1/jobs", null).body()).path("jobs");
        assertEquals(1, jobs.size(), "the broken upload made no job: " + jobs);
        assertEquals(
                40,
                rowsById(call("GET", "/v1/jobs/" + id + "/results", null).body())
                        .size());
        assertTrue(server.isAlive());
    }

    private static List<String> ids(final int count) {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("S" + i);
        }
        return ids;
    }

    @Test
    void anAddressOtherThanLoopbackWithoutTlsIsRefusedSayingWhyAndWhatToDo() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final Process server = serve(farmDir, "open", "--listen", "0.0.0.0:0");
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitCodes.USAGE, server.exitValue());
        final String err = Files.readString(tmp.resolve("open.err"));
        assertTrue(err.contains("error: --listen 0.0.0.0:0: an address other than loopback"), err);
        assertTrue(err.contains("needs TLS"), err);
        assertTrue(err.contains("give --tls-cert FILE --tls-key FILE (PEM)"), err);
        assertTrue(err.contains("through an SSH tunnel"), err);
        assertFalse(Files.exists(farmDir.resolve("serve.url")), "nothing served");
    }
}

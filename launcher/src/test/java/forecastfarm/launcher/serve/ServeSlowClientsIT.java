package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code farm serve} with clients that do not keep up, as real processes: a client that stops reading its event
 * stream neither slows the farm nor holds its connection past the response time limit, and resumes with
 * {@code Last-Event-ID}; a client capped at one task in flight never has two.
 */
@Tag("process")
class ServeSlowClientsIT extends ServeProcesses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMPLETE_RESULT = Pattern.compile("id: (\\d+)\nevent: result\ndata: [^\n]*\n\n");
    private static final int MAX_RESPONSE_S = 6;

    /** A forecast job of {@code count} random-walk series, named {@code prefix0...}, of {@code horizon} steps. */
    private static String forecastJob(final String prefix, final int count, final int horizon) {
        final Random random = new Random(count);
        final StringBuilder series = new StringBuilder();
        for (int s = 0; s < count; s++) {
            final StringBuilder y = new StringBuilder();
            double value = 100;
            for (int t = 0; t < 24; t++) {
                value += random.nextGaussian();
                y.append(t == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", value));
            }
            series.append(s == 0 ? "" : ",")
                    .append("{\"id\": \"")
                    .append(prefix)
                    .append(s)
                    .append("\", \"y\": [")
                    .append(y)
                    .append("]}");
        }
        return "{\"type\": \"forecast\", \"horizon\": " + horizon + ", \"models\": [\"naive\"], \"levels\": [80, 95],"
                + " \"series\": [" + series + "]}";
    }

    /** @return the value of the Prometheus sample with exactly this name and labels, or -1 when absent. */
    private long metric(final String sample) throws Exception {
        for (final String line : call("GET", "/metrics", null).body().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Math.round(Double.parseDouble(line.substring(sample.length() + 1)));
            }
        }
        return -1;
    }

    /** The body of a chunked HTTP response as far as it came (a response cut mid-chunk keeps its whole chunks). */
    private static String chunkedBody(final byte[] raw) {
        final String text = new String(raw, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\r\n\r\n") + 4;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (at > 3) {
            final int lineEnd = text.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            final int size = Integer.parseInt(text.substring(at, lineEnd).trim(), 16);
            if (size == 0 || lineEnd + 2 + size > raw.length) {
                break;
            }
            body.write(raw, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static List<Long> completeResultIds(final String events) {
        final List<Long> ids = new ArrayList<>();
        for (final Matcher m = COMPLETE_RESULT.matcher(events); m.find(); ) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    /**
     * Follows a job's events from {@code lastId} to its end, reconnecting with {@code Last-Event-ID} whenever the
     * server drops the stream. @return the result ids received, in order.
     */
    private List<Long> resume(final String jobId, final long lastId) throws Exception {
        final List<Long> ids = new ArrayList<>();
        long last = lastId;
        for (int connection = 0; connection < 20; connection++) {
            final HttpResponse<Stream<String>> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + "/v1/jobs/" + jobId + "/events?results=rows"))
                            .header("Authorization", "Bearer " + token)
                            .header("Last-Event-ID", Long.toString(last))
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            String event = null;
            try (Stream<String> lines = response.body()) {
                for (final String line : (Iterable<String>) lines::iterator) {
                    if (line.startsWith("id: ")) {
                        last = Long.parseLong(line.substring(4));
                        ids.add(last);
                    } else if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    }
                }
            }
            if ("end".equals(event)) {
                return ids;
            }
            assertEquals("dropped", event, "a stream ends with end or dropped");
        }
        throw new AssertionError("the job's events did not come to their end in 20 connections");
    }

    /**
     * A client that asks for a job's events with every result row (the bulkiest stream) and never reads: its connection, its buffers as small as can be; the
     * server closes it after the response, however that ends.
     */
    private Socket stuckReader(final String jobId) throws IOException {
        final URI base = URI.create(url);
        final Socket socket = new Socket();
        socket.setReceiveBufferSize(4_096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        socket.getOutputStream()
                .write(("GET /v1/jobs/" + jobId + "/events?results=rows HTTP/1.1\r\nHost: " + base.getAuthority()
                                + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /**
     * The stuck reader reads at last: what it got ends before the job's end (cut, or dropped as behind); a new
     * connection with Last-Event-ID from the last result it had gets every other result once.
     */
    private void readAndResume(final Socket stuck, final String jobId, final String which) throws Exception {
        final long resultLines = call("GET", "/v1/jobs/" + jobId + "/results", null)
                .body()
                .lines()
                .count();
        final String got = chunkedBody(readAll(stuck));
        assertFalse(got.contains("event: end"), which + ": its stream ended before the job's end");
        final List<Long> had = completeResultIds(got);
        final long lastHad = had.isEmpty() ? 0 : had.get(had.size() - 1);
        assertEquals(had.size(), lastHad, which + ": from the first, in order, none twice");
        assertTrue(had.size() < resultLines, which + ": " + had.size() + " of " + resultLines);
        System.out.printf(
                "%s: it had %d of %d results (%d bytes)%s%n",
                which,
                had.size(),
                resultLines,
                got.length(),
                got.contains("event: dropped") ? ", then dropped" : ", then cut");

        final List<Long> all = new ArrayList<>(had);
        all.addAll(resume(jobId, lastHad));
        assertEquals(resultLines, all.size(), which + ": every result once");
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i), which + ": result ids in order, none twice or missing");
        }
    }

    /**
     * Clients that ask for events and read nothing. One asks for those of a job that has ended (14 MB of results):
     * its write blocks as soon as its socket buffers are full, and the file does not grow, so only the response time
     * limit can end it; the server cuts it (its thread and stream slot freed, the log says why). Another asks for
     * those of a job just submitted, which finishes about as fast as the same-sized job did alone; that stream ends
     * too, dropped as behind or cut. Each client, reading at last, resumes with Last-Event-ID and gets every result
     * it had not had, once.
     */
    @Test
    void clientsThatStopReadingAreCutWithoutSlowingTheFarmAndResume() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final Process server = serve(farmDir, "server", "--max-response-time", MAX_RESPONSE_S + "s");
        awaitReady(farmDir, server, "server");
        final int series = 1_500;
        final int horizon = 40;
        awaitEnded(submit(forecastJob("W", 300, horizon)), 120_000); // the workers warm up

        long startMs = System.currentTimeMillis();
        final String endedJob = submit(forecastJob("A", series, horizon));
        awaitEnded(endedJob, 120_000);
        final long aloneMs = System.currentTimeMillis() - startMs;

        try (Socket onEnded = stuckReader(endedJob)) {
            startMs = System.currentTimeMillis();
            final String runningJob = submit(forecastJob("B", series, horizon));
            try (Socket onRunning = stuckReader(runningJob)) {
                final JsonNode end = awaitEnded(runningJob, 120_000);
                final long besideStuckMs = System.currentTimeMillis() - startMs;
                assertEquals("succeeded", end.path("state").asText(), end.toString());
                System.out.printf("alone %d ms, beside the stuck readers %d ms%n", aloneMs, besideStuckMs);
                assertTrue(
                        besideStuckMs < 2 * aloneMs + 5_000,
                        "the job beside stuck readers took " + besideStuckMs + " ms, alone " + aloneMs + " ms");

                final long deadline = System.currentTimeMillis() + (MAX_RESPONSE_S + 10) * 1000L;
                while (metric("farm_event_streams_ended_total{how=\"broken\"}") < 1
                        || metric("farm_event_streams_open") != 0) {
                    assertTrue(
                            System.currentTimeMillis() < deadline,
                            "the stuck streams were not cut: "
                                    + call("GET", "/metrics", null).body());
                    Thread.sleep(200);
                }
                assertEquals(
                        2,
                        metric("farm_event_streams_ended_total{how=\"broken\"}")
                                + metric("farm_event_streams_ended_total{how=\"behind\"}"),
                        "both stuck streams ended, cut or dropped as behind");
                assertTrue(
                        Files.readString(tmp.resolve("server.err")).contains("the client stopped reading"),
                        Files.readString(tmp.resolve("server.err")));

                readAndResume(onEnded, endedJob, "the reader of the ended job");
                readAndResume(onRunning, runningJob, "the reader of the running job");
            }
        }
    }

    /** @return every byte the peer sent until it closed or reset the connection. */
    private static byte[] readAll(final Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        final byte[] buffer = new byte[64 * 1024];
        try {
            final InputStream in = socket.getInputStream();
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                got.write(buffer, 0, n);
            }
        } catch (final SocketTimeoutException ex) {
            throw new AssertionError("the server kept the connection open: " + got.size() + " bytes read", ex);
        } catch (final IOException reset) {
            // a reset is a cut too
        }
        return got.toByteArray();
    }

    /** One client capped at 1 on 2 workers: sampled all along its job, it never has 2 tasks in flight. */
    @Test
    void aClientCappedAtOneTaskNeverHasTwoInFlight() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final Process server = serve(farmDir, "server", "--max-client-tasks", "1");
        awaitReady(farmDir, server, "server");
        final String jobId = submit(forecastJob("C", 300, 4));
        long samples = 0;
        long running = 0;
        for (; ; ) {
            final long inFlight = metric("farm_tasks{state=\"running\"}");
            assertTrue(inFlight <= 1, "tasks in flight: " + inFlight);
            samples++;
            running += inFlight;
            final String state = JSON.readTree(
                            call("GET", "/v1/jobs/" + jobId, null).body())
                    .path("state")
                    .asText();
            if (!List.of("queued", "running").contains(state)) {
                assertEquals("succeeded", state);
                break;
            }
            Thread.sleep(5);
        }
        assertTrue(running > 0, "a task was seen in flight in " + samples + " samples");
    }
}

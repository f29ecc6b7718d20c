package forecastfarm.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** The calls the serve benchmarks make to a served farm: a client token, submit, follow, time and cancel a job. */
final class ServeCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServeCalls() {}

    /** @return a new client's token ({@code farm token add}). */
    static String token(final Path farm, final Path farmDir, final String client, final Path scratch)
            throws IOException {
        BenchCommands.timed(
                List.of(farm.toString(), "token", "add", client, "--farm-dir", farmDir.toString()),
                scratch.resolve("token-" + client));
        final List<String> lines = Files.readAllLines(scratch.resolve("token-" + client));
        return lines.get(lines.size() - 1).strip();
    }

    static String post(final String url, final String token, final String body)
            throws IOException, InterruptedException {
        final HttpResponse<String> accepted = HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/v1/jobs"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("POST /v1/jobs: " + accepted.statusCode() + " " + accepted.body());
        }
        return JSON.readTree(accepted.body()).path("id").asText();
    }

    /** {@code DELETE /v1/jobs/{id}}: cancels the job and deletes it. */
    static void delete(final String url, final String token, final String id) throws IOException, InterruptedException {
        HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/v1/jobs/" + id))
                        .header("Authorization", "Bearer " + token)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode job(final String url, final String token, final String id)
            throws IOException, InterruptedException {
        return JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(url + "/v1/jobs/" + id))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    /**
     * @return ms from the POST to the job's {@code end} event on its event stream ({@code ?results=false}), which the
     *     server sends once the job's last result is written: how a client learns of the end without spending CPU
     */
    static double timeJob(final String url, final String token, final String body)
            throws IOException, InterruptedException {
        final long startNs = System.nanoTime();
        final String id = post(url, token, body);
        final HttpRequest events = HttpRequest.newBuilder(URI.create(url + "/v1/jobs/" + id + "/events?results=false"))
                .header("Authorization", "Bearer " + token)
                .build();
        try (Stream<String> lines =
                HTTP.send(events, HttpResponse.BodyHandlers.ofLines()).body()) {
            final Iterator<String> line = lines.iterator();
            while (line.hasNext()) {
                if (line.next().equals("event: end") && line.hasNext()) {
                    final double ms = (System.nanoTime() - startNs) / 1e6;
                    checkSucceeded(id, JSON.readTree(line.next().substring("data:".length())));
                    return ms;
                }
            }
        }
        throw new IllegalStateException("the event stream of job " + id + " closed before its end event");
    }

    /** @return ms from the POST to the first {@code GET /v1/jobs/{id}} (one a millisecond) that shows the job ended. */
    static double timeJobPolling(final String url, final String token, final String body)
            throws IOException, InterruptedException {
        final long startNs = System.nanoTime();
        final String id = post(url, token, body);
        final HttpRequest poll = HttpRequest.newBuilder(URI.create(url + "/v1/jobs/" + id))
                .header("Authorization", "Bearer " + token)
                .build();
        for (; ; ) {
            final JsonNode job = JSON.readTree(
                    HTTP.send(poll, HttpResponse.BodyHandlers.ofString()).body());
            final String state = job.path("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                final double ms = (System.nanoTime() - startNs) / 1e6;
                checkSucceeded(id, job);
                return ms;
            }
            Thread.sleep(1);
        }
    }

    private static void checkSucceeded(final String id, final JsonNode job) {
        if (!job.path("state").asText().equals("succeeded")
                || job.path("ok").asInt() != job.path("tasks").asInt()) {
            throw new IllegalStateException("job " + id + " ended " + job);
        }
    }
}

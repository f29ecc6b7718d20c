package forecastfarm.launcher.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.serve.InboxWire;
import forecastfarm.launcher.serve.ServeProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Jobs submitted through the farm dir's inbox (Chronicle queues) to a real {@code farm serve}: accepted and run as
 * over HTTP, refused as over HTTP, the inbox deleted once answered; a request left in the inbox while the server was
 * killed with -9 is answered, once, when it starts again.
 */
@Tag("process")
class ServeInboxIT extends ServeProcesses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] JOB = ("{\"type\": \"forecast\", \"horizon\": 3, \"models\": [\"naive\"], \"series\": ["
                    + "{\"id\": \"A\", \"y\": [1, 2, 3, 4, 5, 6]}, {\"id\": \"B\", \"y\": [6, 5, 4, 3, 2, 1]}]}")
            .getBytes(StandardCharsets.UTF_8);

    private static long inboxes(final Path farmDir) throws Exception {
        try (Stream<Path> dirs = Files.list(InboxWire.inboxes(farmDir))) {
            return dirs.count();
        }
    }

    @Test
    void jobsComeInThroughTheInboxAndAreRefusedAsOverHttp() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        awaitReady(farmDir, serve(farmDir, "server"), "server");
        final ServedFarm farm = ServedFarm.connect(farmDir, null, null);
        assertTrue(farm.submitsThrough().contains("inbox"), farm.submitsThrough());
        final JsonNode accepted = farm.submit(JOB, "key-1");
        assertEquals("forecast", accepted.path("type").asText(), accepted.toString());
        final JsonNode end = awaitEnded(accepted.path("id").asText());
        assertEquals("succeeded", end.path("state").asText(), end.toString());
        assertEquals(2, end.path("ok").asInt());
        assertEquals(accepted.path("id"), farm.submit(JOB, "key-1").path("id"), "the key finds the same job");

        final ServedFarmException badToken = assertThrows(
                ServedFarmException.class, () -> InboxClient.submit(farmDir, "not-a-token", "k", JOB, 30_000));
        assertEquals(401, badToken.status(), badToken.getMessage());
        final ServedFarmException badBody = assertThrows(
                ServedFarmException.class,
                () -> farm.submit("{\"type\": \"forecast\"".getBytes(StandardCharsets.UTF_8), "k2"));
        assertEquals(400, badBody.status());
        assertTrue(badBody.getMessage().contains("(field body)"), badBody.getMessage());
        final ServedFarmException otherBody = assertThrows(
                ServedFarmException.class,
                () -> farm.submit(
                        new String(JOB, StandardCharsets.UTF_8)
                                .replace("\"A\"", "\"C\"")
                                .getBytes(StandardCharsets.UTF_8),
                        "key-1"));
        assertEquals(422, otherBody.status());
        final long deadline = System.currentTimeMillis() + 10_000;
        while (inboxes(farmDir) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, inboxes(farmDir), "each inbox is deleted once its client has its reply");
        assertEquals(
                1,
                JSON.readTree(call("GET", "/v1/jobs", null).body()).path("jobs").size());
    }

    @Test
    void aRequestLeftWhileTheServerWasDownIsAnsweredWhenItStarts() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        final Process first = serve(farmDir, "first");
        awaitReady(farmDir, first, "first");
        final String bearer = token;
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        final CompletableFuture<JsonNode> waiting =
                CompletableFuture.supplyAsync(() -> InboxClient.submit(farmDir, bearer, "left", JOB, 120_000));
        final long deadline = System.currentTimeMillis() + 30_000;
        while (inboxes(farmDir) == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(waiting.isDone(), "no answer while no server runs");
        awaitReady(farmDir, serve(farmDir, "second"), "second");
        final JsonNode accepted = waiting.get(120, TimeUnit.SECONDS);
        final JsonNode end = awaitEnded(accepted.path("id").asText());
        assertEquals("succeeded", end.path("state").asText(), end.toString());
        final JsonNode jobs =
                JSON.readTree(call("GET", "/v1/jobs", null).body()).path("jobs");
        assertEquals(1, jobs.size(), "one job for the one request: " + jobs);
    }
}

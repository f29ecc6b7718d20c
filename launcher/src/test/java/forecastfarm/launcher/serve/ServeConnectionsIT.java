package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How {@code farm serve}'s connections behave for a client, as a real process hit by a real HTTP client. */
@Tag("process")
class ServeConnectionsIT extends ServeProcesses {

    /**
     * A client that keeps its connection alive gets each answer at once: without TCP_NODELAY on the server's sockets a
     * response's body waited for the client's delayed acknowledgement of its headers, 40 ms or more each time.
     */
    @Test
    void aKeptAliveConnectionGetsEachAnswerWithoutWaitingForAcknowledgements() throws Exception {
        final Path farmDir = tmp.resolve("farm");
        awaitReady(farmDir, serve(farmDir, "server"), "server");
        final HttpClient keptAlive =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        final HttpRequest jobs = HttpRequest.newBuilder(URI.create(url + "/v1/jobs"))
                .header("Authorization", "Bearer " + token)
                .build();
        final long[] ms = new long[21];
        for (int i = 0; i < ms.length; i++) {
            final long startNs = System.nanoTime();
            assertEquals(
                    200,
                    keptAlive.send(jobs, HttpResponse.BodyHandlers.ofString()).statusCode());
            ms[i] = (System.nanoTime() - startNs) / 1_000_000;
        }
        Arrays.sort(ms);
        assertTrue(ms[ms.length / 2] < 30, "median " + ms[ms.length / 2] + " ms a request: " + Arrays.toString(ms));
    }
}

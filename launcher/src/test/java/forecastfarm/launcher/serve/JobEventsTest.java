package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.io.TimeSettings;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JobEvents} on a real results file, written by the test as a served job writes it, read through a client
 * connection the test controls: a reader that stalls while the job writes on is dropped with the last id it got and
 * resumes from there; a stream ends at its time limit; a reader catching up on a long backlog is not behind.
 */
class JobEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESULT_ID = Pattern.compile("id: (\\d+)\nevent: result\n");
    private static final long WAIT_S = 30;

    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static JobRequest request() {
        return JobRequest.parse(
                "{\"type\": \"tasks\", \"kind\": \"k\", \"tasks\": [{\"key\": \"a\", \"args\": {}}]}"
                        .getBytes(StandardCharsets.UTF_8),
                Map.of("k", "a test kind"),
                TimeSettings.DEFAULT);
    }

    private ServedJob running(final Path results) {
        return new ServedJob("job-1", "alice", 1, request(), results);
    }

    private ServedJob ended(final Path results, final long lines) {
        return ServedJob.ended(
                "job-1", "alice", 1, request(), results, new ServedJob.EndRecord("succeeded", 2, lines, lines, 0, ""));
    }

    /** @return where a job "job-1" with these results keeps its finished keys ({@link ServedJob#keysFile()}). */
    private static Path keysOf(final Path results) {
        return results.resolveSibling("job-1.keys.ndjson");
    }

    /** Appends result lines {@code from..to} (1-based), each about 64 bytes. */
    private static void append(final Path results, final int from, final int to) throws Exception {
        final StringBuilder lines = new StringBuilder();
        for (int i = from; i <= to; i++) {
            lines.append(
                    String.format("{\"key\": \"k%05d\", \"status\": \"OK\", \"pad\": \"%s\"}%n", i, "x".repeat(10)));
        }
        Files.writeString(results, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<Long> resultIds(final String stream) {
        final List<Long> ids = new ArrayList<>();
        for (final Matcher m = RESULT_ID.matcher(stream); m.find(); ) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    private static JsonNode lastEvent(final String stream, final String name) throws Exception {
        final int at = stream.lastIndexOf("event: " + name + "\ndata: ");
        assertTrue(at >= 0, "no " + name + " event in: " + stream);
        final int data = at + ("event: " + name + "\ndata: ").length();
        return JSON.readTree(stream.substring(data, stream.indexOf('\n', data)));
    }

    /**
     * The client's side of the connection: what it read, and a switch that makes it stop reading for a while. A gzip
     * client's text is what the bytes read so far inflate to: each write of the stream can be read once it came.
     */
    private static final class Client extends OutputStream {
        private final ByteArrayOutputStream read = new ByteArrayOutputStream();
        private volatile CountDownLatch stall;
        private final CountDownLatch stalled = new CountDownLatch(1);
        private final boolean gzip;

        Client() {
            this(false);
        }

        Client(final boolean gzip) {
            this.gzip = gzip;
        }

        EventOutput output() {
            return gzip ? EventOutput.gzip(this) : EventOutput.identity(this);
        }

        @Override
        public void write(final int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) {
            final CountDownLatch gate = stall;
            if (gate != null) {
                stalled.countDown();
                try {
                    gate.await();
                } catch (final InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (read) {
                read.write(b, off, len);
            }
        }

        String text() {
            final byte[] bytes;
            synchronized (read) {
                bytes = read.toByteArray();
            }
            return gzip ? inflatedSoFar(bytes) : new String(bytes, StandardCharsets.UTF_8);
        }

        /** @return the whole stream inflated, its gzip trailer checked. */
        String gunzipped() throws java.io.IOException {
            try (java.util.zip.GZIPInputStream in =
                    new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(read.toByteArray()))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        private static String inflatedSoFar(final byte[] bytes) {
            if (bytes.length < 10) {
                return "";
            }
            final java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
            final ByteArrayOutputStream text = new ByteArrayOutputStream();
            try {
                inflater.setInput(bytes, 10, bytes.length - 10);
                final byte[] buffer = new byte[8192];
                int n;
                while ((n = inflater.inflate(buffer)) > 0) {
                    text.write(buffer, 0, n);
                }
            } catch (final java.util.zip.DataFormatException ex) {
                throw new AssertionError("not deflate data", ex);
            } finally {
                inflater.end();
            }
            return text.toString(StandardCharsets.UTF_8);
        }

        void awaitText(final String what) throws InterruptedException {
            final long deadline = System.currentTimeMillis() + WAIT_S * 1000;
            while (!text().contains(what)) {
                assertTrue(System.currentTimeMillis() < deadline, "no '" + what + "' in: " + text());
                Thread.sleep(5);
            }
        }
    }

    @Test
    void aReaderThatStallsWhileTheJobWritesOnIsDroppedAndResumesFromItsLastId() throws Exception {
        final Path results = dir.resolve("job-1.results.ndjson");
        append(results, 1, 10);
        final ServedJob job = running(results);
        final Client client = new Client();
        final JobEvents events = new JobEvents(1_024, 60_000, SystemEpochClock.INSTANCE);
        final Future<JobEvents.Outcome> streaming =
                threads.submit(() -> events.stream(job, 0, JobEvents.Follow.ROWS, EventOutput.identity(client)));
        client.awaitText("id: 10\n");

        // the reader stops reading; the job writes 40 lines more (about 2.5 KiB, over the 1 KiB bound)
        final CountDownLatch resume = new CountDownLatch(1);
        client.stall = resume;
        append(results, 11, 50);
        assertTrue(client.stalled.await(WAIT_S, TimeUnit.SECONDS), "the stream wrote again (progress)");
        client.stall = null;
        resume.countDown();

        final JobEvents.Outcome outcome = streaming.get(WAIT_S, TimeUnit.SECONDS);
        assertEquals(JobEvents.Ending.BEHIND, outcome.ending());
        final String first = client.text();
        final List<Long> firstIds = resultIds(first);
        final JsonNode dropped = lastEvent(first, "dropped");
        assertEquals("behind", dropped.path("reason").asText());
        assertEquals(firstIds.get(firstIds.size() - 1), dropped.path("last_id").asLong(), first);
        assertEquals(outcome.lastId(), dropped.path("last_id").asLong());
        assertTrue(outcome.lastId() < 50, "dropped before it was sent everything: " + outcome.lastId());
        assertTrue(dropped.path("message").asText().contains("Last-Event-ID: " + outcome.lastId()), dropped.toString());
        assertTrue(first.endsWith("\n\n") && !first.contains("event: end"), first);

        // the job ends; a reconnect with Last-Event-ID gets every result after it once, then end
        final Client again = new Client();
        final JobEvents.Outcome resumed = new JobEvents(1_024, 60_000, SystemEpochClock.INSTANCE)
                .stream(ended(results, 50), outcome.lastId(), JobEvents.Follow.ROWS, EventOutput.identity(again));
        assertEquals(JobEvents.Ending.END, resumed.ending());
        final List<Long> all = new ArrayList<>(firstIds);
        all.addAll(resultIds(again.text()));
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList(), all);
        assertEquals(50, lastEvent(again.text(), "end").path("done").asLong());
    }

    /**
     * Streams of one running job, some resuming after an id, opening before and while it writes on, follow it through
     * one feed: each gets every line after its {@code Last-Event-ID} once, in order, with no gap where the lines it read
     * from the file meet those the feed published.
     */
    @Test
    void streamsOpeningWhileTheJobWritesOnEachGetEveryLineOnceInOrder() throws Exception {
        final Path results = dir.resolve("job-1.results.ndjson");
        append(results, 1, 100);
        final ServedJob job = running(results);
        final java.util.concurrent.atomic.AtomicLong skewMs = new java.util.concurrent.atomic.AtomicLong();
        final JobEvents events =
                new JobEvents(JobEvents.MAX_LAG_BYTES, 600_000, () -> System.currentTimeMillis() + skewMs.get());
        final List<Client> clients = new ArrayList<>();
        final List<Long> resumedAfter = new ArrayList<>();
        final List<Future<JobEvents.Outcome>> streams = new ArrayList<>();
        final java.util.function.LongConsumer open = lastEventId -> {
            final Client client = new Client(clients.size() % 2 == 1);
            clients.add(client);
            resumedAfter.add(lastEventId);
            streams.add(threads.submit(() -> events.stream(job, lastEventId, JobEvents.Follow.ROWS, client.output())));
        };
        for (final long lastEventId : new long[] {0, 0, 0, 50, 50}) {
            open.accept(lastEventId);
        }
        for (final Client client : clients) {
            client.awaitText("id: 100\n");
        }
        append(results, 101, 200);
        for (final long lastEventId : new long[] {0, 0, 150, 199}) {
            open.accept(lastEventId);
        }
        append(results, 201, 300);
        for (final Client client : clients) {
            client.awaitText("id: 300\n");
        }
        skewMs.set(3_600_000);
        for (int s = 0; s < streams.size(); s++) {
            final JobEvents.Outcome outcome = streams.get(s).get(WAIT_S, TimeUnit.SECONDS);
            assertEquals(JobEvents.Ending.TIME_LIMIT, outcome.ending());
            assertEquals(300, outcome.lastId());
            assertEquals(
                    java.util.stream.LongStream.rangeClosed(resumedAfter.get(s) + 1, 300)
                            .boxed()
                            .toList(),
                    resultIds(clients.get(s).text()),
                    "stream " + s + ", resumed after " + resumedAfter.get(s));
            if (clients.get(s).gzip) {
                assertEquals(clients.get(s).text(), clients.get(s).gunzipped(), "stream " + s + ": one gzip member");
            }
        }
        events.close();
    }

    /**
     * A feed is told of changes on the job's own thread: once the server closed (its publisher stopped), a change is
     * dropped, never an exception that would fail the job.
     */
    @Test
    void aChangeAfterTheServerClosedIsDroppedNotThrown() throws Exception {
        final Path results = dir.resolve("job-1.results.ndjson");
        append(results, 1, 3);
        final java.util.concurrent.ScheduledExecutorService stopped =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        stopped.shutdownNow();
        final JobFeed feed = new JobFeed(running(results), results, stopped, () -> 20);
        assertEquals(4, feed.open().nextLine());
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(feed::changed);
    }

    @Test
    void aStreamEndsResumablyAtItsTimeLimit() throws Exception {
        final Path results = dir.resolve("job-1.results.ndjson");
        append(results, 1, 3);
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(1_000_000);
        final Client client = new Client();
        final Future<JobEvents.Outcome> streaming =
                threads.submit(() -> new JobEvents(JobEvents.MAX_LAG_BYTES, 10_000, clock)
                        .stream(running(results), 0, JobEvents.Follow.ROWS, EventOutput.identity(client)));
        client.awaitText("id: 3\n");
        Thread.sleep(100);
        assertTrue(!streaming.isDone(), "the stream follows the running job");

        clock.advance(10_000);
        final JobEvents.Outcome outcome = streaming.get(WAIT_S, TimeUnit.SECONDS);
        assertEquals(JobEvents.Ending.TIME_LIMIT, outcome.ending());
        final JsonNode dropped = lastEvent(client.text(), "dropped");
        assertEquals("time_limit", dropped.path("reason").asText());
        assertEquals(3, dropped.path("last_id").asLong());
    }

    /** A backlog over the bound when the stream opens is not lag: the reader catches up and gets everything. */
    @Test
    void aReaderCatchingUpOnALongBacklogIsNotBehind() throws Exception {
        final Path results = dir.resolve("job-1.results.ndjson");
        append(results, 1, 400);
        final Client client = new Client();
        final JobEvents.Outcome outcome = new JobEvents(1_024, 60_000, SystemEpochClock.INSTANCE)
                .stream(ended(results, 400), 0, JobEvents.Follow.ROWS, EventOutput.identity(client));
        assertEquals(JobEvents.Ending.END, outcome.ending());
        assertEquals(400, resultIds(client.text()).size());
        assertEquals(400, outcome.lastId());
    }

    /** A line longer than a read chunk, with characters of two bytes across the chunk's edge, comes whole. */
    @Test
    void aLongLineOfMultiByteCharactersComesWhole() throws Exception {
        final Path results = dir.resolve("job-1.results.ndjson");
        final String line = "{\"key\": \"é\", \"pad\": \"" + "é".repeat(50_000) + "\"}";
        Files.writeString(results, "{\"key\": \"a\"}\n" + line + "\n");
        final Client client = new Client();
        new JobEvents(JobEvents.MAX_LAG_BYTES, 60_000, SystemEpochClock.INSTANCE)
                .stream(ended(results, 2), 0, JobEvents.Follow.ROWS, EventOutput.identity(client));
        assertTrue(client.text().contains("id: 2\nevent: result\ndata: " + line + "\n\n"), "the long line whole");
    }

    @Test
    void aProgressOnlyStreamSendsNoResultsAndEnds() throws Exception {
        final Path results = dir.resolve("job-1.results.ndjson");
        append(results, 1, 40);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final JobEvents.Outcome outcome = new JobEvents(1_024, 60_000, SystemEpochClock.INSTANCE)
                .stream(ended(results, 40), 0, JobEvents.Follow.NONE, EventOutput.identity(out));
        final String stream = out.toString(StandardCharsets.UTF_8);
        assertEquals(JobEvents.Ending.END, outcome.ending());
        assertTrue(resultIds(stream).isEmpty(), stream);
        assertEquals(40, lastEvent(stream, "end").path("done").asLong(), stream);
    }

    /**
     * By default a stream follows the keys file (a line per finished key), with {@code ?results=rows} the results
     * file; anything else is refused.
     */
    @Test
    void aStreamFollowsTheKeysFileUnlessAskedForRows() throws Exception {
        final Path results = dir.resolve("job-1.results.ndjson");
        append(results, 1, 6);
        Files.writeString(
                keysOf(results),
                ServedJob.keyLine("k00001", "OK", 4) + "\n" + ServedJob.keyLine("k00002", "FAILED", 2) + "\n");
        final ByteArrayOutputStream keys = new ByteArrayOutputStream();
        new JobEvents(JobEvents.MAX_LAG_BYTES, 60_000, SystemEpochClock.INSTANCE)
                .stream(ended(results, 2), 0, JobEvents.Follow.of(null), EventOutput.identity(keys));
        final String keyStream = keys.toString(StandardCharsets.UTF_8);
        assertEquals(List.of(1L, 2L), resultIds(keyStream), keyStream);
        assertTrue(
                keyStream.contains(
                        "id: 2\nevent: result\ndata: {\"key\":\"k00002\",\"status\":\"FAILED\",\"rows\":2}\n\n"),
                keyStream);
        final ByteArrayOutputStream rows = new ByteArrayOutputStream();
        new JobEvents(JobEvents.MAX_LAG_BYTES, 60_000, SystemEpochClock.INSTANCE)
                .stream(ended(results, 2), 0, JobEvents.Follow.of("results=rows"), EventOutput.identity(rows));
        assertEquals(6, resultIds(rows.toString(StandardCharsets.UTF_8)).size());
        assertEquals(JobEvents.Follow.NONE, JobEvents.Follow.of("results=false"));
        final BadRequest refused = org.junit.jupiter.api.Assertions.assertThrows(
                BadRequest.class, () -> JobEvents.Follow.of("results=all"));
        assertTrue(refused.getMessage().contains("rows"), refused.getMessage());
    }

    /**
     * A client that accepts gzip gets the same events as one that does not, in one gzip member (its check value and
     * length right), whether it reads from the start or resumes in the middle of the lines the stream reads at once.
     */
    @Test
    void aGzipStreamCarriesTheSameEventsAsAPlainOne() throws Exception {
        final Path results = dir.resolve("job-1.results.ndjson");
        append(results, 1, 3_000);
        for (final long lastEventId : new long[] {0, 1_234}) {
            final Client plain = new Client();
            final Client gzip = new Client(true);
            for (final Client client : List.of(plain, gzip)) {
                final JobEvents.Outcome outcome = new JobEvents(1_024, 60_000, SystemEpochClock.INSTANCE)
                        .stream(ended(results, 3_000), lastEventId, JobEvents.Follow.ROWS, client.output());
                assertEquals(JobEvents.Ending.END, outcome.ending());
            }
            assertEquals(3_000 - lastEventId, resultIds(plain.text()).size());
            assertEquals(plain.text(), gzip.gunzipped(), "after " + lastEventId);
            assertTrue(gzip.read.size() * 5 < plain.read.size(), gzip.read.size() + " of " + plain.read.size());
        }
    }

    @Test
    void gzipIsUsedWhenTheClientAcceptsIt() {
        assertTrue(EventOutput.acceptsGzip("gzip, deflate, br"));
        assertTrue(EventOutput.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(!EventOutput.acceptsGzip(null));
        assertTrue(!EventOutput.acceptsGzip("identity"));
        assertTrue(!EventOutput.acceptsGzip("gzip;q=0, deflate"));
        assertTrue(!EventOutput.acceptsGzip("gzip; q=0.000"));
        assertTrue(!EventOutput.acceptsGzip("x-gzip-like"));
    }
}

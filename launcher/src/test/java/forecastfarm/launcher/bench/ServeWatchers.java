package forecastfarm.launcher.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * The watchers of {@code scripts/bench serve-watchers}, a process of their own (run niced, as clients on other hosts
 * would not take the farm's cores): reads a job id from standard input, opens {@code COUNT} event streams of that job
 * (the {@code ?results=} of the streams: {@code keys}, {@code rows} or {@code false}), prints {@code connected} once all
 * are open, and when all ended how many events of each kind they got ({@code events result=R progress=P end=E
 * dropped=D}).
 */
public final class ServeWatchers {
    private ServeWatchers() {}

    public static void main(final String[] args) throws Exception {
        final String url = args[0];
        final String token = args[1];
        final int count = Integer.parseInt(args[2]);
        final String results = args[3];
        final HttpClient http = HttpClient.newHttpClient();
        final String id = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        final HttpRequest request = HttpRequest.newBuilder(
                        URI.create(url + "/v1/jobs/" + id + "/events?results=" + results))
                .header("Authorization", "Bearer " + token)
                .build();
        final CountDownLatch connected = new CountDownLatch(count);
        final CountDownLatch ended = new CountDownLatch(count);
        final LongAdder[] events = new LongAdder[128];
        for (int c = 0; c < events.length; c++) {
            events[c] = new LongAdder();
        }
        for (int w = 0; w < count; w++) {
            final Thread thread = new Thread(() -> {
                try {
                    final HttpResponse<InputStream> response =
                            http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                    connected.countDown();
                    final EventNames names = new EventNames();
                    final byte[] buffer = new byte[64 * 1024];
                    try (InputStream body = response.body()) {
                        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                            names.scan(buffer, n, events);
                        }
                    }
                } catch (final Exception ex) {
                    System.err.println("a watcher failed: " + ex);
                    connected.countDown();
                } finally {
                    ended.countDown();
                }
            });
            thread.setDaemon(true);
            thread.start();
        }
        connected.await();
        System.out.println("connected");
        System.out.flush();
        ended.await();
        System.out.printf(
                "events result=%d progress=%d end=%d dropped=%d%n",
                events['r'].sum(), events['p'].sum(), events['e'].sum(), events['d'].sum());
    }

    /** Counts events by the first letter of their name, from the {@code event: } lines of a stream, read piece by piece. */
    private static final class EventNames {
        private static final byte[] FIELD = "event: ".getBytes(StandardCharsets.US_ASCII);
        /** How much of {@link #FIELD} the current line has matched; -1 when it is not an event line. */
        private int matched;

        void scan(final byte[] bytes, final int length, final LongAdder[] byFirstLetter) {
            for (int i = 0; i < length; i++) {
                final byte b = bytes[i];
                if (b == '\n') {
                    matched = 0;
                } else if (matched == FIELD.length) {
                    byFirstLetter[b & 0x7f].increment();
                    matched = -1;
                } else if (matched >= 0) {
                    matched = b == FIELD[matched] ? matched + 1 : -1;
                }
            }
        }
    }
}

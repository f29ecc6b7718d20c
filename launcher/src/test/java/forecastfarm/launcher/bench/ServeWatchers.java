package forecastfarm.launcher.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The watchers of {@code scripts/bench serve-watchers}, a process of their own (run in the idle scheduling class, as clients on other hosts
 * would not take the farm's cores): reads a job id from standard input, opens {@code COUNT} event streams of that job
 * (the {@code ?results=} of the streams: {@code keys}, {@code rows} or {@code false}; then {@code gzip} to accept it
 * as browsers do, or {@code identity}), prints {@code connected} once all
 * are open, and when all ended how many events of each kind they got ({@code events result=R progress=P end=E
 * dropped=D}). The streams are read asynchronously, their bytes scanned where the client receives them, so that the
 * watchers take as little as they can of the cores they share with the farm.
 */
public final class ServeWatchers {
    private ServeWatchers() {}

    public static void main(final String[] args) throws Exception {
        final String url = args[0];
        final String token = args[1];
        final int count = Integer.parseInt(args[2]);
        final String results = args[3];
        final boolean gzip = args[4].equals("gzip");
        final HttpClient http = HttpClient.newHttpClient();
        final String id = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        final HttpRequest request = HttpRequest.newBuilder(
                        URI.create(url + "/v1/jobs/" + id + "/events?results=" + results))
                .header("Authorization", "Bearer " + token)
                .header("Accept-Encoding", gzip ? "gzip" : "identity")
                .build();
        final CountDownLatch connected = new CountDownLatch(count);
        final CountDownLatch ended = new CountDownLatch(count);
        // the events by the first letter of their name; then the bytes received and what they were as events
        final LongAdder[] events = new LongAdder[128 + 2];
        for (int c = 0; c < events.length; c++) {
            events[c] = new LongAdder();
        }
        for (int w = 0; w < count; w++) {
            final AtomicBoolean answered = new AtomicBoolean();
            http.sendAsync(request, response -> {
                        answered.set(true);
                        connected.countDown();
                        final boolean gzipped = response.headers()
                                .firstValue("Content-Encoding")
                                .orElse("identity")
                                .equals("gzip");
                        if (gzipped != gzip) {
                            System.err.println("a watcher asked for " + args[4] + " got " + response.headers());
                        }
                        return HttpResponse.BodySubscribers.fromSubscriber(new Stream(events, ended, gzipped));
                    })
                    .whenComplete((response, failure) -> {
                        if (failure != null) {
                            System.err.println("a watcher failed: " + failure);
                            if (!answered.get()) {
                                connected.countDown();
                                ended.countDown();
                            }
                        }
                    });
        }
        connected.await();
        System.out.println("connected");
        System.out.flush();
        ended.await();
        System.out.printf(
                "events result=%d progress=%d end=%d dropped=%d; %d MB received, %d MB of events%n",
                events['r'].sum(),
                events['p'].sum(),
                events['e'].sum(),
                events['d'].sum(),
                events[Stream.RECEIVED].sum() >> 20,
                events[Stream.EVENT_BYTES].sum() >> 20);
    }

    /**
     * One stream's body: counts its events by the first letter of their name, from the {@code event: } lines, as the
     * bytes come (inflated first when gzipped: the gzip header skipped, the trailer left unread).
     */
    private static final class Stream implements Flow.Subscriber<List<ByteBuffer>> {
        private static final byte[] FIELD = "event: ".getBytes(StandardCharsets.US_ASCII);
        private static final int GZIP_HEADER_BYTES = 10;
        /** Where {@link #counted} keeps the bytes received, and then the bytes of events they made. */
        static final int RECEIVED = 128;

        static final int EVENT_BYTES = 129;

        private final LongAdder[] byFirstLetter;
        private final CountDownLatch ended;
        private final Inflater inflater;
        private final byte[] inflated;
        /** This stream's counts ({@link #byFirstLetter}'s layout), added to {@link #byFirstLetter} at its end. */
        private final long[] counted = new long[EVENT_BYTES + 1];

        private int headerLeft = GZIP_HEADER_BYTES;
        /** How much of {@link #FIELD} the current line has matched; -1 when it is not an event line. */
        private int matched;

        Stream(final LongAdder[] byFirstLetter, final CountDownLatch ended, final boolean gzipped) {
            this.byFirstLetter = byFirstLetter;
            this.ended = ended;
            this.inflater = gzipped ? new Inflater(true) : null;
            this.inflated = gzipped ? new byte[64 * 1024] : null;
        }

        @Override
        public void onSubscribe(final Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(final List<ByteBuffer> buffers) {
            for (final ByteBuffer buffer : buffers) {
                counted[RECEIVED] += buffer.remaining();
                if (inflater != null) {
                    inflate(buffer);
                } else if (buffer.hasArray()) {
                    scan(
                            buffer.array(),
                            buffer.arrayOffset() + buffer.position(),
                            buffer.arrayOffset() + buffer.limit());
                } else {
                    final byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    scan(bytes, 0, bytes.length);
                }
            }
        }

        private void inflate(final ByteBuffer buffer) {
            final int skip = Math.min(headerLeft, buffer.remaining());
            buffer.position(buffer.position() + skip);
            headerLeft -= skip;
            if (inflater.finished()) {
                return;
            }
            inflater.setInput(buffer);
            try {
                for (int n = inflater.inflate(inflated); n > 0; n = inflater.inflate(inflated)) {
                    scan(inflated, 0, n);
                }
            } catch (final DataFormatException ex) {
                throw new IllegalStateException("not a gzip stream", ex);
            }
        }

        private void scan(final byte[] bytes, final int from, final int to) {
            counted[EVENT_BYTES] += to - from;
            int state = matched;
            for (int i = from; i < to; i++) {
                final byte b = bytes[i];
                if (b == '\n') {
                    state = 0;
                } else if (state == FIELD.length) {
                    counted[b & 0x7f]++;
                    state = -1;
                } else if (state >= 0) {
                    state = b == FIELD[state] ? state + 1 : -1;
                }
            }
            matched = state;
        }

        private void release() {
            if (inflater != null) {
                inflater.end();
            }
            for (int c = 0; c < counted.length; c++) {
                byFirstLetter[c].add(counted[c]);
            }
        }

        @Override
        public void onError(final Throwable failure) {
            System.err.println("a watcher's stream failed: " + failure);
            release();
            ended.countDown();
        }

        @Override
        public void onComplete() {
            release();
            ended.countDown();
        }
    }
}

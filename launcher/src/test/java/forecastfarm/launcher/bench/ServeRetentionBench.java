package forecastfarm.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code scripts/bench serve-retention}: a served farm's disk and heap after many jobs have come and gone. */
final class ServeRetentionBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final PrintStream out;
    private final Path scratch;

    ServeRetentionBench(final PrintStream out, final Path scratch) {
        this.out = out;
        this.scratch = scratch;
    }

    /**
     * {@code scripts/bench serve-retention}: a server with {@code --retention 10s} runs {@code --jobs} small jobs; once
     * their retention has passed, the farm dir's size and the server's heap after GC are compared with where they
     * were after a few warm-up jobs had come and gone. The target: within 10%.
     */
    void retention(final BenchArgs args) throws InterruptedException {
        final int jobs = args.intValue("jobs", 200, 1);
        final long retentionS = args.intValue("retention-s", 10, 1);
        final Path home =
                Path.of(System.getProperty("farm.home", ".")).toAbsolutePath().normalize();
        final Path farm = home.resolve("scripts/farm");
        final String body = ServeBench.body(ServeBench.firstSeries(home.resolve("scripts/sample/sp500_50.csv"), 5))
                .replace("[\"ets\"]", "[\"naive\"]");
        final Path farmDir = scratch.resolve("serve-retention");
        final Process server =
                ServeBench.start(farm, farmDir, scratch.resolve("serve.log"), "", "--retention", retentionS + "s");
        try {
            final String url = Files.readString(farmDir.resolve("serve.url")).strip();
            final String token = Files.readString(farmDir.resolve("api-token")).strip();
            for (int i = 0; i < 10; i++) {
                ServeCalls.timeJob(url, token, body);
            }
            final long[] before = afterRetention(url, token, server, farmDir, retentionS);
            final long startNs = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                ServeCalls.timeJob(url, token, body);
            }
            final double jobsS = (System.nanoTime() - startNs) / 1e9;
            final long[] after = afterRetention(url, token, server, farmDir, retentionS);
            final double dirChange = (after[0] - before[0]) / (double) before[0];
            final double heapChange = (after[1] - before[1]) / (double) before[1];
            out.printf(
                    Locale.ROOT,
                    "serve-retention: %d jobs in %.1f s with --retention %ds; after their retention: farm dir %.2f ->"
                            + " %.2f MB (%+.1f%%), server heap after GC %.2f -> %.2f MB (%+.1f%%); target within 10%%%n",
                    jobs,
                    jobsS,
                    retentionS,
                    before[0] / 1e6,
                    after[0] / 1e6,
                    100 * dirChange,
                    before[1] / 1e6,
                    after[1] / 1e6,
                    100 * heapChange);
            out.printf(
                    Locale.ROOT,
                    "RESULT bench=serve-retention jobs=%d dir_before_mb=%.2f dir_after_mb=%.2f dir_change=%.4f"
                            + " heap_before_mb=%.2f heap_after_mb=%.2f heap_change=%.4f target_change=0.10%n",
                    jobs,
                    before[0] / 1e6,
                    after[0] / 1e6,
                    dirChange,
                    before[1] / 1e6,
                    after[1] / 1e6,
                    heapChange);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Waits until every job's retention has passed, then: the farm dir's bytes on disk, the heap after a GC. */
    private long[] afterRetention(
            final String url, final String token, final Process server, final Path farmDir, final long retentionS)
            throws IOException, InterruptedException {
        final HttpRequest list = HttpRequest.newBuilder(URI.create(url + "/v1/jobs"))
                .header("Authorization", "Bearer " + token)
                .build();
        final long deadline = System.currentTimeMillis() + 1000 * (3 * retentionS + 60);
        while (JSON.readTree(HTTP.send(list, HttpResponse.BodyHandlers.ofString())
                                .body())
                        .path("jobs")
                        .size()
                > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("jobs still kept " + 3 * retentionS + " s after their retention");
            }
            Thread.sleep(200);
        }
        BenchCommands.timed(
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(server.pid()),
                        "GC.run"),
                scratch.resolve("jcmd.log"));
        final String metrics = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url + "/metrics"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        long heap = -1;
        for (final String line : metrics.split("\n")) {
            if (line.startsWith("farm_server_heap_bytes ")) {
                heap = Long.parseLong(
                        line.substring("farm_server_heap_bytes ".length()).strip());
            }
        }
        return new long[] {diskBytes(farmDir), heap};
    }

    /** @return the farm dir's bytes on disk ({@code du}: Chronicle's files are sparse, their length says little). */
    private long diskBytes(final Path dir) throws IOException {
        final Path log = scratch.resolve("du.log");
        BenchCommands.timed(List.of("du", "-sk", dir.toString()), log);
        return 1024 * Long.parseLong(Files.readString(log).strip().split("\\s+")[0]);
    }
}

package forecastfarm.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A served farm under load, each figure measured side by side in one run on a farm of 2 workers:
 *
 * <ul>
 *   <li>{@code scripts/bench serve-clients}: {@code --clients} concurrent HTTP clients (each a client of its own),
 *       each posting {@code --jobs} small jobs (the sample's first 5 stocks, ets) one after another and waiting for
 *       each: jobs per second and the median job's latency, against the same job through the one-shot
 *       {@code farm forecast} (its median wall time: one-shot jobs per second if run one after another).
 *   <li>{@code scripts/bench serve-watchers}: a {@code --tasks}-series job (naive on short random walks) run alone,
 *       then again with {@code --watchers} Server-Sent-Event streams following it; the farm's task throughput with
 *       the watchers over that without (target: within 10%).
 * </ul>
 */
final class ServeLoadBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final PrintStream out;
    private final Path scratch;

    ServeLoadBench(final PrintStream out, final Path scratch) {
        this.out = out;
        this.scratch = scratch;
    }

    void clients(final BenchArgs args) throws InterruptedException {
        try {
            runClients(args);
        } catch (final IOException
                | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException ex) {
            throw new IllegalStateException("serve-clients failed: " + ex, ex);
        }
    }

    private void runClients(final BenchArgs args)
            throws IOException, InterruptedException, java.util.concurrent.ExecutionException,
                    java.util.concurrent.TimeoutException {
        final int clients = args.intValue("clients", 8, 1);
        final int jobsEach = args.intValue("jobs", 25, 1);
        final int cliReps = args.intValue("cli-reps", 3, 1);
        final Path home = home();
        final Path farm = home.resolve("scripts/farm");
        final String body = ServeBench.body(ServeBench.firstSeries(home.resolve("scripts/sample/sp500_50.csv"), 5));
        final Path farmDir = scratch.resolve("serve-clients");
        final Process server = ServeBench.start(farm, farmDir, scratch.resolve("serve.log"), "");
        final double[] latencies = new double[clients * jobsEach];
        final double wallS;
        try {
            final String url = Files.readString(farmDir.resolve("serve.url")).strip();
            final List<String> tokens = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                tokens.add(ServeBench.token(farm, farmDir, "client-" + c, scratch));
            }
            for (int i = 0; i < 10; i++) {
                ServeBench.timeJob(url, tokens.get(0), body);
            }
            final ExecutorService pool = Executors.newFixedThreadPool(clients);
            final List<Future<?>> running = new ArrayList<>();
            final long startNs = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                final int client = c;
                running.add(pool.submit(() -> {
                    for (int j = 0; j < jobsEach; j++) {
                        latencies[client * jobsEach + j] = ServeBench.timeJob(url, tokens.get(client), body);
                    }
                    return null;
                }));
            }
            for (final Future<?> one : running) {
                one.get(BenchCommands.CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            wallS = (System.nanoTime() - startNs) / 1e9;
            pool.shutdownNow();
        } finally {
            server.destroy();
            server.waitFor();
        }
        final double[] cli = new double[cliReps];
        final Path csv = scratch.resolve("series.csv");
        ServeBench.writeCsv(ServeBench.firstSeries(home.resolve("scripts/sample/sp500_50.csv"), 5), csv);
        for (int r = 0; r < cliReps; r++) {
            cli[r] = BenchCommands.timed(
                    List.of(
                            farm.toString(),
                            "forecast",
                            "--input",
                            csv.toString(),
                            "--horizon",
                            "20",
                            "--model",
                            "ets",
                            "--plots",
                            "none",
                            "--workers",
                            "2",
                            "--farm-dir",
                            scratch.resolve("cli-" + r).toString(),
                            "--out",
                            scratch.resolve("cli-out-" + r).toString()),
                    scratch.resolve("cli.log"));
        }
        final int jobs = clients * jobsEach;
        final double servedPerS = jobs / wallS;
        final double cliPerS = 1 / BenchMath.median(cli);
        out.printf(
                Locale.ROOT,
                "serve-clients: %d clients x %d jobs of 5 stocks (ets, h=20) at once on 2 workers: %.1f jobs/s (%.1f"
                        + " series/s), median job %.0f ms (p95 %.0f); the same job one-shot (farm forecast): median %.0f"
                        + " ms, %.2f jobs/s one after another; ratio %.1f%n",
                clients,
                jobsEach,
                servedPerS,
                servedPerS * 5,
                BenchMath.median(latencies),
                BenchMath.percentile(latencies, 95),
                1e3 * BenchMath.median(cli),
                cliPerS,
                servedPerS / cliPerS);
        out.printf(
                Locale.ROOT,
                "RESULT bench=serve-clients clients=%d jobs=%d jobs_per_s=%.2f median_ms=%.0f cli_jobs_per_s=%.3f"
                        + " ratio=%.2f%n",
                clients,
                jobs,
                servedPerS,
                BenchMath.median(latencies),
                cliPerS,
                servedPerS / cliPerS);
    }

    void watchers(final BenchArgs args) throws InterruptedException {
        try {
            runWatchers(args);
        } catch (final IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private void runWatchers(final BenchArgs args) throws IOException, InterruptedException {
        final int tasks = args.intValue("tasks", 6_000, 1);
        final int watchers = args.intValue("watchers", 1_000, 0);
        final Path farm = home().resolve("scripts/farm");
        final Path farmDir = scratch.resolve("serve-watchers");
        final Process server = ServeBench.start(farm, farmDir, scratch.resolve("serve.log"), "");
        final double alone;
        final double watched;
        final AtomicLong events = new AtomicLong();
        try {
            final String url = Files.readString(farmDir.resolve("serve.url")).strip();
            final String token = Files.readString(farmDir.resolve("api-token")).strip();
            final String body = ServeBench.randomWalkJob(tasks, "naive");
            ServeBench.timeJob(url, token, ServeBench.randomWalkJob(200, "naive"));
            alone = tasks / (ServeBench.timeJob(url, token, body) / 1e3);
            final String id = ServeBench.post(url, token, body);
            final long startNs = System.nanoTime();
            final ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, watchers));
            final List<Future<?>> streams = new ArrayList<>();
            for (int w = 0; w < watchers; w++) {
                streams.add(readers.submit(() -> follow(url, token, id, events)));
            }
            await(url, token, id);
            watched = tasks / ((System.nanoTime() - startNs) / 1e9);
            readers.shutdownNow();
        } finally {
            server.destroy();
            server.waitFor();
        }
        out.printf(
                Locale.ROOT,
                "serve-watchers: a %d-series naive job on 2 workers: %.0f tasks/s alone, %.0f tasks/s with %d SSE"
                        + " watchers (%d events read); ratio %.3f (target at least 0.9)%n",
                tasks,
                alone,
                watched,
                watchers,
                events.get(),
                watched / alone);
        out.printf(
                Locale.ROOT,
                "RESULT bench=serve-watchers tasks=%d watchers=%d alone_per_s=%.0f watched_per_s=%.0f ratio=%.3f%n",
                tasks,
                watchers,
                alone,
                watched,
                watched / alone);
    }

    /** Reads a job's event stream to its end (or until the bench stops it). */
    private static Void follow(final String url, final String token, final String id, final AtomicLong events)
            throws IOException, InterruptedException {
        final HttpResponse<InputStream> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/v1/jobs/" + id + "/events"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(response.body(), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event: ")) {
                    events.incrementAndGet();
                }
            }
        }
        return null;
    }

    private static void await(final String url, final String token, final String id)
            throws IOException, InterruptedException {
        for (; ; ) {
            final JsonNode job = ServeBench.job(url, token, id);
            if (!List.of("queued", "running").contains(job.path("state").asText())) {
                return;
            }
            Thread.sleep(5);
        }
    }

    private static Path home() {
        return Path.of(System.getProperty("farm.home", ".")).toAbsolutePath().normalize();
    }
}

package forecastfarm.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A served farm under load, each figure measured side by side in one run on a farm of 2 workers:
 *
 * <ul>
 *   <li>{@code scripts/bench serve-clients}: {@code --clients} concurrent HTTP clients (each a client of its own),
 *       each posting {@code --jobs} small jobs (the sample's first 5 stocks, ets) one after another and waiting for
 *       each: jobs per second and the median job's latency, against the same job through the one-shot
 *       {@code farm forecast} (its median wall time: one-shot jobs per second if run one after another).
 *   <li>{@code scripts/bench serve-watchers}: a {@code --tasks}-series job ({@code --model}, default ets, on short random walks) run alone,
 *       then again with {@code --watchers} Server-Sent-Event streams following it (of progress, then of every
 *       finished key, then of every result row), the watchers in a process of their own, in the idle scheduling class ({@link ServeWatchers}),
 *       accepting gzip as browsers do ({@code --encoding identity}: not),
 *       {@code --rounds} times in turn; the farm's task throughput with the watchers over the mean of the runs alone
 *       before and after the round, the median of the rounds (target: within 10%).
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
                tokens.add(ServeCalls.token(farm, farmDir, "client-" + c, scratch));
            }
            for (int i = 0; i < 10; i++) {
                ServeCalls.timeJob(url, tokens.get(0), body);
            }
            final ExecutorService pool = Executors.newFixedThreadPool(clients);
            final List<Future<?>> running = new ArrayList<>();
            final long startNs = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                final int client = c;
                running.add(pool.submit(() -> {
                    for (int j = 0; j < jobsEach; j++) {
                        latencies[client * jobsEach + j] = ServeCalls.timeJob(url, tokens.get(client), body);
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
        final int tasks = args.intValue("tasks", 20_000, 1);
        final String model = args.stringValue("model", "ets");
        final int watchers = args.intValue("watchers", 1_000, 1);
        final int rounds = args.intValue("rounds", 3, 1);
        final String encoding = args.stringValue("encoding", "gzip");
        if (!encoding.equals("gzip") && !encoding.equals("identity")) {
            throw new IllegalArgumentException("--encoding: gzip (the default) or identity expected, not " + encoding);
        }
        final Path farm = home().resolve("scripts/farm");
        final Path farmDir = scratch.resolve("serve-watchers");
        // workers not recycled mid-run: a fresh worker's cold JIT would weigh on whichever run it fell in
        final Process server = ServeBench.start(
                farm, farmDir, scratch.resolve("serve.log"), "", "--max-tasks-per-worker", "1000000000");
        final String body = ServeBench.randomWalkJob(tasks, model);
        final String[] kinds = {"false", "keys", "rows"};
        final double[][] ratios = new double[kinds.length][rounds];
        try {
            final String url = Files.readString(farmDir.resolve("serve.url")).strip();
            final String token = Files.readString(farmDir.resolve("api-token")).strip();
            // the workers' JIT warmed on the job itself, so that the rounds' first runs are not the slower
            ServeCalls.timeJob(url, token, body);
            ServeCalls.timeJob(url, token, body);
            // a round's runs with watchers are measured against the mean of the runs alone before and after them:
            // the farm's speed drifts (the JIT, the heap, the machine), and this way a drift weighs on both sides
            Run before = rate(server, url, token, body, null);
            out.printf(Locale.ROOT, "alone %.0f tasks/s (%s)%n", before.perS(), before.cpu());
            for (int round = 0; round < rounds; round++) {
                final Run[] with = new Run[kinds.length];
                for (int k = 0; k < kinds.length; k++) {
                    with[k] = rate(server, url, token, body, watcherProcess(url, token, watchers, kinds[k], encoding));
                }
                final Run after = rate(server, url, token, body, null);
                final double alonePerS = (before.perS() + after.perS()) / 2;
                for (int k = 0; k < kinds.length; k++) {
                    ratios[k][round] = with[k].perS() / alonePerS;
                    out.printf(
                            Locale.ROOT,
                            "round %d: %s %.0f tasks/s, %.3f of alone (%s)%n",
                            round + 1,
                            kinds[k],
                            with[k].perS(),
                            ratios[k][round],
                            with[k].cpu());
                }
                out.printf(Locale.ROOT, "alone %.0f tasks/s (%s)%n", after.perS(), after.cpu());
                before = after;
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
        final double progress = BenchMath.median(ratios[0]);
        final double keys = BenchMath.median(ratios[1]);
        final double rows = BenchMath.median(ratios[2]);
        out.printf(
                Locale.ROOT,
                "serve-watchers: a %d-series %s job on 2 workers, tasks/s from the watchers connected and the job let"
                        + " go to its end, with %d watchers (%s) over the mean of the runs alone before and after the round,"
                        + " median of %d rounds:"
                        + " progress only (?results=false) %.3f; every finished key (the default) %.3f (target at"
                        + " least 0.9); every result row (?results=rows) %.3f%n",
                tasks,
                model,
                watchers,
                encoding,
                rounds,
                progress,
                keys,
                rows);
        out.printf(
                Locale.ROOT,
                "RESULT bench=serve-watchers tasks=%d watchers=%d rounds=%d progress_ratio=%.3f keys_ratio=%.3f"
                        + " rows_ratio=%.3f%n",
                tasks,
                watchers,
                rounds,
                progress,
                keys,
                rows);
    }

    /**
     * The watchers in a JVM of their own, in the idle scheduling class once connected ({@link #idle}): clients elsewhere
     * would not take the farm's cores, and idle from the start they would not even connect while the farm is busy.
     */
    private Process watcherProcess(
            final String url, final String token, final int count, final String what, final String encoding)
            throws IOException {
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // one GC thread: parallel GC threads would take the farm's cores as remote clients would not
        return new ProcessBuilder(
                        java.toString(),
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ServeWatchers.class.getName(),
                        url,
                        token,
                        Integer.toString(count),
                        what,
                        encoding)
                .redirectError(scratch.resolve("watchers-" + what + ".log").toFile())
                .start();
    }

    /**
     * A run of the job: its tasks per second, and the CPU seconds the server (its own process), its workers and the
     * watchers took meanwhile.
     */
    private record Run(
            double perS, double wallS, double serverCpuS, double workersCpuS, double watchersCpuS, String events) {
        String cpu() {
            return String.format(
                    Locale.ROOT,
                    "CPU s in %.1f s: server %.2f, workers %.2f, watchers %.2f%s",
                    wallS,
                    serverCpuS,
                    workersCpuS,
                    watchersCpuS,
                    events.isEmpty() ? "" : "; the watchers' " + events);
        }

        Run watched(final String watcherEvents) {
            return new Run(perS, wallS, serverCpuS, workersCpuS, watchersCpuS, watcherEvents);
        }
    }

    private static double cpuS(final ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private static double cpuS(final java.util.stream.Stream<ProcessHandle> processes) {
        return processes.mapToDouble(ServeLoadBench::cpuS).sum();
    }

    /**
     * Runs the job behind a higher-priority blocker of the same client (slow arima fits: few results for its cancel
     * to delete while the job runs), so that the watchers (when given) are all connected before it starts; the blocker
     * is cancelled then, and the job timed from there to its end.
     *
     * @param watchers null to run the job alone; else given the job's id, and read for the events they got.
     */
    private static Run rate(
            final Process server, final String url, final String token, final String body, final Process watchers)
            throws IOException, InterruptedException {
        final String blocker = ServeCalls.post(
                url, token, ServeBench.randomWalkJob(3_000, "arima", 600).replaceFirst("\\{", "{\"priority\": 10, "));
        final String id = ServeCalls.post(url, token, body);
        final long total = ServeCalls.job(url, token, id).path("tasks").asLong();
        final BufferedReader watched = watchers == null
                ? null
                : new BufferedReader(new InputStreamReader(watchers.getInputStream(), StandardCharsets.UTF_8));
        if (watchers != null) {
            watchers.getOutputStream().write((id + "\n").getBytes(StandardCharsets.UTF_8));
            watchers.getOutputStream().flush();
            final String line = watched.readLine();
            if (!"connected".equals(line)) {
                throw new IllegalStateException("the watchers did not connect: " + line);
            }
            idle(watchers.pid());
        }
        if (ServeCalls.job(url, token, id).path("done").asLong() > 0) {
            throw new IllegalStateException("the job started before its watchers were connected");
        }
        ServeCalls.delete(url, token, blocker);
        final long startNs = System.nanoTime();
        final double serverCpuS = cpuS(server.toHandle());
        final double workersCpuS = cpuS(server.toHandle().descendants());
        final double watchersCpuS = watchers == null ? 0 : cpuS(watchers.toHandle());
        await(url, token, id);
        final long endedNs = System.nanoTime();
        final double wallS = (endedNs - startNs) / 1e9;
        final Run run = new Run(
                total / wallS,
                wallS,
                cpuS(server.toHandle()) - serverCpuS,
                cpuS(server.toHandle().descendants()) - workersCpuS,
                watchers == null ? 0 : cpuS(watchers.toHandle()) - watchersCpuS,
                "");
        if (watchers != null) {
            // every stream ends with the job's end (or was dropped): what they got
            final String events = watched.readLine();
            // how late the idle watchers are: their last stream ends with the job's end, published up to 1 s later
            final long lagMs = (System.nanoTime() - endedNs) / 1_000_000;
            watchers.destroy();
            watchers.waitFor();
            return run.watched(events + ", all read " + lagMs + " ms after the job's end");
        }
        return run;
    }

    /**
     * Puts every thread of a process in the idle scheduling class ({@code chrt -a --idle}, Linux's SCHED_IDLE): it runs
     * only on a core nothing else wants. The watchers stand for clients on other hosts, which take none of the farm's
     * cores; niced (nice 19, what this did before) they still took 2.5-3.4 CPU s of a 20,000-task job on the farm's two
     * cores, SCHED_IDLE 1.1-1.8 s, and still read every event by the job's end.
     */
    private static void idle(final long pid) throws IOException, InterruptedException {
        final Process chrt = new ProcessBuilder("chrt", "-a", "--idle", "-p", "0", Long.toString(pid))
                .redirectErrorStream(true)
                .start();
        final String output = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (chrt.waitFor() != 0) {
            throw new IllegalStateException("chrt could not put the watchers in the idle class: " + output.strip());
        }
    }

    private static void await(final String url, final String token, final String id)
            throws IOException, InterruptedException {
        for (; ; ) {
            final JsonNode job = ServeCalls.job(url, token, id);
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

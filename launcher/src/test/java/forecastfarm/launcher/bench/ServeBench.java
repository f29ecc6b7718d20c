package forecastfarm.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/bench serve-warm}: the warm path of a standing farm against the one-shot command line, in one run.
 * A {@code farm serve} process (2 workers) takes a job of {@code --series} stocks of the sample data with ets; the
 * time from the POST to the job's {@code end} event on its event stream is the served figure; beside it, alternated, the
 * same job timed by a client that polls {@code GET /v1/jobs/{id}} every millisecond (the CPU such a client and the
 * server spend on it is taken from the workers on a small machine). The same series as a CSV through {@code farm
 * forecast} (a cold JVM, its workers, its outputs) is the one-shot figure.
 */
final class ServeBench {
    private static final int WARM_UP_JOBS = 20;

    private final PrintStream out;
    private final Path scratch;

    ServeBench(final PrintStream out, final Path scratch) {
        this.out = out;
        this.scratch = scratch;
    }

    void warm(final BenchArgs args) throws InterruptedException {
        final int reps = args.intValue("reps", 20, 1);
        final int cliReps = args.intValue("cli-reps", 3, 1);
        final int seriesCount = args.intValue("series", 5, 1);
        final Path home =
                Path.of(System.getProperty("farm.home", ".")).toAbsolutePath().normalize();
        final Path farm = home.resolve("scripts/farm");
        final Map<String, List<String[]>> series =
                firstSeries(home.resolve("scripts/sample/sp500_50.csv"), seriesCount);
        final String body = body(series);
        final Path csv = csv(series);
        final Path farmDir = scratch.resolve("serve");
        final String threads = args.stringValue("worker-threads", "");
        final Process server = start(
                farm,
                farmDir,
                scratch.resolve("serve.log"),
                args.stringValue("worker-jit", ""),
                threads.isEmpty() ? new String[0] : new String[] {"--worker-threads", threads});
        final double[] served = new double[reps];
        final double[] polled = new double[reps];
        try {
            final String url = Files.readString(farmDir.resolve("serve.url")).strip();
            final String token = Files.readString(farmDir.resolve("api-token")).strip();
            for (int i = 0; i < WARM_UP_JOBS; i++) {
                ServeCalls.timeJob(url, token, body);
            }
            for (int r = 0; r < reps; r++) {
                served[r] = ServeCalls.timeJob(url, token, body);
                polled[r] = ServeCalls.timeJobPolling(url, token, body);
            }
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            server.destroy();
            server.waitFor();
        }
        final double[] cli = new double[cliReps];
        for (int r = 0; r < cliReps; r++) {
            cli[r] = 1e3
                    * BenchCommands.timed(
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
                                    "--farm-dir",
                                    scratch.resolve("cli-" + r).toString(),
                                    "--out",
                                    scratch.resolve("cli-out-" + r).toString()),
                            scratch.resolve("cli.log"));
        }
        final double servedMs = BenchMath.median(served);
        final double polledMs = BenchMath.median(polled);
        final double cliMs = BenchMath.median(cli);
        out.printf(
                Locale.ROOT,
                "serve-warm: a %d-stock ets job (h=20), POST to last result on a warm farm of 2 workers: median %.1f ms"
                        + " of %d on the job's event stream, %.1f ms polling GET /v1/jobs/ID every ms (alternated,"
                        + " after %d warm-up jobs); the same as farm forecast (cold, one shot): median %.0f ms of %d;"
                        + " ratio %.3f%n",
                seriesCount,
                servedMs,
                reps,
                polledMs,
                WARM_UP_JOBS,
                cliMs,
                cliReps,
                servedMs / cliMs);
        out.printf(
                Locale.ROOT,
                "RESULT bench=serve-warm series=%d served_ms=%.1f polled_ms=%.1f cli_ms=%.0f ratio=%.4f"
                        + " target_served_ms=100%n",
                seriesCount,
                servedMs,
                polledMs,
                cliMs,
                servedMs / cliMs);
    }

    /**
     * {@code scripts/bench serve-fair}: another client's small job (the sample's first {@code --series} stocks, ets)
     * while one client's {@code --big}-series job (ets on short random walks) keeps the farm busy; the big job is
     * cancelled at the end. The target: the small job within 1 s, median of {@code --reps}.
     */
    void fair(final BenchArgs args) throws InterruptedException {
        final int reps = args.intValue("reps", 10, 1);
        final int big = args.intValue("big", 20_000, 1);
        final int seriesCount = args.intValue("series", 5, 1);
        final Path home =
                Path.of(System.getProperty("farm.home", ".")).toAbsolutePath().normalize();
        final Path farm = home.resolve("scripts/farm");
        final String small = body(firstSeries(home.resolve("scripts/sample/sp500_50.csv"), seriesCount));
        final Path farmDir = scratch.resolve("serve-fair");
        final Process server = start(farm, farmDir, scratch.resolve("serve.log"), args.stringValue("worker-jit", ""));
        final double[] times = new double[reps];
        try {
            final String url = Files.readString(farmDir.resolve("serve.url")).strip();
            final String bigToken = ServeCalls.token(farm, farmDir, "big", scratch);
            final String smallToken = ServeCalls.token(farm, farmDir, "small", scratch);
            for (int i = 0; i < 5; i++) {
                ServeCalls.timeJob(url, smallToken, small);
            }
            final String bigId = ServeCalls.post(url, bigToken, bigJob(big));
            while (ServeCalls.job(url, bigToken, bigId).path("done").asLong() < 50) {
                Thread.sleep(10);
            }
            for (int r = 0; r < reps; r++) {
                times[r] = ServeCalls.timeJob(url, smallToken, small);
            }
            final JsonNode bigState = ServeCalls.job(url, bigToken, bigId);
            out.printf(
                    Locale.ROOT,
                    "the big job had %d of %d done when the last small job ended; it is cancelled now%n",
                    bigState.path("done").asLong(),
                    big);
            ServeCalls.delete(url, bigToken, bigId);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            server.destroy();
            server.waitFor();
        }
        final double medianMs = BenchMath.median(times);
        out.printf(
                Locale.ROOT,
                "serve-fair: a %d-stock ets job of one client beside another client's %d-series job, 2 workers:"
                        + " median %.0f ms of %d (min %.0f, max %.0f); target 1000 ms%n",
                seriesCount,
                big,
                medianMs,
                reps,
                java.util.Arrays.stream(times).min().orElse(0),
                java.util.Arrays.stream(times).max().orElse(0));
        out.printf(
                Locale.ROOT,
                "RESULT bench=serve-fair series=%d big=%d median_ms=%.0f target_ms=1000%n",
                seriesCount,
                big,
                medianMs);
    }

    /** {@code count} random walks of 36 points, ets: a few ms each, the farm kept busy for minutes. */
    private static String bigJob(final int count) {
        return randomWalkJob(count, "ets");
    }

    /** @return a forecast job of {@code count} random walks of 36 points, h=6, one model. */
    static String randomWalkJob(final int count, final String model) {
        return randomWalkJob(count, model, 36);
    }

    /** @return a forecast job of {@code count} random walks of {@code points} points, h=6, one model. */
    static String randomWalkJob(final int count, final String model, final int points) {
        final java.util.Random random = new java.util.Random(7);
        final StringBuilder items = new StringBuilder();
        for (int i = 0; i < count; i++) {
            final StringBuilder y = new StringBuilder();
            double value = 100;
            for (int t = 0; t < points; t++) {
                value += random.nextGaussian();
                y.append(t == 0 ? "" : ",").append(Math.round(value * 100) / 100.0);
            }
            items.append(i == 0 ? "" : ",")
                    .append("{\"id\": \"B")
                    .append(i)
                    .append("\", \"y\": [")
                    .append(y)
                    .append("]}");
        }
        return "{\"type\": \"forecast\", \"horizon\": 6, \"models\": [\"" + model + "\"], \"series\": [" + items + "]}";
    }

    /** Starts {@code farm serve} on a free loopback port and waits until it is ready. */
    static Process start(
            final Path farm, final Path farmDir, final Path log, final String workerJit, final String... extra)
            throws InterruptedException {
        final List<String> command = new ArrayList<>(List.of(
                farm.toString(),
                "serve",
                "--farm-dir",
                farmDir.toString(),
                "--listen",
                "127.0.0.1:0",
                "--workers",
                "2"));
        if (!workerJit.isEmpty()) {
            command.addAll(List.of("--worker-jit", workerJit));
        }
        command.addAll(List.of(extra));
        try {
            final Process server = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            final long deadline = System.currentTimeMillis() + BenchCommands.CALL_TIMEOUT_MS;
            while (!Files.exists(farmDir.resolve("serve.url"))) {
                if (!server.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("farm serve did not start:\n" + Files.readString(log));
                }
                Thread.sleep(20);
            }
            return server;
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Map<String, List<String[]>> firstSeries(final Path csv, final int count) {
        final Map<String, List<String[]>> series = new LinkedHashMap<>();
        try {
            final List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            for (final String line : lines.subList(1, lines.size())) {
                final String[] cells = line.split(",");
                if (!series.containsKey(cells[0]) && series.size() == count) {
                    break;
                }
                series.computeIfAbsent(cells[0], id -> new ArrayList<>()).add(cells);
            }
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot read " + csv + ": " + ex.getMessage(), ex);
        }
        return series;
    }

    static String body(final Map<String, List<String[]>> series) {
        final StringBuilder items = new StringBuilder();
        series.forEach((id, rows) -> {
            final StringBuilder y = new StringBuilder();
            rows.forEach(row -> y.append(y.length() == 0 ? "" : ",").append(row[2]));
            items.append(items.length() == 0 ? "" : ",")
                    .append("{\"id\": \"")
                    .append(id)
                    .append("\", \"y\": [")
                    .append(y)
                    .append("]}");
        });
        return "{\"type\": \"forecast\", \"horizon\": 20, \"models\": [\"ets\"], \"season_length\": 5, \"series\": ["
                + items + "]}";
    }

    private Path csv(final Map<String, List<String[]>> series) {
        return writeCsv(series, scratch.resolve("series.csv"));
    }

    /** @return {@code file}, the series as a long CSV. */
    static Path writeCsv(final Map<String, List<String[]>> series, final Path file) {
        final StringBuilder text = new StringBuilder("unique_id,ds,y\n");
        series.values()
                .forEach(rows ->
                        rows.forEach(row -> text.append(String.join(",", row)).append('\n')));
        try {
            return Files.writeString(file, text);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

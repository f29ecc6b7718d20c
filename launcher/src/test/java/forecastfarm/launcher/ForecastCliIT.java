package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code farm forecast} end to end through the real farm: the output contract and the exit code.
 */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ForecastCliIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    private Path input() throws Exception {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        LocalDate day = LocalDate.of(2018, 7, 2); // a Monday
        for (int i = 0; i < 30; i++) {
            csv.append("STOCK,").append(day).append(',').append(100 + i % 7).append('\n');
            day = day.plusDays(day.getDayOfWeek().getValue() == 5 ? 3 : 1);
        }
        for (int i = 1; i <= 30; i++) {
            csv.append("SALES,").append(i).append(',').append(10 * i).append('\n');
        }
        csv.append("BAD,1,5\nBAD,2,abc\nBAD,3,7\n");
        csv.append("SHORT,1,5\n");
        final Path file = tmp.resolve("in.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void forecastsEveryGoodSeriesAndReportsTheRest() throws Exception {
        final Path out = tmp.resolve("out");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = FarmCli.execute(
                new String[] {
                    "forecast",
                    "--input",
                    input().toString(),
                    "--horizon",
                    "5",
                    "--model",
                    "naive,drift",
                    "--workers",
                    "2",
                    "--farm-dir",
                    tmp.resolve("farm").toString(),
                    "--out",
                    out.toString()
                },
                new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals(2, exit, "one invalid and one failed series; console:\n" + console);
        assertTrue(
                console.toString(StandardCharsets.UTF_8).contains("succeeded 2, failed 1, poisoned 0, invalid input 1"),
                console.toString());
        final List<String> forecasts = Files.readAllLines(out.resolve("forecasts.csv"));
        assertEquals("unique_id,ds,step,model,forecast,lo-80,hi-80,lo-95,hi-95,model_spec", forecasts.get(0));
        assertEquals(1 + 2 * 5 * 2, forecasts.size(), "2 series x 5 steps x 2 models");
        assertTrue(
                console.toString(StandardCharsets.UTF_8)
                        .contains("season length: business-daily, m=5 (1 series); integer, m=1 (2 series)"),
                console.toString());
        // 30 business days from Monday 2018-07-02 end on Friday 2018-08-10; the forecast skips the weekend.
        assertTrue(forecasts.stream().anyMatch(l -> l.startsWith("STOCK,2018-08-13,1,naive,")), forecasts.toString());
        assertTrue(forecasts.stream().anyMatch(l -> l.startsWith("STOCK,2018-08-17,5,naive,")), forecasts.toString());
        assertTrue(forecasts.stream().anyMatch(l -> l.startsWith("SALES,31,1,drift,310,")), forecasts.toString());

        final List<String> failed = Files.readAllLines(out.resolve("failed.csv"));
        assertEquals("unique_id,status,attempts,reason", failed.get(0));
        assertTrue(
                failed.stream().anyMatch(l -> l.startsWith("BAD,INVALID,0,") && l.contains("abc")), failed.toString());
        assertTrue(failed.stream().anyMatch(l -> l.startsWith("SHORT,FAILED,1,")), failed.toString());

        final JsonNode summary =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (final String key : List.of(
                "tasks",
                "ok",
                "failed",
                "poisoned",
                "resumed",
                "retries",
                "worker_restarts",
                "workers",
                "wall_seconds",
                "task_ms",
                "series_per_second",
                "parallel_efficiency")) {
            assertTrue(summary.has(key), "summary.json has " + key);
        }
        assertEquals(3, summary.get("tasks").asInt());
        assertEquals(2, summary.get("ok").asInt());
        assertEquals(1, summary.get("failed").asInt());
        assertTrue(summary.get("task_ms").has("p95"));
        assertEquals(1, summary.get("seasons").get("business-daily, m=5").asInt(), summary.toString());

        final ByteArrayOutputStream watch = new ByteArrayOutputStream();
        assertEquals(
                0,
                FarmCli.execute(
                        new String[] {
                            "inspect", "--farm-dir", tmp.resolve("farm").toString(), "--watch", "100ms"
                        },
                        new PrintStream(watch, true, StandardCharsets.UTF_8)));
        assertTrue(
                watch.toString(StandardCharsets.UTF_8).contains("tasks 3: pending 0, running 0, done 2, failed 1"),
                "a finished farm is shown once and watch ends: " + watch);
        final ByteArrayOutputStream one = new ByteArrayOutputStream();
        assertEquals(
                0,
                FarmCli.execute(
                        new String[] {
                            "inspect", "--farm-dir", tmp.resolve("farm").toString(), "--id", "SALES"
                        },
                        new PrintStream(one, true, StandardCharsets.UTF_8)));
        final String sales = one.toString(StandardCharsets.UTF_8);
        assertTrue(sales.contains("drift: Random walk with drift"), sales);
        assertTrue(sales.matches("(?s).*\\n\\s+1\\s+31\\s+310\\.000\\s+310\\.000.*"), "step 1 of drift: " + sales);

        final String html = Files.readString(out.resolve("report.html"));
        for (final String id : List.of("STOCK", "SALES", "BAD", "SHORT")) {
            assertTrue(html.contains(">" + id + "<"), "report.html lists " + id);
        }
        assertTrue(
                html.contains("<td>naive: Naive method; drift: Random walk with drift</td>"),
                "report.html lists each model's model_spec");
        try (java.util.stream.Stream<Path> plots = Files.list(out.resolve("plots"))) {
            final List<String> names =
                    plots.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("SALES.png", "SHORT.png", "STOCK.png"), names, "one plot per series run");
            assertTrue(html.contains("plots/STOCK.png"), "report links the plots");
            final java.awt.image.BufferedImage png =
                    javax.imageio.ImageIO.read(out.resolve("plots/STOCK.png").toFile());
            assertTrue(png.getWidth() > 100 && png.getHeight() > 100, "a real image");
        }

        final List<String> joblog = Files.readAllLines(out.resolve("joblog.tsv"));
        assertEquals("seq\tid\tworker\tstart\truntime\tattempts\tstatus\treason", joblog.get(0));
        assertEquals(1 + 4, joblog.size(), "3 series run and 1 invalid: " + joblog);
        assertTrue(
                joblog.stream().anyMatch(l -> l.matches("1\tSTOCK\t[01]\t\\d+\\.\\d{3}\t[0-9.]+\t1\tOK\t")),
                joblog.toString());
        assertTrue(
                joblog.stream().anyMatch(l -> l.startsWith("0\tBAD\t-1\t") && l.contains("INVALID")),
                joblog.toString());
        assertTrue(
                joblog.stream().anyMatch(l -> l.startsWith("3\tSHORT\t") && l.contains("\tFAILED\t")),
                joblog.toString());
    }

    @Test
    void resumeFromTheJoblogKeepsFinishedSeriesEvenWithoutTheFarmDir() throws Exception {
        final Path out = tmp.resolve("out");
        final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        final String[] args = {
            "forecast",
            "--input",
            input().toString(),
            "--horizon",
            "5",
            "--model",
            "naive",
            "--workers",
            "1",
            "--farm-dir",
            tmp.resolve("farm").toString(),
            "--out",
            out.toString()
        };
        assertEquals(2, FarmCli.execute(args, quiet));
        final List<String> firstForecasts = Files.readAllLines(out.resolve("forecasts.csv"));
        try (java.util.stream.Stream<Path> paths = Files.walk(tmp.resolve("farm"))) {
            for (final Path path :
                    paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }

        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final String[] resume = java.util.stream.Stream.concat(
                        java.util.Arrays.stream(args), java.util.stream.Stream.of("--resume"))
                .toArray(String[]::new);
        assertEquals(2, FarmCli.execute(resume, new PrintStream(console, true, StandardCharsets.UTF_8)));
        assertTrue(
                console.toString(StandardCharsets.UTF_8).contains("forecasting 0 series of long input"),
                console.toString());
        assertEquals(firstForecasts, Files.readAllLines(out.resolve("forecasts.csv")), "rows carried over");
        final List<String> joblog = Files.readAllLines(out.resolve("joblog.tsv"));
        assertEquals(1, joblog.stream().filter(l -> l.contains("\tSTOCK\t")).count(), joblog.toString());
        assertEquals(1, joblog.stream().filter(l -> l.contains("\tSHORT\t")).count(), joblog.toString());

        final ByteArrayOutputStream retry = new ByteArrayOutputStream();
        final String[] retryFailed = java.util.stream.Stream.concat(
                        java.util.Arrays.stream(args), java.util.stream.Stream.of("--retry-failed"))
                .toArray(String[]::new);
        assertEquals(2, FarmCli.execute(retryFailed, new PrintStream(retry, true, StandardCharsets.UTF_8)));
        assertTrue(
                retry.toString(StandardCharsets.UTF_8).contains("forecasting 1 series of long input"),
                retry.toString());
        assertEquals(
                firstForecasts.size(),
                Files.readAllLines(out.resolve("forecasts.csv")).size());
    }

    @Test
    void badOptionsExitWith101AndAMissingInputWith102() throws Exception {
        final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(
                ExitCodes.USAGE,
                FarmCli.execute(new String[] {"forecast", "--input", input().toString(), "--horizon", "0"}, quiet));
        assertEquals(ExitCodes.USAGE, FarmCli.execute(new String[] {"forecast", "--no-such-option"}, quiet));
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(
                    ExitCodes.USAGE,
                    FarmCli.execute(
                            new String[] {
                                "forecast", "--input", input().toString(), "--horizon", "3", "--model", "naive,ETS"
                            },
                            quiet));
        } finally {
            System.setErr(oldErr);
        }
        assertTrue(
                err.toString(StandardCharsets.UTF_8)
                        .contains(
                                "--model 'naive,ETS': unknown model 'ETS' (names are lower case); known models: naive,"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(
                ExitCodes.INPUT,
                FarmCli.execute(
                        new String[] {
                            "forecast", "--input", tmp.resolve("missing.csv").toString(), "--horizon", "3"
                        },
                        quiet));
    }

    /** A model with an argument runs, and forecasts.csv names it by its canonical spec (the user's spaces dropped). */
    @Test
    void aModelWithAnArgumentIsWrittenUnderItsCanonicalSpec() throws Exception {
        final Path out = tmp.resolve("out");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = FarmCli.execute(
                new String[] {
                    "forecast",
                    "--input",
                    input().toString(),
                    "--horizon",
                    "2",
                    "--model",
                    "naive, comb: naive + drift",
                    "--workers",
                    "1",
                    "--plots",
                    "none",
                    "--farm-dir",
                    tmp.resolve("farm").toString(),
                    "--out",
                    out.toString()
                },
                new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(2, exit, "one invalid and one failed series, as above; console:\n" + console);
        final List<String> forecasts = Files.readAllLines(out.resolve("forecasts.csv"));
        // SALES is 10, 20, ..., 300: naive says 300, drift 310, their mean 305
        assertTrue(forecasts.stream().anyMatch(l -> l.startsWith("SALES,31,1,naive,300,")), forecasts.toString());
        assertTrue(
                forecasts.stream().anyMatch(l -> l.startsWith("SALES,31,1,comb:naive+drift,305,")),
                forecasts.toString());
        assertEquals(
                List.of("comb:naive+drift", "naive"),
                forecasts.stream()
                        .skip(1)
                        .map(l -> l.split(",")[3])
                        .distinct()
                        .sorted()
                        .toList());
    }

    /**
     * The same three stocks as long rows, as a wide sheet and as a folder of OHLCV files: the format is detected and
     * the forecasts are identical.
     */
    @Test
    void wideAndOhlcInputsAreDetectedAndForecastLikeTheLongForm() throws Exception {
        final List<String> ids = List.of("MMM", "GOOGL", "AMZN");
        final java.util.Map<String, java.util.List<String[]>> rows = new java.util.LinkedHashMap<>();
        for (final String line : Files.readAllLines(Path.of("..", "scripts", "sample", "sp500_50.csv"))) {
            final String[] f = line.split(",");
            if (ids.contains(f[0])) {
                rows.computeIfAbsent(f[0], k -> new java.util.ArrayList<>()).add(f);
            }
        }
        assertEquals(ids, List.copyOf(rows.keySet()), "the sample has the three stocks, in order");
        final StringBuilder lng = new StringBuilder("unique_id,ds,y\n");
        rows.values()
                .forEach(series ->
                        series.forEach(r -> lng.append(String.join(",", r)).append('\n')));
        final Path longCsv = Files.writeString(tmp.resolve("long.csv"), lng);
        final StringBuilder wide = new StringBuilder("Date," + String.join(",", ids) + "\n");
        final int n = rows.get("MMM").size();
        for (int t = 0; t < n; t++) {
            wide.append(rows.get("MMM").get(t)[1]);
            for (final String id : ids) {
                assertEquals(rows.get("MMM").get(t)[1], rows.get(id).get(t)[1], "same dates");
                wide.append(',').append(rows.get(id).get(t)[2]);
            }
            wide.append('\n');
        }
        final Path wideCsv = Files.writeString(tmp.resolve("wide.csv"), wide);
        final Path ohlc = Files.createDirectories(tmp.resolve("ohlc"));
        for (final String id : ids) {
            final StringBuilder file = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume\n");
            rows.get(id)
                    .forEach(r -> file.append(r[1])
                            .append(",1,2,0.5,1.5,")
                            .append(r[2])
                            .append(",1000\n"));
            Files.writeString(ohlc.resolve(id + ".csv"), file);
        }
        final List<List<String>> forecasts = new java.util.ArrayList<>();
        for (final Path input : List.of(longCsv, wideCsv, ohlc)) {
            final Path out = tmp.resolve("out-" + input.getFileName());
            final ByteArrayOutputStream console = new ByteArrayOutputStream();
            final int exit = FarmCli.execute(
                    new String[] {
                        "forecast",
                        "--input",
                        input.toString(),
                        "--horizon",
                        "3",
                        "--model",
                        "naive,theta",
                        "--workers",
                        "1",
                        "--farm-dir",
                        tmp.resolve("farm-" + input.getFileName()).toString(),
                        "--out",
                        out.toString()
                    },
                    new PrintStream(console, true, StandardCharsets.UTF_8));
            assertEquals(0, exit, console.toString(StandardCharsets.UTF_8));
            forecasts.add(Files.readAllLines(out.resolve("forecasts.csv")).stream()
                    .sorted()
                    .toList());
        }
        assertEquals(1 + 3 * 3 * 2, forecasts.get(0).size());
        assertEquals(forecasts.get(0), forecasts.get(1), "wide = long");
        assertEquals(forecasts.get(0), forecasts.get(2), "ohlc-dir = long");
    }

    /**
     * A full disk in --out (a 64 KiB tmpfs; skipped where mounting is not allowed): exit 104 naming the farm dir, no
     * partial file under a final name, and a rerun into another --out writes everything without recomputing.
     */
    @Test
    void aFullDiskInOutLosesNothingComputed() throws Exception {
        final Path full = Files.createDirectories(tmp.resolve("full"));
        final Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full.toString())
                .redirectErrorStream(true)
                .start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here");
        try {
            final Path sample = Path.of("..", "scripts", "sample", "sp500_50.csv");
            final String farmDir = tmp.resolve("farm").toString();
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final PrintStream oldErr = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            final int exit;
            try {
                exit = FarmCli.execute(
                        new String[] {
                            "forecast",
                            "--input",
                            sample.toString(),
                            "--horizon",
                            "14",
                            "--model",
                            "naive,drift",
                            "--workers",
                            "2",
                            "--farm-dir",
                            farmDir,
                            "--out",
                            full.toString()
                        },
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            } finally {
                System.setErr(oldErr);
            }
            final String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(ExitCodes.OUTPUT, exit, message);
            assertTrue(message.contains("the results are kept in the farm dir " + farmDir), message);
            assertFalse(Files.exists(full.resolve("forecasts.csv")), "no partial forecasts.csv");

            final Path out = tmp.resolve("out");
            final ByteArrayOutputStream console = new ByteArrayOutputStream();
            assertEquals(
                    0,
                    FarmCli.execute(
                            new String[] {
                                "forecast",
                                "--input",
                                sample.toString(),
                                "--horizon",
                                "14",
                                "--model",
                                "naive,drift",
                                "--workers",
                                "2",
                                "--farm-dir",
                                farmDir,
                                "--out",
                                out.toString()
                            },
                            new PrintStream(console, true, StandardCharsets.UTF_8)),
                    console.toString(StandardCharsets.UTF_8));
            assertEquals(
                    1 + 50 * 14 * 2,
                    Files.readAllLines(out.resolve("forecasts.csv")).size());
            final JsonNode summary =
                    new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            assertTrue(
                    summary.get("resumed").asInt() > 0,
                    "results computed before the disk filled are reused: " + summary);
        } finally {
            new ProcessBuilder("umount", full.toString()).start().waitFor();
        }
    }
}

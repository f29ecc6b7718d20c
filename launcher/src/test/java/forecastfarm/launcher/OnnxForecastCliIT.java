package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code farm forecast --model naive,onnx:PATH} through the real farm, with the plugin jar that worker/onnx built
 * (the reactor builds it before the launcher) and its committed tiny model, whose median is the mean of the last 16
 * observed values.
 */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OnnxForecastCliIT {
    private static final Path TINY = OnnxPlugin.TINY;

    @TempDir
    Path tmp;

    @BeforeAll
    static void classpathAndPlugin() {
        OnnxPlugin.useBuiltJar();
    }

    /** A: 1..20, B: 101..120, integer ds. */
    private Path input() throws Exception {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (final int base : new int[] {0, 100}) {
            for (int t = 1; t <= 20; t++) {
                csv.append(base == 0 ? "A" : "B")
                        .append(',')
                        .append(t)
                        .append(',')
                        .append(base + t)
                        .append('\n');
            }
        }
        return Files.writeString(tmp.resolve("ramps.csv"), csv);
    }

    private int forecast(final String models, final Path out, final ByteArrayOutputStream console) throws Exception {
        return FarmCli.execute(
                new String[] {
                    "forecast",
                    "--input",
                    input().toString(),
                    "--horizon",
                    "3",
                    "--model",
                    models,
                    "--level",
                    "80,95",
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
    }

    @Test
    void onnxRowsCarryTheTinyModelsMedianAndEmptyNinetyFivePercentBounds() throws Exception {
        final Path out = tmp.resolve("out");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = forecast("naive,onnx:" + TINY, out, console);
        assertEquals(0, exit, console.toString(StandardCharsets.UTF_8));

        final List<String> lines = Files.readAllLines(out.resolve("forecasts.csv"));
        final List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        final int model = header.indexOf("model");
        final int mean = header.indexOf("forecast");
        final int lo95 = header.indexOf("lo-95");
        final int hi95 = header.indexOf("hi-95");
        final int lo80 = header.indexOf("lo-80");
        assertTrue(model >= 0 && mean >= 0 && lo95 >= 0 && hi95 >= 0 && lo80 >= 0, header.toString());
        assertEquals(1 + 2 * 2 * 3, lines.size(), lines.toString());
        int onnxRows = 0;
        for (final String line : lines.subList(1, lines.size())) {
            final String[] cells = line.split(",", -1);
            if (!cells[model].startsWith("onnx:")) {
                continue;
            }
            onnxRows++;
            // mean of 5..20 = 12.5; of 105..120 = 112.5
            final double median = line.startsWith("A,") ? 12.5 : 112.5;
            assertEquals(median, Double.parseDouble(cells[mean]), 1e-4, line);
            assertEquals("", cells[lo95], line);
            assertEquals("", cells[hi95], line);
            assertTrue(Double.parseDouble(cells[lo80]) < median, line);
        }
        assertEquals(2 * 3, onnxRows, lines.toString());
    }

    /**
     * A file that is missing, not ONNX, or of another interface fails the job before any series runs (no forecasts,
     * no joblog), with the file and what differs; also as a member of a list.
     */
    @Test
    void aModelFileThatCannotBeUsedFailsTheJobBeforeAnySeriesRuns() throws Exception {
        final Path missing = tmp.resolve("no-such-model.onnx");
        final Path corrupt = Files.writeString(tmp.resolve("corrupt.onnx"), "not a model");
        final Path threeQuantiles = OnnxPlugin.THREE_QUANTILES;
        final Map<String, String> expected = Map.of(
                "onnx:" + missing, missing + ": no such file",
                "naive,comb:naive+onnx:" + corrupt, corrupt.toString(),
                "auto:naive+onnx:" + threeQuantiles, threeQuantiles.toString());
        int run = 0;
        for (final Map.Entry<String, String> model : expected.entrySet()) {
            final Path out = tmp.resolve("out-bad-" + run++);
            final ByteArrayOutputStream console = new ByteArrayOutputStream();
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final PrintStream oldErr = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            final int exit;
            try {
                exit = forecast(model.getKey(), out, console);
            } finally {
                System.setErr(oldErr);
            }
            final String said = err.toString(StandardCharsets.UTF_8) + console.toString(StandardCharsets.UTF_8);
            assertEquals(ExitCodes.USAGE, exit, said);
            assertTrue(said.contains("--model: ") && said.contains(model.getValue()), said);
            assertFalse(Files.exists(out.resolve("forecasts.csv")), model.getKey() + ": a series ran");
            assertFalse(Files.exists(out.resolve("joblog.tsv")), model.getKey() + ": a series ran");
        }
    }

    @Test
    void aCombinationWithTheModelForecastsItsSeriesAndLeavesTheLevelItCannotGiveEmpty() throws Exception {
        final Path out = tmp.resolve("out-comb");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = forecast("comb:naive+onnx:" + TINY, out, console);
        assertEquals(0, exit, console.toString(StandardCharsets.UTF_8));
        final List<String> lines = Files.readAllLines(out.resolve("forecasts.csv"));
        final List<String> header = List.of(lines.get(0).split(",", -1));
        final int lo95 = header.indexOf("lo-95");
        final int lo80 = header.indexOf("lo-80");
        assertEquals(1 + 2 * 3, lines.size(), lines.toString());
        for (final String line : lines.subList(1, lines.size())) {
            final String[] cells = line.split(",", -1);
            assertEquals("", cells[lo95], line);
            assertFalse(cells[lo80].isEmpty(), line);
        }
    }

    /** Five series of different lengths and levels, integer ds. */
    private Path fiveSeries() throws Exception {
        final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int k = 0; k < 5; k++) {
            for (int t = 1; t <= 12 + 9 * k; t++) {
                csv.append("S").append(k).append(',').append(t).append(',');
                csv.append(10 * k + t % 7 + 0.25 * t).append('\n');
            }
        }
        return Files.writeString(tmp.resolve("five.csv"), csv);
    }

    private String forecastFive(final String batchSize, final Path out) throws Exception {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = FarmCli.execute(
                new String[] {
                    "forecast",
                    "--input",
                    fiveSeries().toString(),
                    "--horizon",
                    "4",
                    "--model",
                    "naive,onnx:" + TINY,
                    "--batch-size",
                    batchSize,
                    "--workers",
                    "2",
                    "--plots",
                    "none",
                    "--farm-dir",
                    tmp.resolve("farm-" + batchSize).toString(),
                    "--out",
                    out.toString()
                },
                new PrintStream(console, true, StandardCharsets.UTF_8));
        final String said = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, said);
        return said;
    }

    /**
     * Batches of 2 give the rows of one series per task (as a set: rows come in input order either way), the ONNX
     * model's numbers to float32's precision (ONNX Runtime may take other kernels for another batch size), and the
     * joblog lists each series once.
     */
    @Test
    void batchesOfTwoGiveTheRowsOfOneSeriesPerTask() throws Exception {
        final Path one = tmp.resolve("out-batch-1");
        final Path two = tmp.resolve("out-batch-2");
        forecastFive("1", one);
        final String said = forecastFive("2", two);
        assertTrue(said.contains("on 2 workers in tasks of 2 series"), said);
        final List<String> alone = Files.readAllLines(one.resolve("forecasts.csv"));
        final List<String> batched = Files.readAllLines(two.resolve("forecasts.csv"));
        assertEquals(1 + 5 * 2 * 4, alone.size(), alone.toString());
        assertEquals(alone.size(), batched.size(), batched.toString());
        final java.util.Map<String, String> byKey = new java.util.HashMap<>();
        for (final String row : alone) {
            byKey.put(rowKey(row), row);
        }
        for (final String row : batched) {
            assertSameRow(byKey.remove(rowKey(row)), row);
        }
        assertTrue(byKey.isEmpty(), "rows only the one-series run has: " + byKey);
        assertEquals(Files.readAllLines(one.resolve("failed.csv")), Files.readAllLines(two.resolve("failed.csv")));
        final List<String> joblog = Files.readAllLines(two.resolve("joblog.tsv"));
        assertEquals(1 + 5, joblog.size(), joblog.toString());
        assertEquals(
                java.util.Set.of("S0", "S1", "S2", "S3", "S4"),
                joblog.stream().skip(1).map(l -> l.split("\t")[1]).collect(java.util.stream.Collectors.toSet()));
    }

    /** unique_id, ds, step and model. */
    private static String rowKey(final String row) {
        return String.join(",", Arrays.asList(row.split(",", -1)).subList(0, 4));
    }

    private static void assertSameRow(final String expected, final String actual) {
        assertTrue(expected != null, "a row the one-series run does not have: " + actual);
        final String[] a = expected.split(",", -1);
        final String[] b = actual.split(",", -1);
        assertEquals(a.length, b.length, actual);
        for (int i = 0; i < a.length; i++) {
            if (i < 4 || !a[i].matches("-?[0-9.]+(E-?[0-9]+)?")) {
                assertEquals(a[i], b[i], actual);
            } else {
                final double x = Double.parseDouble(a[i]);
                assertEquals(x, Double.parseDouble(b[i]), 1e-6 * Math.max(1, Math.abs(x)), expected + " / " + actual);
            }
        }
    }
}

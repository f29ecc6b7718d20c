package forecastfarm.launcher.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.ModelForecast;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritersTest {

    @TempDir
    Path dir;

    private static final double NaN = Double.NaN;

    private List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String text(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    private static void writeSample(ForecastCsvWriter w) throws IOException {
        w.write(
                "A",
                new String[] {"2018-08-20", "2018-08-21"},
                "theta",
                new double[] {1.5, 1e7},
                new double[][] {{1, 2}, {0.5, NaN}},
                new double[][] {{2, 3.25}, {2.5, Double.POSITIVE_INFINITY}});
        w.write("B, Inc.", new String[] {"1995-01"}, "naive", new double[] {-0.0}, null, null);
    }

    private static final String SAMPLE = "unique_id,ds,step,model,forecast,lo-80,hi-80,lo-97.5,hi-97.5,model_spec\n"
            + "A,2018-08-20,1,theta,1.5,1,2,0.5,2.5,\n"
            + "A,2018-08-21,2,theta,10000000,2,3.25,,,\n"
            + "\"B, Inc.\",1995-01,1,naive,0,,,,,\n";

    @Test
    void forecastCsvExactBytes() throws IOException {
        Path f = dir.resolve("forecasts.csv");
        try (ForecastCsvWriter w = new ForecastCsvWriter(f, new double[] {80, 97.5})) {
            writeSample(w);
            assertEquals(3, w.rowsWritten());
            assertEquals(f, w.file());
            assertFalse(Files.exists(f), "nothing under the final name before close");
        }
        assertEquals(SAMPLE, text(f));
        assertEquals(List.of("forecasts.csv"), listing(dir), "no temporary file left");
    }

    @Test
    void forecastCsvWithoutLevels() throws IOException {
        Path f = dir.resolve("out/sub/forecasts.csv"); // parent directories are created
        try (ForecastCsvWriter w = new ForecastCsvWriter(f, (double[]) null)) {
            w.write(
                    "s1",
                    new String[] {"11", "12"},
                    "ets",
                    new double[] {0.1, 123456.789},
                    new double[0][],
                    new double[0][]);
        }
        assertEquals(
                "unique_id,ds,step,model,forecast,model_spec\ns1,11,1,ets,0.1,\ns1,12,2,ets,123456.789,\n", text(f));
    }

    private static List<ModelForecast> etsAndTheta() {
        return List.of(
                new ModelForecast(
                        "ets",
                        "ETS(M,Ad,N)",
                        "",
                        "",
                        new double[] {80, 95},
                        new double[] {10, 11},
                        new double[][] {{9, 10}, {8, 9}},
                        new double[][] {{11, 12}, {12, 13}}),
                ModelForecast.failed("arima", "did not converge"),
                new ModelForecast(
                        "theta",
                        "Theta",
                        "",
                        "",
                        new double[] {80, 95},
                        new double[] {20, 21},
                        new double[][] {{19, 20}, {18, 19}},
                        new double[][] {{21, 22}, {22, 23}}));
    }

    @Test
    void longRowsNameTheFittedModelInTheLastColumn() throws IOException {
        Path f = dir.resolve("forecasts.csv");
        try (ForecastCsvWriter w = new ForecastCsvWriter(f, new double[] {80, 95})) {
            w.write("A", new String[] {"2020-01", "2020-02"}, etsAndTheta());
        }
        assertEquals(
                "unique_id,ds,step,model,forecast,lo-80,hi-80,lo-95,hi-95,model_spec\n"
                        + "A,2020-01,1,ets,10,9,11,8,12,\"ETS(M,Ad,N)\"\n"
                        + "A,2020-02,2,ets,11,10,12,9,13,\"ETS(M,Ad,N)\"\n"
                        + "A,2020-01,1,theta,20,19,21,18,22,Theta\n"
                        + "A,2020-02,2,theta,21,20,22,19,23,Theta\n",
                text(f));
    }

    @Test
    void wideRowsHaveAColumnPerModelAndBoundAsStatsforecast() throws IOException {
        Path f = dir.resolve("forecasts.csv");
        ForecastTable wide =
                new ForecastTable(ForecastTable.Shape.WIDE, new double[] {80, 95}, List.of("theta", "arima", "ets"));
        try (ForecastCsvWriter w = new ForecastCsvWriter(f, wide)) {
            w.write("A", new String[] {"2020-01", "2020-02"}, etsAndTheta());
            w.write("B", new String[] {"2020-01"}, List.of(ModelForecast.failed("ets", "too short")));
        }
        assertEquals(
                "unique_id,ds,theta,theta-lo-95,theta-lo-80,theta-hi-80,theta-hi-95,"
                        + "arima,arima-lo-95,arima-lo-80,arima-hi-80,arima-hi-95,"
                        + "ets,ets-lo-95,ets-lo-80,ets-hi-80,ets-hi-95\n"
                        + "A,2020-01,20,18,19,21,22,,,,,,10,8,9,11,12\n"
                        + "A,2020-02,21,19,20,22,23,,,,,,11,9,10,12,13\n",
                text(f),
                "a model that failed has empty cells; a series with no forecast has no row");
        assertEquals(ForecastTable.Shape.WIDE, ForecastTable.shapeOf(wide.header()));
        assertEquals(
                ForecastTable.Shape.LONG,
                ForecastTable.shapeOf(new ForecastTable(ForecastTable.Shape.LONG, null, List.of()).header()));
    }

    @Test
    void outputShapeIsLongOrWide() {
        assertEquals(ForecastTable.Shape.WIDE, ForecastTable.Shape.parse("wide"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ForecastTable.Shape.parse("tall"));
        assertEquals("invalid --output-shape tall: use long or wide", e.getMessage());
    }

    /**
     * The files take the permissions any new file gets under this JVM's umask (0644 under umask 022), not 0600.
     */
    @Test
    void outputFilesFollowTheUmask() throws IOException {
        Set<PosixFilePermission> umaskGives = Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe")));
        Assumptions.assumeTrue(
                umaskGives.contains(PosixFilePermission.GROUP_READ)
                        || umaskGives.contains(PosixFilePermission.OTHERS_READ),
                "the umask makes every new file owner-only: nothing to tell apart");
        Path f = dir.resolve("forecasts.csv");
        try (ForecastCsvWriter w = new ForecastCsvWriter(f, new double[] {80})) {
            w.write("A", new String[] {"1"}, "m", new double[] {1}, null, null);
        }
        SummaryJson.write(dir.resolve("summary.json"), Map.of("ok", 1));
        assertEquals(
                PosixFilePermissions.toString(umaskGives),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(
                PosixFilePermissions.toString(umaskGives),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("summary.json"))));
    }

    @Test
    void notClosedMeansNoFile() throws IOException {
        Path f = dir.resolve("forecasts.csv");
        ForecastCsvWriter w = new ForecastCsvWriter(f, new double[] {80, 97.5});
        writeSample(w);
        // a crash here: only a hidden temporary file exists, never forecasts.csv
        assertFalse(Files.exists(f));
        List<String> files = listing(dir);
        assertEquals(1, files.size());
        assertTrue(files.get(0).startsWith(".forecasts.csv.") && files.get(0).endsWith(".tmp"), files.get(0));
        w.abort();
        assertEquals(List.of(), listing(dir));
        w.close(); // no-op after abort
        assertFalse(Files.exists(f));
    }

    @Test
    void exceptionMidwayWithAbortLeavesNoFileAndKeepsTheOldOne() throws IOException {
        Path f = dir.resolve("forecasts.csv");
        Files.writeString(f, "old complete file\n");
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            try (ForecastCsvWriter w = new ForecastCsvWriter(f, new double[] {80})) {
                try {
                    w.write("A", new String[] {"1"}, "m", new double[] {1}, null, null);
                    throw new RuntimeException("worker died");
                } catch (RuntimeException ex) {
                    w.abort();
                    throw ex;
                }
            }
        });
        assertEquals("worker died", e.getMessage());
        assertEquals("old complete file\n", text(f));
        assertEquals(List.of("forecasts.csv"), listing(dir));
    }

    @Test
    void closeReplacesAnExistingFile() throws IOException {
        Path f = dir.resolve("forecasts.csv");
        Files.writeString(f, "old\n");
        try (ForecastCsvWriter w = new ForecastCsvWriter(f, new double[] {80, 97.5})) {
            writeSample(w);
            assertEquals("old\n", text(f));
        }
        assertEquals(SAMPLE, text(f));
    }

    @Test
    void failureToCommitThrowsWithThePathAndLeavesNoFile() throws IOException {
        Path out = dir.resolve("out");
        Path f = out.resolve("forecasts.csv");
        ForecastCsvWriter w = new ForecastCsvWriter(f, new double[] {80});
        w.write("A", new String[] {"1"}, "m", new double[] {1}, null, null);
        // the output directory disappears (disk unmounted, cleaned up...) before the commit
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        IOException e = assertThrows(IOException.class, w::close);
        assertTrue(e.getMessage().startsWith("cannot write " + f + ": "), e.getMessage());
        assertFalse(Files.exists(f));
        assertFalse(Files.exists(out));
    }

    @Test
    void badShapesAreRejectedBeforeWriting() throws IOException {
        Path f = dir.resolve("forecasts.csv");
        try (ForecastCsvWriter w = new ForecastCsvWriter(f, new double[] {80, 95})) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> w.write("A", new String[] {"1", "2"}, "m", new double[] {1}, null, null));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> w.write("A", new String[] {"1"}, "m", new double[] {1}, new double[][] {{0}}, null));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> w.write(
                            "A", new String[] {"1"}, "m", new double[] {1}, new double[][] {{0}}, new double[][] {{2}
                            }));
            assertEquals(0, w.rowsWritten());
        }
        assertEquals("unique_id,ds,step,model,forecast,lo-80,hi-80,lo-95,hi-95,model_spec\n", text(f));
        assertThrows(IllegalArgumentException.class, () -> new ForecastCsvWriter(f, new double[] {100}));
        assertThrows(IllegalArgumentException.class, () -> new ForecastCsvWriter(f, new double[] {80, 80}));
    }

    @Test
    void writingAfterCloseIsAnError() throws IOException {
        ForecastCsvWriter w = new ForecastCsvWriter(dir.resolve("f.csv"), (double[]) null);
        w.close();
        assertThrows(
                IllegalStateException.class, () -> w.write("A", new String[] {"1"}, "m", new double[] {1}, null, null));
        w.close(); // idempotent
        assertEquals("unique_id,ds,step,model,forecast,model_spec\n", text(dir.resolve("f.csv")));
    }

    @Test
    void numberFormat() {
        assertEquals("10000000", ForecastCsvWriter.formatNumber(1e7));
        assertEquals("2640", ForecastCsvWriter.formatNumber(2640.0));
        assertEquals("0.1", ForecastCsvWriter.formatNumber(0.1));
        assertEquals("-12.25", ForecastCsvWriter.formatNumber(-12.25));
        assertEquals("0", ForecastCsvWriter.formatNumber(-0.0));
        assertEquals("0.00001", ForecastCsvWriter.formatNumber(1e-5));
        assertEquals("0.00012345678", ForecastCsvWriter.formatNumber(1.2345678e-4));
        assertEquals("123456789012345680000", ForecastCsvWriter.formatNumber(1.2345678901234568e20));
        assertEquals("1E21", ForecastCsvWriter.formatNumber(1e21));
        assertEquals("1.5E-9", ForecastCsvWriter.formatNumber(1.5e-9));
        assertEquals("-1.7976931348623157E308", ForecastCsvWriter.formatNumber(-Double.MAX_VALUE));
        assertEquals("", ForecastCsvWriter.formatNumber(NaN));
        assertEquals("", ForecastCsvWriter.formatNumber(Double.NEGATIVE_INFINITY));
        Random r = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            double x = switch (i % 3) {
                case 0 -> r.nextGaussian() * Math.pow(10, r.nextInt(30) - 10);
                case 1 -> Double.longBitsToDouble(r.nextLong());
                default -> Math.round(r.nextDouble() * 1e6) / 100.0;
            };
            if (Double.isFinite(x)) {
                String s = ForecastCsvWriter.formatNumber(x);
                assertEquals(x == 0 ? 0.0 : x, Double.parseDouble(s), s);
                if (Math.abs(x) >= 1e-7 && Math.abs(x) < 1e21) {
                    assertFalse(s.contains("E"), s);
                }
            }
        }
    }

    @Test
    void failedCsvExactBytes() throws IOException {
        Path f = dir.resolve("failed.csv");
        try (FailedCsvWriter w = new FailedCsvWriter(f)) {
            w.write("N0001", "timeout", 3, "worker exceeded 30 s, twice");
            w.write("N0002", "error", 1, "model said \"singular\"\non line 2");
            w.write("N0003", "input", 0, null);
            assertEquals(3, w.rowsWritten());
            assertFalse(Files.exists(f));
        }
        assertEquals(
                "unique_id,status,attempts,reason\n"
                        + "N0001,timeout,3,\"worker exceeded 30 s, twice\"\n"
                        + "N0002,error,1,\"model said \"\"singular\"\"\non line 2\"\n"
                        + "N0003,input,0,\n",
                text(f));
        assertEquals(List.of("failed.csv"), listing(dir));
    }

    @Test
    void failedCsvAbort() throws IOException {
        Path f = dir.resolve("failed.csv");
        FailedCsvWriter w = new FailedCsvWriter(f);
        w.write("N0001", "timeout", 3, "x");
        w.abort();
        w.close();
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void summaryJsonExactBytes() throws IOException {
        Path f = dir.resolve("summary.json");
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("ok", 2);
        nested.put("failed", 0);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("input", "data/m3 \"monthly\".csv");
        summary.put("series", 3);
        summary.put("seconds", 1.25);
        summary.put("models", List.of("theta", "ets"));
        summary.put("counts", nested);
        summary.put("warnings", List.of());
        summary.put("empty", Map.of());
        summary.put("done", true);
        summary.put("note", null);
        Files.writeString(f, "old");
        SummaryJson.write(f, summary);
        String expected = "{\n"
                + "  \"input\": \"data/m3 \\\"monthly\\\".csv\",\n"
                + "  \"series\": 3,\n"
                + "  \"seconds\": 1.25,\n"
                + "  \"models\": [\n"
                + "    \"theta\",\n"
                + "    \"ets\"\n"
                + "  ],\n"
                + "  \"counts\": {\n"
                + "    \"ok\": 2,\n"
                + "    \"failed\": 0\n"
                + "  },\n"
                + "  \"warnings\": [],\n"
                + "  \"empty\": {},\n"
                + "  \"done\": true,\n"
                + "  \"note\": null\n"
                + "}\n";
        assertEquals(expected, text(f));
        assertEquals(expected, SummaryJson.toJson(summary));
        assertEquals(List.of("summary.json"), listing(dir));
    }

    @Test
    void summaryJsonUnserializableValueLeavesNoFile() {
        Path f = dir.resolve("summary.json");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("thread", new Object()); // Jackson: no serializer for a bean without properties
        IOException e = assertThrows(IOException.class, () -> SummaryJson.write(f, summary));
        assertTrue(e.getMessage().startsWith("cannot write " + f + ": "), e.getMessage());
        assertFalse(Files.exists(f));
    }
}

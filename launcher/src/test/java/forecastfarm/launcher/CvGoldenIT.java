package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.*;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code farm cv} against R's refits of the same windows: 12 M3 monthly series, H=18, 3 windows 6 apart, expanding
 * and (4 of them) rolling over 60 points; R's {@code thetaf}, {@code ets} and {@code auto.arima} with their defaults
 * ({@code golden_cv.R} beside the golden files says how they were made). Tolerances, relative to max(1, |R|), on the
 * point forecasts and the 80% and 95% bounds, on every window where our fit is the model R chose (theta: all; the
 * share of the others is printed and must stay at least {@link #MIN_SAME_MODEL_SHARE}): theta 1e-6 and arima 1e-3 (as
 * their own golden tests: the ARIMA optimiser stops on a tolerance) on every window; ets 1e-6 on at least
 * {@link #MIN_CLOSE_ETS_SHARE} of its windows and 1e-3 on all (measured 2026-12-06: 1e-6 on 35 of 36 expanding and 10 of 12 rolling windows; the others are
 * within 2.5e-4, Nelder-Mead ending a little away from R's point on a flat likelihood of a seasonal ETS).
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CvGoldenIT {
    private static final String GOLDEN = "/forecastfarm/launcher/cv/";
    private static final double MIN_SAME_MODEL_SHARE = 0.75;
    private static final double MIN_CLOSE_ETS_SHARE = 0.8;
    private static final Map<String, Double> TOLERANCE = Map.of("theta", 1e-6, "ets", 1e-6, "arima", 1e-3);
    private static final double LOOSE_ETS_TOLERANCE = 1e-3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void workerClasspath() {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
    }

    @Test
    void expandingWindowsMatchRsRefits() throws Exception {
        compare("expanding", runCv("expanding"));
    }

    @Test
    void rollingWindowsMatchRsRefits() throws Exception {
        compare("rolling", runCv("rolling", "--input-size", "60"));
    }

    private Map<String, String[]> runCv(final String name, final String... extra) throws Exception {
        final Path input = tmp.resolve("series.csv");
        try (InputStream in = getClass().getResourceAsStream(GOLDEN + "golden_cv_series.csv")) {
            final List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            final StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
            lines.stream().skip(1).forEach(line -> csv.append(line).append('\n'));
            Files.writeString(input, csv);
        }
        final Path out = tmp.resolve(name);
        final List<String> args = new ArrayList<>(List.of(
                "cv",
                "--input",
                input.toString(),
                "--horizon",
                "18",
                "--windows",
                "3",
                "--step",
                "6",
                "--season-length",
                "12",
                "--model",
                "theta,ets,arima",
                "--workers",
                "2",
                "--farm-dir",
                tmp.resolve("farm-" + name).toString(),
                "--out",
                out.toString()));
        args.addAll(List.of(extra));
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit =
                FarmCli.execute(args.toArray(String[]::new), new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, console.toString(StandardCharsets.UTF_8));
        final Map<String, String[]> rows = new HashMap<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(out.resolve("cv.csv"))) {
            for (final CsvRecord record : csv) {
                final String[] row = record.getFields().toArray(String[]::new);
                if (record.getStartingLineNumber() == 1) {
                    assertEquals(
                            "unique_id,ds,cutoff,y,model,forecast,lo-80,hi-80,lo-95,hi-95,model_spec",
                            String.join(",", row),
                            "the columns");
                } else {
                    rows.put(row[0] + "/" + row[2] + "/" + row[4] + "/" + row[1], row);
                }
            }
        }
        return rows;
    }

    /** Checks every golden row of {@code windowType} against ours, by series, cutoff, model and ds. */
    private void compare(final String windowType, final Map<String, String[]> ours) throws IOException {
        final Map<String, int[]> sameModel = new HashMap<>();
        final List<String> mismatches = new ArrayList<>();
        final java.util.Set<String> etsWindows = new java.util.HashSet<>();
        final java.util.Set<String> etsWindowsOff = new java.util.HashSet<>();
        int compared = 0;
        for (final String[] golden : goldenRows(windowType)) {
            final String model = golden[5];
            final int cutoff = Integer.parseInt(golden[3]);
            final int ds = cutoff + Integer.parseInt(golden[7]);
            final String[] row = ours.get(golden[0] + "/" + cutoff + "/" + model + "/" + ds);
            assertNotNull(row, "our cv.csv has " + String.join(",", golden));
            assertEquals(Double.parseDouble(golden[8]), Double.parseDouble(row[3]), 0.0, "y of " + row[0] + " " + ds);
            final boolean same =
                    model.equals("theta") || golden[6].replace(';', ',').equals(row[10]);
            if (golden[7].equals("1")) {
                sameModel.computeIfAbsent(model, m -> new int[2])[same ? 0 : 1]++;
            }
            if (!same) {
                continue;
            }
            compared++;
            final String window = golden[0] + " cutoff " + cutoff;
            if (model.equals("ets")) {
                etsWindows.add(window);
            }
            for (int i = 0; i < 5; i++) {
                final double r = Double.parseDouble(golden[9 + i]);
                final double java = Double.parseDouble(row[5 + i]);
                final double scale = Math.max(1, Math.abs(r));
                if (model.equals("ets") && Math.abs(java - r) > TOLERANCE.get(model) * scale) {
                    etsWindowsOff.add(window);
                }
                final double tolerance = model.equals("ets") ? LOOSE_ETS_TOLERANCE : TOLERANCE.get(model);
                if (Math.abs(java - r) > tolerance * scale) {
                    mismatches.add(String.format(
                            Locale.ROOT,
                            "%s %s cutoff %d ds %d column %d: ours %.10g, R %.10g (%s)",
                            row[0],
                            model,
                            cutoff,
                            ds,
                            i,
                            java,
                            r,
                            row[10]));
                }
            }
        }
        sameModel.forEach((model, counts) -> System.out.printf(
                Locale.ROOT,
                "cv golden, %s windows, %s: our fit is R's model in %d of %d windows%n",
                windowType,
                model,
                counts[0],
                counts[0] + counts[1]));
        System.out.printf(
                Locale.ROOT,
                "cv golden, %s windows, ets: within 1e-6 of R in %d of %d windows (the others: %s)%n",
                windowType,
                etsWindows.size() - etsWindowsOff.size(),
                etsWindows.size(),
                etsWindowsOff);
        assertTrue(compared > 0);
        assertTrue(
                etsWindows.size() - etsWindowsOff.size() >= MIN_CLOSE_ETS_SHARE * etsWindows.size(),
                "ets within 1e-6 in only " + (etsWindows.size() - etsWindowsOff.size()) + " of " + etsWindows.size()
                        + " windows: " + etsWindowsOff);
        assertTrue(mismatches.isEmpty(), mismatches.size() + " values off:\n" + String.join("\n", mismatches));
        sameModel.forEach((model, counts) -> assertTrue(
                counts[0] >= MIN_SAME_MODEL_SHARE * (counts[0] + counts[1]),
                model + ": R's model in only " + counts[0] + " of " + (counts[0] + counts[1]) + " windows"));
    }

    private List<String[]> goldenRows(final String windowType) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(GOLDEN + "golden_cv.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .skip(1)
                    .map(line -> line.split(",", -1))
                    .filter(row -> row[1].equals(windowType))
                    .toList();
        }
    }
}

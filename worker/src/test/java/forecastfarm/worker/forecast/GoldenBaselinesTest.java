package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Point forecasts and 80%/95% intervals against R 4.2.2 with forecast 8.20: naive(), snaive(),
 * meanf() and rwf(drift = TRUE). The series and expected values are in golden_series.csv and
 * golden_baselines.csv, written by golden_baselines.R next to them.
 *
 * <p>Tolerance: |java - R| <= 1e-9 * max(1, |R|), i.e. 1e-9 relative (1e-9 absolute near zero).
 * The arithmetic follows R's step by step, so the observed differences are a few ulps.
 */
class GoldenBaselinesTest {

    static final double REL_TOL = 1e-9;
    private static final double[] LEVELS = {80, 95};

    private record Series(String id, int seasonLength, int horizon, double[] y) {}

    private static Map<String, Series> series() {
        Map<String, Series> out = new LinkedHashMap<>();
        for (String[] r : GoldenCsv.rows("golden_series.csv")) {
            String[] parts = r[3].trim().split(" +");
            double[] y = new double[parts.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = GoldenCsv.number(parts[i]);
            }
            out.put(r[0], new Series(r[0], Integer.parseInt(r[1]), Integer.parseInt(r[2]), y));
        }
        return out;
    }

    /** Expected rows keyed by "id/model", each row: mean, lo80, hi80, lo95, hi95 for steps 1..h. */
    private static Map<String, List<double[]>> expected() {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        for (String[] r : GoldenCsv.rows("golden_baselines.csv")) {
            List<double[]> steps = out.computeIfAbsent(r[0] + "/" + r[1], k -> new ArrayList<>());
            assertEquals(steps.size() + 1, Integer.parseInt(r[2]), "steps in order for " + r[0] + "/" + r[1]);
            double[] v = new double[5];
            for (int i = 0; i < 5; i++) {
                v[i] = GoldenCsv.number(r[3 + i]);
            }
            steps.add(v);
        }
        return out;
    }

    /** The models this golden file covers; the others have their own. */
    private static final java.util.List<String> BASELINES = java.util.List.of("naive", "snaive", "mean", "drift");

    @Test
    void everySeriesHasEveryModel() {
        Set<String> keys = new HashSet<>(expected().keySet());
        for (String id : series().keySet()) {
            for (String model : BASELINES) {
                assertTrue(keys.remove(id + "/" + model), "no golden values for " + id + "/" + model);
            }
        }
        assertTrue(keys.isEmpty(), "golden values for unknown series/model: " + keys);
    }

    @TestFactory
    List<DynamicTest> matchesR() {
        Map<String, Series> series = series();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : expected().entrySet()) {
            String[] key = e.getKey().split("/");
            Series s = series.get(key[0]);
            String model = key[1];
            List<double[]> want = e.getValue();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                assertEquals(s.horizon(), want.size());
                Forecast f = Models.byName(model).fit(s.y(), s.seasonLength()).forecast(s.horizon(), LEVELS);
                double[][] got = {f.mean(), f.lower(0), f.upper(0), f.lower(1), f.upper(1)};
                String[] what = {"mean", "lo80", "hi80", "lo95", "hi95"};
                for (int step = 0; step < s.horizon(); step++) {
                    for (int c = 0; c < 5; c++) {
                        double r = want.get(step)[c];
                        double j = got[c][step];
                        assertTrue(
                                Math.abs(j - r) <= REL_TOL * Math.max(1, Math.abs(r)),
                                e.getKey() + " step " + (step + 1) + " " + what[c] + ": R " + r + ", Java " + j);
                    }
                }
            }));
        }
        return tests;
    }

    @Test
    void shortSeriesFallBackFromSeasonalNaive() {
        Series s = series().get("short5");
        Forecast f = Models.byName("snaive").fit(s.y(), s.seasonLength()).forecast(s.horizon(), LEVELS);
        assertEquals("fell back to naive: 5 observations < season length 12 + 1", f.note());
    }
}

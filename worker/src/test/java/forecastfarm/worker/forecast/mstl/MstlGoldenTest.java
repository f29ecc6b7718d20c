package forecastfarm.worker.forecast.mstl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.ForecastModel;
import forecastfarm.worker.forecast.GoldenCsv;
import forecastfarm.worker.forecast.stl.Stl;
import forecastfarm.worker.forecast.stl.StlComponents;
import forecastfarm.worker.forecast.stl.StlParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MSTL and stlf against R 4.2 with forecast 8.20: golden_mstl.csv and golden_stlf.csv, written by golden_mstl.R beside
 * them (12 significant digits). Cases: the first 4 weeks (1344 half-hours) of taylor with periods 48 and 336, and the
 * M3 monthly series N1402, N1702 and N2002 with period 12. stlf's forecasts of taylor's four weeks and N2002 are
 * given twice: on the series (our {@code mstl:transform=none}) and with {@code lambda = 0, etsmodel = "AZN"} (our
 * default, the log scale).
 *
 * <p>Tolerances: the decomposition is the same arithmetic as R's Fortran, so its components must agree to 1e-8 of the
 * series' largest magnitude (R's printed digits and summation order leave ~1e-11). The stlf forecasts also go through
 * ets's optimiser: on these two series they agree within 1e-7 of the series' largest magnitude (measured); the test
 * allows 1e-6, a margin for optimiser rounding, not for a different model.
 */
class MstlGoldenTest {

    private static final double DECOMPOSITION_TOLERANCE = 1e-8;
    private static final double FORECAST_TOLERANCE = 1e-6;

    /** One case of golden_mstl.csv, its columns by name. */
    private record Case(int[] periods, Map<String, double[]> columns) {
        double[] column(String name) {
            return columns.get(name);
        }

        double scale() {
            return Arrays.stream(column("data")).map(Math::abs).max().orElseThrow();
        }
    }

    private static Map<String, Case> cases() {
        String[] names = {"data", "trend", "seasonal1", "seasonal2", "remainder"};
        Map<String, List<String[]>> byCase = new LinkedHashMap<>();
        for (String[] row : GoldenCsv.rows(MstlGoldenTest.class, "golden_mstl.csv")) {
            byCase.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row);
        }
        Map<String, Case> cases = new LinkedHashMap<>();
        byCase.forEach((id, rows) -> {
            int[] periods = Arrays.stream(rows.get(0)[1].split(" "))
                    .mapToInt(Integer::parseInt)
                    .toArray();
            Map<String, double[]> columns = new LinkedHashMap<>();
            for (int c = 0; c < names.length; c++) {
                int column = 3 + c;
                if (!rows.get(0)[column].isEmpty()) {
                    columns.put(
                            names[c],
                            rows.stream()
                                    .mapToDouble(r -> Double.parseDouble(r[column]))
                                    .toArray());
                }
            }
            cases.put(id, new Case(periods, columns));
        });
        return cases;
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], actual[t], tolerance, what + " at t = " + (t + 1));
        }
    }

    @Test
    void decompositionMatchesRsMstl() {
        Map<String, Case> cases = cases();
        assertEquals(List.of("taylor4w", "N1402", "N1702", "N2002", "robust_N2002"), List.copyOf(cases.keySet()));
        for (String id : List.of("taylor4w", "N1402", "N1702", "N2002")) {
            Case c = cases.get(id);
            double[] y = c.column("data");
            // R's mstl iterates twice on an msts (taylor) and once on a ts with one frequency (M3 monthly)
            int iterations = c.periods().length == 1 ? 1 : MstlDecomposition.MULTI_SEASONAL_ITERATIONS;
            MstlComponents ours = MstlDecomposition.decompose(y, c.periods(), iterations);
            double tolerance = DECOMPOSITION_TOLERANCE * c.scale();
            assertClose(c.column("trend"), ours.trend(), tolerance, id + " trend");
            for (int k = 0; k < c.periods().length; k++) {
                assertClose(c.column("seasonal" + (k + 1)), ours.seasonals()[k], tolerance, id + " seasonal" + (k + 1));
            }
            double[] remainder = ours.seasonallyAdjusted(y);
            for (int t = 0; t < y.length; t++) {
                remainder[t] -= ours.trend()[t];
            }
            assertClose(c.column("remainder"), remainder, tolerance, id + " remainder");
        }
    }

    @Test
    void robustStlMatchesRsStl() {
        Case c = cases().get("robust_N2002");
        StlComponents ours = Stl.decompose(c.column("data"), StlParameters.rDefaults(12, 11, true));
        double tolerance = DECOMPOSITION_TOLERANCE * c.scale();
        assertClose(c.column("seasonal1"), ours.seasonal(), tolerance, "robust seasonal");
        assertClose(c.column("trend"), ours.trend(), tolerance, "robust trend");
    }

    @Test
    void forecastMatchesRsStlf() {
        Map<String, Case> cases = cases();
        Map<String, List<String[]>> golden = new LinkedHashMap<>();
        for (String[] row : GoldenCsv.rows(MstlGoldenTest.class, "golden_stlf.csv")) {
            golden.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row);
        }
        assertEquals(List.of("taylor4w", "N2002", "taylor4w_log", "N2002_log"), List.copyOf(golden.keySet()));
        golden.forEach((id, rows) -> {
            // R's stlf with lambda = 0 and etsmodel "AZN" is our default mstl; without them, mstl:transform=none
            boolean log = id.endsWith("_log");
            Case c = cases.get(id.replace("_log", ""));
            double[] seasons = Arrays.stream(c.periods()).asDoubleStream().toArray();
            ForecastModel mstl = log ? new Mstl() : new Mstl().withArguments(List.of("transform=none"));
            Forecast f = mstl.fit(c.column("data"), seasons).forecast(rows.size(), new double[] {80, 95});
            // "STL +  ETS(A,N,N)", split at its commas by the CSV reader
            String rMethod = String.join(",", Arrays.copyOfRange(rows.get(0), 7, rows.get(0).length));
            String ets = rMethod.substring(rMethod.indexOf("ETS"));
            assertTrue(
                    f.method().endsWith(log ? ets + ", log scale" : ets),
                    id + ": " + f.method() + " vs R's " + rMethod);
            double tolerance = FORECAST_TOLERANCE * c.scale();
            assertClose(column(rows, 2), f.mean(), tolerance, id + " mean");
            assertClose(column(rows, 3), f.lower(0), tolerance, id + " lo80");
            assertClose(column(rows, 4), f.upper(0), tolerance, id + " hi80");
            assertClose(column(rows, 5), f.lower(1), tolerance, id + " lo95");
            assertClose(column(rows, 6), f.upper(1), tolerance, id + " hi95");
        });
    }

    private static double[] column(List<String[]> rows, int index) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r[index])).toArray();
    }
}

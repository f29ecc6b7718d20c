package forecastfarm.worker.forecast.ets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.worker.forecast.Forecast;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link Ets} with R's ets() + forecast() (forecast 8.20) on 17 M3 series (monthly,
 * quarterly, yearly; every form the automatic selection can return) written by golden_ets.R,
 * next to the CSVs in this test resources folder.
 *
 * <p>Tolerances. The optimiser re-implements the Nelder-Mead variant R uses, with R's start
 * values, bounds and evaluation budget, and the recursion is the same arithmetic, so the fits
 * land on R's optimum: the chosen form must be identical; smoothing parameters within 1e-4
 * absolute; AICc, sigma^2, point forecasts and 80%/95% bounds within {@link #CLOSE} = 1e-6
 * relative (bounds relative to the largest |point forecast|). Achieved when written: all of
 * them within 1e-9. The margin allows for last-bit differences in Math.log/exp between JVMs,
 * which can move Nelder-Mead along a slightly different path.
 */
class EtsGoldenTest {

    static final double CLOSE = 1e-6;

    record Golden(
            String id,
            int m,
            double[] y,
            String model,
            double[] par,
            double aicc,
            double sigma2,
            double[] mean,
            double[] lo80,
            double[] hi80,
            double[] lo95,
            double[] hi95) {
        @Override
        public String toString() {
            return id + " " + model;
        }
    }

    static List<Golden> goldens() {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (String[] r : rows("golden_ets_series.csv")) {
            values.computeIfAbsent(r[0], k -> new ArrayList<>()).add(Double.parseDouble(r[3]));
        }
        Map<String, List<String[]>> byId = new LinkedHashMap<>();
        for (String[] r : rows("golden_ets.csv")) {
            byId.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
        }
        List<Golden> out = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : byId.entrySet()) {
            List<String[]> rs = e.getValue();
            String[] first = rs.get(0);
            int h = rs.size();
            double[][] cols = new double[5][h];
            for (int i = 0; i < h; i++) {
                for (int c = 0; c < 5; c++) {
                    cols[c][i] = num(rs.get(i)[10 + c]);
                }
            }
            double[] y = values.get(e.getKey()).stream()
                    .mapToDouble(Double::doubleValue)
                    .toArray();
            out.add(new Golden(
                    e.getKey(),
                    Integer.parseInt(first[1]),
                    y,
                    first[2].replace(';', ','),
                    new double[] {num(first[3]), num(first[4]), num(first[5]), num(first[6])},
                    num(first[7]),
                    num(first[8]),
                    cols[0],
                    cols[1],
                    cols[2],
                    cols[3],
                    cols[4]));
        }
        return out;
    }

    private static double num(String s) {
        return "NA".equals(s) ? Double.NaN : Double.parseDouble(s);
    }

    private static List<String[]> rows(String resource) {
        return forecastfarm.worker.forecast.GoldenCsv.rows(EtsGoldenTest.class, resource);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void matchesR(Golden g) {
        EtsFitted fit = (EtsFitted) new Ets().fit(g.y(), g.m());
        assertEquals(g.model(), fit.method(), "chosen model");
        EtsFitResult r = fit.result();
        Forecast f = fit.forecast(g.mean().length, new double[] {80, 95});
        double tol = CLOSE;
        double parTol = 1e-4;
        double[] ours = {r.alpha(), r.beta(), r.gamma(), r.phi()};
        String[] names = {"alpha", "beta", "gamma", "phi"};
        for (int i = 0; i < 4; i++) {
            if (!Double.isNaN(g.par()[i])) {
                assertEquals(g.par()[i], ours[i], parTol, names[i]);
            }
        }
        assertEquals(g.aicc(), r.aicc(), CLOSE * Math.abs(g.aicc()), "AICc");
        assertEquals(g.sigma2(), r.sigma2(), CLOSE * g.sigma2(), "sigma2");
        close(g.mean(), f.mean(), tol, "mean");
        close(g.lo80(), f.lower(0), tol, "lower 80");
        close(g.hi80(), f.upper(0), tol, "upper 80");
        close(g.lo95(), f.lower(1), tol, "lower 95");
        close(g.hi95(), f.upper(1), tol, "upper 95");
    }

    /** Relative to the scale of R's point forecasts (bounds may cross zero). */
    private static void close(double[] expected, double[] actual, double tol, String what) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            assertTrue(
                    diff <= tol * scale,
                    what + " step " + (i + 1) + ": R " + expected[i] + ", ours " + actual[i] + " (relative difference "
                            + diff / scale + ", tolerance " + tol + ")");
        }
    }
}

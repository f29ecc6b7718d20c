package forecastfarm.worker.forecast.arima;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** KPSS, seasonal strength (STL), ndiffs and nsdiffs against R (golden_arima.R, unit_roots.csv). */
class UnitRootsTest {

    @Test
    void matchesR() {
        Map<String, ArimaGolden.Series> series = ArimaGolden.series();
        for (String[] row : ArimaGolden.rows("unit_roots.csv")) {
            ArimaGolden.Series s = series.get(row[0]);
            double[] x = s.values();
            int n = x.length;
            int m = s.m();
            assertEquals(Double.parseDouble(row[1].trim()), UnitRoots.kpss(x, n), 1e-9, s.name() + " kpss");
            assertEquals(Integer.parseInt(row[2].trim()), UnitRoots.ndiffs(x, n, 2), s.name() + " ndiffs");
            int sd = 0;
            if (m > 1 && n > 2 * m) {
                assertEquals(
                        Double.parseDouble(row[3].trim()),
                        UnitRoots.seasonalStrength(x, n, m),
                        1e-9,
                        s.name() + " seasonal strength");
                sd = UnitRoots.nsdiffs(x, m, 1);
            }
            assertEquals(Integer.parseInt(row[4].trim()), sd, s.name() + " nsdiffs");
            double[] dx = x.clone();
            int len = n;
            if (sd > 0) {
                for (int i = 0; i < n - m; i++) {
                    dx[i] = x[i + m] - x[i];
                }
                len = n - m;
            }
            assertEquals(Integer.parseInt(row[5].trim()), UnitRoots.ndiffs(dx, len, 2), s.name() + " ndiffs after D");
        }
    }

    @Test
    void constantSeriesNeedNoDifferencing() {
        double[] c = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
        assertEquals(0, UnitRoots.ndiffs(c, c.length, 2));
        assertEquals(0, UnitRoots.nsdiffs(c, 4, 1));
    }
}

package forecastfarm.worker.forecast.mstl;

import forecastfarm.worker.forecast.stl.Stl;
import forecastfarm.worker.forecast.stl.StlComponents;
import forecastfarm.worker.forecast.stl.StlParameters;

/**
 * MSTL (Bandara, Hyndman and Bergmeir 2021) with R forecast 8.20's {@code mstl} defaults: one STL per period,
 * shortest first, each fitted to the series less the other periods' current seasonal components, the whole sweep
 * repeated {@code iterations} times (R: 2 for a multi-seasonal series, 1 for a series with one frequency). Period i
 * (1-based, ascending) uses s.window = 7 + 4 i (11, 15, 19, ...); the other STL settings are R's stl defaults, not
 * robust.
 */
final class MstlDecomposition {

    /** R's mstl iterates a multi-seasonal series twice. */
    static final int MULTI_SEASONAL_ITERATIONS = 2;

    private MstlDecomposition() {}

    /** R's default s.window for the {@code index}-th period (0-based), 7 + 4 (index + 1). */
    static int seasonalWindow(int index) {
        return 7 + 4 * (index + 1);
    }

    /**
     * @param y          the series, finite; not mutated
     * @param periods    ascending, each at least 2 and below y.length / 2; at least one
     * @param iterations sweeps over the periods, at least 1
     */
    static MstlComponents decompose(double[] y, int[] periods, int iterations) {
        int n = y.length;
        double[][] seasonals = new double[periods.length][n];
        double[] deseasonalised = y.clone();
        double[] trend = null;
        for (int sweep = 0; sweep < iterations; sweep++) {
            for (int k = 0; k < periods.length; k++) {
                double[] seasonal = seasonals[k];
                for (int t = 0; t < n; t++) {
                    deseasonalised[t] += seasonal[t]; // put this period's previous estimate back
                }
                StlComponents stl =
                        Stl.decompose(deseasonalised, StlParameters.rDefaults(periods[k], seasonalWindow(k), false));
                seasonals[k] = stl.seasonal();
                trend = stl.trend();
                for (int t = 0; t < n; t++) {
                    deseasonalised[t] -= seasonals[k][t];
                }
            }
        }
        return new MstlComponents(periods.clone(), seasonals, trend);
    }
}

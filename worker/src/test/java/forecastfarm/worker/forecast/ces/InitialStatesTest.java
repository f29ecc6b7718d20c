package forecastfarm.worker.forecast.ces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The least-squares initial states against a plain least-squares fit with one recursion run per state, on admissible
 * models (an explosive one's columns grow so fast that the normal equations lose their precision; the fitter never
 * solves for one).
 */
class InitialStatesTest {

    @Test
    void matchesBruteForceLeastSquaresForEveryForm() {
        Random random = new Random(3);
        for (CesForm form : CesForm.values()) {
            for (int m : form.seasonal() ? new int[] {2, 4, 7} : new int[] {1}) {
                double[] y = series(random, 40, m);
                CesModel model = new CesModel(form, m, 1.25, 0.93, form == CesForm.FULL ? 1.1 : 0.15, 0.95);
                assertTrue(model.admissible());
                double[] x = new double[model.stateSize()];
                new InitialStates(form, m, y.length).solve(model, y, x);
                double[] expected = bruteForce(model, y);
                assertArrayEquals(expected, x, 1e-7 * (1 + max(expected)), form + " m=" + m);
            }
        }
    }

    @Test
    void theSolutionMinimisesTheSumOfSquares() {
        Random random = new Random(5);
        double[] y = series(random, 30, 4);
        for (CesForm form : CesForm.values()) {
            int m = form.seasonal() ? 4 : 1;
            CesModel model = new CesModel(form, m, 1.1, 0.98, form == CesForm.FULL ? 1.2 : 0.3, 0.97);
            assertTrue(model.admissible());
            double[] x = new double[model.stateSize()];
            new InitialStates(form, m, y.length).solve(model, y, x);
            double best = model.filter(y, y.length, x.clone(), null);
            for (int i = 0; i < x.length; i++) {
                for (double step : new double[] {-1e-3, 1e-3}) {
                    double[] moved = x.clone();
                    moved[i] += step;
                    assertTrue(model.filter(y, y.length, moved, null) > best, form + " state " + i);
                }
            }
        }
    }

    @Test
    void aDependentColumnGetsZero() {
        // a0 = a1 = 1: l' = l + 0 c + 0 e never moves and c never reaches the forecasts, so c0 is not identified
        CesModel model = new CesModel(CesForm.NONE, 1, 1, 1, 0, 0);
        double[] y = {3, 5, 4, 6, 5};
        double[] x = new double[2];
        new InitialStates(CesForm.NONE, 1, y.length).solve(model, y, x);
        assertEquals(4.6, x[0], 1e-12); // the mean
        assertEquals(0, x[1]);
    }

    private static double[] series(Random random, int n, int m) {
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 20 + 0.3 * t + 3 * Math.sin(2 * Math.PI * t / m) + random.nextGaussian();
        }
        return y;
    }

    private static double max(double[] v) {
        double r = 0;
        for (double x : v) {
            r = Math.max(r, Math.abs(x));
        }
        return r;
    }

    /** e = e0 + V x with V's columns from unit states on a zero series; x solves V'V x = -V'e0 (Gauss-Jordan). */
    private static double[] bruteForce(CesModel model, double[] y) {
        int n = y.length;
        int p = model.stateSize();
        double[] e0 = new double[n];
        model.filter(y, n, new double[p], e0);
        double[][] v = new double[p][n];
        for (int k = 0; k < p; k++) {
            double[] unit = new double[p];
            unit[k] = 1;
            model.filter(new double[n], n, unit, v[k]);
        }
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                for (int t = 0; t < n; t++) {
                    a[i][j] += v[i][t] * v[j][t];
                }
            }
            for (int t = 0; t < n; t++) {
                a[i][p] -= v[i][t] * e0[t];
            }
        }
        for (int c = 0; c < p; c++) {
            int pivot = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            for (int r = 0; r < p; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= p; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] x = new double[p];
        for (int i = 0; i < p; i++) {
            x[i] = a[i][p] / a[i][i];
        }
        return x;
    }
}

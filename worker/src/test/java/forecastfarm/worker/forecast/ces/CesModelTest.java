package forecastfarm.worker.forecast.ces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The recursion of each form on hand-computed steps, forecasting as the recursion continued with zero errors, and
 * admissibility against the decay of the recursion itself.
 *
 * <p>The hand-computed cases use a = 1.5 + 0.5i, so that l' = l - 0.5 c + 1.0 e and c' = l - 0.5 c + 2.0 e.
 */
class CesModelTest {

    private static final double EPS = 1e-12;

    @Test
    void noneFollowsTheStateSpaceEquations() {
        CesModel model = new CesModel(CesForm.NONE, 1, 1.5, 0.5, 0, 0);
        double[] state = {10, 8};
        double[] errors = new double[3];
        // t=0: f = l = 10, e = 2;  l = 10 - 4 + 2 = 8,    c = 10 - 4 + 4 = 10
        // t=1: f = 8,      e = 3;  l = 8 - 5 + 3 = 6,     c = 8 - 5 + 6 = 9
        // t=2: f = 6,      e = 7;  l = 6 - 4.5 + 7 = 8.5, c = 6 - 4.5 + 14 = 15.5
        double sse = model.filter(new double[] {12, 11, 13}, 3, state, errors);
        assertArrayEquals(new double[] {2, 3, 7}, errors, EPS);
        assertEquals(4 + 9 + 49, sse, EPS);
        assertArrayEquals(new double[] {8.5, 15.5}, state, EPS);
        // forecasts, e = 0: f = 8.5; l = c = 8.5 - 7.75 = 0.75; f = 0.75; l = c = 0.75 - 0.375 = 0.375; f = 0.375
        double[] forecast = new double[3];
        model.iterate(state, 0, 3, 0, forecast);
        assertArrayEquals(new double[] {8.5, 0.75, 0.375}, forecast, EPS);
    }

    @Test
    void simpleIsThePairAtLagM() {
        CesModel model = new CesModel(CesForm.SIMPLE, 2, 1.5, 0.5, 0, 0);
        double[] state = {10, 20, 8, 16}; // L0, L1, C0, C1
        double[] errors = new double[4];
        // t=0 (slot 0): f = 10, e = 2;  L0 = 10 - 4 + 2 = 8,  C0 = 10 - 4 + 4 = 10
        // t=1 (slot 1): f = 20, e = 1;  L1 = 20 - 8 + 1 = 13, C1 = 20 - 8 + 2 = 14
        // t=2 (slot 0): f = 8,  e = 3;  L0 = 8 - 5 + 3 = 6,   C0 = 8 - 5 + 6 = 9
        // t=3 (slot 1): f = 13, e = 12; L1 = 13 - 7 + 12 = 18, C1 = 13 - 7 + 24 = 30
        double sse = model.filter(new double[] {12, 21, 11, 25}, 4, state, errors);
        assertArrayEquals(new double[] {2, 1, 3, 12}, errors, EPS);
        assertEquals(4 + 1 + 9 + 144, sse, EPS);
        assertArrayEquals(new double[] {6, 18, 9, 30}, state, EPS);
        // forecasts from phase 0: f = L0 = 6, then f = L1 = 18, then L0 = 6 - 4.5 = 1.5
        double[] forecast = new double[3];
        model.iterate(state, 0, 3, 0, forecast);
        assertArrayEquals(new double[] {6, 18, 1.5}, forecast, EPS);
    }

    @Test
    void partialAddsARealSeasonalComponent() {
        CesModel model = new CesModel(CesForm.PARTIAL, 2, 1.5, 0.5, 0.5, 99); // b1 is ignored
        double[] state = {10, 8, 1, -1}; // l, c, S0, S1
        double[] errors = new double[3];
        // t=0 (slot 0): f = 10 + 1 = 11, e = 2; l = 8,   c = 10,   S0 = 1 + 0.5 * 2 = 2
        // t=1 (slot 1): f = 8 - 1 = 7,   e = 1; l = 8 - 5 + 1 = 4, c = 8 - 5 + 2 = 5, S1 = -1 + 0.5 = -0.5
        // t=2 (slot 0): f = 4 + 2 = 6,   e = 6; l = 4 - 2.5 + 6 = 7.5, c = 4 - 2.5 + 12 = 13.5, S0 = 2 + 3 = 5
        double sse = model.filter(new double[] {13, 8, 12}, 3, state, errors);
        assertArrayEquals(new double[] {2, 1, 6}, errors, EPS);
        assertEquals(4 + 1 + 36, sse, EPS);
        assertArrayEquals(new double[] {7.5, 13.5, 5, -0.5}, state, EPS);
        // forecasts from phase 3 mod 2 = 1: f = 7.5 - 0.5 = 7; l = c = 7.5 - 6.75 = 0.75; f = 0.75 + S0 = 5.75
        double[] forecast = new double[2];
        model.iterate(state, 3, 2, 0, forecast);
        assertArrayEquals(new double[] {7, 5.75}, forecast, EPS);
        assertEquals(0, model.b1());
    }

    @Test
    void fullAddsASeasonalPair() {
        // b = 1.0 + 0.5i: LS' = LS - 0.5 CS + 0.5 e, CS' = LS + 0 CS + 1.5 e
        CesModel model = new CesModel(CesForm.FULL, 2, 1.5, 0.5, 1.0, 0.5);
        double[] state = {10, 8, 2, -2, 1, -1}; // l, c, LS0, LS1, CS0, CS1
        double[] errors = new double[2];
        // t=0 (slot 0): f = 10 + 2 = 12, e = 2; l = 8, c = 10; LS0 = 2 - 0.5 + 1 = 2.5, CS0 = 2 + 3 = 5
        // t=1 (slot 1): f = 8 - 2 = 6, e = 1; l = 4, c = 5; LS1 = -2 + 0.5 + 0.5 = -1, CS1 = -2 + 1.5 = -0.5
        double sse = model.filter(new double[] {14, 7}, 2, state, errors);
        assertArrayEquals(new double[] {2, 1}, errors, EPS);
        assertEquals(5, sse, EPS);
        assertArrayEquals(new double[] {4, 5, 2.5, -1, 5, -0.5}, state, EPS);
        // forecast from phase 0: f = 4 + 2.5 = 6.5; l = c = 4 - 2.5 = 1.5, LS0 = 2.5 - 2.5 = 0, CS0 = 2.5;
        // then phase 1: f = 1.5 + LS1 = 0.5
        double[] forecast = new double[2];
        model.iterate(state, 0, 2, 0, forecast);
        assertArrayEquals(new double[] {6.5, 0.5}, forecast, EPS);
    }

    @Test
    void forecastingIsTheRecursionFedItsOwnPredictions() {
        Random random = new Random(7);
        for (CesForm form : CesForm.values()) {
            int m = form.seasonal() ? 4 : 1;
            CesModel model = new CesModel(form, m, 1.4, 0.95, 0.2, 0.9);
            double[] y = new double[23];
            for (int t = 0; t < y.length; t++) {
                y[t] = 10 + Math.sin(t) + random.nextGaussian();
            }
            double[] state = new double[model.stateSize()];
            for (int i = 0; i < state.length; i++) {
                state[i] = random.nextGaussian();
            }
            model.filter(y, y.length, state, null);
            double[] forecast = new double[9];
            model.iterate(state.clone(), y.length, forecast.length, 0, forecast);
            // continuing the recursion over the forecasts, phase n mod m, gives zero errors and the same states
            double[] continued = state.clone();
            double[] errors = new double[forecast.length];
            CesModel shifted = model;
            double[] rotated = rotate(continued, form, m, y.length % m);
            shifted.filter(forecast, forecast.length, rotated, errors);
            assertArrayEquals(new double[forecast.length], errors, 1e-12, form.name());
        }
    }

    /** The state re-laid so that the recursion started at phase 0 reads what it would read at phase {@code p}. */
    private static double[] rotate(double[] s, CesForm form, int m, int p) {
        double[] r = s.clone();
        int first = form == CesForm.SIMPLE ? 0 : 2;
        for (int i = first; i < s.length; i++) {
            int block = first + (i - first) / m * m;
            int slot = (i - first) % m;
            r[block + slot] = s[block + (slot + p) % m];
        }
        return r;
    }

    @Test
    void impulseResponseOfNoneIsHFToTheJMinusOneG() {
        // from a zero state with a unit error: after it l = a0 - a1, c = a0 + a1; the next forecast is a0 - a1
        CesModel model = new CesModel(CesForm.NONE, 1, 1.2, 0.9, 0, 0);
        double[] weights = new double[3];
        model.iterate(new double[2], 0, 3, 1, weights);
        assertEquals(0, weights[0], EPS);
        assertEquals(0.3, weights[1], EPS);
        // then l = 0.3 - (1 - 0.9) 2.1 = 0.09
        assertEquals(0.09, weights[2], EPS);
    }

    @Test
    void admissibilityOfKnownPoints() {
        assertTrue(new CesModel(CesForm.NONE, 1, 1.3, 1.0, 0, 0).admissible());
        // D = [[1 - a0 + a1, a1 - 1], [1 - a0 - a1, 1 - a0]] at a = 0.1 + 0.1i has determinant 1.62
        assertFalse(new CesModel(CesForm.NONE, 1, 0.1, 0.1, 0, 0).admissible());
        assertTrue(new CesModel(CesForm.SIMPLE, 12, 1.3, 1.0, 0, 0).admissible());
        // PARTIAL: theta(1) = b (1 - a1), so a1 > 1 with b > 0 puts a root in (0, 1)
        assertFalse(new CesModel(CesForm.PARTIAL, 4, 1.3, 1.2, 0.1, 0).admissible());
        assertTrue(new CesModel(CesForm.PARTIAL, 4, 1.3, 0.9, 0.1, 0).admissible());
        assertFalse(new CesModel(CesForm.FULL, 4, 1.3, 1.0, 0.1, 0.1).admissible());
    }

    @Test
    void admissibilityAgreesWithTheDecayOfTheRecursion() {
        // With y = 0 the errors are minus the forecasts and the recursion is x_t = D x_{t-1} for the whole lagged
        // state: the state dies out exactly when the model is admissible. Points near the boundary are skipped.
        Random random = new Random(11);
        int checked = 0;
        int admissible = 0;
        for (int trial = 0; trial < 3000; trial++) {
            CesForm form = CesForm.values()[trial % 4];
            int m = form.seasonal() ? new int[] {2, 3, 4, 12}[random.nextInt(4)] : 1;
            CesModel model = new CesModel(
                    form,
                    m,
                    random.nextDouble() * 3,
                    random.nextDouble() * 2.5 - 0.5,
                    random.nextDouble() * 2 - 0.5,
                    random.nextDouble() * 2.5 - 0.5);
            double rate = growthRate(model, random);
            if (Math.abs(rate - 1) < 0.01) {
                continue;
            }
            checked++;
            boolean decays = rate < 1;
            assertEquals(decays, model.admissible(), form + " m=" + m + " rate " + rate);
            if (decays) {
                admissible++;
            }
        }
        assertTrue(checked > 2000 && admissible > 300 && checked - admissible > 300, checked + " " + admissible);
    }

    /** The per-step growth of the zero-input recursion's state, from a random start, over many steps. */
    private static double growthRate(CesModel model, Random random) {
        double[] state = new double[model.stateSize()];
        for (int i = 0; i < state.length; i++) {
            state[i] = random.nextGaussian();
        }
        int block = 200;
        double[] zeros = new double[block];
        double logGrowth = 0;
        int steps = 0;
        for (int b = 0; b < 20; b++) {
            model.filter(zeros, block, state, null);
            double norm = 0;
            for (double v : state) {
                norm = Math.max(norm, Math.abs(v));
            }
            if (norm == 0) {
                return 0;
            }
            if (b >= 5) {
                logGrowth += Math.log(norm);
                steps += block;
            }
            for (int i = 0; i < state.length; i++) {
                state[i] /= norm;
            }
        }
        return Math.exp(logGrowth / steps);
    }

    @Test
    void rootTestOnPolynomialsWithKnownRoots() {
        // (1 - z/2)(1 - z/3) = 1 - 5/6 z + 1/6 z^2: roots 2 and 3, outside
        assertTrue(CesModel.rootsOutsideUnitCircle(new double[] {1, -5.0 / 6, 1.0 / 6}));
        // (1 - 2z)(1 - z/3): root 0.5 inside
        assertFalse(CesModel.rootsOutsideUnitCircle(new double[] {1, -2 - 1.0 / 3, 2.0 / 3}));
        // 1 - z^4: roots on the unit circle count as admissible (the boundary)
        assertTrue(CesModel.rootsOutsideUnitCircle(new double[] {1, 0, 0, 0, -1}));
        // 1 + z^2 / 0.81: roots +-0.9i, inside
        assertFalse(CesModel.rootsOutsideUnitCircle(new double[] {1, 0, 1 / 0.81}));
        // a zero leading coefficient is a lower degree
        assertTrue(CesModel.rootsOutsideUnitCircle(new double[] {1, -0.5, 0, 0}));
        assertFalse(CesModel.rootsOutsideUnitCircle(new double[] {1, Double.NaN}));
    }

    @Test
    void rejectsASeasonLengthThatDoesNotFitTheForm() {
        assertThrows(IllegalArgumentException.class, () -> new CesModel(CesForm.NONE, 4, 1.3, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CesModel(CesForm.PARTIAL, 1, 1.3, 1, 0.1, 0));
    }
}

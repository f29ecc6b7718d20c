package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ForecastModel} must meet. One small subclass per model supplies the
 * model and its minimum series length and adds the model's own checks.
 */
abstract class ForecastModelContractTest {

    static final double[] LEVELS = {80, 95};

    /** Monthly-like data with trend and a period-4 pattern. */
    static final double[] SERIES_A = {
        12.0, 15.5, 11.2, 9.8, 13.1, 16.4, 12.0, 10.9, 14.2, 17.8, 13.3, 11.5,
        15.0, 18.9, 14.1, 12.6, 16.3, 19.7, 15.2, 13.4, 17.1, 20.9, 16.0, 14.8
    };
    /** Different length, level and shape (a decaying series with noise). */
    static final double[] SERIES_B = {
        503.1, 480.7, 470.2, 455.9, 447.3, 431.0, 426.8, 410.5, 402.2, 398.6, 385.1, 379.9, 366.4, 360.8, 352.0, 349.7,
        338.3
    };

    /** A new instance of the model under test. */
    protected abstract ForecastModel model();

    /** Its registry name. */
    protected abstract String expectedName();

    /** Fewest observations the model fits without throwing. */
    protected abstract int minimumLength();

    protected int seasonLength() {
        return 4;
    }

    /** Fits per thread in the concurrency check; models whose fit takes milliseconds use fewer. */
    protected int concurrentIterations() {
        return 300;
    }

    private Forecast run(double[] y, int h) {
        return model().fit(y, seasonLength()).forecast(h, LEVELS);
    }

    @Test
    void nameMatchesTheRegistry() {
        assertEquals(expectedName(), model().name());
        assertSame(model().getClass(), Models.byName(expectedName()).getClass());
    }

    @Test
    void methodIsDescribedAndCarriedIntoTheForecast() {
        FittedModel fit = model().fit(SERIES_A, seasonLength());
        assertFalse(fit.method().isBlank());
        assertEquals(fit.method(), fit.forecast(3, LEVELS).method());
        assertEquals("", fit.forecast(3, LEVELS).note());
    }

    @Test
    void forecastHasTheRequestedHorizon() {
        for (int h : new int[] {1, 2, 7, 30}) {
            Forecast f = run(SERIES_A, h);
            assertEquals(h, f.horizon());
            assertEquals(h, f.mean().length);
            assertArrayEquals(LEVELS, f.levels());
            for (int i = 0; i < LEVELS.length; i++) {
                assertEquals(h, f.lower(i).length);
                assertEquals(h, f.upper(i).length);
            }
        }
    }

    @Test
    void lowerIsAtMostMeanIsAtMostUpper() {
        for (double[] y : new double[][] {SERIES_A, SERIES_B}) {
            Forecast f = run(y, 12);
            double[] mean = f.mean();
            for (int i = 0; i < LEVELS.length; i++) {
                double[] lo = f.lower(i);
                double[] hi = f.upper(i);
                for (int s = 0; s < mean.length; s++) {
                    assertTrue(
                            lo[s] <= mean[s] && mean[s] <= hi[s],
                            "step " + s + " level " + LEVELS[i] + ": " + lo[s] + " <= " + mean[s] + " <= " + hi[s]);
                }
            }
        }
    }

    @Test
    void intervalsWidenWithTheLevel() {
        double[] levels = {50, 80, 95, 99};
        Forecast f = model().fit(SERIES_A, seasonLength()).forecast(9, levels);
        for (int i = 1; i < levels.length; i++) {
            double[] loNarrow = f.lower(i - 1);
            double[] hiNarrow = f.upper(i - 1);
            double[] loWide = f.lower(i);
            double[] hiWide = f.upper(i);
            for (int s = 0; s < 9; s++) {
                assertTrue(
                        loWide[s] < loNarrow[s] && hiNarrow[s] < hiWide[s],
                        "level " + levels[i] + " must be wider than " + levels[i - 1] + " at step " + s);
            }
        }
    }

    @Test
    void producesNoNaNOrInfinity() {
        double[] shortest = new double[minimumLength()];
        for (int i = 0; i < shortest.length; i++) {
            shortest[i] = 3.0 + (i % 2) * 1.5 + i;
        }
        double[][] inputs = {
            SERIES_A,
            SERIES_B,
            {7, 7, 7, 7, 7, 7, 7, 7, 7},
            shortest,
            {1e-300, 2e-300, 1.5e-300, 3e-300, 2.5e-300},
            {-1e12, 3e12, -2e12, 5e12, 1e12}
        };
        for (double[] y : inputs) {
            Forecast f = model().fit(y, seasonLength()).forecast(25, new double[] {1, 50, 80, 95, 99.99});
            assertAllFinite(f.mean());
            for (int i = 0; i < f.levels().length; i++) {
                assertAllFinite(f.lower(i));
                assertAllFinite(f.upper(i));
            }
        }
    }

    private static void assertAllFinite(double[] values) {
        for (double v : values) {
            assertTrue(Double.isFinite(v), "not finite: " + v);
        }
    }

    @Test
    void constantSeriesGivesZeroWidthIntervals() {
        Forecast f = run(new double[] {4.25, 4.25, 4.25, 4.25, 4.25, 4.25, 4.25, 4.25, 4.25, 4.25}, 6);
        for (int s = 0; s < 6; s++) {
            assertEquals(4.25, f.mean()[s]);
            for (int i = 0; i < LEVELS.length; i++) {
                assertEquals(4.25, f.lower(i)[s]);
                assertEquals(4.25, f.upper(i)[s]);
            }
        }
    }

    @Test
    void isDeterministic() {
        assertEquals(run(SERIES_A, 10), run(SERIES_A.clone(), 10));
        assertEquals(run(SERIES_B, 10), run(SERIES_B.clone(), 10));
    }

    @Test
    void eachFitStartsFresh() {
        Forecast a1 = run(SERIES_A, 10);
        Forecast b = run(SERIES_B, 10);
        Forecast a2 = run(SERIES_A, 10);
        assertBitIdentical(a1, a2);
        assertFalse(a1.equals(b));

        ForecastModel model = model();
        FittedModel fitA = model.fit(SERIES_A, seasonLength());
        Forecast before = fitA.forecast(10, LEVELS);
        model.fit(SERIES_B, seasonLength()).forecast(10, LEVELS);
        assertBitIdentical(before, fitA.forecast(10, LEVELS));
    }

    @Test
    void concurrentFitsGiveExactlyTheSequentialResults() throws Exception {
        ForecastModel shared = model();
        Forecast expectedA = run(SERIES_A, 12);
        Forecast expectedB = run(SERIES_B, 12);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int parity = t % 2;
                results.add(pool.submit(() -> {
                    start.await();
                    int mismatches = 0;
                    for (int iter = 0; iter < concurrentIterations(); iter++) {
                        boolean useA = (iter + parity) % 2 == 0;
                        Forecast got = shared.fit(useA ? SERIES_A : SERIES_B, seasonLength())
                                .forecast(12, LEVELS);
                        if (!got.equals(useA ? expectedA : expectedB)) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            start.countDown();
            for (Future<Integer> r : results) {
                assertEquals(0, r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@link Forecast#equals} compares with {@link Double#equals}; this spells the bits out. */
    static void assertBitIdentical(Forecast expected, Forecast actual) {
        assertBits(expected.mean(), actual.mean());
        assertBits(expected.levels(), actual.levels());
        for (int i = 0; i < expected.levels().length; i++) {
            assertBits(expected.lower(i), actual.lower(i));
            assertBits(expected.upper(i), actual.upper(i));
        }
        assertEquals(expected, actual);
    }

    private static void assertBits(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(
                    Double.doubleToRawLongBits(expected[i]),
                    Double.doubleToRawLongBits(actual[i]),
                    "index " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    @Test
    void doesNotMutateOrKeepTheCallersArrays() {
        double[] y = SERIES_A.clone();
        double[] levels = LEVELS.clone();
        FittedModel fit = model().fit(y, seasonLength());
        Forecast first = fit.forecast(8, levels);
        assertArrayEquals(SERIES_A, y);
        assertArrayEquals(LEVELS, levels);

        java.util.Arrays.fill(y, 1e6); // the fitted model must hold its own copy
        levels[0] = 50; // and the forecast its own levels
        assertBitIdentical(first, fit.forecast(8, LEVELS));
        assertArrayEquals(LEVELS, first.levels());

        first.mean()[0] = -1; // accessors hand out copies
        first.lower(0)[0] = -1;
        first.upper(1)[0] = -1;
        first.levels()[0] = -1;
        assertBitIdentical(fit.forecast(8, LEVELS), first);
    }

    @Test
    void rejectsNaN() {
        double[] y = SERIES_A.clone();
        y[3] = Double.NaN;
        ModelException e = assertThrows(ModelException.class, () -> model().fit(y, seasonLength()));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("index 3"), e.getMessage());
    }

    @Test
    void rejectsInfiniteValues() {
        for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[] y = SERIES_A.clone();
            y[y.length - 1] = bad;
            ModelException e = assertThrows(ModelException.class, () -> model().fit(y, seasonLength()));
            assertTrue(
                    e.getMessage().contains("infinite") && e.getMessage().contains("index " + (y.length - 1)),
                    e.getMessage());
        }
    }

    @Test
    void rejectsSeriesShorterThanTheMinimum() {
        for (int n = 0; n < minimumLength(); n++) {
            double[] y = java.util.Arrays.copyOf(SERIES_A, n);
            ModelException e = assertThrows(ModelException.class, () -> model().fit(y, seasonLength()));
            assertTrue(e.getMessage().contains("at least " + minimumLength()), e.getMessage());
        }
        assertNotNull(model().fit(java.util.Arrays.copyOf(SERIES_A, minimumLength()), seasonLength()));
    }

    @Test
    void rejectsNullSeries() {
        assertThrows(NullPointerException.class, () -> model().fit(null, seasonLength()));
    }

    @Test
    void rejectsSeasonLengthBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> model().fit(SERIES_A, 0));
        assertThrows(IllegalArgumentException.class, () -> model().fit(SERIES_A, -12));
    }

    @Test
    void rejectsHorizonBelowOne() {
        FittedModel fit = model().fit(SERIES_A, seasonLength());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> fit.forecast(0, LEVELS));
        assertEquals("Invalid forecast horizon h = 0", zero.getMessage());
        IllegalArgumentException negative =
                assertThrows(IllegalArgumentException.class, () -> fit.forecast(-3, LEVELS));
        assertEquals("Invalid forecast horizon h = -3", negative.getMessage());
    }

    @Test
    void rejectsLevelsOutsideZeroToHundred() {
        FittedModel fit = model().fit(SERIES_A, seasonLength());
        for (double bad : new double[] {0, 100, -5, 100.5, 0.0 / 0.0, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> fit.forecast(3, new double[] {80, bad}), "level " + bad);
        }
        assertThrows(NullPointerException.class, () -> fit.forecast(3, null));
    }

    @Test
    void noLevelsGivesPointForecastsOnly() {
        Forecast f = model().fit(SERIES_A, seasonLength()).forecast(5, new double[0]);
        assertEquals(0, f.levels().length);
        assertArrayEquals(run(SERIES_A, 5).mean(), f.mean());
    }
}

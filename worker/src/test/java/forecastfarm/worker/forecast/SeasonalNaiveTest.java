package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeasonalNaiveTest extends ForecastModelContractTest {

    @Override
    protected ForecastModel model() {
        return new SeasonalNaive();
    }

    @Override
    protected String expectedName() {
        return "snaive";
    }

    @Override
    protected int minimumLength() {
        return 2; // below season length + 1 it falls back to naive, which needs 2
    }

    @Test
    void repeatsTheLastSeasonWithWideningSteps() {
        double[] y = {10, 20, 30, 40, 12, 21, 33, 41, 13, 23};
        Forecast f = new SeasonalNaive().fit(y, 4).forecast(9, LEVELS);
        assertEquals("Seasonal naive (m=4)", f.method());
        assertEquals("", f.note());
        assertArrayEquals(new double[] {33, 41, 13, 23, 33, 41, 13, 23, 33}, f.mean());
        // residuals y[t] - y[t-4]: 2, 1, 3, 1, 1, 2 -> sigma^2 = 20/6; se = sigma * sqrt(floor((h-1)/4) + 1)
        double z80 = 1.2815515655446004; // qnorm(0.9)
        for (int h = 1; h <= 9; h++) {
            double se = Math.sqrt(20.0 / 6 * ((h - 1) / 4 + 1));
            assertEquals(f.mean()[h - 1] - z80 * se, f.lower(0)[h - 1], 1e-12);
            assertEquals(f.mean()[h - 1] + z80 * se, f.upper(0)[h - 1], 1e-12);
        }
    }

    @Test
    void fallsBackToNaiveWhenShorterThanOneSeasonPlusOne() {
        double[] y = {5, 7, 6, 8, 9, 7, 8, 10, 9, 11};
        Forecast f = new SeasonalNaive().fit(y, 12).forecast(6, LEVELS);
        assertEquals("fell back to naive: 10 observations < season length 12 + 1", f.note());
        assertEquals("Naive method", f.method());
        Forecast naive = new Naive().fit(y, 12).forecast(6, LEVELS);
        assertArrayEquals(naive.mean(), f.mean());
        for (int i = 0; i < LEVELS.length; i++) {
            assertArrayEquals(naive.lower(i), f.lower(i));
            assertArrayEquals(naive.upper(i), f.upper(i));
        }
    }

    @Test
    void exactlyOneSeasonPlusOneIsEnough() {
        double[] y = {1, 2, 3, 4, 5};
        Forecast f = new SeasonalNaive().fit(y, 4).forecast(4, LEVELS);
        assertEquals("", f.note());
        assertArrayEquals(new double[] {2, 3, 4, 5}, f.mean());
    }

    @Test
    void seasonLengthOneIsTheNaiveMethod() {
        Forecast f = new SeasonalNaive().fit(SERIES_B, 1).forecast(7, LEVELS);
        assertEquals("Seasonal naive (m=1)", f.method());
        Forecast naive = new Naive().fit(SERIES_B, 1).forecast(7, LEVELS);
        assertArrayEquals(naive.mean(), f.mean());
        assertArrayEquals(naive.upper(1), f.upper(1));
    }

    @Test
    void tooShortEvenForTheFallbackSaysSo() {
        ModelException e = org.junit.jupiter.api.Assertions.assertThrows(
                ModelException.class, () -> new SeasonalNaive().fit(new double[] {3}, 12));
        assertEquals("snaive needs at least 2 observations, got 1", e.getMessage());
    }
}

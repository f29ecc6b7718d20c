package forecastfarm.launcher.bench;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ForecastAccuracyTest {
    @Test
    void smapeMatchesTheDefinition() {
        // 200*|100-110|/210 = 9.5238..., 200*|50-50|/100 = 0
        assertEquals(
                (200.0 * 10 / 210) / 2, ForecastAccuracy.smape(new double[] {100, 50}, new double[] {110, 50}), 1e-12);
        assertEquals(0, ForecastAccuracy.smape(new double[] {0}, new double[] {0}), 0);
    }

    @Test
    void maseScalesBySeasonalNaiveErrorInSample() {
        final double[] train = {1, 2, 3, 4, 2, 3, 4, 5}; // lag-4 differences are all 1
        assertEquals(2.0, ForecastAccuracy.mase(train, 4, new double[] {6, 6}, new double[] {4, 8}), 1e-12);
        // too short for the season: lag 1 (differences 1, 1)
        assertEquals(1.0, ForecastAccuracy.mase(new double[] {1, 2, 3}, 12, new double[] {5}, new double[] {4}), 1e-12);
    }

    @Test
    void lengthsMustAgree() {
        assertThrows(
                IllegalArgumentException.class, () -> ForecastAccuracy.smape(new double[] {1}, new double[] {1, 2}));
    }
}

package forecastfarm.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import forecastfarm.launcher.bench.CombChoice.Combo;
import forecastfarm.launcher.bench.CombChoice.WindowForecasts;
import java.util.List;
import org.junit.jupiter.api.Test;

class CombChoiceTest {
    private static final List<String> CANDIDATES = List.of("a", "b", "c");

    @Test
    void everySubsetOfTwoOrMoreByMeanAndOfThreeOrMoreAlsoByMedianThenSingles() {
        List<String> specs =
                CombChoice.combos(CANDIDATES).stream().map(Combo::spec).toList();
        assertEquals(
                List.of("a", "b", "comb:a+b", "c", "comb:a+c", "comb:b+c", "comb:a+b+c", "comb:a+b+c+combine=median"),
                specs);
    }

    @Test
    void combinesStepByStepByMeanOrMedian() {
        WindowForecasts window =
                new WindowForecasts(new double[][] {{1, 10}, {2, 40}, {9, 20}}, new double[] {0, 0}, 1);
        assertArrayEquals(
                new double[] {4, 70 / 3.0},
                CombChoice.combine(new Combo(CANDIDATES, false), CANDIDATES, window),
                1e-12);
        assertArrayEquals(
                new double[] {2, 20}, CombChoice.combine(new Combo(CANDIDATES, true), CANDIDATES, window), 1e-12);
        assertArrayEquals(
                new double[] {5, 15},
                CombChoice.combine(new Combo(List.of("a", "c"), false), CANDIDATES, window),
                1e-12);
    }

    /** Per series the mean over its windows, summed over series; a series without windows or a scale is left out. */
    @Test
    void scoresPerSeriesAsTheMeanOverItsWindowsAndLeavesOutUnscorableSeries() {
        WindowForecasts exact = new WindowForecasts(new double[][] {{10}, {10}, {10}}, new double[] {10}, 2);
        WindowForecasts off = new WindowForecasts(new double[][] {{12}, {8}, {14}}, new double[] {10}, 2);
        WindowForecasts noScale = new WindowForecasts(new double[][] {{1}, {1}, {1}}, new double[] {1}, 0);
        List<Combo> combos = List.of(new Combo(List.of("a"), false), new Combo(CANDIDATES, true));
        List<double[]> sums =
                CombChoice.scoreSeries(List.of(List.of(exact, off), List.of(), List.of(noScale)), CANDIDATES, combos);
        // "a" alone: window 1 exact, window 2 forecasts 12 for 10: sMAPE 200*2/22, MASE 2/2
        assertArrayEquals(new double[] {200.0 * 2 / 22 / 2, 0.5, 1, 2}, sums.get(0), 1e-12);
        // the median of 12, 8, 14 is 12: the same scores
        assertArrayEquals(new double[] {200.0 * 2 / 22 / 2, 0.5, 1, 2}, sums.get(1), 1e-12);
    }
}

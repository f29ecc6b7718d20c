package forecastfarm.launcher.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Which points, windows and cutoffs a plot of cross-validation windows draws, and when it shades a band. */
class WindowLinesTest {
    @TempDir
    Path tmp;

    /**
     * 200 points labelled 1..200; windows of 5 steps with cutoffs {@code step} apart, the last ending at the last
     * point; naive (80 and 95% intervals) and theta (no intervals) in each, theta missing from the first window.
     */
    private static SeriesPlotData windows(int step) {
        double[] y = Synthetic.seasonal(200, 7, 3);
        List<ForecastWindow> windows = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int cutoff = 199 - 5 - step * (2 - w);
            double[] train = Arrays.copyOf(y, cutoff + 1);
            List<ModelBand> models = new ArrayList<>();
            models.add(Synthetic.naive("naive", train, 5, 0, 80, 95));
            if (w > 0) {
                models.add(Synthetic.seasonalNaive("theta", train, 5, 7));
            }
            windows.add(new ForecastWindow(cutoff, models));
        }
        return SeriesPlotData.windows(
                "AAL", Synthetic.integers(1, 200), y, windows, 7, "MASE over 3 windows: naive 0.54, theta 0.52");
    }

    private static double[] range(int from, int to) {
        double[] x = new double[to - from + 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = from + i;
        }
        return x;
    }

    @Test
    void theActualValuesTheCutoffsAndEachWindowsForecastsAreDrawnWhereTheyBelong() {
        SeriesPlotData data = windows(5);
        XYChart chart = new SeriesPlotWriter(tmp).chart(data);
        // cutoffs at points 184, 189, 194 (from 0), labelled 185, 190, 195; 15 points after the first
        assertEquals(15, data.windowSpan());
        assertEquals(60, SeriesChart.windowsWindow(200, 15, 7), "45 points before the windows' 15");

        XYSeries actual = chart.getSeriesMap().get("actual");
        assertArrayEquals(range(141, 200), actual.getXData(), "the last 60 points");
        assertEquals(data.history()[199], actual.getYData()[59]);

        assertArrayEquals(
                new double[] {185, 185}, chart.getSeriesMap().get("cutoff").getXData());
        assertArrayEquals(
                new double[] {190, 190}, chart.getSeriesMap().get("cutoff (2)").getXData());
        assertArrayEquals(
                new double[] {195, 195}, chart.getSeriesMap().get("cutoff (3)").getXData());
        XYSeries cutoff = chart.getSeriesMap().get("cutoff");
        assertTrue(cutoff.getYMin() <= actual.getYMin() && cutoff.getYMax() >= actual.getYMax(), "across the data");

        XYSeries naive = chart.getSeriesMap().get("naive");
        assertArrayEquals(range(186, 190), naive.getXData(), "the first window's 5 steps after its cutoff");
        assertArrayEquals(data.windows().get(0).models().get(0).mean(), naive.getYData());
        assertArrayEquals(range(191, 195), chart.getSeriesMap().get("naive (2)").getXData());
        assertArrayEquals(range(196, 200), chart.getSeriesMap().get("naive (3)").getXData());
        assertArrayEquals(range(191, 195), chart.getSeriesMap().get("theta").getXData(), "theta from window 2");
        assertArrayEquals(range(196, 200), chart.getSeriesMap().get("theta (2)").getXData());

        assertEquals(naive.getLineColor(), chart.getSeriesMap().get("naive (3)").getLineColor(), "one colour a model");
        assertEquals(naive.getLineStyle(), chart.getSeriesMap().get("naive (3)").getLineStyle());
        assertNotEquals(naive.getLineColor(), chart.getSeriesMap().get("theta").getLineColor());

        List<String> listed = new ArrayList<>();
        chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).forEach(s -> listed.add(s.getName()));
        assertEquals(List.of("actual", "naive 95%", "cutoff", "naive", "theta"), listed, "each once in the legend");
        assertNull(chart.getSeriesMap().get("naive 80%"), "only the widest level's band");
        assertTrue(chart.getTitle().startsWith("AAL  \u2014  MASE over 3 windows: naive 0.54"), chart.getTitle());
    }

    @Test
    void bandsAreLeftOutWhereWindowsOverlap() {
        XYChart apart = new SeriesPlotWriter(tmp).chart(windows(5));
        assertTrue(apart.getSeriesMap().containsKey("naive 95% (3)"), "a band in each of 3 windows 5 apart");

        XYChart overlapping = new SeriesPlotWriter(tmp).chart(windows(2));
        assertFalse(
                overlapping.getSeriesMap().keySet().stream().anyMatch(n -> n.contains("%")),
                "windows 2 apart, 5 steps long: " + overlapping.getSeriesMap().keySet());
        // cutoffs at points 190, 192, 194 (from 0), labelled 191, 193, 195
        assertArrayEquals(
                range(192, 196), overlapping.getSeriesMap().get("naive").getXData());
        assertArrayEquals(
                range(194, 198), overlapping.getSeriesMap().get("naive (2)").getXData());
    }

    @Test
    void theModelsLinesShowOnTheImage() {
        BufferedImage image = new SeriesPlotWriter(tmp, 960, 480).render(windows(5));
        int first = 0;
        int second = 0;
        for (int y = 40; y < 420; y++) {
            for (int x = 700; x < 960; x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                first += rgb == (ModelLines.COLORS[0].getRGB() & 0xffffff) ? 1 : 0;
                second += rgb == (ModelLines.COLORS[1].getRGB() & 0xffffff) ? 1 : 0;
            }
        }
        assertTrue(first > 20, "naive shows (" + first + " px)");
        assertTrue(second > 20, "theta shows (" + second + " px)");
    }
}

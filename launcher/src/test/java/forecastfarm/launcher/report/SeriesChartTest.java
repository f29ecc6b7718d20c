package forecastfarm.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** What a plot shows of its models: coinciding forecasts stay visible, specs in the legend, the y axis title. */
class SeriesChartTest {
    @TempDir
    Path tmp;

    /** A random walk's history and two models with the same flat forecast, as ets and arima give on it. */
    private static SeriesPlotData coinciding(int n, int h) {
        double[] y = Synthetic.seasonal(n, 1, 7);
        ModelBand ets = Synthetic.naive("ets", y, h, 0, 80, 95);
        ModelBand arima = Synthetic.naive("arima", y, h, 0, 80, 95);
        return SeriesPlotData.forecast(
                "AAL",
                Synthetic.days(LocalDate.of(2020, 1, 1), n),
                y,
                Synthetic.days(LocalDate.of(2020, 1, 1).plusDays(n), h),
                List.of(
                        new ModelBand("ets", "ETS(M,N,N)", ets.mean(), ets.levels(), ets.lower(), ets.upper()),
                        new ModelBand(
                                "arima", "ARIMA(0,1,0)", arima.mean(), arima.levels(), arima.lower(), arima.upper())),
                1);
    }

    @Test
    void coincidingForecastsGetDifferentStrokesTheLaterOneNarrower() {
        XYChart chart = new SeriesPlotWriter(tmp).chart(coinciding(200, 20));
        BasicStroke ets = chart.getSeriesMap().get("ets: ETS(M,N,N)").getLineStyle();
        BasicStroke arima = chart.getSeriesMap().get("arima: ARIMA(0,1,0)").getLineStyle();
        assertFalse(Arrays.equals(ets.getDashArray(), arima.getDashArray()), "different dash patterns");
        assertTrue(arima.getLineWidth() < ets.getLineWidth(), "the line drawn later is narrower");
        assertNotEquals(
                chart.getSeriesMap().get("ets: ETS(M,N,N)").getLineColor(),
                chart.getSeriesMap().get("arima: ARIMA(0,1,0)").getLineColor());
    }

    /**
     * On the image, both colours show where the two lines lie on top of each other: with sparse steps (20 steps,
     * dashes drawn segment by segment) and dense ones (300 steps, dashes along one smooth path).
     */
    @Test
    void bothOfTwoCoincidingForecastsShowOnTheImage() {
        SeriesPlotWriter writer = new SeriesPlotWriter(tmp, 960, 480);
        for (int h : new int[] {20, 300}) {
            SeriesPlotData data = coinciding(400, h);
            BufferedImage image = writer.render(data);
            // Above the legend (at the bottom) and right of the history: only the forecasts and bands are there.
            int fromX = 960 - 960 * h / (h + SeriesChart.window(400, h, 1)) + 20;
            int first = count(image, ModelLines.COLORS[0], fromX, 40, 960, 480 - 60);
            int second = count(image, ModelLines.COLORS[1], fromX, 40, 960, 480 - 60);
            assertTrue(first > 20, "h=" + h + ": the first model shows (" + first + " px)");
            assertTrue(second > 20, "h=" + h + ": the second model shows (" + second + " px)");
        }
    }

    /** XChart restarts a dash pattern at each point: a pattern longer than a step on screen needs one smooth path. */
    @Test
    void aDashedLineIsOneSmoothPathWhereStepsAreShorterThanItsPattern() {
        assertFalse(ModelLines.of(0, 1).smooth(), "a solid line never needs it");
        assertTrue(ModelLines.of(1, 3).smooth(), "dashes of 5 + 3 px on 3 px steps");
        assertFalse(ModelLines.of(1, 8).smooth(), "one whole pattern a step");
        assertFalse(ModelLines.of(1, 40).smooth());
        org.junit.jupiter.api.Assertions.assertNull(ModelLines.of(0, 1).stroke().getDashArray(), "the first is solid");
        for (int m = 1; m < SeriesChart.MAX_MODELS; m++) {
            assertTrue(
                    ModelLines.of(m, 10).stroke().getLineWidth()
                            < ModelLines.of(m - 1, 10).stroke().getLineWidth(),
                    "model " + m + " is drawn narrower than the one before it");
        }
    }

    /** A forecast of one step has no line: each model gets a marker of its own, and both show on the image. */
    @Test
    void oneStepForecastsAreMarkedEachModelWithItsOwnMarker() {
        SeriesPlotWriter writer = new SeriesPlotWriter(tmp, 960, 480);
        SeriesPlotData data = coinciding(200, 1);
        XYChart chart = writer.chart(data);
        XYSeries ets = chart.getSeriesMap().get("ets: ETS(M,N,N)");
        XYSeries arima = chart.getSeriesMap().get("arima: ARIMA(0,1,0)");
        assertNotEquals(org.knowm.xchart.style.markers.SeriesMarkers.NONE, ets.getMarker());
        assertNotEquals(ets.getMarker(), arima.getMarker());
        BufferedImage image = writer.render(data);
        int first = count(image, ModelLines.COLORS[0], 800, 40, 960, 420);
        assertTrue(first > 5, "the first model's marker shows (" + first + " px)");
        assertTrue(count(image, ModelLines.COLORS[1], 800, 40, 960, 420) > 5, "the second model's marker shows");
    }

    @Test
    void bandsAreDrawnWidestFirstAndTheLegendNamesEachModelsSpec() {
        XYChart chart = new SeriesPlotWriter(tmp).chart(coinciding(200, 20));
        assertEquals(
                List.of("history", "ets 95%", "ets 80%", "ets: ETS(M,N,N)", "arima: ARIMA(0,1,0)"),
                new ArrayList<>(chart.getSeriesMap().keySet()),
                "drawing order");
        XYSeries wide = chart.getSeriesMap().get("ets 95%");
        XYSeries narrow = chart.getSeriesMap().get("ets 80%");
        assertTrue(wide.getYMax() > narrow.getYMax() && wide.getYMin() < narrow.getYMin(), "95% encloses 80%");
    }

    @Test
    void theLegendShowsASpecUnlessItIsTheNameAndCutsALongOne() {
        assertEquals("ets: ETS(M,Ad,N)", ModelBand.label("ets", "ETS(M,Ad,N)", 40));
        assertEquals("theta", ModelBand.label("theta", "Theta", 40));
        assertEquals("naive", ModelBand.label("naive", "", 40));
        assertEquals("comb: Mean of ETS(A,N,N),…", ModelBand.label("comb", "Mean of ETS(A,N,N), Theta", 20));
    }

    @Test
    void theYAxisIsTitledWithTheValueColumnWhenKnown() {
        SeriesPlotWriter writer = new SeriesPlotWriter(tmp);
        XYChart titled = writer.chart(coinciding(200, 20).withValueName("Adj Close"));
        assertEquals("Adj Close", titled.getYAxisTitle());
        assertTrue(titled.getStyler().isYAxisTitleVisible());
        assertFalse(titled.getStyler().isXAxisTitleVisible(), "a date axis needs no title");
        XYChart untitled = writer.chart(coinciding(200, 20));
        assertFalse(untitled.getStyler().isYAxisTitleVisible());
    }

    /** A long legend (many models with long specs) goes right of the plot instead of off the image's edges. */
    @Test
    void aLegendTooWideForOneRowBecomesAColumn() {
        double[] y = Synthetic.seasonal(100, 1, 3);
        List<ModelBand> models = new ArrayList<>();
        for (int m = 0; m < 6; m++) {
            ModelBand b = Synthetic.naive("comb" + m, y, 10, m);
            models.add(
                    new ModelBand(b.model(), "Mean of ETS(A,Ad,N), Theta, ARIMA(2,1,1)", b.mean(), null, null, null));
        }
        XYChart chart =
                new SeriesPlotWriter(tmp).chart(SeriesPlotData.forecast("wide legend", null, y, null, models, 1));
        assertEquals(
                org.knowm.xchart.style.Styler.LegendLayout.Vertical,
                chart.getStyler().getLegendLayout());
        XYChart small = new SeriesPlotWriter(tmp).chart(coinciding(100, 10));
        assertEquals(
                org.knowm.xchart.style.Styler.LegendLayout.Horizontal,
                small.getStyler().getLegendLayout());
    }

    /** Pixels within a small distance of {@code c} in the rectangle [x0, x1) x [y0, y1). */
    static int count(BufferedImage image, Color c, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                int d = Math.abs(((rgb >> 16) & 0xff) - c.getRed())
                        + Math.abs(((rgb >> 8) & 0xff) - c.getGreen())
                        + Math.abs((rgb & 0xff) - c.getBlue());
                n += d <= 24 ? 1 : 0;
            }
        }
        return n;
    }
}

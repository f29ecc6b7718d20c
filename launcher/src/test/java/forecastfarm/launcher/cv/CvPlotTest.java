package forecastfarm.launcher.cv;

import static org.junit.jupiter.api.Assertions.*;

import forecastfarm.launcher.io.TimeAxis;
import forecastfarm.launcher.job.SubmittedSeries;
import forecastfarm.launcher.report.ForecastWindow;
import forecastfarm.launcher.report.ModelBand;
import forecastfarm.launcher.report.PlotPolicy;
import forecastfarm.launcher.report.SeriesPlotData;
import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ModelForecast;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a cross-validated series' plot is made of: the kept history, the windows' forecasts and cutoffs, the MASEs. */
class CvPlotTest {
    /**
     * 12 daily points 10, 11, ... 21, the job keeping the last 8 (from point 4 on); windows of 2 steps with cutoffs
     * at points 7 and 9 (from 0); ets failed in the first window.
     */
    private static SubmittedSeries series() {
        final List<String> ds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ds.add(String.format("2024-01-%02d", i + 1));
        }
        final double[] recent = {14, 15, 16, 17, 18, 19, 20, 21};
        return new SubmittedSeries(
                3,
                "S",
                TimeAxis.of(ds, "S"),
                recent,
                ds.subList(4, 12).toArray(String[]::new),
                7,
                "y",
                ds.subList(7, 12).toArray(String[]::new));
    }

    private static ModelForecast flat(final String model, final String spec, final double value) {
        return new ModelForecast(
                model,
                spec,
                "",
                "",
                new double[] {80, 95},
                new double[] {value, value},
                new double[][] {{value - 1, value - 1}, {value - 2, value - 2}},
                new double[][] {{value + 1, value + 1}, {value + 2, value + 2}});
    }

    private static CvResult.Score score(final String model, final int windows, final double mase) {
        return new CvResult.Score(
                model,
                windows,
                1,
                1,
                1,
                mase,
                new double[] {80, 95},
                new double[] {1, 1},
                new double[] {1, 1},
                new double[] {mase, mase});
    }

    private static CvResult twoWindows() {
        return new CvResult(
                List.of(
                        new CvResult.Window(
                                7,
                                0,
                                1,
                                new double[] {18, 19},
                                List.of(flat("naive", "Naive", 17), ModelForecast.failed("ets", "too short"))),
                        new CvResult.Window(
                                9,
                                0,
                                1,
                                new double[] {20, 21},
                                List.of(flat("naive", "Naive", 19), flat("ets", "ETS(A,A,N)", 19.5)))),
                List.of(score("naive", 2, 1.0), score("ets", 1, Double.NaN)));
    }

    @Test
    void theWindowsAreDrawnOverTheKeptHistoryFromTheirCutoffsWithoutTheModelsThatFailedInThem() {
        final SeriesPlotData plot = CvPlot.of(series(), CvTablesTest.result(twoWindows()));

        assertEquals("S", plot.id());
        assertArrayEquals(new double[] {14, 15, 16, 17, 18, 19, 20, 21}, plot.history(), "the actual values");
        assertEquals("2024-01-05", plot.historyDs()[0]);
        assertNull(plot.futureDs(), "nothing after the history");
        assertTrue(plot.models().isEmpty());
        assertEquals(7, plot.seasonLength());

        final List<ForecastWindow> windows = plot.windows();
        assertEquals(2, windows.size());
        assertEquals(3, windows.get(0).cutoff(), "point 7 of the series is the kept history's 4th (from 0)");
        assertEquals(5, windows.get(1).cutoff());
        assertEquals(
                "2024-01-08",
                plot.historyDs()[windows.get(0).cutoff()],
                "the cutoff's ds is point 7's (from 0): the 8th");
        assertEquals(List.of("naive"), names(windows.get(0)), "ets failed in the first window");
        assertEquals(List.of("naive", "ets"), names(windows.get(1)));
        final ModelBand ets = windows.get(1).models().get(1);
        assertArrayEquals(new double[] {19.5, 19.5}, ets.mean());
        assertArrayEquals(new double[] {80, 95}, ets.levels());
        assertArrayEquals(new double[] {21.5, 21.5}, ets.upper()[1]);
        assertEquals("ETS(A,A,N)", ets.spec());
        assertEquals(4, plot.windowSpan(), "the 4 points after the first cutoff");

        assertEquals("MASE over 2 windows: naive 1.00, ets n/a", plot.caption(), "ets has no MASE");
    }

    @Test
    void aSeriesWhereNoModelForecastInAnyWindowIsPlottedAsFailedWithWhy() {
        final CvResult none = new CvResult(
                List.of(new CvResult.Window(
                        9, 0, 1, new double[] {20, 21}, List.of(ModelForecast.failed("ets", "too short")))),
                List.of(score("ets", 0, Double.NaN)));
        assertNull(CvPlot.of(series(), CvTablesTest.result(none)));

        final CvWork work = new CvWork(
                CvSettings.of(1, 1, null, 2),
                2,
                List.of("ets"),
                new double[] {95},
                PlotPolicy.ALL,
                java.nio.file.Path.of("out"));
        final SeriesPlotData plot = work.plotData(series(), CvTablesTest.result(none));
        assertTrue(plot.windows().isEmpty());
        assertTrue(plot.failure().contains("ets: failed in 1 of 1 windows"), plot.failure());
    }

    private static List<String> names(final ForecastWindow window) {
        return window.models().stream().map(ModelBand::model).toList();
    }
}

package forecastfarm.launcher.cv;

import static org.junit.jupiter.api.Assertions.*;

import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.io.CsvOut;
import forecastfarm.launcher.io.TimeAxis;
import forecastfarm.launcher.job.SubmittedSeries;
import forecastfarm.launcher.report.PlotPolicy;
import forecastfarm.shared.forecast.CvResult;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.shared.wire.TaskStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cv.csv's and cv_metrics.csv's rows from a result, the scoreboard's means and wins, and the windows' checks. */
class CvTablesTest {
    private static final double[] LEVELS = {80};

    @TempDir
    Path tmp;

    /** A series of 6 monthly points, the last 4 labelled; two windows of 2 steps, cutoffs at points 2 and 3 (from 0). */
    private static SubmittedSeries series() {
        final List<String> ds = List.of("2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06");
        return new SubmittedSeries(
                0,
                "S",
                TimeAxis.of(ds, "S"),
                null,
                null,
                1,
                null,
                ds.subList(2, 6).toArray(String[]::new));
    }

    private static ModelForecast flat(final String model, final double value) {
        return new ModelForecast(
                model,
                model.toUpperCase(),
                "",
                "",
                LEVELS,
                new double[] {value, value},
                new double[][] {{value - 1, value - 1}},
                new double[][] {{value + 1, value + 1}});
    }

    private static CvResult.Score score(final String model, final double mase, final double coverage) {
        return new CvResult.Score(
                model, 2, 1, 2, 3, mase, LEVELS, new double[] {coverage}, new double[] {4}, new double[] {mase, mase});
    }

    /** Series S's successful result (also CvPlotTest's). */
    static SeriesResult result(final CvResult cv) {
        return new SeriesResult(0, "S", TaskStatus.OK, List.of(), cv, "", 1, 0, 0, 1, false);
    }

    private static CvResult twoWindows() {
        return new CvResult(
                List.of(
                        new CvResult.Window(
                                2,
                                0,
                                1.5,
                                new double[] {4, 5},
                                List.of(flat("naive", 3), ModelForecast.failed("ets", "too short"))),
                        new CvResult.Window(
                                3, 0, 1.5, new double[] {5, 6}, List.of(flat("naive", 4), flat("ets", 4.5)))),
                List.of(score("naive", 0.5, 1), score("ets", Double.NaN, 0.5)));
    }

    @Test
    void cvRowsLabelEachStepAndCutoffWithTheInputsDsAndSkipAFailedWindow() {
        final CvRows table = new CvRows(LEVELS);
        assertEquals(
                List.of("unique_id", "ds", "cutoff", "y", "model", "forecast", "lo-80", "hi-80", "model_spec"),
                table.header());
        final List<String[]> rows = table.rows(series(), result(twoWindows()));
        assertEquals(6, rows.size(), "naive in 2 windows and ets in 1, 2 steps each");
        assertArrayEquals(new String[] {"S", "2020-04", "2020-03", "4", "naive", "3", "2", "4", "NAIVE"}, rows.get(0));
        assertArrayEquals(
                new String[] {"S", "2020-06", "2020-04", "6", "ets", "4.5", "3.5", "5.5", "ETS"}, rows.get(5));
        assertEquals(
                List.of("ets: failed in 1 of 2 windows (first, cutoff point 3: too short)"),
                table.modelFailures(result(twoWindows())));
    }

    @Test
    void withoutLabelsTheRowsNumberThePoints() {
        final List<String[]> rows = new CvRows(LEVELS).rows(null, result(twoWindows()));
        assertEquals("4", rows.get(0)[1], "point 3 from 0 is the 4th");
        assertEquals("3", rows.get(0)[2]);
    }

    @Test
    void metricRowsLeaveUndefinedScoresEmpty() {
        final CvMetricRows table = new CvMetricRows(LEVELS, 2);
        assertEquals(
                List.of(
                        "unique_id",
                        "model",
                        "windows",
                        "mae",
                        "rmse",
                        "smape",
                        "mase",
                        "coverage-80",
                        "msis-80",
                        "mase-h1",
                        "mase-h2"),
                table.header());
        final List<String[]> rows = table.rows(series(), result(twoWindows()));
        assertArrayEquals(new String[] {"S", "naive", "2", "1", "2", "3", "0.5", "1", "4", "0.5", "0.5"}, rows.get(0));
        assertEquals("", rows.get(1)[6], "a NaN MASE is an empty cell");
        assertEquals("", rows.get(1)[9], "and so is its scaled error by step");
    }

    /** Writes cv_metrics.csv's rows of these results, a series each, as the job does, and scores the file. */
    private CvScoreboard scoreWritten(final List<String> models, final SeriesResult... results) throws Exception {
        final CvMetricRows table = new CvMetricRows(LEVELS, 2);
        final Path file = tmp.resolve(CvMetricRows.FILE_NAME);
        try (CsvOut out = new CsvOut(file, table.header().toArray(String[]::new))) {
            for (final SeriesResult result : results) {
                for (final String[] row : table.rows(series(), result)) {
                    out.row(row);
                }
            }
        }
        return CvScoreboard.read(file, models, LEVELS, 2);
    }

    private static SeriesResult result(final String id, final CvResult cv) {
        return new SeriesResult(0, id, TaskStatus.OK, List.of(), cv, "", 1, 0, 0, 1, false);
    }

    @Test
    void theScoreboardCountsWinsByMaseAndAveragesOnlyDefinedScores() throws Exception {
        final CvScoreboard board = scoreWritten(
                List.of("naive", "ets"),
                result("S", twoWindows()),
                result("T", new CvResult(List.of(), List.of(score("naive", 1.5, 0), score("ets", 0.25, 1)))));
        assertEquals(2, board.seriesScored());
        assertEquals(1, board.wins("naive"));
        assertEquals(1, board.wins("ets"));
        assertEquals(1.0, board.means("naive")[3], 1e-12, "mean MASE of 0.5 and 1.5");
        assertEquals(0.25, board.means("ets")[3], 1e-12, "the NaN MASE is left out");
        assertEquals(0.75, board.means("ets")[4], 1e-12, "coverage-80 of 0.5 and 1");
        assertArrayEquals(new double[] {1.0, 1.0}, board.byStep("naive"), 1e-12);
        assertTrue(CvReportSection.render(board, "2 windows", PlotPolicy.NONE).contains("<polyline"));
    }

    @Test
    void aSeriesWinIsCountedOnceItsRowsEndNotPerRow() throws Exception {
        // naive's 0.5 beats ets' 0.75 on S; on T only ets has a MASE
        final CvScoreboard board = scoreWritten(
                List.of("naive", "ets"),
                result("S", new CvResult(List.of(), List.of(score("naive", 0.5, 1), score("ets", 0.75, 1)))),
                result("T", new CvResult(List.of(), List.of(score("naive", Double.NaN, 1), score("ets", 2, 1)))));
        assertEquals(1, board.wins("naive"));
        assertEquals(1, board.wins("ets"));
        assertEquals(2, board.series("naive"));
    }

    @Test
    void windowsOutOfRangeAreRefusedNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CvSettings.of(0, 1, null, 5))
                .getMessage()
                .contains("--windows"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CvSettings.of(2, 0, null, 5))
                .getMessage()
                .contains("--step"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CvSettings.of(2, 1, 0, 5))
                .getMessage()
                .contains("--input-size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CvSettings.of(100_000, 100_000, null, 20))
                .getMessage()
                .contains("the windows cover 9999900020 points"));
        assertEquals(new CvSettings(3, 6, 0), CvSettings.of(3, 6, null, 18));
    }

    @Test
    void windowsCoveringMoreThanTheDefaultRecentDsAreAcceptedAndTheJobKeepsTheirLabels() {
        assertEquals(new CvSettings(100, 10, 0), CvSettings.of(100, 10, null, 20));
        final CvSettings week = CvSettings.of(8, 336, null, 336);
        assertEquals(new CvSettings(8, 336, 0), week);
        final CvWork work = new CvWork(week, 336, List.of("snaive"), new double[] {95}, PlotPolicy.NONE, Path.of("x"));
        assertEquals(336 * 8 + 1, work.tailDs(), "the windows' 2688 points and the cutoff before the first");
    }
}

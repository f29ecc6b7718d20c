package forecastfarm.launcher.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.api.SeriesResult;
import forecastfarm.launcher.farm.FarmTimeline;
import forecastfarm.launcher.io.ForecastTable;
import forecastfarm.launcher.io.RecentDs;
import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.TimeAxis;
import forecastfarm.launcher.report.PlotPolicy;
import forecastfarm.launcher.report.SeriesPlotData;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.shared.wire.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a worker's result to the plot and the report: the value column's name and each model's model_spec. */
class JobReportTest {
    @TempDir
    Path out;

    private static ModelForecast flat(final String model, final String spec, final double level) {
        final double[] mean = {level, level, level};
        return new ModelForecast(
                model,
                spec,
                "",
                "",
                new double[] {95},
                mean,
                new double[][] {{level - 1, level - 2, level - 3}},
                new double[][] {{level + 1, level + 2, level + 3}});
    }

    @Test
    void thePlotIsTitledWithTheValueColumnAndEveryModelCarriesItsSpec() throws Exception {
        final List<String> ds = new ArrayList<>();
        final double[] y = new double[30];
        for (int i = 0; i < y.length; i++) {
            ds.add(Integer.toString(i + 1));
            y[i] = 40 + Math.sin(i);
        }
        final Series series = Series.of("AAL", y, TimeAxis.of(ds, "AAL"), 2, ds, "Close", RecentDs.DEFAULT);
        final SubmittedSeries submitted = SubmittedSeries.of(0, series, 1, true, 0);
        final SeriesResult result = new SeriesResult(
                0,
                "AAL",
                TaskStatus.OK,
                List.of(
                        flat("ets", "ETS(M,N,N)", 40),
                        flat("arima", "ARIMA(0,1,0)", 40),
                        ModelForecast.failed("theta", "boom")),
                null,
                "",
                1,
                0,
                0,
                12.5,
                false);
        final List<String> models = List.of("ets", "arima", "theta");
        final ForecastWork work =
                new ForecastWork(new ForecastTable(ForecastTable.Shape.LONG, new double[] {95}, models), 3, 1);
        final JobReport report = new JobReport(out, work, models, PlotPolicy.ALL, FarmTimeline.ofThisProcess());

        final SeriesPlotData plot = report.plotData(submitted, result);
        assertEquals("Close", plot.valueName());
        assertEquals(
                List.of("ETS(M,N,N)", "ARIMA(0,1,0)"),
                plot.models().stream().map(m -> m.spec()).toList());

        report.onWritten(submitted, result);
        final String html = Files.readString(report.write(Map.of("tasks", 1), ""), StandardCharsets.UTF_8);
        assertTrue(html.contains("<td>ets: ETS(M,N,N); arima: ARIMA(0,1,0); theta</td>"), html);
        assertTrue(Files.exists(out.resolve("plots/AAL.png")));
    }
}

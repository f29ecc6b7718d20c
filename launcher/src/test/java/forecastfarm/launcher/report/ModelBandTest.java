package forecastfarm.launcher.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import forecastfarm.shared.forecast.ModelForecast;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** A level a model could not give (bounds NaN at every step) has no band: it is left out of the plot. */
class ModelBandTest {
    private static final double NAN = Double.NaN;

    @TempDir
    Path tmp;

    private static ModelForecast withoutNinetyFive() {
        return new ModelForecast(
                "onnx:model.onnx",
                "Chronos-Bolt (ONNX)",
                "95% not given",
                "",
                new double[] {80, 95},
                new double[] {10, 11},
                new double[][] {{9, 9.5}, {NAN, NAN}},
                new double[][] {{11, 12.5}, {NAN, NAN}});
    }

    @Test
    void ofLeavesOutTheLevelsNotGiven() {
        ModelBand band = ModelBand.of(withoutNinetyFive());
        assertArrayEquals(new double[] {80}, band.levels());
        assertArrayEquals(new double[] {9, 9.5}, band.lower()[0]);
        assertArrayEquals(new double[] {11, 12.5}, band.upper()[0]);
    }

    @Test
    void theChartDrawsTheGivenBandOnly() {
        int n = 30;
        double[] y = Synthetic.seasonal(n, 1, 7);
        SeriesPlotData data = SeriesPlotData.forecast(
                "AAL",
                Synthetic.days(LocalDate.of(2020, 1, 1), n),
                y,
                Synthetic.days(LocalDate.of(2020, 1, 1).plusDays(n), 2),
                List.of(ModelBand.of(withoutNinetyFive())),
                1);
        XYChart chart = new SeriesPlotWriter(tmp).chart(data);
        assertEquals(
                1,
                chart.getSeriesMap().keySet().stream()
                        .filter(k -> k.endsWith("80%"))
                        .count());
        assertNull(chart.getSeriesMap().keySet().stream()
                .filter(k -> k.endsWith("95%"))
                .findFirst()
                .orElse(null));
    }
}

package forecastfarm.worker.forecast;

import java.util.List;

/**
 * A {@link ForecastModel} that forecasts many series in one call, which pays where each call has a fixed cost (a
 * pretrained model run by ONNX Runtime). The "forecast-batch" task kind calls it once per batch, on the series whose
 * {@link ForecastModel#fit} succeeded (which checks each series, so that one bad series fails alone); the built-in
 * models do not implement it and are fitted series by series.
 */
public interface BatchForecaster {

    /**
     * @param series  the series, oldest first, each one that {@link ForecastModel#fit} accepts
     * @param horizon steps, at least 1
     * @param levels  interval levels in percent, each in (0, 100)
     * @return one forecast per series, in order, each the one {@code fit(series.get(i), seasons).forecast(horizon,
     *     levels)} gives
     * @throws RuntimeException when the call fails as a whole; the caller then runs the series one at a time
     */
    List<Forecast> forecastBatch(List<double[]> series, int horizon, double[] levels);
}

package forecastfarm.worker.tasks;

import forecastfarm.shared.forecast.ForecastBatchRequest;
import forecastfarm.shared.forecast.ForecastBatchResult;
import forecastfarm.shared.forecast.ForecastRequest;
import forecastfarm.shared.forecast.ForecastResult;
import forecastfarm.shared.forecast.ModelForecast;
import forecastfarm.worker.forecast.BatchForecaster;
import forecastfarm.worker.forecast.Forecast;
import forecastfarm.worker.forecast.ForecastModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The "forecast-batch" kind: the series of a {@link ForecastBatchRequest}, each forecast as a one-series "forecast"
 * task would forecast it ({@link ForecastTaskHandler}), in one task. A model that is a {@link BatchForecaster} is
 * called once for the batch, on the series it accepts (its {@code fit} checks each, so a bad series fails only that
 * series' model); any other model is fitted series by series ({@link ForecastTaskHandler#forecastOne}). A series where
 * no model succeeded is failed in the result with every model's reason, and the others go on: the task itself fails
 * only for a payload it cannot read.
 */
public final class ForecastBatchTaskHandler implements TaskHandler {

    @Override
    public byte[] handle(final String key, final byte[] payload) {
        return forecastBatch(ForecastBatchRequest.decode(payload)).encode();
    }

    /** @return per series of the batch, in order, its forecasts or why it failed. */
    public static ForecastBatchResult forecastBatch(final ForecastBatchRequest batch) {
        final List<String> models = batch.models();
        final List<ModelForecast[]> byModel = new ArrayList<>(models.size());
        for (final String model : models) {
            byModel.add(forecastModel(model, batch.requests()));
        }
        final List<ForecastBatchResult.Entry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            final List<ModelForecast> forecasts = new ArrayList<>(models.size());
            for (final ModelForecast[] model : byModel) {
                forecasts.add(model[i]);
            }
            try {
                entries.add(ForecastBatchResult.Entry.ok(
                        batch.keys().get(i), new ForecastResult(ForecastTaskHandler.requireOneOk(forecasts))));
            } catch (final IllegalArgumentException noModel) {
                entries.add(ForecastBatchResult.Entry.failed(batch.keys().get(i), noModel.getMessage()));
            }
        }
        return new ForecastBatchResult(entries);
    }

    /** @return one model's forecast of each series, in order. */
    private static ModelForecast[] forecastModel(final String model, final List<ForecastRequest> requests) {
        final ForecastModel method;
        try {
            method = ForecastTaskHandler.model(model);
        } catch (final RuntimeException cannotMake) {
            return oneByOne(model, requests);
        }
        return method instanceof BatchForecaster batcher && requests.size() > 1
                ? inOneCall(model, method, batcher, requests)
                : oneByOne(model, requests);
    }

    private static ModelForecast[] oneByOne(final String model, final List<ForecastRequest> requests) {
        final ModelForecast[] forecasts = new ModelForecast[requests.size()];
        for (int i = 0; i < forecasts.length; i++) {
            forecasts[i] = ForecastTaskHandler.forecastOne(model, requests.get(i));
        }
        return forecasts;
    }

    /**
     * Checks each series with the model's {@code fit} (a refused one gets the failure a one-series task would give),
     * then forecasts the accepted ones in one call; when that call fails as a whole, they run one by one, so that each
     * gets the outcome of a one-series task.
     */
    static ModelForecast[] inOneCall(
            final String model,
            final ForecastModel method,
            final BatchForecaster batcher,
            final List<ForecastRequest> requests) {
        final ModelForecast[] forecasts = new ModelForecast[requests.size()];
        final List<Integer> accepted = new ArrayList<>(requests.size());
        final List<double[]> series = new ArrayList<>(requests.size());
        for (int i = 0; i < forecasts.length; i++) {
            final ForecastRequest request = requests.get(i);
            try {
                method.fit(request.y(), request.seasons());
                accepted.add(i);
                series.add(request.y());
            } catch (final RuntimeException refused) {
                forecasts[i] = ForecastTaskHandler.failed(model, refused);
            }
        }
        if (accepted.isEmpty()) {
            return forecasts;
        }
        final ForecastRequest first = requests.get(accepted.get(0));
        List<Forecast> batch;
        try {
            batch = batcher.forecastBatch(series, first.horizon(), first.levels());
        } catch (final RuntimeException failedAsAWhole) {
            batch = null;
        }
        for (int k = 0; k < accepted.size(); k++) {
            final int i = accepted.get(k);
            forecasts[i] = batch == null || batch.size() != accepted.size()
                    ? ForecastTaskHandler.forecastOne(model, requests.get(i))
                    : ForecastTaskHandler.toModelForecast(model, method, requests.get(i), batch.get(k));
        }
        return forecasts;
    }
}

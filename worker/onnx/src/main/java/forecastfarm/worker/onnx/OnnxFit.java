package forecastfarm.worker.onnx;

import forecastfarm.worker.forecast.FittedModel;
import forecastfarm.worker.forecast.Forecast;
import java.util.List;

/** An {@link OnnxModel} with one series: nothing is fitted, {@link #forecast} runs the model on it. Immutable. */
final class OnnxFit implements FittedModel {

    private final OnnxModel model;
    private final double[] y;

    /** @param y the series, already checked and copied */
    OnnxFit(OnnxModel model, double[] y) {
        this.model = model;
        this.y = y;
    }

    @Override
    public String method() {
        return model.method();
    }

    @Override
    public Forecast forecast(int horizon, double[] levels) {
        return model.forecastChecked(List.of(y), horizon, levels).get(0);
    }
}

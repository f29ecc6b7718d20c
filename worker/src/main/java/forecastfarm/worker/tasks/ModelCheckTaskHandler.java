package forecastfarm.worker.tasks;

import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelCatalog.Argument;
import forecastfarm.shared.forecast.ModelCheckRequest;
import forecastfarm.shared.forecast.ModelSpec;
import forecastfarm.worker.forecast.Models;

/**
 * Makes every model of a job, and every member of a list argument ({@code comb:ets+onnx:m.onnx}), as the job's
 * series would: a plugin model opens and checks its file now, once for this worker (the session is kept for the
 * series that follow). Returns an empty result; a model that cannot be made fails the task with its message (which
 * names the file and what differs), as an {@link IllegalArgumentException}: not retried on another worker.
 */
public final class ModelCheckTaskHandler implements TaskHandler {
    private static final byte[] NOTHING = new byte[0];

    @Override
    public byte[] handle(final String key, final byte[] payload) {
        for (final String model : ModelCheckRequest.decode(payload).models()) {
            final ModelSpec spec = ModelCatalog.MODELS.parse("model", model);
            Models.forSpec(spec);
            if (ModelCatalog.MODELS.find(spec.name()).orElseThrow().argument() == Argument.MODELS) {
                spec.listedModels().forEach(Models::member);
            }
        }
        return NOTHING;
    }
}

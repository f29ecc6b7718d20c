package forecastfarm.shared.forecast;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The payload of a "model-check" task: the models of a job that names a plugin model, which a worker makes (opening
 * and checking a model file) before any series of the job runs, so that a missing, corrupt or mismatched file fails
 * the job at once with the worker's message instead of failing every series. The launcher never loads a plugin: this
 * task is how it learns whether a model can be made.
 *
 * @param models canonical {@code --model} specs, e.g. {@code onnx:/models/bolt.onnx}, {@code comb:ets+onnx:m.onnx}
 */
public record ModelCheckRequest(List<String> models) {
    public static final String KIND = "model-check";

    public ModelCheckRequest {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a model check needs at least one model");
        }
    }

    /**
     * @return whether a job of {@code models} needs the check: it names a plugin model, also inside a list.
     */
    public static boolean needed(final List<String> models) {
        return !ModelCatalog.MODELS
                .pluginModels(models.stream()
                        .map(m -> ModelCatalog.MODELS.parse("models", m))
                        .toList())
                .isEmpty();
    }

    /** The specs, one per line (a spec holds no line break: the catalog refuses none, but a path could). */
    public byte[] encode() {
        for (final String model : models) {
            if (model.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("model '" + model + "': a line break in a model spec");
            }
        }
        return String.join("\n", models).getBytes(StandardCharsets.UTF_8);
    }

    public static ModelCheckRequest decode(final byte[] payload) {
        return new ModelCheckRequest(List.of(new String(payload, StandardCharsets.UTF_8).split("\n", -1)));
    }
}

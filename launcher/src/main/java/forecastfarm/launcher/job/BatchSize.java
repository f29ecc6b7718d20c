package forecastfarm.launcher.job;

import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelSpec;
import java.util.List;

/**
 * {@code --batch-size}: how many series one task of {@code farm forecast} carries. {@value #AUTO} (the default) is 1,
 * a task per series, unless {@code --model} itself names a model that forecasts many series in one call
 * ({@link ModelCatalog#namesBatchingModel}: {@code onnx:PATH}, not a member of {@code comb}, {@code auto} or
 * {@code mstl}, which forecast one series at a time), then {@value #BATCHING_DEFAULT}.
 */
public final class BatchSize {
    public static final String OPTION = "--batch-size";
    public static final String AUTO = "auto";

    /**
     * Series per task by default when a model batches. In process, the tiny ONNX model cost 26.5 us a series one at a
     * time, 2.3 us in batches of 32, 1.6 us in batches of 256; on the farm, see the measurement in the commit that
     * set this.
     */
    public static final int BATCHING_DEFAULT = 32;

    private BatchSize() {}

    /**
     * @param text   the option's value: {@value #AUTO} or a whole number of at least 1.
     * @param models the canonical {@code --model} specs.
     * @throws IllegalArgumentException naming the option, for another value.
     */
    public static int resolve(final String text, final List<String> models) {
        final String value = text == null ? AUTO : text.strip();
        if (value.equals(AUTO)) {
            final List<ModelSpec> specs = models.stream()
                    .map(m -> ModelCatalog.MODELS.parse("--model", m))
                    .toList();
            return ModelCatalog.MODELS.namesBatchingModel(specs) ? BATCHING_DEFAULT : 1;
        }
        try {
            final int size = Integer.parseInt(value);
            if (size >= 1) {
                return size;
            }
        } catch (final NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalArgumentException(
                OPTION + " '" + text + "': series per task must be " + AUTO + " or a whole number of at least 1");
    }

    /** @return whether {@code text} asks for batches of more than one series ({@value #AUTO} does not, here). */
    public static boolean asksForBatches(final String text) {
        return text != null && !text.strip().equals(AUTO) && !text.strip().equals("1");
    }
}

package forecastfarm.worker.onnx;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The test models written by {@code scripts/onnx/make_tiny_chronos_bolt.py} (its docstring states their arithmetic):
 * context 64, prediction length 8, dynamic batch, with a mask input.
 */
final class TinyModels {

    static final int CONTEXT_LENGTH = 64;
    static final int PREDICTION_LENGTH = 8;

    private TinyModels() {}

    /** The model with Chronos-Bolt's interface. */
    static Path tiny() {
        return resource("tiny_chronos_bolt.onnx");
    }

    /** Its input {@code context} is named {@code past_target}. */
    static Path wrongInputName() {
        return resource("wrong_input_name.onnx");
    }

    /** Its output has 3 quantiles where Chronos-Bolt has 9. */
    static Path threeQuantiles() {
        return resource("three_quantiles.onnx");
    }

    /** The tiny model's arithmetic with a batch axis fixed at 4. */
    static Path fixedBatch4() {
        return resource("fixed_batch_4.onnx");
    }

    /** The tiny model's arithmetic with a dynamic context length. */
    static Path dynamicContext() {
        return resource("dynamic_context.onnx");
    }

    private static Path resource(String name) {
        try {
            return Path.of(TinyModels.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 1, 2, ..., n. */
    static double[] ramp(int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i + 1;
        }
        return y;
    }
}

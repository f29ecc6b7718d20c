package forecastfarm.worker.onnx;

import java.util.List;

/**
 * The pre-processing of Chronos-Bolt's pipeline: each series cut to its last {@code contextLength} points, left-padded
 * with NaN when shorter, and a mask of 1 where a value was observed (finite) and 0 where it is missing or padding. Rows
 * of one batch are laid out one after another, as a {@code [batch, contextLength]} tensor reads them.
 */
final class BoltInputs {

    private BoltInputs() {}

    /**
     * @param series        the series of one run, oldest first; NaN marks a missing value
     * @param contextLength points per row
     * @param rows          rows to fill, at least {@code series.size()}: the rows after the series repeat the first
     *                      one (a model with a fixed batch size needs full batches; their forecasts are dropped)
     * @return the context, {@code rows * contextLength} values
     */
    static float[] context(List<double[]> series, int contextLength, int rows) {
        float[] context = new float[rows * contextLength];
        for (int row = 0; row < rows; row++) {
            double[] y = series.get(row < series.size() ? row : 0);
            int kept = Math.min(y.length, contextLength);
            int pad = contextLength - kept;
            int start = row * contextLength;
            java.util.Arrays.fill(context, start, start + pad, Float.NaN);
            for (int i = 0; i < kept; i++) {
                context[start + pad + i] = (float) y[y.length - kept + i];
            }
        }
        return context;
    }

    /** The mask of a context: 1 where a value is finite, 0 where it is NaN (missing or padding). */
    static float[] mask(float[] context) {
        float[] mask = new float[context.length];
        for (int i = 0; i < context.length; i++) {
            mask[i] = Float.isFinite(context[i]) ? 1f : 0f;
        }
        return mask;
    }
}

package forecastfarm.worker.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Chronos-Bolt's ONNX interface, as {@code ChronosBoltModelForForecasting.forward(context, mask)} is exported
 * (amazon-science/chronos-forecasting, {@code chronos_bolt.py}), and the sizes one model file has of it.
 *
 * <ul>
 *   <li>input {@code context}: float32 {@code [batch, contextLength]}, oldest first, NaN = missing;
 *   <li>input {@code mask} (optional; the model derives it from NaN when absent): float32, the same shape, 1 where
 *       observed;
 *   <li>output {@code quantile_preds}: float32 {@code [batch, 9, predictionLength]}, quantiles 0.1, 0.2, ..., 0.9 in
 *       that order, already in the series' units (the model standardises and de-standardises itself).
 * </ul>
 *
 * @param contextLength    points per series the model reads; a longer series is cut to its last ones
 * @param predictionLength steps one run of the model forecasts
 * @param maxBatch         the most series in one run: the batch size a model with a fixed batch axis was exported
 *                         with, {@link Integer#MAX_VALUE} when the axis is dynamic
 * @param hasMask          whether the model takes the {@code mask} input
 */
public record BoltInterface(int contextLength, int predictionLength, int maxBatch, boolean hasMask) {

    public static final String CONTEXT = "context";
    public static final String MASK = "mask";
    public static final String QUANTILE_PREDS = "quantile_preds";

    /** The quantile levels of the output's second axis, in order; the 0.5 one is the point forecast. */
    public static final List<Double> QUANTILES = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);

    /** Index of the 0.5 quantile in {@link #QUANTILES}. */
    public static final int MEDIAN = 4;

    /**
     * The context length taken when a model's context axis is dynamic: Chronos-Bolt's own ({@code context_length} of
     * the published models). Every series is padded to one length so that its input never depends on its batch.
     */
    public static final int DYNAMIC_CONTEXT_LENGTH = 2048;

    /**
     * Reads the interface of a loaded model.
     *
     * @param file    named in every refusal
     * @param inputs  the session's input infos
     * @param outputs the session's output infos
     * @throws OnnxLoadException naming the file and what differs from Chronos-Bolt's interface
     */
    static BoltInterface check(Path file, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
        String where = "ONNX model " + file + ": ";
        NodeInfo context = inputs.get(CONTEXT);
        if (context == null) {
            throw new OnnxLoadException(where + "no input '" + CONTEXT + "' (Chronos-Bolt's interface); its inputs are "
                    + new TreeSet<>(inputs.keySet()));
        }
        for (String name : inputs.keySet()) {
            if (!name.equals(CONTEXT) && !name.equals(MASK)) {
                throw new OnnxLoadException(where + "unexpected input '" + name + "'; Chronos-Bolt's are '" + CONTEXT
                        + "' and optionally '" + MASK + "'");
            }
        }
        long[] contextShape = floatTensor(where, "input", context, 2);
        NodeInfo mask = inputs.get(MASK);
        if (mask != null) {
            long[] maskShape = floatTensor(where, "input", mask, 2);
            if (!Arrays.equals(maskShape, contextShape)) {
                throw new OnnxLoadException(where + "input '" + MASK + "' has shape " + shape(maskShape) + ", '"
                        + CONTEXT + "' has " + shape(contextShape) + "; they must be the same");
            }
        }
        NodeInfo output = outputs.get(QUANTILE_PREDS);
        if (output == null) {
            throw new OnnxLoadException(where + "no output '" + QUANTILE_PREDS
                    + "' (Chronos-Bolt's interface); its outputs are " + new TreeSet<>(outputs.keySet()));
        }
        long[] outputShape = floatTensor(where, "output", output, 3);
        if (outputShape[1] != QUANTILES.size()) {
            throw new OnnxLoadException(where + "output '" + QUANTILE_PREDS + "' has shape " + shape(outputShape)
                    + ": " + dimension(outputShape[1]) + " quantiles where Chronos-Bolt has " + QUANTILES.size()
                    + " (0.1 to 0.9)");
        }
        if (outputShape[2] < 1) {
            throw new OnnxLoadException(where + "output '" + QUANTILE_PREDS + "' has shape " + shape(outputShape)
                    + ": its prediction length (last axis) must be fixed");
        }
        long batch = contextShape[0];
        if (outputShape[0] != batch && outputShape[0] > 0 && batch > 0) {
            throw new OnnxLoadException(where + "batch axis of output '" + QUANTILE_PREDS + "' is " + outputShape[0]
                    + ", of input '" + CONTEXT + "' " + batch);
        }
        int contextLength = contextShape[1] > 0 ? intSize(where, contextShape[1]) : DYNAMIC_CONTEXT_LENGTH;
        int maxBatch = batch > 0 ? intSize(where, batch) : Integer.MAX_VALUE;
        return new BoltInterface(contextLength, intSize(where, outputShape[2]), maxBatch, mask != null);
    }

    private static long[] floatTensor(String where, String kind, NodeInfo node, int rank) {
        if (!(node.getInfo() instanceof TensorInfo tensor)) {
            throw new OnnxLoadException(
                    where + kind + " '" + node.getName() + "' is not a tensor but " + node.getInfo());
        }
        if (tensor.type != OnnxJavaType.FLOAT) {
            throw new OnnxLoadException(
                    where + kind + " '" + node.getName() + "' is " + tensor.type + ", Chronos-Bolt's is FLOAT");
        }
        long[] shape = tensor.getShape();
        if (shape.length != rank) {
            throw new OnnxLoadException(where + kind + " '" + node.getName() + "' has shape " + shape(shape)
                    + " of rank " + shape.length + ", Chronos-Bolt's has rank " + rank);
        }
        return shape;
    }

    private static int intSize(String where, long size) {
        if (size > Integer.MAX_VALUE / 16) {
            throw new OnnxLoadException(where + "axis of " + size + " is too long");
        }
        return (int) size;
    }

    /** A shape as {@code [batch, 64]}: a dynamic axis (negative) is named "dynamic". */
    static String shape(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dimension(shape[i]));
        }
        return sb.append(']').toString();
    }

    private static String dimension(long size) {
        return size > 0 ? Long.toString(size) : "dynamic";
    }
}

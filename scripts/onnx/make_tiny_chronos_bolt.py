#!/usr/bin/python3
"""Writes the tiny test models of worker/onnx: Chronos-Bolt's ONNX interface with arithmetic a person can check.

Regenerating only: the tests read the committed .onnx files, so neither Python nor onnx is needed to build or test.
Needs Debian's python3-onnx (apt-get install -y python3-onnx); run it with the system Python:

    /usr/bin/python3 scripts/onnx/make_tiny_chronos_bolt.py [OUTPUT_DIR]

The interface (as ChronosBoltModelForForecasting.forward is exported: context and mask in, quantile_preds out):
    context         float32 [batch, CONTEXT_LENGTH]   oldest first, NaN = missing (left padding included)
    mask            float32 [batch, CONTEXT_LENGTH]   1 observed, 0 missing
    quantile_preds  float32 [batch, 9, PREDICTION_LENGTH]   quantiles 0.1, 0.2, ..., 0.9 in that order

The arithmetic of tiny_chronos_bolt.onnx, per series (a point counts when its mask is 1 and it is not NaN):
    loc   = mean of the counted points (0 when none)
    scale = their population standard deviation; |loc| + 1e-5 when that is 0; 1 when no point counts
    z     = (x - loc) / scale
    p     = mean of z over the counted points of the last patch (the last 16 positions); 0 when none
    quantile_preds[k, t] = loc + scale * (p + (k - 4) * 0.25 * (t + 1))      k = 0..8, t = 0..PREDICTION_LENGTH-1
So the median (k = 4) is the mean of the observed values among the last 16 positions, at every step, and the band
widens linearly with the step. Two wrong models share it, each differing in one named way (tests of the refusals), and
two right ones with other shapes (a fixed batch of 4; a dynamic context length).
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

CONTEXT_LENGTH = 64
PREDICTION_LENGTH = 8
PATCH = 16
OPSET = 17


def const(name, value):
    return numpy_helper.from_array(np.asarray(value, dtype=np.float32), name)


def build(context_name="context", quantiles=9, graph_name="tiny_chronos_bolt", batch="batch", context=CONTEXT_LENGTH):
    offsets = np.array(
        [[(k - (quantiles - 1) / 2) * 0.25 * (t + 1) for t in range(PREDICTION_LENGTH)] for k in range(quantiles)],
        dtype=np.float32,
    ).reshape(1, quantiles, PREDICTION_LENGTH)
    initializers = [
        const("zero", 0.0),
        const("one", 1.0),
        const("eps", 1e-5),
        const("offsets", offsets),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "axis2"),
        # counted from the end, so that the same graph serves a dynamic context length
        numpy_helper.from_array(np.array([-PATCH], dtype=np.int64), "patch_start"),
        numpy_helper.from_array(np.array([2**62], dtype=np.int64), "patch_end"),
    ]
    n = helper.make_node
    nodes = [
        n("IsNaN", [context_name], ["is_nan"]),
        n("Not", ["is_nan"], ["not_nan"]),
        n("Cast", ["not_nan"], ["not_nan_f"], to=TensorProto.FLOAT),
        n("Mul", ["mask", "not_nan_f"], ["counted"]),
        n("Where", ["is_nan", "zero", context_name], ["x"]),
        # loc and scale over the counted points
        n("ReduceSum", ["counted", "axis1"], ["count"], keepdims=1),
        n("Max", ["count", "one"], ["denominator"]),
        n("Mul", ["x", "counted"], ["x_counted"]),
        n("ReduceSum", ["x_counted", "axis1"], ["x_sum"], keepdims=1),
        n("Div", ["x_sum", "denominator"], ["loc"]),
        n("Sub", ["x", "loc"], ["deviation"]),
        n("Mul", ["deviation", "deviation"], ["squared"]),
        n("Mul", ["squared", "counted"], ["squared_counted"]),
        n("ReduceSum", ["squared_counted", "axis1"], ["squared_sum"], keepdims=1),
        n("Div", ["squared_sum", "denominator"], ["variance"]),
        n("Sqrt", ["variance"], ["deviation_sd"]),
        n("Abs", ["loc"], ["loc_abs"]),
        n("Add", ["loc_abs", "eps"], ["flat_scale"]),
        n("Equal", ["deviation_sd", "zero"], ["is_flat"]),
        n("Where", ["is_flat", "flat_scale", "deviation_sd"], ["observed_scale"]),
        n("Equal", ["count", "zero"], ["is_empty"]),
        n("Where", ["is_empty", "one", "observed_scale"], ["scale"]),
        n("Div", ["deviation", "scale"], ["z"]),
        # the mean of the last patch's counted points
        n("Slice", ["z", "patch_start", "patch_end", "axis1"], ["z_last"]),
        n("Slice", ["counted", "patch_start", "patch_end", "axis1"], ["counted_last"]),
        n("Mul", ["z_last", "counted_last"], ["z_last_counted"]),
        n("ReduceSum", ["z_last_counted", "axis1"], ["z_last_sum"], keepdims=1),
        n("ReduceSum", ["counted_last", "axis1"], ["count_last"], keepdims=1),
        n("Max", ["count_last", "one"], ["denominator_last"]),
        n("Div", ["z_last_sum", "denominator_last"], ["patch_mean"]),
        # quantiles in standard units, then back to the series' units
        n("Unsqueeze", ["patch_mean", "axis2"], ["patch_mean_3d"]),
        n("Add", ["patch_mean_3d", "offsets"], ["standard_quantiles"]),
        n("Unsqueeze", ["scale", "axis2"], ["scale_3d"]),
        n("Unsqueeze", ["loc", "axis2"], ["loc_3d"]),
        n("Mul", ["standard_quantiles", "scale_3d"], ["scaled_quantiles"]),
        n("Add", ["scaled_quantiles", "loc_3d"], ["quantile_preds"]),
    ]
    inputs = [
        helper.make_tensor_value_info(context_name, TensorProto.FLOAT, [batch, context]),
        helper.make_tensor_value_info("mask", TensorProto.FLOAT, [batch, context]),
    ]
    outputs = [helper.make_tensor_value_info("quantile_preds", TensorProto.FLOAT, [batch, quantiles, PREDICTION_LENGTH])]
    graph = helper.make_graph(nodes, graph_name, inputs, outputs, initializers)
    model = helper.make_model(
        graph, producer_name="forecast-farm scripts/onnx", opset_imports=[helper.make_opsetid("", OPSET)]
    )
    onnx.checker.check_model(model)
    return model


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "worker/onnx/src/test/resources/forecastfarm/worker/onnx"
    os.makedirs(out, exist_ok=True)
    models = {
        "tiny_chronos_bolt.onnx": build(),
        # what a model of another interface looks like to the loader: one input named differently ...
        "wrong_input_name.onnx": build(context_name="past_target", graph_name="wrong_input_name"),
        # ... or three quantiles where Chronos-Bolt has nine
        "three_quantiles.onnx": build(quantiles=3, graph_name="three_quantiles"),
        # the same arithmetic with the shapes other exports have: a batch fixed at 4, a dynamic context length
        "fixed_batch_4.onnx": build(graph_name="fixed_batch_4", batch=4),
        "dynamic_context.onnx": build(graph_name="dynamic_context", context="context_length"),
    }
    for name, model in models.items():
        path = os.path.join(out, name)
        onnx.save(model, path)
        print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()

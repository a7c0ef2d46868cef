#!/usr/bin/env python3
"""Writes the small ONNX models of the spiking lit tests, with one input set
and the float outputs (numpy) beside each: an attention head, a gated
residual block and a division with no spiking form. Deterministic; rerun to regenerate:

    /usr/bin/python3 test/Conversion/Inputs/make_models.py
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(2026)


def save(name, graph, inputs, outputs):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    folder = os.path.join(HERE, name)
    data = os.path.join(folder, "test_data_set_0")
    os.makedirs(data, exist_ok=True)
    onnx.save(model, os.path.join(folder, "model.onnx"))
    for i, (info, value) in enumerate(zip(graph.input, inputs)):
        t = numpy_helper.from_array(value, info.name)
        with open(os.path.join(data, f"input_{i}.pb"), "wb") as f:
            f.write(t.SerializeToString())
    for i, (info, value) in enumerate(zip(graph.output, outputs)):
        t = numpy_helper.from_array(value, info.name)
        with open(os.path.join(data, f"output_{i}.pb"), "wb") as f:
            f.write(t.SerializeToString())


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def attention_head():
    """softmax(Q·Kᵀ / √d)·V for one head of 6 tokens, d = 8."""
    shape = [1, 6, 8]
    nodes = [
        helper.make_node("Transpose", ["k"], ["kt"], name="k_transpose",
                         perm=[0, 2, 1]),
        helper.make_node("MatMul", ["q", "kt"], ["scores"], name="qk_matmul"),
        helper.make_node("Div", ["scores", "sqrt_d"], ["scaled"],
                         name="scale"),
        helper.make_node("Softmax", ["scaled"], ["probs"], name="softmax",
                         axis=-1),
        helper.make_node("MatMul", ["probs", "v"], ["out"], name="pv_matmul"),
    ]
    sqrt_d = numpy_helper.from_array(np.array(np.sqrt(8.0), np.float32),
                                     "sqrt_d")
    graph = helper.make_graph(
        nodes, "attention_head",
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, shape)
         for n in ("q", "k", "v")],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, shape)],
        [sqrt_d])
    q, k, v = (rng.standard_normal(shape).astype(np.float32) for _ in range(3))
    p = softmax(q @ k.transpose(0, 2, 1) / np.float32(np.sqrt(8.0)))
    save("attention-head", graph, [q, k, v], [(p @ v).astype(np.float32)])


def gated_residual():
    """x + (x·Wa + ba) ⊙ sigmoid(x·Wg), then tanh, minus x: a linear layer
    as MatMul + Add, an elementwise spike product, a residual add and sub,
    LUTs."""
    shape = [1, 4, 8]
    wa = (rng.standard_normal([8, 8]) * 0.4).astype(np.float32)
    ba = (rng.standard_normal([8]) * 0.1).astype(np.float32)
    wg = (rng.standard_normal([8, 8]) * 0.4).astype(np.float32)
    nodes = [
        helper.make_node("MatMul", ["x", "wa"], ["xa"], name="a_matmul"),
        helper.make_node("Add", ["xa", "ba"], ["a"], name="a_bias"),
        helper.make_node("MatMul", ["x", "wg"], ["xg"], name="g_matmul"),
        helper.make_node("Sigmoid", ["xg"], ["g"], name="gate"),
        helper.make_node("Mul", ["a", "g"], ["m"], name="gated"),
        helper.make_node("Add", ["x", "m"], ["y"], name="residual"),
        helper.make_node("Tanh", ["y"], ["t"], name="squash"),
        helper.make_node("Sub", ["t", "x"], ["out"], name="difference"),
    ]
    graph = helper.make_graph(
        nodes, "gated_residual",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, shape)],
        [numpy_helper.from_array(wa, "wa"), numpy_helper.from_array(ba, "ba"),
         numpy_helper.from_array(wg, "wg")])
    x = rng.standard_normal(shape).astype(np.float32)
    a = x @ wa + ba
    g = 1 / (1 + np.exp(-(x @ wg)))
    out = np.tanh(x + a * g) - x
    save("gated-residual", graph, [x], [out.astype(np.float32)])


def divide():
    """x / y of two inputs: no spiking form (the error names the node)."""
    shape = [1, 4]
    graph = helper.make_graph(
        [helper.make_node("Div", ["x", "y"], ["out"], name="ratio")],
        "divide",
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, shape)
         for n in ("x", "y")],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, shape)])
    x = rng.standard_normal(shape).astype(np.float32)
    y = (rng.random(shape) + 1).astype(np.float32)
    save("divide", graph, [x, y], [x / y])


attention_head()
gated_residual()
divide()

#!/usr/bin/env python3
"""Writes the small hand-made ONNX models the frontend's error tests use
(test/Frontend/Inputs). Run with /usr/bin/python3; the outputs are checked in.
"""
import os
import sys

import onnx
from onnx import TensorProto, helper


def model(nodes, inputs, outputs, opset=17, ir=8, inits=()):
    g = helper.make_graph(nodes, "g", inputs, outputs, initializer=list(inits))
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = ir
    return m


def vi(name, dims):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, dims)


def main(out):
    os.makedirs(out, exist_ok=True)
    relu = [helper.make_node("Relu", ["x"], ["y"], name="relu0")]
    cases = {
        "opset18.onnx": model(relu, [vi("x", [2])], [vi("y", [2])], opset=18),
        "opset12.onnx": model(relu, [vi("x", [2])], [vi("y", [2])], opset=12),
        "ir9.onnx": model(relu, [vi("x", [2])], [vi("y", [2])], ir=9),
        "unsupported-op.onnx": model(
            [helper.make_node("Cos", ["x"], ["y"], name="the_cosine")],
            [vi("x", [2])], [vi("y", [2])]),
        "symbolic.onnx": model(relu, [vi("x", ["batch", 4])],
                               [vi("y", ["batch", 4])]),
        "bad-shapes.onnx": model(
            [helper.make_node("Add", ["x", "z"], ["y"], name="bad_add")],
            [vi("x", [2, 3]), vi("z", [4, 5])], [vi("y", [2, 3])]),
        "custom-domain.onnx": model(
            [helper.make_node("Gelu", ["x"], ["y"], name="ms_gelu",
                              domain="com.microsoft")],
            [vi("x", [2])], [vi("y", [2])]),
    }
    for name, m in cases.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(m.SerializeToString())
    with open(os.path.join(out, "not-onnx.onnx"), "wb") as f:
        f.write(b"\x08\x07this is not a protobuf model\xff\xff\xff")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "test/Frontend/Inputs")

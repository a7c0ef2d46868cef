#!/usr/bin/env python3
"""Writes the small hand-made ONNX models the importer's lit tests use
(test/Frontend/Inputs): external data inside and outside the model's
directory, a graph ONNX's checker rejects, graphs whose shapes the importer
cannot make static or whose folding fails, and comparisons and selections with float inputs and
outputs (whose node tests need boolean tensor files) with NumPy's results.
Run with /usr/bin/python3; the outputs are checked in.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def model(nodes, inputs, outputs, inits=(), opset=17):
    g = helper.make_graph(nodes, "g", inputs, outputs, initializer=list(inits))
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = 8
    return m


def vi(name, dims, dtype=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, dtype, dims)


def external(name, array, location, offset=0):
    """An initializer whose data lives in `location` at `offset`."""
    t = numpy_helper.from_array(array, name)
    t.ClearField("raw_data")
    t.data_location = TensorProto.EXTERNAL
    for key, value in (("location", location), ("offset", str(offset)),
                       ("length", str(array.nbytes))):
        entry = t.external_data.add()
        entry.key, entry.value = key, value
    return t


def matmul_model(weight):
    return model([helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")],
                 [vi("x", [1, 2])], [vi("y", [1, 2])], [weight])


def save(m, path):
    with open(path, "wb") as f:
        f.write(m.SerializeToString())


def main(out):
    os.makedirs(out, exist_ok=True)
    w = np.array([[1, 2], [3, 4]], dtype=np.float32)

    # External data beside the model (after 8 bytes of padding, to check
    # the offset), with a recorded test data set.
    ext = os.path.join(out, "external")
    os.makedirs(os.path.join(ext, "test_data_set_0"), exist_ok=True)
    with open(os.path.join(ext, "weights.bin"), "wb") as f:
        f.write(b"\0" * 8 + w.tobytes())
    save(matmul_model(external("w", w, "weights.bin", offset=8)),
         os.path.join(ext, "model.onnx"))
    x = np.array([[1, -1]], dtype=np.float32)
    for name, arr, fname in (("x", x, "input_0.pb"),
                             ("y", x @ w, "output_0.pb")):
        with open(os.path.join(ext, "test_data_set_0", fname), "wb") as f:
            f.write(numpy_helper.from_array(arr, name).SerializeToString())

    save(matmul_model(external("w", w, "../weights.bin")),
         os.path.join(out, "external-parent.onnx"))
    save(matmul_model(external("w", w, "/etc/passwd")),
         os.path.join(out, "external-absolute.onnx"))
    # The test links this name to a file outside the directory.
    save(matmul_model(external("w", w, "link.bin")),
         os.path.join(out, "external-symlink.onnx"))
    save(matmul_model(external("w", w, "missing.bin")),
         os.path.join(out, "external-missing.onnx"))

    # A node reads a value no node produces.
    save(model([helper.make_node("Relu", ["nowhere"], ["y"], name="relu0")],
               [vi("x", [2])], [vi("y", [2])]),
         os.path.join(out, "checker-fails.onnx"))

    # Shapes computed from the inputs' values cannot be made static.
    save(model([helper.make_node("Reshape", ["x", "shape"], ["y"],
                                 name="reshape_by_input")],
               [vi("x", [2, 3]), vi("shape", [2], TensorProto.INT64)],
               [vi("y", [3, 2])]),
         os.path.join(out, "data-dependent-shape.onnx"))
    save(model([helper.make_node("Range", ["n0", "n", "one"], ["y"],
                                 name="range_by_input")],
               [vi("n", [], TensorProto.INT64)],
               [vi("y", ["len"], TensorProto.INT64)],
               [numpy_helper.from_array(np.array(0, np.int64), "n0"),
                numpy_helper.from_array(np.array(1, np.int64), "one")]),
         os.path.join(out, "data-dependent-range.onnx"))

    # Dropout kept in training mode is random.
    save(model([helper.make_node("Dropout", ["x", "ratio", "training"],
                                 ["y"], name="train_dropout")],
               [vi("x", [2])], [vi("y", [2])],
               [numpy_helper.from_array(np.array(0.5, np.float32), "ratio"),
                numpy_helper.from_array(np.array(True), "training")]),
         os.path.join(out, "dropout-training.onnx"))

    # Folding evaluates constant subgraphs: their errors are diagnosed.
    save(model([helper.make_node("Gather", ["table", "index"], ["y"],
                                 name="bad_lookup")],
               [], [vi("y", [1, 2])],
               [numpy_helper.from_array(np.ones((4, 2), np.float32), "table"),
                numpy_helper.from_array(np.array([7], np.int64), "index")]),
         os.path.join(out, "fold-gather-range.onnx"))
    save(model([helper.make_node("Div", ["n", "zero"], ["y"],
                                 name="bad_div")],
               [], [vi("y", [1], TensorProto.INT64)],
               [numpy_helper.from_array(np.array([6], np.int64), "n"),
                numpy_helper.from_array(np.array([0], np.int64), "zero")]),
         os.path.join(out, "fold-divide-by-zero.onnx"))

    # Comparisons and selections, checked against NumPy.
    cmp_dir = os.path.join(out, "compare-select")
    os.makedirs(os.path.join(cmp_dir, "test_data_set_0"), exist_ok=True)
    rng = np.random.default_rng(0)
    a = rng.integers(-2, 3, (3, 4)).astype(np.float32)
    b = rng.integers(-2, 3, (4,)).astype(np.float32)
    nodes = [
        helper.make_node("Less", ["a", "b"], ["lt"], name="lt"),
        helper.make_node("Greater", ["a", "b"], ["gt"], name="gt"),
        helper.make_node("Equal", ["a", "b"], ["eq"], name="eq"),
        helper.make_node("Not", ["gt"], ["le"], name="le"),
        helper.make_node("Where", ["lt", "a", "b"], ["minimum"], name="min"),
        helper.make_node("Where", ["le", "one", "zero"], ["le_float"],
                         name="le_float"),
        helper.make_node("Cast", ["eq"], ["eq_float"], name="eq_float",
                         to=TensorProto.FLOAT),
    ]
    save(model(nodes, [vi("a", [3, 4]), vi("b", [4])],
               [vi("minimum", [3, 4]), vi("le_float", [3, 4]),
                vi("eq_float", [3, 4])],
               [numpy_helper.from_array(np.array(1, np.float32), "one"),
                numpy_helper.from_array(np.array(0, np.float32), "zero")]),
         os.path.join(cmp_dir, "model.onnx"))
    results = (np.where(a < b, a, b), (a <= b).astype(np.float32),
               (a == b).astype(np.float32))
    tensors = [("a", a, "input_0.pb"), ("b", b, "input_1.pb")] + [
        (name, arr, "output_%d.pb" % i) for i, (name, arr) in
        enumerate(zip(("minimum", "le_float", "eq_float"), results))]
    for name, arr, fname in tensors:
        with open(os.path.join(cmp_dir, "test_data_set_0", fname), "wb") as f:
            f.write(numpy_helper.from_array(arr, name).SerializeToString())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "test/Frontend/Inputs")

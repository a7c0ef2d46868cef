#!/usr/bin/env python3
"""Writes variants of ONNX's backend node tests that snnc's contract lets it
run, with the same data and the same expected outputs:

- constant operands: many node tests feed an op's shape operands (Reshape's
  shape, Slice's bounds, axes, Trilu's k, Range's bounds, ConstantOfShape's
  shape) as graph inputs.
  snnc needs those as constants, as exporters write them; the variant moves
  the integer inputs after the first (all inputs of Range and
  ConstantOfShape) into
  initializers holding the values of test_data_set_0;
- opset: a test written at an opset below 13, the oldest snnc imports, is
  raised to opset 13 when its op's schema is the same there.

    /usr/bin/python3 scripts/models/node_test_variants.py [DATA_DIR] [OUT_DIR]

(defaults: Debian's libonnx-testdata node tests, test/onnx/node-variants).
test/onnx/run-node-tests.sh runs the variants beside the originals.
"""
import os
import shutil
import sys

import onnx
from onnx import TensorProto, defs, numpy_helper

DATA = "/usr/share/libonnx-testdata/data/node"
OUT = "test/onnx/node-variants"
MIN_OPSET = 13
# Ops whose integer operands after the first are shapes, axes or bounds.
SHAPE_OPERANDS = {"Reshape", "Expand", "Slice", "Squeeze", "Unsqueeze",
                  "Split", "ReduceSum", "Trilu"}
# Ops whose every operand is a bound or a shape.
ALL_BOUNDS = {"Range", "ConstantOfShape"}
OTHER_OPS = {"Not"}


def default_opset(model):
    return max((o.version for o in model.opset_import
                if o.domain in ("", "ai.onnx")), default=0)


def frozen_inputs(model, op):
    """Indices of the graph inputs that become initializers."""
    inputs = model.graph.input
    if op in ALL_BOUNDS:
        return list(range(len(inputs)))
    if op in SHAPE_OPERANDS:
        return [i for i, vi in enumerate(inputs) if i > 0 and
                vi.type.tensor_type.elem_type == TensorProto.INT64]
    return []


def variant(test_dir, out_dir):
    model = onnx.load(os.path.join(test_dir, "model.onnx"))
    if len(model.graph.node) != 1:
        return False
    op = model.graph.node[0].op_type
    if op not in SHAPE_OPERANDS | ALL_BOUNDS | OTHER_OPS:
        return False
    opset = default_opset(model)
    raise_opset = opset < MIN_OPSET and \
        defs.get_schema(op, opset).since_version == \
        defs.get_schema(op, MIN_OPSET).since_version
    if opset < MIN_OPSET and not raise_opset:
        return False
    frozen = frozen_inputs(model, op)
    if not frozen and not raise_opset:
        return False
    if raise_opset:
        for o in model.opset_import:
            if o.domain in ("", "ai.onnx"):
                o.version = MIN_OPSET
        model.ir_version = max(model.ir_version, 7)
    data = os.path.join(test_dir, "test_data_set_0")
    os.makedirs(os.path.join(out_dir, "test_data_set_0"), exist_ok=True)
    kept = 0
    for i, vi in enumerate(model.graph.input):
        path = os.path.join(data, "input_%d.pb" % i)
        if i in frozen:
            with open(path, "rb") as f:
                tensor = onnx.TensorProto.FromString(f.read())
            model.graph.initializer.append(numpy_helper.from_array(
                numpy_helper.to_array(tensor), vi.name))
        else:
            shutil.copy(path, os.path.join(out_dir, "test_data_set_0",
                                           "input_%d.pb" % kept))
            kept += 1
    for i in reversed(frozen):
        del model.graph.input[i]
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out_dir, "model.onnx"))
    for name in os.listdir(data):
        if name.startswith("output_"):
            shutil.copy(os.path.join(data, name),
                        os.path.join(out_dir, "test_data_set_0", name))
    return True


def main(data_dir, out_dir):
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    written = 0
    for name in sorted(os.listdir(data_dir)):
        test_dir = os.path.join(data_dir, name)
        if name.startswith("test_") and os.path.isdir(test_dir):
            written += variant(test_dir, os.path.join(out_dir, name))
    print("wrote %d variants to %s" % (written, out_dir))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DATA,
         sys.argv[2] if len(sys.argv) > 2 else OUT)

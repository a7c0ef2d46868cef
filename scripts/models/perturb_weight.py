#!/usr/bin/env python3
"""Copies an ONNX model with one weight changed, for the test that shows the
model's weights travel into the chip image:
    /usr/bin/python3 scripts/models/perturb_weight.py IN.onnx OUT.onnx \
        INITIALIZER ROW COL DELTA
"""
import sys

import onnx
from onnx import numpy_helper


def main(src, dst, name, row, col, delta):
    model = onnx.load(src)
    for init in model.graph.initializer:
        if init.name == name:
            w = numpy_helper.to_array(init).copy()
            w[int(row), int(col)] += float(delta)
            init.CopyFrom(numpy_helper.from_array(w, name))
            onnx.save(model, dst)
            return
    sys.exit(f"no initializer named {name}")


if __name__ == "__main__":
    main(*sys.argv[1:])

#!/usr/bin/env python3
"""Trains the bundled MLP on scikit-learn's 8x8 handwritten digits and exports
it with torch.onnx.export, with a few held-out samples laid out as ONNX backend
test data (test_data_set_N/input_0.pb, output_0.pb).

Run with Debian's interpreter (it sees python3-torch, python3-onnx and
python3-sklearn):
    /usr/bin/python3 scripts/models/mlp_digits.py examples/mlp-digits
The outputs are checked in, so tests never need PyTorch.
"""
import os
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

OPSET = 17
HIDDEN = (96, 96)
SAMPLES = 4


def main(out_dir):
    torch.manual_seed(0)
    np.random.seed(0)
    x, y = load_digits(return_X_y=True)
    x = (x / 16.0).astype(np.float32)  # pixel intensities 0..16 -> [0, 1]
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=0.25, random_state=0, stratify=y)

    layers, width = [], x.shape[1]
    for h in HIDDEN:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    layers.append(torch.nn.Linear(width, 10))
    model = torch.nn.Sequential(*layers)

    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train).long()
    for epoch in range(60):
        perm = torch.randperm(len(xt))
        for i in range(0, len(xt), 64):
            idx = perm[i:i + 64]
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        acc = (model(torch.from_numpy(x_test)).argmax(1).numpy() == y_test).mean()
    print(f"held-out accuracy: {acc:.4f} on {len(y_test)} samples")

    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "model.onnx")
    # The batch dimension is symbolic: snnc takes it from the input given.
    torch.onnx.export(model, torch.from_numpy(x_test[:1]), path,
                      input_names=["pixels"], output_names=["logits"],
                      dynamic_axes={"pixels": {0: "batch"},
                                    "logits": {0: "batch"}},
                      opset_version=OPSET, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))

    for n in range(SAMPLES):
        sample = x_test[n:n + 1]
        with torch.no_grad():
            logits = model(torch.from_numpy(sample)).numpy()
        d = os.path.join(out_dir, f"test_data_set_{n}")
        os.makedirs(d, exist_ok=True)
        for name, arr, fname in (("pixels", sample, "input_0.pb"),
                                 ("logits", logits, "output_0.pb")):
            with open(os.path.join(d, fname), "wb") as f:
                f.write(numpy_helper.from_array(arr, name).SerializeToString())
    # The whole held-out split, for accuracy benchmarks.
    # ... and 128 training samples to calibrate on.
    for name, arr in (("heldout_pixels.pb", x_test),
                      ("heldout_labels.pb", y_test.astype(np.int64)),
                      ("calibration_pixels.pb", x_train[:128])):
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(numpy_helper.from_array(arr, name[:-3]).SerializeToString())
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write(
            "# mlp-digits\n\n"
            "A 64-96-96-10 ReLU MLP trained on scikit-learn's 8x8 handwritten "
            "digits (75/25 split, seed 0), exported by torch.onnx.export at "
            f"opset {OPSET}. Held-out float accuracy: {acc:.4f} "
            f"({len(y_test)} samples). `test_data_set_N` holds {SAMPLES} "
            "held-out samples with PyTorch's outputs; `heldout_pixels.pb` "
            "and `heldout_labels.pb` the whole held-out split; "
            "`calibration_pixels.pb` 128 training samples. The batch "
            "dimension is symbolic and taken from the input given.\n\n"
            "Regenerate: `/usr/bin/python3 scripts/models/mlp_digits.py "
            "examples/mlp-digits`\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "examples/mlp-digits")

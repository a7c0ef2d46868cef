#!/usr/bin/env bash
# Sets up, builds and runs the main job on the bundled example: the MLP
# trained on scikit-learn's digits (examples/mlp-digits), imported from ONNX
# and run by the float reference interpreter on its recorded samples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
SNNC=build/bin/snnc
MODEL=examples/mlp-digits/model.onnx

echo "== snnc import $MODEL (raised xf, weights elided)"
$SNNC import "$MODEL" | sed -E 's/dense<[^>]{80,}>/dense<...>/'

echo "== snnc run --mode float, against PyTorch's recorded outputs"
for d in examples/mlp-digits/test_data_set_*; do
  out=$(mktemp --suffix=.pb)
  $SNNC run "$MODEL" --mode float --input "$d/input_0.pb" --output "$out"
  printf '%s: ' "$(basename "$d")"
  build/bin/snnc-compare "$out" "$d/output_0.pb" --rtol 1e-5 --atol 1e-5
  rm -f "$out"
done

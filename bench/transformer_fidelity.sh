#!/usr/bin/env bash
# Fidelity of the integer reference (== the spiking interpreter, checked bit
# for bit on every run) against the float model for every bundled transformer
# family, as the window T grows. Each model runs on its test_data_set_0
# inputs, which also calibrate it (snnc run's default); the float outputs are
# the ONNX reference outputs stored beside the inputs.
#   bash bench/transformer_fidelity.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '| family | T | cosine | rel L2 | max abs | top-1 agreement | steps | spiking == int |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for m in encoder-opset14 encoder-opset17 lm-2layer gpt2-block llama-block; do
  M=examples/$m
  for T in 8 16 32 64 128; do
    "$B/bin/snnc" run $M/model.onnx --mode int -T $T --output "$tmp/int.pb"
    steps=$("$B/bin/snnc" -v run $M/model.onnx --mode spiking -T $T \
      --output "$tmp/spk.pb" 2>&1 >/dev/null |
      sed -n 's/.*quiescent after \([0-9]*\) steps.*/\1/p')
    exact=no
    "$B/bin/snnc-compare" "$tmp/spk.pb" "$tmp/int.pb" --exact >/dev/null &&
      exact=yes
    out=$("$B/bin/snnc-compare" "$tmp/int.pb" \
      $M/test_data_set_0/output_0.pb || true)
    cos=$(sed -n 's/.*cosine=\([^,]*\),.*/\1/p' <<<"$out")
    rel=$(sed -n 's/.*rel_l2=\([^ ]*\).*/\1/p' <<<"$out")
    mabs=$(sed -n 's/.*max_abs=\([^ ]*\).*/\1/p' <<<"$out")
    top1=$(sed -n 's/top1_agreement=\([^ ]*\) \(.*\)/\1 \2/p' <<<"$out")
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' \
      "$m" "$T" "$cos" "$rel" "$mabs" "$top1" "$steps" "$exact"
  done
done

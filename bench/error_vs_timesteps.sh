#!/usr/bin/env bash
# Error of the integer reference (== the spiking interpreter, bit for bit)
# against the float model as the window T grows, on the bundled MLP's whole
# held-out split (450 digits), calibrated on 128 training samples.
#   bash bench/error_vs_timesteps.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
M=examples/mlp-digits
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$B/bin/snnc" run $M/model.onnx --mode float --input $M/heldout_pixels.pb \
  --output "$tmp/float.pb"
printf '%-5s %-10s %-10s %-12s %-10s %-10s %s\n' T rel_l2 cosine max_abs \
  top1_agree accuracy spiking==int
for T in 2 4 8 16 32 64 128 256; do
  "$B/bin/snnc" run $M/model.onnx --mode int -T $T --input $M/heldout_pixels.pb \
    --calibrate $M/calibration_pixels.pb --output "$tmp/int.pb"
  "$B/bin/snnc" run $M/model.onnx --mode spiking -T $T \
    --input $M/heldout_pixels.pb --calibrate $M/calibration_pixels.pb \
    --output "$tmp/spk.pb"
  exact=no
  "$B/bin/snnc-compare" "$tmp/spk.pb" "$tmp/int.pb" --exact >/dev/null && exact=yes
  out=$("$B/bin/snnc-compare" "$tmp/int.pb" "$tmp/float.pb" \
    --labels $M/heldout_labels.pb || true)
  rel=$(sed -n 's/.*rel_l2=\([^ ]*\).*/\1/p' <<<"$out")
  cos=$(sed -n 's/.*cosine=\([^,]*\),.*/\1/p' <<<"$out")
  mabs=$(sed -n 's/.*max_abs=\([^ ]*\).*/\1/p' <<<"$out")
  top1=$(sed -n 's/top1_agreement=\([^ ]*\).*/\1/p' <<<"$out")
  acc=$(sed -n 's/accuracy actual=\([^ ]*\).*/\1/p' <<<"$out")
  printf '%-5s %-10s %-10s %-12s %-10s %-10s %s\n' "$T" "$rel" "$cos" "$mabs" \
    "$top1" "$acc" "$exact"
done
"$B/bin/snnc-compare" "$tmp/float.pb" "$tmp/float.pb" \
  --labels $M/heldout_labels.pb | sed -n 's/accuracy actual=\([^ ]*\).*/float accuracy: \1/p'

#!/usr/bin/env bash
# Sets up, builds and runs the main job on the bundled example: the MLP
# trained on scikit-learn's digits (examples/mlp-digits) through every level
# -- float, integer, spiking -- and compiled for the Loihi-like target, then
# run on the cycle-accurate simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
B=build/bin
M=examples/mlp-digits
T=${T:-16}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CAL="--calibrate $M/calibration_pixels.pb"

echo
echo "== $M: 64-96-96-10 MLP, 450 held-out digits, T = $T, target loihi"
$B/snnc run $M/model.onnx --mode float --input $M/heldout_pixels.pb --output "$tmp/float.pb"
$B/snnc run $M/model.onnx --mode int -T $T $CAL --input $M/heldout_pixels.pb --output "$tmp/int.pb"
$B/snnc run $M/model.onnx --mode spiking -T $T $CAL --input $M/heldout_pixels.pb --output "$tmp/spk.pb"
$B/snnc run $M/model.onnx --mode spiking -T $T $CAL --target loihi --input $M/heldout_pixels.pb --output "$tmp/loihi.pb"
printf '%-26s %-9s %-9s %-10s %s\n' level rel_l2 cosine top1_agree accuracy
row() {
  local out
  out=$($B/snnc-compare "$2" "$tmp/float.pb" --labels $M/heldout_labels.pb || true)
  printf '%-26s %-9s %-9s %-10s %s\n' "$1" \
    "$(sed -n 's/.*rel_l2=\([^ ]*\).*/\1/p' <<<"$out")" \
    "$(sed -n 's/.*cosine=\([^,]*\),.*/\1/p' <<<"$out")" \
    "$(sed -n 's/top1_agreement=\([^ ]*\).*/\1/p' <<<"$out")" \
    "$(sed -n 's/accuracy actual=\([^ ]*\).*/\1/p' <<<"$out")"
}
row "float (reference)" "$tmp/float.pb"
row "integer" "$tmp/int.pb"
row "spiking" "$tmp/spk.pb"
row "spiking, loihi formats" "$tmp/loihi.pb"
printf 'spiking == integer, bit for bit: '
$B/snnc-compare "$tmp/spk.pb" "$tmp/int.pb" --exact >/dev/null && echo yes || echo NO

echo
echo "== snnc compile --target loihi, then snnc simulate on the recorded samples"
$B/snnc compile $M/model.onnx --target loihi -T $T $CAL -o "$tmp/mlp.img"
$B/snnc inspect "$tmp/mlp.img" | sed -n '/^cores/,/^routing/p'
for d in $M/test_data_set_*; do
  $B/snnc simulate "$tmp/mlp.img" --input "$d/input_0.pb" --output "$tmp/sim.pb" --stats "$tmp/stats.json"
  $B/snnc run $M/model.onnx --mode spiking -T $T $CAL --target loihi --input "$d/input_0.pb" --output "$tmp/ref.pb"
  same=NO; cmp -s "$tmp/sim.pb" "$tmp/ref.pb" && same=yes
  printf '%s: simulator == spiking interpreter: %s; ' "$(basename "$d")" "$same"
  tr -d ' \n' <"$tmp/stats.json" | sed -E 's/.*"steps":([0-9]+).*"time_ps":([0-9]+).*"synaptic_ops":([0-9]+).*"total":([0-9]+).*/steps \1, \2 ps, \3 synaptic ops, \4 fJ/'
  echo
done

echo
echo "== snnc verify on both targets (every level, bit-exactness, cost per inference)"
for target in loihi spinnaker; do
  $B/snnc verify $M/model.onnx --target $target -T $T $CAL
  echo
done

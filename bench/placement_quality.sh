#!/usr/bin/env bash
# Placement quality and mapping time: Σ axons × hops of the constructive
# placer (snake + local improvement, the default) against a seeded random
# placement and the simulated-annealing reference, for three MLPs on two
# targets.
#   bash bench/placement_quality.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-28s %-12s %5s %6s %12s %12s %12s %10s %10s\n' model target chips cores \
  random annealing constructive t_constr t_anneal
for spec in "64 96 96 10" "64 128 128 128 10" "256 512 512 512 10" \
  "1024 2048 2048 1024 10"; do
  name="mlp-$(tr ' ' '-' <<<"$spec")"
  /usr/bin/python3 bench/gen_snn_mlp.py $spec > "$tmp/$name.mlir"
  for target in loihi-small loihi; do
    # loihi-small's 16-core mesh is too small for the larger models.
    # The fewest chips that hold the model (a larger mesh only dilutes the
    # random and annealing placements).
    chips=0
    for n in 1 2 4 8 16; do
      if "$B/bin/snn-opt" "$tmp/$name.mlir" \
        "--snn-legalize-target=target=$target" \
        "--snn-partition=target=$target chips=$n" -o "$tmp/part.mlir" \
        2>/dev/null; then
        chips=$n
        break
      fi
    done
    [ $chips -gt 0 ] || continue
    cores=$(grep -c "chip.core @" "$tmp/part.mlir")
    cost() {
      local start end out
      start=$(date +%s%N)
      out=$("$B/bin/snn-opt" "$tmp/part.mlir" "--pass-pipeline=builtin.module(chip.module(chip-place{algorithm=$1 report=true}))" -o /dev/null 2>&1)
      end=$(date +%s%N)
      local ms=$(( (end - start) / 1000000 ))
      printf '%s %d.%03d' "$(sed -n 's/.*placement cost \([0-9]*\).*/\1/p' <<<"$out")" $((ms / 1000)) $((ms % 1000))
    }
    read -r rnd _ <<<"$(cost random)"
    read -r ann tann <<<"$(cost annealing)"
    read -r con tcon <<<"$(cost constructive)"
    printf '%-28s %-12s %5s %6s %12s %12s %12s %9ss %9ss\n' "$name" \
      "$target" "$chips" "$cores" "$rnd" "$ann" "$con" "$tcon" "$tann"
  done
done

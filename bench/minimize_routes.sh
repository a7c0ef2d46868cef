#!/usr/bin/env bash
# Router-table minimization on the public SpiNNaker benchmark (144 tables
# of a 12 x 12 machine, 1,017-1,139 entries each): every table must fit the
# router's 1,023 entries and is proven to route every key as before.
#   bash bench/minimize_routes.sh [build-dir] [tables.bin]
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
IN=${2:-../shared/data/spinnaker-routing-tables/gaussian_12_12_xyp.bin}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
start=$(date +%s%N)
"$B/bin/snnc" minimize-routes "$IN" -o "$out"
end=$(date +%s%N)
ms=$(( (end - start) / 1000000 ))
echo "wall clock (read, minimize, prove, write): $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s"

#!/usr/bin/env bash
# Synaptic events per second of snnc's functional spiking interpreter against
# Brian2's C++ standalone mode on the same network (3 dense layers x 1024
# integrate-and-fire neurons, soft reset, ~500 steps); see
# bench/interpreter_speed.py. Needs python3-brian (scripts/setup.sh).
#   bash bench/interpreter_speed.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
cmake --build "$B" --target snnc-interp-bench >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 -W ignore bench/interpreter_speed.py \
  "$B/bin/snnc-interp-bench" "$tmp"

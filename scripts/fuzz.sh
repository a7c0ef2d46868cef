#!/usr/bin/env bash
# Builds the libFuzzer targets with ASan + UBSan (clang-19) into build-fuzz/
# and runs each for SECONDS (default 60) on a scratch copy of its corpus.
# A crash leaves its input in build-fuzz/fuzz-<target>/: add it to
# test/fuzz/corpus/<target>/ so it stays a regression test.
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(image tensor target onnx)
B=build-fuzz
if [ ! -f $B/build.ninja ]; then
  cmake -G Ninja -S . -B $B -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DSNNC_FUZZ=ON -DSNNC_SANITIZE=ON
fi
cmake --build $B --target $(printf 'snnc-fuzz-%s ' "${TARGETS[@]}")
for t in "${TARGETS[@]}"; do
  work=$B/fuzz-$t
  rm -rf "$work" && mkdir -p "$work/corpus"
  cp test/fuzz/corpus/$t/* "$work/corpus/"
  echo "== $t: ${SECONDS_EACH}s"
  (cd "$work" && "../bin/snnc-fuzz-$t" -max_total_time="$SECONDS_EACH" \
    -print_final_stats=1 -rss_limit_mb=4096 -timeout=10 corpus \
    2>&1 | grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)|cov:" | tail -n 6)
done

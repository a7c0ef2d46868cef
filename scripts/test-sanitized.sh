#!/usr/bin/env bash
# Builds everything with ASan + UBSan into build-sanitize/ and runs the whole
# test suite under them (about 10 minutes of build on 2 cores).
#
# allow_user_poisoning=0: Debian's LLVM/MLIR libraries are not instrumented,
# but LLVM's allocator headers, inlined into our instrumented code, poison
# memory that the uninstrumented library code then reuses legitimately; the
# reports that follow are false positives. Everything else stays checked.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
B=${SNNC_BUILD_DIR:-build-sanitize}
if [ ! -f "$B/build.ninja" ]; then
  cmake -G Ninja -S . -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DSNNC_SANITIZE=ON
fi
cmake --build "$B"
ASAN_OPTIONS=allow_user_poisoning=0:detect_leaks=1 \
  ctest --test-dir "$B" --output-on-failure -j2

#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite (lit + unit tests through ctest).
# The last line is ctest's summary ("100% tests passed, 0 tests failed out of N").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# The MLIR-free runtime (arith, image, simulator, routing, tensors) and the
# image and tensor fuzz corpora
# under ASan + UBSan: small, so it fits CI's budget.
ASAN_DIR=${SNNC_BUILD_DIR:-build}-asan
if [ ! -f "$ASAN_DIR/build.ninja" ]; then
  cmake -G Ninja -S . -B "$ASAN_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DSNNC_RUNTIME_ONLY=ON -DSNNC_SANITIZE=ON
fi
cmake --build "$ASAN_DIR"
ctest --test-dir "$ASAN_DIR" --output-on-failure -j2

# Everything, last, so ctest's summary is the final line.
bash scripts/build.sh
ctest --test-dir "${SNNC_BUILD_DIR:-build}" --output-on-failure -j2

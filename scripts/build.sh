#!/usr/bin/env bash
# Configures (once) and builds snnc into build/ with Ninja. Uses clang-19 and
# lld-19 (faster, leaner than GCC on MLIR code) and ccache when it is present.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${SNNC_BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -G Ninja -S . -B "$BUILD_DIR" \
    -DCMAKE_BUILD_TYPE=${SNNC_BUILD_TYPE:-Release} \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    ${SNNC_CMAKE_ARGS:-}
fi
# Arguments name targets to build (default: all).
if [ $# -gt 0 ]; then
  cmake --build "$BUILD_DIR" --target "$@"
else
  cmake --build "$BUILD_DIR"
fi

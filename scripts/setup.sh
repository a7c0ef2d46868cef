#!/usr/bin/env bash
# Installs every Debian package snnc needs to build and test. Idempotent and
# non-interactive: packages already present are left alone, so a second run
# costs one dpkg query.
#   setup.sh            build, tests, benchmarks
#   setup.sh --models   also PyTorch and scikit-learn, to regenerate the
#                       bundled models (scripts/models/); the tests never
#                       need them, so CI does not install them
set -euo pipefail

PACKAGES=(
  # toolchain
  cmake ninja-build clang-19 lld-19 ccache
  # ASan/UBSan and libFuzzer runtimes for the sanitizer build and scripts/fuzz.sh
  libclang-rt-19-dev
  # LLVM/MLIR 19 (mlir-19-tools is required by MLIRConfig.cmake: it imports mlir-tblgen)
  llvm-19-dev llvm-19-tools libmlir-19-dev mlir-19-tools
  # ONNX frontend
  libonnx-dev libonnx-testdata libprotobuf-dev protobuf-compiler
  # driver and tests
  libfmt-dev libcli11-dev libgtest-dev
  # headless browser for the test that renders snnc report's HTML
  chromium
  # test-model generation under /usr/bin/python3 (never needed by the test suite itself)
  python3 python3-onnx python3-numpy
  # Brian2 (C++ standalone) as the reference of bench/interpreter_speed.sh;
  # only bench/ needs it, never the tests
  python3-brian
)
if [ "${1:-}" = "--models" ]; then
  PACKAGES+=(python3-torch python3-sklearn)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"

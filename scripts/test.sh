#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite (lit + unit tests through ctest).
# The last line is ctest's summary ("100% tests passed, 0 tests failed out of N").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
ctest --test-dir "${SNNC_BUILD_DIR:-build}" --output-on-failure -j2

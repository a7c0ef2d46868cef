#!/usr/bin/env bash
# ONNX's backend node tests for every op snnc claims (the ctest
# onnx-node-tests). Regenerate the checked-in list with
#   test/onnx/run-node-tests.sh build/bin --doc docs/onnx-node-tests.md
# See node_tests.py for what passes, fails and is skipped.
exec /usr/bin/python3 "$(dirname "$0")/node_tests.py" "$@"

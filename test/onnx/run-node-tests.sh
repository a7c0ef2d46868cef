#!/usr/bin/env bash
# Runs ONNX's own backend node tests (Debian's libonnx-testdata) for the ops
# snnc imports through `snnc run --mode float` and compares with the expected
# outputs (rtol 1e-5, atol 1e-6, ONNX's tolerance for these tests).
#   run-node-tests.sh BUILD_BIN_DIR [TESTDATA_DIR]
# A test fails when snnc runs it and the result differs, or when snnc
# crashes. Models snnc refuses with a diagnostic (status 1: an older opset,
# an element type or op it does not support) are listed as refused, since
# refusing clearly is the contract for them.
set -u
BIN=$1
DATA=${2:-/usr/share/libonnx-testdata/data/node}
OPS=$("$BIN/snnc" --list-ops | tail -n +2 | tr -d ' ' | tr 'A-Z' 'a-z' | paste -sd'|')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 refused=0
for dir in "$DATA"/test_*; do
  name=$(basename "$dir")
  # test_<op>[_variant], op names lower-cased without underscores.
  op=$(sed -E 's/^test_([a-z0-9]+).*/\1/' <<<"$name")
  grep -qxE "($OPS)" <<<"$op" || continue
  [[ $name == *_expanded ]] && continue
  set -- 
  for f in "$dir"/test_data_set_0/input_*.pb; do
    [ -e "$f" ] && set -- "$@" --input "$f"
  done
  outs=()
  for f in "$dir"/test_data_set_0/output_*.pb; do
    outs+=(--output "$tmp/$(basename "$f")")
  done
  "$BIN/snnc" run "$dir/model.onnx" --mode float "$@" "${outs[@]}" \
    2>"$tmp/err" >/dev/null
  status=$?
  if [ $status -eq 1 ]; then
    refused=$((refused + 1))
    echo "refused $name: $(head -n 1 "$tmp/err" | cut -c1-160)"
    continue
  elif [ $status -ne 0 ]; then
    fail=$((fail + 1))
    echo "FAIL $name: snnc exited with status $status"
    continue
  fi
  ok=1
  for f in "$dir"/test_data_set_0/output_*.pb; do
    "$BIN/snnc-compare" "$tmp/$(basename "$f")" "$f" --rtol 1e-5 --atol 1e-6 \
      >"$tmp/cmp" || { ok=0; echo "FAIL $name: $(head -n 1 "$tmp/cmp")"; }
  done
  if [ $ok -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed, $refused refused"
[ $fail -eq 0 ] && [ $pass -gt 0 ]

#!/usr/bin/env bash
# Fails when any given binary or static library depends on LLVM or MLIR: the
# image library and the simulator (and what they use) must link into a
# deployment runtime without them.
#   check-mlir-free.sh FILE...
set -euo pipefail
status=0
for f in "$@"; do
  if [ ! -f "$f" ]; then
    echo "FAIL $f: not found"; status=1; continue
  fi
  # Dynamic dependencies (executables and shared objects).
  # (ldd fails on static archives; they have no dynamic dependencies.)
  if (ldd "$f" 2>/dev/null || true) | grep -E 'libLLVM|libMLIR'; then
    echo "FAIL $f: links a shared LLVM/MLIR library"; status=1; continue
  fi
  # Static dependencies: any defined or referenced mlir::/llvm:: symbol.
  syms=$(nm -C "$f" 2>/dev/null | grep -E ' (mlir|llvm)::' | head -n 5 || true)
  if [ -n "$syms" ]; then
    echo "FAIL $f: contains LLVM/MLIR symbols:"; echo "$syms"; status=1; continue
  fi
  echo "ok   $f"
done
exit $status

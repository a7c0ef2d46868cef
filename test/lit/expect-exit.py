"""Runs a command and succeeds only if it exits with the expected status.

lit's `not` only knows zero and non-zero; snnc's contract distinguishes input
errors (1) from usage errors (2).
    expect-exit.py STATUS COMMAND [ARG...]
Output of the command passes through unchanged.
"""
import subprocess
import sys

expected = int(sys.argv[1])
status = subprocess.call(sys.argv[2:])
if status != expected:
    sys.stderr.write(f"expect-exit: expected status {expected}, got {status}\n")
    sys.exit(1)

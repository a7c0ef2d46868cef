#!/usr/bin/env python3
"""Runs ONNX's own backend node tests (Debian's libonnx-testdata) whose
graphs use only ops snnc claims (`snnc --list-ops`) through
`snnc run --mode float`, and compares every output of every test data set
with snnc-compare (rtol 1e-5, atol 1e-6).

    node_tests.py BIN_DIR [DATA_DIR...] [--doc FILE]

By default it runs the node tests and their variants (node-variants/ beside
this script, written by scripts/models/node_test_variants.py): the shape
operands the originals feed as graph inputs become initializers, and tests
written for opsets below 13 are raised to 13 where their op is unchanged.

Expanded function bodies of ops snnc has a named op for (RAISED) must
moreover be raised to it: `snnc import` prints the op, or the test fails.

A test passes when every output matches; it fails when an output differs or
snnc crashes; it is skipped when snnc refuses it with a diagnostic (exit
status 1), and the first line of that diagnostic is the reason, or when
snnc-compare cannot read the expected output (its element type). With --doc,
the list of tests run and skipped is written as Markdown (the checked-in
docs/onnx-node-tests.md is regenerated so). Exits non-zero when a test
fails or none passes. Standard library only: the op types are read from the
protobuf wire format directly.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

DEFAULT_DATA = "/usr/share/libonnx-testdata/data/node"
VARIANTS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "node-variants")
# Name prefix of `_expanded` node tests -> the xf op raising must produce.
RAISED = {"test_layer_normalization_": "xf.layer_norm"}


def raised_op(name):
    """The xf op the test's expanded function body must be raised to."""
    if not name.endswith("_expanded"):
        return None
    return next((op for prefix, op in RAISED.items()
                 if name.startswith(prefix)), None)


def _varint(buf, i):
    value, shift = 0, 0
    while True:
        byte = buf[i]
        i += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, i
        shift += 7


def _fields(buf):
    """Yields (field number, value) of a protobuf message; length-delimited
    values are bytes, the others are skipped."""
    i = 0
    while i < len(buf):
        key, i = _varint(buf, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            _, i = _varint(buf, i)
        elif wire == 1:
            i += 8
        elif wire == 5:
            i += 4
        elif wire == 2:
            length, i = _varint(buf, i)
            yield number, buf[i:i + length]
            i += length
        else:
            raise ValueError("unsupported wire type %d" % wire)


def node_ops(model_path):
    """The (domain, op_type) pairs of the main graph's nodes."""
    with open(model_path, "rb") as f:
        model = f.read()
    ops = set()
    for number, graph in _fields(model):
        if number != 7:  # ModelProto.graph
            continue
        for gnum, node in _fields(graph):
            if gnum != 1:  # GraphProto.node
                continue
            op_type, domain = "", ""
            for nnum, value in _fields(node):
                if nnum == 4:
                    op_type = value.decode()
                elif nnum == 7:
                    domain = value.decode()
            ops.add((domain, op_type))
    return ops


def claimed_ops(snnc):
    out = subprocess.run([snnc, "--list-ops"], check=True, text=True,
                         capture_output=True).stdout
    return {line.strip() for line in out.splitlines()[1:] if line.strip()}


def run_test(bin_dir, test_dir, tmp):
    """Returns ("pass", detail), ("fail", detail) or ("skip", reason)."""
    snnc = os.path.join(bin_dir, "snnc")
    compare = os.path.join(bin_dir, "snnc-compare")
    model = os.path.join(test_dir, "model.onnx")
    sets = sorted(d for d in os.listdir(test_dir)
                  if d.startswith("test_data_set_"))
    for data_set in sets:
        ds = os.path.join(test_dir, data_set)
        inputs = sorted((f for f in os.listdir(ds) if f.startswith("input_")),
                        key=lambda f: int(re.findall(r"\d+", f)[0]))
        outputs = sorted((f for f in os.listdir(ds) if f.startswith("output_")),
                         key=lambda f: int(re.findall(r"\d+", f)[0]))
        cmd = [snnc, "run", model, "--mode", "float"]
        for f in inputs:
            cmd += ["--input", os.path.join(ds, f)]
        for f in outputs:
            cmd += ["--output", os.path.join(tmp, f)]
        proc = subprocess.run(cmd, text=True, capture_output=True)
        if proc.returncode == 1:
            line = (proc.stderr.strip().splitlines() or ["(no message)"])[0]
            # Paths differ between machines; the model's name is enough.
            line = line.replace("snnc: error: ", "").replace(test_dir + "/", "")
            return "skip", line
        if proc.returncode != 0:
            return "fail", "snnc exited with status %d" % proc.returncode
        for f in outputs:
            cmp = subprocess.run(
                [compare, os.path.join(tmp, f), os.path.join(ds, f),
                 "--rtol", "1e-5", "--atol", "1e-6"],
                text=True, capture_output=True)
            expected = os.path.join(ds, f)
            unreadable = "snnc-compare: %s: " % expected
            if cmp.returncode != 0 and cmp.stderr.startswith(unreadable):
                # Nothing to compare with: the tensor files snnc reads lack
                # the expected output's element type.
                return "skip", "%s/%s: %s" % (
                    data_set, f, cmp.stderr[len(unreadable):].strip())
            if cmp.returncode != 0:
                detail = (cmp.stdout + cmp.stderr).strip().splitlines()
                return "fail", "%s/%s: %s" % (data_set, f,
                                              detail[0] if detail else "")
    op = raised_op(os.path.basename(test_dir))
    if op:
        imported = subprocess.run([snnc, "import", model], text=True,
                                  capture_output=True).stdout
        if op + " " not in imported:
            return "fail", "the expanded function body is not raised to " + op
    return "pass", "%d data set(s)" % len(sets)


def write_doc(path, claimed, results, unclaimed, test_ops):
    passed = [t for t, (s, _) in results if s == "pass"]
    failed = [(t, d) for t, (s, d) in results if s == "fail"]
    skipped = [(t, d) for t, (s, d) in results if s == "skip"]
    lines = [
        "# ONNX node tests",
        "",
        "Generated by `test/onnx/run-node-tests.sh BIN_DIR --doc "
        "docs/onnx-node-tests.md`; do not edit by hand.",
        "",
        "ONNX's backend node tests (`%s`, Debian's libonnx-testdata) whose "
        "graphs use only ops snnc claims run through `snnc run --mode float`; "
        "every output of every test data set must match the expected one "
        "within rtol 1e-5, atol 1e-6. A test is skipped when snnc refuses "
        "it with a diagnostic (the reason is snnc's error line) or when the "
        "expected output has an element type snnc's tensor files do not "
        "read. The ctest `onnx-node-tests` runs the same list." % DEFAULT_DATA,
        "",
        "`node-variants/` tests are variants of node tests snnc refuses, "
        "with the same data and expected outputs "
        "(`test/onnx/node-variants`, written by "
        "`scripts/models/node_test_variants.py`): shape operands the "
        "originals feed as graph inputs (Reshape's shape, Slice's bounds, "
        "axes, Trilu's k, Range's bounds, ConstantOfShape's shape) are "
        "initializers, as exporters "
        "write them; tests written for an opset below 13 are raised to 13 "
        "where their op's schema is the same.",
        "",
        "Claimed ops (%d): %s." % (len(claimed),
                                   ", ".join(sorted(claimed))),
        "",
        "| | tests |",
        "|---|---|",
        "| run and passed | %d |" % len(passed),
        "| run and failed | %d |" % len(failed),
        "| skipped | %d |" % len(skipped),
        "| not attempted (use ops snnc does not claim) | %d |" % unclaimed,
        "",
        "## Per op",
        "",
        "Tests whose graph contains the op (expanded function bodies count "
        "for each of their ops).",
        "",
        "| op | passed | skipped | failed |",
        "|---|---|---|---|",
    ]
    for op in sorted(claimed):
        counts = {"pass": 0, "skip": 0, "fail": 0}
        for t, (status, _) in results:
            if op in test_ops[t]:
                counts[status] += 1
        lines.append("| %s | %d | %d | %d |" % (op, counts["pass"],
                                               counts["skip"], counts["fail"]))
    raised = [t for t in passed if raised_op(t)]
    lines += ["", "## Raised", "",
              "`_expanded` tests whose function body `snnc import` raises "
              "to the named op (checked; %d):" % len(raised), ""]
    lines += ["- `%s` → `%s`" % (t, raised_op(t)) for t in raised]
    lines += ["", "## Passed", ""]
    lines += ["- `%s`" % t for t in passed]
    if failed:
        lines += ["", "## Failed", "", "| test | detail |", "|---|---|"]
        lines += ["| `%s` | %s |" % (t, d.replace("|", "\\|"))
                  for t, d in failed]
    lines += ["", "## Skipped", "", "| test | reason |", "|---|---|"]
    lines += ["| `%s` | %s |" % (t, d.replace("|", "\\|")) for t, d in skipped]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bin_dir")
    parser.add_argument("data_dirs", nargs="*",
                        default=[DEFAULT_DATA, VARIANTS])
    parser.add_argument("--doc", help="write the run/skip list (Markdown)")
    args = parser.parse_args()
    bin_dir = os.path.abspath(args.bin_dir)
    claimed = claimed_ops(os.path.join(bin_dir, "snnc"))
    results, unclaimed, test_ops = [], 0, {}
    with tempfile.TemporaryDirectory() as tmp:
        for data_dir in map(os.path.abspath, args.data_dirs):
            # Tests other than ONNX's own are named by their directory.
            prefix = ("" if data_dir == DEFAULT_DATA
                      else os.path.basename(data_dir) + "/")
            for name in sorted(os.listdir(data_dir)):
                test_dir = os.path.join(data_dir, name)
                if not name.startswith("test_") or not os.path.isdir(test_dir):
                    continue
                ops = node_ops(os.path.join(test_dir, "model.onnx"))
                if not ops or any(d not in ("", "ai.onnx") or op not in claimed
                                  for d, op in ops):
                    unclaimed += 1
                    continue
                name = prefix + name
                test_ops[name] = {op for _, op in ops}
                status, detail = run_test(bin_dir, test_dir, tmp)
                results.append((name, (status, detail)))
                if status != "pass":
                    print("%s %s: %s" % (status.upper(), name, detail))
    counts = {s: sum(1 for _, (r, _) in results if r == s)
              for s in ("pass", "fail", "skip")}
    print("%d passed, %d failed, %d skipped; %d not attempted (unclaimed ops)"
          % (counts["pass"], counts["fail"], counts["skip"], unclaimed))
    if args.doc:
        write_doc(args.doc, claimed, results, unclaimed, test_ops)
    return 0 if counts["fail"] == 0 and counts["pass"] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())

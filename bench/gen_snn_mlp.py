#!/usr/bin/env python3
"""Prints an snn-dialect MLP (as convert-xf-to-snn emits it) with the given
layer widths, for mapping benchmarks: weights are a constant splat, which
sizes synaptic memory like real weights do.
    gen_snn_mlp.py 64 96 96 10 [--timesteps 16]
"""
import sys


def main(argv):
    t = 16
    if "--timesteps" in argv:
        i = argv.index("--timesteps")
        t = int(argv[i + 1])
        del argv[i:i + 2]
    widths = [int(w) for w in argv]
    spikes = lambda w: f"!snn.spikes<1x{w}, unary, T = {t}>"
    lines = [
        f"func.func @main(%x: tensor<1x{widths[0]}xi32> {{onnx.name = \"x\", "
        f"snn.qmin = 0 : i64, snn.qmax = {t} : i64, snn.scale = 1.0 : f64}}) "
        f"-> (tensor<1x{widths[-1]}xi32> {{onnx.name = \"y\", "
        f"snn.scale = 1.0 : f64}}) {{",
        f"  %s0 = snn.encode %x : tensor<1x{widths[0]}xi32> -> "
        f"{spikes(widths[0])}",
    ]
    for l in range(1, len(widths)):
        a, b = widths[l - 1], widths[l]
        last = l == len(widths) - 1
        lines.append(
            f"  %c{l} = snn.synapse %s{l-1} {{weights = dense<3> : "
            f"tensor<{b}x{a}xi8>, bias = dense<1> : tensor<{b}xi32>}} : "
            f"{spikes(a)} -> !snn.current<1x{b}> loc(\"fc{l}\")")
        nmin = -t if last else 0
        lines.append(
            f"  %s{l} = snn.neurons %c{l} {{model = #snn.stbif<threshold_shift "
            f"= 20, nmin = {nmin}, nmax = {t}>, multipliers = array<i64: "
            f"1500000>}} : (!snn.current<1x{b}>) -> {spikes(b)} "
            f"loc(\"fc{l}\")")
    n = len(widths) - 1
    lines.append(f"  %y = snn.decode %s{n} : {spikes(widths[-1])} -> "
                 f"tensor<1x{widths[-1]}xi32>")
    lines.append(f"  return %y : tensor<1x{widths[-1]}xi32>")
    lines.append("}")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])

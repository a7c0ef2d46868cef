#!/usr/bin/env python3
"""Runs one layered integrate-and-fire network in snnc's functional spiking
interpreter and in Brian2's C++ standalone mode; prints synaptic events,
seconds and events/s of both and their ratio. Called by interpreter_speed.sh:
    interpreter_speed.py snnc-interp-bench workdir

The network: 1024 inputs -> 3 dense layers of 1024 neurons, weights uniform
integers in [0, 15], threshold theta = 2^13, soft reset (V -= theta), V
starting at theta/2. Input i fires on steps 0 .. c_i - 1, c_i uniform in
[0, 500] (snnc's unary encoding of code c_i with T = 500). Brian2 gets the
same network with w = W/theta, v = 0.5, threshold v >= 1, reset v -= 1 (with
non-negative weights the ST-BIF never emits a negative spike, so it is this
neuron); both runs must produce the same spike counts.
"""
import os
import subprocess
import sys

import numpy as np

N, LAYERS, T, SHIFT, WMAX, SEED = 1024, 3, 500, 13, 15, 1


def snn_program(weights):
    spikes = f"!snn.spikes<1x{N}, unary, T = {T}>"
    lines = [
        f"func.func @main(%x: tensor<1x{N}xi32>) -> tensor<1x{N}xi32> {{",
        f"  %s0 = snn.encode %x : tensor<1x{N}xi32> -> {spikes}",
    ]
    for l, w in enumerate(weights, 1):
        hexw = w.astype(np.int8).tobytes().hex()
        lines.append(f"  %c{l} = snn.synapse %s{l-1} {{weights = "
                     f"dense<\"0x{hexw}\"> : tensor<{N}x{N}xi8>}} : "
                     f"{spikes} -> !snn.current<1x{N}>")
        lines.append(f"  %s{l} = snn.neurons %c{l} {{model = #snn.stbif<"
                     f"threshold_shift = {SHIFT}, nmin = 0, nmax = {T}>, "
                     f"multipliers = array<i64: 1>}} : "
                     f"(!snn.current<1x{N}>) -> {spikes}")
    lines.append(f"  %y = snn.decode %s{LAYERS} : {spikes} -> "
                 f"tensor<1x{N}xi32>")
    lines.append(f"  return %y : tensor<1x{N}xi32>")
    lines.append("}")
    return "\n".join(lines) + "\n"


def run_brian(weights, codes, steps, workdir):
    from brian2 import (Network, NeuronGroup, SpikeGeneratorGroup,
                        SpikeMonitor, Synapses, defaultclock, device, ms,
                        set_device)
    set_device("cpp_standalone", directory=os.path.join(workdir, "brian"))
    defaultclock.dt = 1 * ms
    idx = np.repeat(np.arange(N), codes)
    times = np.concatenate([np.arange(c) for c in codes]) * ms
    groups = [SpikeGeneratorGroup(N, idx, times)]
    synapses = []
    pre, post = np.repeat(np.arange(N), N), np.tile(np.arange(N), N)
    for wl in weights:
        g = NeuronGroup(N, "v : 1", threshold="v >= 1", reset="v -= 1")
        g.v = 0.5
        s = Synapses(groups[-1], g, "w : 1", on_pre="v_post += w")
        s.connect(i=pre, j=post)
        s.w = wl[post, pre] / 2.0**SHIFT  # wl is [out, in]
        groups.append(g)
        synapses.append(s)
    monitors = [SpikeMonitor(g, record=False) for g in groups]
    Network(groups, synapses, monitors).run(steps * ms, namespace={})
    # Brian2 propagates a spike after the threshold step and tests the target
    # one step later; snnc's sources reach the first layer in the same step.
    # Hence the one extra step above, and the best of three executions.
    best = device._last_run_time
    for _ in range(2):
        device.run(device.project_dir, with_output=False, run_args=[])
        best = min(best, device._last_run_time)
    return [int(np.sum(m.count[:])) for m in monitors], best


def main(bench, workdir):
    rng = np.random.default_rng(SEED)
    weights = [rng.integers(0, WMAX + 1, size=(N, N)) for _ in range(LAYERS)]
    codes = rng.integers(0, T + 1, size=N)
    prog = os.path.join(workdir, "mlp.mlir")
    with open(prog, "w") as f:
        f.write(snn_program(weights))
    with open(os.path.join(workdir, "codes.txt"), "w") as f:
        f.write(" ".join(map(str, codes)) + "\n")
    out = subprocess.run([bench, prog, os.path.join(workdir, "codes.txt"),
                          "5"], check=True, capture_output=True,
                         text=True).stdout
    fields = {l.split()[0]: l.split()[1:] for l in out.splitlines()}
    steps = int(fields["steps"][0])
    snnc_spikes = [int(x) for x in fields["spikes"]]
    snnc_events, snnc_s = int(fields["events"][0]), float(fields["seconds"][0])

    brian_spikes, brian_s = run_brian(weights, codes, steps + 1, workdir)
    brian_events = sum(brian_spikes[:LAYERS]) * N
    print(f"network: {N} inputs, {LAYERS} dense layers x {N}, "
          f"{steps} steps (snnc, to quiescence)")
    print(f"spikes per population: snnc {snnc_spikes}, brian2 {brian_spikes}")
    if snnc_spikes != brian_spikes:
        sys.exit("the two simulators disagree on the spike counts")
    for name, ev, s in (("snnc", snnc_events, snnc_s),
                        ("brian2", brian_events, brian_s)):
        print(f"{name:7s} synaptic events {ev}  seconds {s:.4f}  "
              f"events/s {ev / s:.3e}")
    ratio = (snnc_events / snnc_s) / (brian_events / brian_s)
    print(f"ratio snnc/brian2 (events/s): {ratio:.2f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

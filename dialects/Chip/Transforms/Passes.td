//===- Passes.td - mapping onto chip cores -----------------*- tablegen -*-===//

#ifndef SNNC_DIALECT_CHIP_TRANSFORMS_PASSES_TD
#define SNNC_DIALECT_CHIP_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SNNPartition : Pass<"snn-partition", "::mlir::ModuleOp"> {
  let summary = "Split snn populations into the cores of a target";
  let description = [{
    For every function holding an `snn` program (after
    `snn-legalize-target`), adds `chip.module @<function>_chip` next to it
    and records its name in the function's `chip.mapping`; the function
    stays, since the emitter needs both (docs/mapping.md).

    - **Populations** are named: each `snn.encode` and `snn.neurons` gets a
      unique `snn.name` (kept if present; otherwise the ONNX input name of an
      encoded argument, the op's ONNX node name, or `input<i>` / `pop<k>`).
      Core slices and ports refer to these names.
    - **Cores**: each `snn.neurons` population is split into contiguous
      slices, one per core, every core within every per-core limit:
      neurons; neuron profiles (distinct multiplier tuples of its channels);
      synapse formats; input axons (one per source neuron and synapse:
      the fan-in times the rows of the leading dimensions the slice spans);
      synaptic memory (a dense row per input axon holding the weights to the
      core's neurons of that row, `synapse_word_bits / mantissa_bits` per
      word, each row rounded up to whole words); and output axons (one per
      neuron, consuming synapse and destination core). Populations are sliced consumers first,
      greedily, then evened out when the same number of cores allows it.
      Cores are `@c0, @c1, ...` in program order, provisionally placed in
      row-major order.
    - **Routes**: one `chip.route` per producer core and consumer core with
      `axons` = the input axons the consumer fills from the producer (no
      `hops` yet). A core's `output_axons` is the sum over its routes.
    - **Ports**: encoders run on the host, so an `input` port per encoder
      and population it feeds (named after the encoder, with
      `.<population>` when it feeds several) lists the cores receiving its
      spikes; an `output` port per decoded population (named after the
      function result's `onnx.name`, else `output<i>`) lists its cores.

    Errors name the op's ONNX node with the limit, the demand and a hint: a
    single neuron that exceeds a limit, a network needing more cores than the
    mesh has, and ops the mapping cannot host.
  }];
  let dependentDialects = ["::snnc::chip::ChipDialect"];
  let options = [
    Option<"target", "target", "std::string", "\"loihi\"",
           "Target name or path to a description file">,
    Option<"chips", "chips", "unsigned", "0",
           "Number of chips (0: the description's mesh.chips)">,
  ];
}

def ChipPlace : Pass<"chip-place", "::snnc::chip::ChipModuleOp"> {
  let summary = "Place cores on the mesh to shorten their routes";
  let description = [{
    Assigns every `chip.core` a coordinate minimizing `Σ axons × distance`
    over the `chip.route` ops, where the distance is the X-then-Y hop count
    (chips sit in one row, so a route between chips crosses the columns
    between them). A constructive placement lays the cores out in program
    order (populations layer by layer) along a snake (boustrophedon) path,
    row by row, chip by chip; then local improvement moves each core in turn
    to the free position or swaps it with the core whose exchange lowers the
    cost most, until a pass over all cores changes nothing or `max-passes`
    passes ran. The result is deterministic.

    `algorithm=annealing` is a reference for benchmarking the constructive
    placer: simulated annealing from a seeded random placement (moves and
    swaps, geometric cooling); `algorithm=random` is the seeded random
    placement alone. Both are deterministic for a given seed.
  }];
  let options = [
    Option<"maxPasses", "max-passes", "unsigned", "16",
           "Upper bound on improvement passes over all cores">,
    Option<"algorithm", "algorithm", "std::string", "\"constructive\"",
           "constructive (snake + local improvement, the default), "
           "annealing (a slow simulated-annealing reference for "
           "benchmarks) or random (a seeded baseline)">,
    Option<"seed", "seed", "unsigned", "1",
           "Seed of the annealing and random placements">,
    Option<"report", "report", "bool", "false",
           "Emit a remark with the placement cost (Σ axons × hops)">,
  ];
}

def ChipRoute : Pass<"chip-route", "::snnc::chip::ChipModuleOp"> {
  let summary = "Fix the dimension-order path of every route";
  let description = [{
    Sets `hops` on every `chip.route` to the length of its X-then-Y path on
    the mesh (chips in one row: a route between chips runs along x across
    the chips in between, then along y), and every core's `output_axons` to
    the axons it sends over its routes, which is what its output axon table
    holds. A core sending more than the per-core limit is an error.
  }];
}

#endif // SNNC_DIALECT_CHIP_TRANSFORMS_PASSES_TD

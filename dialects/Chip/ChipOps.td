//===- ChipOps.td - chip operations ------------------------*- tablegen -*-===//

#ifndef SNNC_DIALECT_CHIP_CHIPOPS_TD
#define SNNC_DIALECT_CHIP_CHIPOPS_TD

include "Chip/ChipAttrs.td"
include "mlir/IR/SymbolInterfaces.td"

//===----------------------------------------------------------------------===//
// Module
//===----------------------------------------------------------------------===//

def Chip_ChipModuleOp : Chip_Op<"module", [
    IsolatedFromAbove, NoRegionArguments, NoTerminator, SingleBlock, Symbol,
    SymbolTable
  ]> {
  let summary = "A network mapped onto the cores of one target";
  let description = [{
    The physical form of a network: the cores of `target` (the name of its
    target description) that hold neurons, the routes spikes take between
    them, and the chip's I/O ports. `mesh` and `limits` are copied from the
    target description, so that the module is self-contained. The body holds
    only `chip.core`, `chip.route` and `chip.port` ops.

    Besides each op's own checks, the verifier enforces what only the whole
    module shows: no two cores share a coordinate; the slices of each
    population neither overlap nor leave a gap, so they partition
    `[0, size)`; at most one route joins a pair of cores; and a core receives
    no more axons over its routes than its `input_axons` declares.

    ```mlir
    chip.module @net target "loihi"
        mesh #chip.mesh<kind = mesh2d, width = 8, height = 16, chips = 1>
        limits #chip.core_limits<neurons = 8192, synapse_words = 16384,
                                 input_axons = 4096, output_axons = 4096> {
      chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {...}
      ...
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$target,
                       Chip_MeshAttr:$mesh, Chip_CoreLimitsAttr:$limits);
  let regions = (region SizedRegion<1>:$bodyRegion);
  let assemblyFormat = [{
    $sym_name `target` $target `mesh` qualified($mesh)
    `limits` qualified($limits) attr-dict-with-keyword $bodyRegion
  }];
  let skipDefaultBuilders = 1;
  let builders = [
    // Creates the module with its (empty) body block.
    OpBuilder<(ins "::llvm::StringRef":$name, "::llvm::StringRef":$target,
                   "MeshAttr":$mesh, "CoreLimitsAttr":$limits)>
  ];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Cores, routes and ports
//===----------------------------------------------------------------------===//

def Chip_CoreOp : Chip_Op<"core", [HasParent<"ChipModuleOp">, Symbol]> {
  let summary = "A placed core and the neurons it holds";
  let description = [{
    One core at coordinate `coord`, holding the neuron `slices` the
    partitioner assigned to it. `neurons`, `synapse_words`, `input_axons` and
    `output_axons` are what it uses of each resource; `neurons` is the total
    size of its slices. The verifier checks the coordinate against the
    module's mesh and every usage against the module's per-core limits.

    ```mlir
    chip.core @c0 at #chip.coord<chip = 0, x = 0, y = 0> {
        slices = [#chip.slice<"layer1", 0, 1024>], neurons = 1024,
        synapse_words = 12288, input_axons = 784, output_axons = 1024}
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, Chip_CoordAttr:$coord,
                       Chip_SliceArrayAttr:$slices, I64Attr:$neurons,
                       I64Attr:$synapse_words, I64Attr:$input_axons,
                       I64Attr:$output_axons);
  let assemblyFormat = "$sym_name `at` qualified($coord) attr-dict";
  let hasVerifier = 1;
}

def Chip_RouteOp : Chip_Op<"route", [
    HasParent<"ChipModuleOp">,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>
  ]> {
  let summary = "Spike traffic from one core to another";
  let description = [{
    The spikes of `axons` source axons (routing keys on SpiNNaker-like
    targets) that `source` sends to `target`; each arrives on one input axon
    of `target`. `hops` is the number of router hops the router chose. On a
    `mesh2d` target, within one chip, routing is dimension-order (X then Y),
    so `hops` must equal the Manhattan distance between the two cores; other
    topologies and chip-to-chip routes leave it to the router. A core may
    route to itself (zero hops).

    ```mlir
    chip.route @c0 -> @c1 {axons = 1024, hops = 1}
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$source, FlatSymbolRefAttr:$target,
                       I64Attr:$axons, OptionalAttr<I64Attr>:$hops);
  let assemblyFormat = "$source `->` $target attr-dict";
  let hasVerifier = 1;
}

def Chip_PortOp : Chip_Op<"port", [
    HasParent<"ChipModuleOp">, Symbol,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>
  ]> {
  let summary = "An input or output port of the chip";
  let description = [{
    Where the host exchanges spikes with the chip: an `input` port feeds the
    neurons of `population`, an `output` port reads them. `cores` lists the
    cores the port connects to: exactly the cores holding slices of
    `population`, each once.

    ```mlir
    chip.port @pixels input population "input" cores [@c0, @c1]
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       Chip_PortDirection:$direction, StrAttr:$population,
                       FlatSymbolRefArrayAttr:$cores);
  let assemblyFormat = [{
    $sym_name $direction `population` $population `cores` $cores attr-dict
  }];
  let hasVerifier = 1;
}

#endif // SNNC_DIALECT_CHIP_CHIPOPS_TD

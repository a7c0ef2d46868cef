//===- ChipAttrs.td - chip attributes and enums ------------*- tablegen -*-===//
//
// The vocabulary of the physical level: where a core sits, what the mesh
// looks like, what a core may hold, and which neurons it holds.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_DIALECT_CHIP_CHIPATTRS_TD
#define SNNC_DIALECT_CHIP_CHIPATTRS_TD

include "Chip/ChipDialect.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def Chip_Topology : I32EnumAttr<"Topology", "interconnect topology", [
      I32EnumAttrCase<"Mesh2D", 0, "mesh2d">,
      I32EnumAttrCase<"Triangular", 1, "triangular">,
      I32EnumAttrCase<"Engines", 2, "engines">
    ]> {
  let cppNamespace = "::snnc::chip";
  let genSpecializedAttr = 0;
}

def Chip_PortDirection : I32EnumAttr<"PortDirection", "port direction", [
      I32EnumAttrCase<"Input", 0, "input">,
      I32EnumAttrCase<"Output", 1, "output">
    ]> {
  let cppNamespace = "::snnc::chip";
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

class Chip_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Chip_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def Chip_CoordAttr : Chip_Attr<"Coord", "coord"> {
  let summary = "Placement coordinate of a core";
  let description = [{
    The position of a core: the chip it is on and its column `x` and row `y`
    in that chip's mesh (for `engines` targets, the engine slot). All three
    are non-negative; the enclosing `chip.module`'s mesh bounds them.

    ```mlir
    #chip.coord<chip = 0, x = 1, y = 2>
    ```
  }];
  let parameters = (ins "int64_t":$chip, "int64_t":$x, "int64_t":$y);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def Chip_MeshAttr : Chip_Attr<"Mesh", "mesh"> {
  let summary = "Interconnect topology and size of a target";
  let description = [{
    The network cores are placed on: `kind` is a 2-D mesh with
    dimension-order routing (Loihi-like), a triangular mesh of six-link
    routers (SpiNNaker-like) or a set of dataflow engines (FPGA); each of the
    `chips` chips has `width` × `height` positions.

    ```mlir
    #chip.mesh<kind = mesh2d, width = 8, height = 16, chips = 1>
    ```
  }];
  let parameters = (ins EnumParameter<Chip_Topology>:$kind, "int64_t":$width,
                        "int64_t":$height, "int64_t":$chips);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def Chip_CoreLimitsAttr : Chip_Attr<"CoreLimits", "core_limits"> {
  let summary = "Per-core resource limits of a target";
  let description = [{
    What one core can hold: neurons, synaptic memory words (in the target's
    word size), and input and output axons. The partitioner copies them from
    the target description so that the IR is self-contained and the `chip`
    verifiers enforce them without reading the description again. Every limit
    is positive.

    ```mlir
    #chip.core_limits<neurons = 8192, synapse_words = 16384,
                      input_axons = 4096, output_axons = 4096>
    ```
  }];
  let parameters = (ins "int64_t":$neurons, "int64_t":$synapse_words,
                        "int64_t":$input_axons, "int64_t":$output_axons);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def Chip_SliceAttr : Chip_Attr<"Slice", "slice"> {
  let summary = "A contiguous range of a population's neurons";
  let description = [{
    Neurons `[begin, end)` of the population named `population` (the
    population's name at the `snn` level). A core holds one or more slices;
    the slices of one population over all cores of a module partition
    `[0, size)` of that population.

    ```mlir
    #chip.slice<"layer1", 0, 1024>
    ```
  }];
  let parameters = (ins StringRefParameter<"population name">:$population,
                        "int64_t":$begin, "int64_t":$end);
  let assemblyFormat = "`<` $population `,` $begin `,` $end `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Number of neurons in the slice.
    int64_t size() const { return getEnd() - getBegin(); }
  }];
}

def Chip_SynapseFormatAttr : Chip_Attr<"SynapseFormat", "synapse_format"> {
  let summary = "Storage format of a synapse group's weights";
  let description = [{
    Weights stored as signed `mantissa_bits`-bit mantissas sharing one
    `exponent`: weight = mantissa · 2^(exponent + 8) accumulator units (the
    image library's convention: Loihi's mantissa · 2^(6 + exponent) with two
    more fraction bits, so `exponent = -8` stores each weight as its own
    mantissa). The target legalization (`snn-legalize-target`) attaches one
    to every `snn.synapse` as `chip.synapse_format`; the partitioner sizes
    synaptic memory with it and the emitter stores mantissas in it. The
    mantissa is 1..16 bits (snn weights are at most 16 bits wide) and the
    scale 2^(exponent + 8) an integer in int64, so `exponent ∈ [-8, 54]`.

    ```mlir
    #chip.synapse_format<mantissa_bits = 8, exponent = -8>
    ```
  }];
  let parameters = (ins "int64_t":$mantissa_bits, "int64_t":$exponent);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// log2 of the weight of mantissa 1, in accumulator units.
    int64_t getScaleShift() const { return getExponent() + 8; }
  }];
}

def Chip_SliceArrayAttr
    : TypedArrayAttrBase<Chip_SliceAttr, "array of neuron slices">;

#endif // SNNC_DIALECT_CHIP_CHIPATTRS_TD

//===- ChipDialect.td - chip physical dialect --------------*- tablegen -*-===//

#ifndef SNNC_DIALECT_CHIP_CHIPDIALECT_TD
#define SNNC_DIALECT_CHIP_CHIPDIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Chip_Dialect : Dialect {
  let name = "chip";
  let cppNamespace = "::snnc::chip";
  let summary = "Physical mapping: cores, placement, routes and tables";
  let description = [{
    `chip` is the level the image emitter reads: the cores of a target with
    the neurons, synaptic memory and tables assigned to each, their placement
    on the mesh, and the routes spikes take between them. Verifiers enforce
    the target's per-core limits, which the module carries.
  }];
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    /// Registers the attributes; defined next to them, where their storage
    /// classes are complete.
    void registerAttributes();
  }];
}

class Chip_Op<string mnemonic, list<Trait> traits = []>
    : Op<Chip_Dialect, mnemonic, traits>;

#endif // SNNC_DIALECT_CHIP_CHIPDIALECT_TD

//===- SNNDialect.td - snn spiking dialect -----------------*- tablegen -*-===//

#ifndef SNNC_DIALECT_SNN_SNNDIALECT_TD
#define SNNC_DIALECT_SNN_SNNDIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def SNN_Dialect : Dialect {
  let name = "snn";
  let cppNamespace = "::snnc::snn";
  let summary = "Time-stepped spiking networks with exact integer semantics";
  let description = [{
    `snn` describes a network of neuron populations connected by synapses,
    evolving over T timesteps, with the spiking forms of every transformer
    operator. Every op has the normative integer meaning of
    docs/semantics.md: at the end of its window the spike counts equal the
    quantized integer network exactly.
  }];
  let useDefaultAttributePrinterParser = 1;
  let useDefaultTypePrinterParser = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
    void registerTypes();
  }];
}

class SNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<SNN_Dialect, mnemonic, traits>;

#endif // SNNC_DIALECT_SNN_SNNDIALECT_TD

//===- XFDialect.td - xf tensor-graph dialect --------------*- tablegen -*-===//
//
// The float tensor graph imported from ONNX, with decomposed patterns raised
// into named transformer ops. It is the reference level of every later check.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_DIALECT_XF_XFDIALECT_TD
#define SNNC_DIALECT_XF_XFDIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def XF_Dialect : Dialect {
  let name = "xf";
  let cppNamespace = "::snnc::xf";
  let summary = "Tensor-level transformer graph (float)";
  let description = [{
    `xf` holds a model as ONNX describes it, after shape folding: static-shaped
    float tensors flowing through linear algebra, elementwise math, data
    movement and the named transformer operators (layer and RMS normalization,
    GELU, SiLU, softmax, causal masks, embeddings) that the raising passes
    recover from the exporter's decompositions. Integer and `i1` tensors
    appear only where they depend on the inputs (token ids, masks built from
    them): the importer evaluates everything computed from constants. Every op
    has a float reference meaning, computed by snnc's float interpreter; the
    quantized and spiking levels are checked against it. Locations carry ONNX
    node names.
  }];
  let useDefaultAttributePrinterParser = 1;
}

class XF_Op<string mnemonic, list<Trait> traits = []>
    : Op<XF_Dialect, mnemonic, traits>;

// GELU forms PyTorch exports: exact (Erf) and tanh approximation.
def XF_GeluApproximation : I32EnumAttr<"GeluApproximation",
    "GELU formula", [
      I32EnumAttrCase<"None", 0, "none">,
      I32EnumAttrCase<"Tanh", 1, "tanh">
    ]> {
  let cppNamespace = "::snnc::xf";
  let genSpecializedAttr = 0;
}
def XF_GeluApproximationAttr
    : EnumAttr<XF_Dialect, XF_GeluApproximation, "gelu_approximation"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // SNNC_DIALECT_XF_XFDIALECT_TD

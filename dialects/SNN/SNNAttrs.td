//===- SNNAttrs.td - snn enums and attributes --------------*- tablegen -*-===//
//
// Neuron models and learning rules: the parameters of the integer dynamics of
// docs/semantics.md, checked once here so every consumer can rely on them.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_DIALECT_SNN_SNNATTRS_TD
#define SNNC_DIALECT_SNN_SNNATTRS_TD

include "SNN/SNNDialect.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def SNN_Encoding : I32EnumAttr<"Encoding", "spike encoding", [
    I32EnumAttrCase<"Unary", 0, "unary">,
    I32EnumAttrCase<"Bitplane", 1, "bitplane">,
    I32EnumAttrCase<"Graded", 2, "graded">
  ]> {
  let cppNamespace = "::snnc::snn";
  let genSpecializedAttr = 0;
}
def SNN_EncodingAttr : EnumAttr<SNN_Dialect, SNN_Encoding, "encoding"> {
  let assemblyFormat = "`<` $value `>`";
}

def SNN_LutKind : I32EnumAttr<"LutKind", "function tabulated by snn.lut", [
    I32EnumAttrCase<"Silu", 0, "silu">,
    I32EnumAttrCase<"Gelu", 1, "gelu">,
    I32EnumAttrCase<"Exp", 2, "exp">,
    I32EnumAttrCase<"Tanh", 3, "tanh">,
    I32EnumAttrCase<"Custom", 4, "custom">,
    I32EnumAttrCase<"Sigmoid", 5, "sigmoid">
  ]> {
  let cppNamespace = "::snnc::snn";
  let genSpecializedAttr = 0;
}
def SNN_LutKindAttr : EnumAttr<SNN_Dialect, SNN_LutKind, "lut_kind"> {
  let assemblyFormat = "`<` $value `>`";
}

def SNN_NormKind : I32EnumAttr<"NormKind", "normalization of snn.norm", [
    I32EnumAttrCase<"Layer", 0, "layer">,
    I32EnumAttrCase<"RMS", 1, "rms">
  ]> {
  let cppNamespace = "::snnc::snn";
  let genSpecializedAttr = 0;
}
def SNN_NormKindAttr : EnumAttr<SNN_Dialect, SNN_NormKind, "norm_kind"> {
  let assemblyFormat = "`<` $value `>`";
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

class SNN_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<SNN_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def SNN_STBIFAttr : SNN_Attr<"STBIF", "stbif"> {
  let summary = "Signed soft-reset integrate-and-fire neuron, bounded count";
  let description = [{
    The ST-BIF neuron of docs/semantics.md, the requantizer of every spiking
    op. With `θ = 2^threshold_shift`, the membrane starts at `V = θ/2` and the
    count at `n = 0`; each step `V += Σ_i M_i·Δa_i`, then the neuron emits
    `+1` (`V ≥ θ`, `n < nmax`: `V -= θ`, `n += 1`), `-1` (`V < 0`,
    `n > nmin`: `V += θ`, `n -= 1`) or nothing. At quiescence
    `n = clamp(floor((Σ M·a + θ/2) / θ), nmin, nmax)` whatever the arrival
    order; `nmin = 0` is ReLU.

    `max_burst = Γ > 1` selects the graded (burst) variant: each step emits
    `k = clamp(floor(V/θ), −Γ, Γ)` limited to `[nmin − n, nmax − n]`,
    `V -= kθ`, `n += k`. The default `Γ = 1` is the unary neuron.

    `V` is int64 and `n` int32, hence `threshold_shift ∈ [1, 62]` and
    `nmin`, `nmax`, `max_burst` within int32 with `nmin ≤ 0 ≤ nmax` (a
    neuron at rest has count 0).

    ```mlir
    #snn.stbif<threshold_shift = 16, nmin = 0, nmax = 15>
    #snn.stbif<threshold_shift = 20, nmin = -7, nmax = 7, max_burst = 4>
    ```
  }];
  let parameters = (ins "int64_t":$threshold_shift, "int64_t":$nmin,
                        "int64_t":$nmax,
                        DefaultValuedParameter<"int64_t", "1">:$max_burst);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def SNN_STDPAttr : SNN_Attr<"STDP", "stdp"> {
  let summary = "Integer pair-based STDP rule";
  let description = [{
    The learning rule of a plastic `snn.synapse` (docs/semantics.md,
    §Plasticity). Each step, a pre trace `x_pre` per input and a post trace
    `x_post` per output decay as `x -= x >> trace_shift` and then add the
    magnitude of this step's spike. At the end of the step every weight moves
    by `Δw = (a_plus · x_pre · [post spike] − a_minus · x_post · [pre spike])
    >> update_shift` (arithmetic shift) and is clamped to `[w_min, w_max]`.

    Traces are int32 and the products int64, hence `a_plus`, `a_minus` in
    `[0, 2^31)`, `trace_shift ∈ [1, 31]` and `update_shift ∈ [0, 62]`.
    The synapse checks that `[w_min, w_max]` fits its weight type.

    ```mlir
    #snn.stdp<a_plus = 4, a_minus = 3, trace_shift = 2, update_shift = 6,
              w_min = -64, w_max = 63>
    ```
  }];
  let parameters = (ins "int64_t":$a_plus, "int64_t":$a_minus,
                        "int64_t":$trace_shift, "int64_t":$update_shift,
                        "int64_t":$w_min, "int64_t":$w_max);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

#endif // SNNC_DIALECT_SNN_SNNATTRS_TD

//===- SNNTypes.td - snn types -----------------------------*- tablegen -*-===//
//
// The two kinds of values flowing between populations: spike trains (what
// neurons emit) and currents (what synapses and products inject).
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_DIALECT_SNN_SNNTYPES_TD
#define SNNC_DIALECT_SNN_SNNTYPES_TD

include "SNN/SNNAttrs.td"

class SNN_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<SNN_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def SNN_SpikesType : SNN_Type<"Spikes", "spikes"> {
  let summary = "spike train over a time window";
  let description = [{
    The spikes of a population of static `shape` over one window, in one of
    the encodings of docs/semantics.md. Each element carries an integer code
    that its spikes sum to (unary, graded) or spell MSB first (bitplane).

    * `unary`: one spike in {−1, 0, +1} per step; `T` is the window length
      and the code range is `[−T, T]`.
    * `bitplane`: signed binary digits, MSB first; `T` is the number of bit
      planes `B ∈ [2, 32]`, sent in `B − 1` steps, and the code range is
      `[−(2^(B−1) − 1), 2^(B−1) − 1]`.
    * `graded`: at most one event per step with an integer payload; `T` is
      the window length and the payload bound is the emitter's (`max_burst`
      of a neuron model, the whole code for `snn.encode`).

    `T` is at least 1 and at most 2^31 − 1 (counts decode to i32). Every
    dimension is at least 1; a rank-0 train is a single neuron.

    ```mlir
    !snn.spikes<4x16, unary, T = 8>
    !snn.spikes<16, bitplane, T = 8>
    !snn.spikes<graded, T = 4>
    ```
  }];
  let parameters = (ins ArrayRefParameter<"int64_t", "static shape">:$shape,
                        EnumParameter<SNN_Encoding>:$encoding,
                        "int64_t":$window);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The code range is [-getMaxCode(), getMaxCode()]; std::nullopt for
    /// graded trains, whose range depends on the emitter.
    std::optional<int64_t> getMaxCode() const;
  }];
}

def SNN_CurrentType : SNN_Type<"Current", "current"> {
  let summary = "per-step synaptic current into a population";
  let description = [{
    The integer `Δa_t` that synapses and spike products inject into a
    population at each step (accumulator units, before the population's
    multiplier). Summed over the window it equals the normative integer
    accumulator of the op that produced it. Every dimension is at least 1.

    ```mlir
    !snn.current<4x16>
    ```
  }];
  let parameters = (ins ArrayRefParameter<"int64_t", "static shape">:$shape);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

#endif // SNNC_DIALECT_SNN_SNNTYPES_TD

//===- Passes.td - snn transformation passes ---------------*- tablegen -*-===//

#ifndef SNNC_DIALECT_SNN_TRANSFORMS_PASSES_TD
#define SNNC_DIALECT_SNN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SNNLegalizeTarget : Pass<"snn-legalize-target", "::mlir::ModuleOp"> {
  let summary = "Fit snn populations and synapses to a target's formats";
  let description = [{
    Rewrites the `snn` program of every function so that a target (its
    description file, docs/targets.md) can run it exactly:

    - **Encodings**: every spike train must use an encoding the target
      transports (`capabilities.encodings`), and a graded train's largest
      event (`max_burst`, or an encoded code) must fit the spike payload.
    - **Synapse formats**: the weights of each `snn.synapse` must be signed
      `weight_mantissa_bits`-bit mantissas times one shared power of two
      `2^(e + 8)`, `e` in the target's exponent range; the smallest such `e`
      is recorded as `chip.synapse_format = #chip.synapse_format<...>`.
      Weights that need more bits are an error that asks for
      re-quantization (an inexact format would change the integer result).
    - **Neuron state**: the membrane potential of every `snn.neurons` must
      stay within the target's `state_bits` (signed). From the weights, the
      bias and the count range of every source train (`[nmin, nmax]` of a
      population, `[-T, T]` of a unary encoder narrowed by its input's
      `snn.qmin`/`snn.qmax`, the table range of a `snn.lut`), the pass bounds
      every prefix sum `|Σ_t M·Δa_t|` per channel, and lowers the threshold
      shift `sh` to the largest `sh' ≤ sh` for which the ST-BIF potential
      bound fits (`snnc::arith::potentialFitsSigned`). Each multiplier
      becomes `round(M · 2^(sh' − sh))` (at least 1): the same ratio on a
      coarser grid. This changes the normative integer of the population,
      which is the quantization error the target adds; the integer
      reference of the legalized program is what the chip reproduces bit
      for bit. A population that does not fit even at `sh' = 1` is an
      error.

    Every error names the op (its ONNX node) and what to change.
  }];
  let dependentDialects = ["::snnc::chip::ChipDialect"];
  let options = [
    Option<"target", "target", "std::string", "\"loihi\"",
           "Target name (targets/<name>/<name>.json under $SNNC_TARGETS_DIR "
           "or the source tree) or path to a description file">,
  ];
}

#endif // SNNC_DIALECT_SNN_TRANSFORMS_PASSES_TD

//===- Passes.td - snnc conversion passes ------------------*- tablegen -*-===//

#ifndef SNNC_CONVERSION_PASSES_TD
#define SNNC_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertXFToSNN : Pass<"convert-xf-to-snn", "::mlir::ModuleOp"> {
  let summary = "Quantize a calibrated xf graph and convert it to spikes";
  let description = [{
    Rewrites every function of calibrated `xf` ops (each value carries its
    observed range as `xf.range`) into the `snn` dialect with the unary
    encoding over `timesteps` steps:

    - every tensor value becomes codes `c ∈ [qmin, qmax]` with a static
      per-tensor scale `s = max|range| / T` (`qmin = 0` for values that are
      never negative, `-T` otherwise); arguments get `snn.encode`, results
      `snn.decode`, and the scales are recorded as `snn.scale`, `snn.qmin`,
      `snn.qmax` argument and result attributes;
    - `xf.linear` with constant weights becomes an `snn.synapse` holding
      int8 weights quantized per output channel (`s_w = max|W_o| / 127`,
      round half up) and the bias in accumulator units, feeding an
      `snn.neurons` population of ST-BIF neurons whose per-channel
      multipliers `M_o / 2^sh ≈ s_in·s_w[o] / s_out` share one threshold
      `2^sh` (normalized for the largest ratio); a `xf.relu` that is the
      linear layer's only user is fused as the lower count bound 0.

    Ops without a spiking form yet are reported at their ONNX node.
  }];
  let dependentDialects = ["::snnc::snn::SNNDialect"];
  let options = [
    Option<"timesteps", "timesteps", "unsigned", "16",
           "Window length T of the unary encoding (levels per sign)">,
  ];
}

#endif // SNNC_CONVERSION_PASSES_TD

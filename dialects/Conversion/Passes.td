//===- Passes.td - snnc conversion passes ------------------*- tablegen -*-===//

#ifndef SNNC_CONVERSION_PASSES_TD
#define SNNC_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertXFToSNN : Pass<"convert-xf-to-snn", "::mlir::ModuleOp"> {
  let summary = "Quantize a calibrated xf graph and convert it to spikes";
  let description = [{
    Rewrites every function of calibrated `xf` ops (each value carries its
    observed range as `xf.range`) into the `snn` dialect with the unary
    encoding over `timesteps` steps (docs/semantics.md):

    - every tensor value becomes codes `c ∈ [qmin, qmax]` with a static
      per-tensor scale `s = max|range| / T` (`qmin = 0` for values that are
      never negative, `-T` otherwise); float arguments get `snn.encode`,
      integer arguments that only feed embeddings stay ids, results get
      `snn.decode`, and the scales are recorded as `snn.scale`, `snn.qmin`,
      `snn.qmax` argument and result attributes;
    - `xf.linear` (and `xf.matmul` by a constant) becomes an `snn.synapse`
      with int8 weights quantized per output channel (`s_w = max|W_o| / 127`,
      round half up) and the bias in accumulator units; `xf.matmul` of two
      trains an `snn.spike_matmul` (rank-1 operands and batch broadcasting
      through views); `xf.mul` of two trains an `snn.spike_mul`; `xf.add` /
      `xf.sub` the relays (or currents) of both operands, a constant operand
      an `snn.bias`;
    - each such current feeds an `snn.neurons` population whose multipliers
      `M / 2^sh ≈ unit / s_out` share the shift of the largest ratio. A single
      user that is a ReLU (count bound 0), a residual add or subtraction, or
      a scale by a scalar or per-channel constant (the 1/√d of attention)
      folds into the same population, which is quantized with the range of
      the last value folded in;
    - `xf.sigmoid`, `xf.tanh`, `xf.silu`, `xf.gelu`, `xf.exp` become `snn.lut` tables
      over the input codes; `xf.softmax` (with a preceding `xf.causal_mask`)
      becomes `snn.softmax` with a `2^20·exp` table and output scale
      `1/levels`, `levels = floor(T / max p)`; `xf.layer_norm` and
      `xf.rms_norm` become `snn.norm` with the largest fraction bits whose
      intermediates provably fit 64 bits; `xf.embedding` becomes an
      `snn.embed` source; `xf.reshape` / `xf.transpose` views.

    Ops without a spiking form are reported at their ONNX node.
  }];
  let dependentDialects = ["::snnc::snn::SNNDialect"];
  let options = [
    Option<"timesteps", "timesteps", "unsigned", "16",
           "Window length T of the unary encoding (levels per sign)">,
  ];
}

#endif // SNNC_CONVERSION_PASSES_TD

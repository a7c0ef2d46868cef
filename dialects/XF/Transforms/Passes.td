//===- Passes.td - raising xf graphs to named ops ----------*- tablegen -*-===//

#ifndef SNNC_DIALECT_XF_TRANSFORMS_PASSES_TD
#define SNNC_DIALECT_XF_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def XFRaise : Pass<"xf-raise"> {
  let summary = "Raise decomposed transformer patterns to named xf ops";
  let description = [{
    Rewrites the elementwise and reduction chains ONNX exporters emit into
    the named ops the spiking conversion maps (docs/frontend.md, "Raising"):

    - **LayerNorm** (opset ≤ 16): `d = x - reduce_mean(x)`,
      `d / sqrt(reduce_mean(d²) + eps)` → `xf.layer_norm`, also with the
      variance as `reduce_mean(x²) - reduce_mean(x)²` (ONNX's function body
      of LayerNormalization); **RMSNorm**: the same without the mean, the
      square root divided into or multiplied by its `reciprocal` or
      `1 / sqrt` → `xf.rms_norm`. Squares are `pow(d, 2)` or `d * d`; the
      reduced axes must be a suffix kept with `keepdims`. A following
      multiplication and addition by a value of the normalized shape (a
      constant broadcasting to it, or a value behind leading 1s) become the
      `scale` and `bias` of a norm without them.
    - **GELU**: `0.5 · x · (1 + erf(x / √2))` (or `x · (1/√2)`) and
      `0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))` with `x³` as
      `pow(x, 3)` or products, in any association of the products.
    - **SiLU**: `x * sigmoid(x)`.
    - **Softmax**: `e / reduce_sum(e)` along one axis (kept) with
      `e = exp(x - reduce_max(x))` or `exp(x)`.
    - **Linear**: `matmul(x, W)` with a constant `[K, N]` weight →
      `xf.linear` with the transposed weight; adding a constant `[N]` bias
      folds into it.
    - **Embedding**: `xf.gather` on axis 0 of a constant float table.
    - **Causal mask**: adding a constant that is 0 where `j <= i + offset`
      and `-inf` (or at most -1e4) elsewhere over the last two dimensions,
      or `xf.where` selecting such a constant from a constant boolean mask,
      → `xf.causal_mask`. A finite constant is only raised when every user
      is a softmax along the last axis and no row is fully masked, so the
      probabilities are unchanged.

    Constants are compared with a relative tolerance of 1e-4. Full-size
    intermediate values must have no user outside the pattern; per-row
    statistics of a norm (mean, variance, standard deviation) may, and stay
    for those users. A near miss (another axis, another constant, an extra
    use) is left as it is.
  }];
  let dependentDialects = ["::snnc::xf::XFDialect"];
}

#endif // SNNC_DIALECT_XF_TRANSFORMS_PASSES_TD

//===- SNNOps.td - snn operations --------------------------*- tablegen -*-===//

#ifndef SNNC_DIALECT_SNN_SNNOPS_TD
#define SNNC_DIALECT_SNN_SNNOPS_TD

include "SNN/SNNTypes.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// Ops describe the network, not its execution: each is a pure function from
// whole input windows to whole output windows, so unused ones can go.

//===----------------------------------------------------------------------===//
// Boundaries
//===----------------------------------------------------------------------===//

def SNN_EncodeOp : SNN_Op<"encode", [Pure]> {
  let summary = "Encodes integer codes as a spike train";
  let description = [{
    The input encoder: each code `c` (a signed two's complement integer of
    width 2..32) becomes spikes whose window-end value is `c`. A unary train
    is an ST-BIF charged with `c` at step 0 that emits `|c|` spikes on
    consecutive steps; a graded train is one event of payload `c` at step 0;
    a bitplane train spells the digits of `c`, MSB first. Codes beyond a
    unary or bitplane train's range saturate to its ends. The shape is
    unchanged.

    ```mlir
    %s = snn.encode %x : tensor<4x16xi8> -> !snn.spikes<4x16, unary, T = 8>
    ```
  }];
  let arguments = (ins StaticShapeTensorOf<[AnySignlessInteger]>:$input);
  let results = (outs SNN_SpikesType:$output);
  let assemblyFormat = [{
    $input attr-dict `:` qualified(type($input)) `->` qualified(type($output))
  }];
  let hasVerifier = 1;
}

def SNN_DecodeOp : SNN_Op<"decode", [Pure]> {
  let summary = "Decodes a spike train into its window-end codes";
  let description = [{
    The signed spike count of every neuron at the end of the window (for
    bitplane trains, the Horner sum of the digits), as i32 codes of the same
    shape.

    ```mlir
    %c = snn.decode %s : !snn.spikes<4x16, unary, T = 8> -> tensor<4x16xi32>
    ```
  }];
  let arguments = (ins SNN_SpikesType:$input);
  let results = (outs StaticShapeTensorOf<[I32]>:$output);
  let assemblyFormat = [{
    $input attr-dict `:` qualified(type($input)) `->` qualified(type($output))
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Synapses and neurons
//===----------------------------------------------------------------------===//

def SNN_SynapseOp : SNN_Op<"synapse", [Pure]> {
  let summary = "Weighted projection of a spike train into a current";
  let description = [{
    A fully connected projection along the last dimension with integer
    weights `[out, in]` (signless, width 1..16, read as two's complement):
    each step `Δa_t = W·s_t` (Horner-accumulated for bitplane inputs), plus
    the optional `bias` `[out]` (i32 or i64, accumulator units) at step 0.
    Over the window the current sums to `W·c + b`. Leading dimensions are
    kept.

    An optional `plasticity` rule makes the weights learn online; its clamp
    range must fit the weight type and contain the initial weights.

    ```mlir
    %c = snn.synapse %s {weights = dense<1> : tensor<4x16xi8>,
                         bias = dense<0> : tensor<4xi32>}
        : !snn.spikes<2x16, unary, T = 8> -> !snn.current<2x4>
    ```
  }];
  let arguments = (ins SNN_SpikesType:$input, AnyIntElementsAttr:$weights,
                       OptionalAttr<AnyIntElementsAttr>:$bias,
                       OptionalAttr<SNN_STDPAttr>:$plasticity);
  let results = (outs SNN_CurrentType:$output);
  let assemblyFormat = [{
    $input attr-dict `:` qualified(type($input)) `->` qualified(type($output))
  }];
  let hasVerifier = 1;
}

def SNN_NeuronsOp : SNN_Op<"neurons", [Pure]> {
  let summary = "A population of ST-BIF neurons";
  let description = [{
    Integrates one or more currents, each with its own multiplier `M_i ∈
    [1, 2^31)`: every step `V += Σ_i M_i·Δa_i`, then the `model` fires
    (see `#snn.stbif`). At quiescence the counts are
    `requant(Σ_i M_i·a_i)`; a residual add is two currents into one
    population, a scale folds into the multipliers.

    `multipliers` holds either one value per input, or one per input and
    per channel (the last dimension, `C`), input-major: entry `i·C + c`
    multiplies input `i` into the neurons of channel `c`. Per-channel
    multipliers carry per-output-channel weight scales.

    The result is unary (the model's `max_burst` is 1) or graded
    (`max_burst > 1`), and the model's count range `[nmin, nmax]` must fit
    the result's code range (`[−T, T]` unary, `[−Γ·T, Γ·T]` graded). ST-BIF
    neurons cannot emit bitplane trains: MSB-first digits need the final
    count before the first spike.

    ```mlir
    %s = snn.neurons %c1, %c2 {
           model = #snn.stbif<threshold_shift = 16, nmin = 0, nmax = 15>,
           multipliers = array<i64: 32768, 16384>}
        : (!snn.current<16>, !snn.current<16>) -> !snn.spikes<16, unary, T = 16>
    ```
  }];
  let arguments = (ins Variadic<SNN_CurrentType>:$inputs,
                       SNN_STBIFAttr:$model, DenseI64ArrayAttr:$multipliers);
  let results = (outs SNN_SpikesType:$output);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, $output)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The multiplier of input `input` for neurons of channel `channel`.
    int64_t getMultiplier(unsigned input, int64_t channel);
  }];
}

//===----------------------------------------------------------------------===//
// Spike products
//===----------------------------------------------------------------------===//

def SNN_SpikeMatMulOp : SNN_Op<"spike_matmul", [Pure]> {
  let summary = "Product of two spike trains (QKᵀ, PV)";
  let description = [{
    The batched matrix product of two spike trains `[..., n, k]` and
    `[..., k, m]` with equal batch dimensions, equal encodings and equal `T`.
    With `S_A`, `S_B` the counts including this step and `a_t`, `b_t` this
    step's spikes, it injects `Δa_t = S_A·b_t + a_t·S_B − a_t·b_t` (bitplane:
    `P(t) = 4P(t−1) + 2(A·b + a·B) + a·b`), so the current sums to `C_A·C_B`
    exactly, whatever the spike timing.

    ```mlir
    %p = snn.spike_matmul %q, %k
        : (!snn.spikes<2x5x8, unary, T = 8>, !snn.spikes<2x8x5, unary, T = 8>)
          -> !snn.current<2x5x5>
    ```
  }];
  let arguments = (ins SNN_SpikesType:$lhs, SNN_SpikesType:$rhs);
  let results = (outs SNN_CurrentType:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def SNN_SpikeMulOp : SNN_Op<"spike_mul", [Pure, Commutative]> {
  let summary = "Elementwise product of two spike trains (SwiGLU gate·up)";
  let description = [{
    The elementwise form of `snn.spike_matmul`'s identity on two trains of the
    same shape, encoding and `T`: the current sums to `c_a ⊙ c_b`.

    ```mlir
    %g = snn.spike_mul %gate, %up
        : (!snn.spikes<16, unary, T = 8>, !snn.spikes<16, unary, T = 8>)
          -> !snn.current<16>
    ```
  }];
  let arguments = (ins SNN_SpikesType:$lhs, SNN_SpikesType:$rhs);
  let results = (outs SNN_CurrentType:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Functional units
//===----------------------------------------------------------------------===//

def SNN_LutOp : SNN_Op<"lut", [Pure]> {
  let summary = "Lookup-table nonlinearity (SiLU, GELU, exp, tanh)";
  let description = [{
    A stateful functional unit: it keeps each element's accumulated input
    code `C(t)` and emits `F(C(t)) − F(C(t−1))`, the first step against 0,
    so the output's window-end code is
    `F(c) = table[clamp(c − input_min, 0, N − 1)]` (codes outside the table
    saturate to its ends). `kind` names the
    tabulated function for reports and target legalization; the table alone
    defines the semantics. Bitplane inputs are consumed as a barrier (the
    lookup waits for all digits).

    The unit re-encodes its output, so the result may have another encoding
    and `T` than the input (an exp table usually needs a wider range); every
    table value must fit the result's code range. The shape is unchanged.

    ```mlir
    %y = snn.lut <silu> %x {input_min = -2 : si64,
                            table = dense<[0, -1, 0, 1, 2]> : tensor<5xi32>}
        : !snn.spikes<16, unary, T = 2> -> !snn.spikes<16, unary, T = 2>
    ```
  }];
  let arguments = (ins SNN_SpikesType:$input, SNN_LutKindAttr:$kind,
                       AnyIntElementsAttr:$table, SI64Attr:$input_min);
  let results = (outs SNN_SpikesType:$output);
  let assemblyFormat = [{
    $kind $input attr-dict `:` qualified(type($input)) `->`
    qualified(type($output))
  }];
  let hasVerifier = 1;
}

#endif // SNNC_DIALECT_SNN_SNNOPS_TD

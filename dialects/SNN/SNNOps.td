//===- SNNOps.td - snn operations --------------------------*- tablegen -*-===//

#ifndef SNNC_DIALECT_SNN_SNNOPS_TD
#define SNNC_DIALECT_SNN_SNNOPS_TD

include "SNN/SNNTypes.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// An i64 attribute read as signed (I64Attr reads it zero-extended).
def SNN_I64Attr : TypedSignlessIntegerAttrBase<
    I64, "int64_t", "64-bit signless integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

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

def SNN_EmbedOp : SNN_Op<"embed", [Pure]> {
  let summary = "Embedding lookup as a spike source";
  let description = [{
    A source population for token ids: `output[i..., :]` carries the codes
    `table[indices[i...], :]` of the `[vocab, dim]` i32 `table` (the rows
    quantized at compile time with the output's scale). Ids are signless
    integers read as signed; a negative id counts from the end, as in ONNX
    `Gather`, and an id outside `[−vocab, vocab)` is a run-time error. The
    neurons emit like `snn.encode`: a unary code `c` spikes on steps
    `0..|c|−1`. Every table value must fit the result's code range.

    ```mlir
    %e = snn.embed %ids {table = dense<[[1, -2], [3, 0], [0, 8]]> : tensor<3x2xi32>}
        : tensor<1x4xi64> -> !snn.spikes<1x4x2, unary, T = 8>
    ```
  }];
  let arguments = (ins StaticShapeTensorOf<[AnySignlessInteger]>:$indices,
                       AnyIntElementsAttr:$table);
  let results = (outs SNN_SpikesType:$output);
  let assemblyFormat = [{
    $indices attr-dict `:` qualified(type($indices)) `->`
    qualified(type($output))
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Views: re-indexing of spike trains
//===----------------------------------------------------------------------===//

// A view holds no state and adds no delay: each step's spikes are renamed, so
// counts, encoding and T carry over unchanged.
class SNN_ViewOp<string mnemonic> : SNN_Op<mnemonic, [Pure]> {
  let results = (outs SNN_SpikesType:$output);
  let hasVerifier = 1;
}

def SNN_ReshapeOp : SNN_ViewOp<"reshape"> {
  let summary = "Views a spike train in another shape";
  let description = [{
    Neuron `i` of the result, in row-major order, is neuron `i` of the input.
    The element count, encoding and `T` are unchanged.

    ```mlir
    %r = snn.reshape %s : !snn.spikes<2x8, unary, T = 8> -> !snn.spikes<2x2x4, unary, T = 8>
    ```
  }];
  let arguments = (ins SNN_SpikesType:$input);
  let assemblyFormat = [{
    $input attr-dict `:` qualified(type($input)) `->` qualified(type($output))
  }];
}

def SNN_TransposeOp : SNN_ViewOp<"transpose"> {
  let summary = "Permutes the dimensions of a spike train";
  let description = [{
    Result dimension `k` is input dimension `perm[k]`, so
    `output.shape[k] = input.shape[perm[k]]` (ONNX `Transpose`).
    Encoding and `T` are unchanged.

    ```mlir
    %t = snn.transpose %k, [0, 2, 1] : !snn.spikes<2x5x8, unary, T = 8> -> !snn.spikes<2x8x5, unary, T = 8>
    ```
  }];
  let arguments = (ins SNN_SpikesType:$input, DenseI64ArrayAttr:$perm);
  let assemblyFormat = [{
    $input `,` $perm attr-dict `:` qualified(type($input)) `->`
    qualified(type($output))
  }];
}

def SNN_BroadcastOp : SNN_ViewOp<"broadcast"> {
  let summary = "Fans a spike train out to a larger shape";
  let description = [{
    NumPy broadcasting: the input's dimensions align with the result's
    trailing ones, and each is either equal to its result dimension or 1 (its
    neurons then feed every index of that dimension). Encoding and `T` are
    unchanged.

    ```mlir
    %b = snn.broadcast %s : !snn.spikes<1x8, unary, T = 8> -> !snn.spikes<2x4x8, unary, T = 8>
    ```
  }];
  let arguments = (ins SNN_SpikesType:$input);
  let assemblyFormat = [{
    $input attr-dict `:` qualified(type($input)) `->` qualified(type($output))
  }];
}

def SNN_SliceOp : SNN_ViewOp<"slice"> {
  let summary = "Selects a strided box of a spike train";
  let description = [{
    `output[i0, i1, ...] = input[starts[0] + i0·steps[0], ...]`: one start
    and one non-zero step per dimension, the counts given by the result shape
    (`xf.slice`; the parts of `xf.split`). Every neuron read lies inside the
    input. Encoding and `T` are unchanged.

    ```mlir
    %q = snn.slice %s {starts = array<i64: 0, 8>, steps = array<i64: 1, 1>}
        : !snn.spikes<2x24, unary, T = 8> -> !snn.spikes<2x8, unary, T = 8>
    ```
  }];
  let arguments = (ins SNN_SpikesType:$input, DenseI64ArrayAttr:$starts,
                       DenseI64ArrayAttr:$steps);
  let assemblyFormat = [{
    $input attr-dict `:` qualified(type($input)) `->` qualified(type($output))
  }];
}

def SNN_ConcatOp : SNN_ViewOp<"concat"> {
  let summary = "Joins spike trains along one dimension";
  let description = [{
    The inputs' neurons side by side along `axis` (in `[0, rank)`), in operand
    order; the other dimensions, the encodings and `T` agree.

    ```mlir
    %c = snn.concat %a, %b {axis = 1 : i64}
        : (!snn.spikes<2x4, unary, T = 8>, !snn.spikes<2x4, unary, T = 8>)
          -> !snn.spikes<2x8, unary, T = 8>
    ```
  }];
  let arguments = (ins Variadic<SNN_SpikesType>:$inputs, I64Attr:$axis);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, $output)
  }];
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
    kept. The accumulator is int64: `in·max|W|·|c| + max|b|` must fit, with
    `|c|` the input's largest code (2^31 − 1 for graded trains).

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

def SNN_RelayOp : SNN_Op<"relay", [Pure]> {
  let summary = "One-to-one connection of a spike train into a current";
  let description = [{
    Each neuron's spikes are its own current: `Δa_t = s_t`, or `−s_t` with
    `negate` (Horner-accumulated for bitplane inputs, as in `snn.synapse`),
    so the current sums to `c` (or `−c`). A population integrating the relays
    of several trains, each with its multiplier, is a residual add or
    subtraction; one relay and a multiplier rescale a train.

    ```mlir
    %c = snn.relay %s {negate} : !snn.spikes<2x8, unary, T = 8> -> !snn.current<2x8>
    ```
  }];
  let arguments = (ins SNN_SpikesType:$input, UnitAttr:$negate);
  let results = (outs SNN_CurrentType:$output);
  let assemblyFormat = [{
    $input attr-dict `:` qualified(type($input)) `->` qualified(type($output))
  }];
  let hasVerifier = 1;
}

def SNN_BiasOp : SNN_Op<"bias", [Pure]> {
  let summary = "A constant current";
  let description = [{
    Injects `value` (i32 or i64, in the accumulator units of the population
    it feeds) at step 0 and nothing afterwards, so it sums to `value`. A
    population integrating a relay and a bias adds a constant to a train.

    ```mlir
    %c = snn.bias {value = dense<[3, -4]> : tensor<2xi32>} : !snn.current<2>
    ```
  }];
  let arguments = (ins AnyIntElementsAttr:$value);
  let results = (outs SNN_CurrentType:$output);
  let assemblyFormat = "attr-dict `:` qualified(type($output))";
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
    exactly, whatever the spike timing. The accumulator is int64: the
    verifier requires `k·|A|·|B|` to fit, with `|A|`, `|B|` the operands'
    largest codes (2^31 − 1 for graded trains).

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
    A stateful functional unit whose integer meaning is
    `F(c) = table[clamp(c − input_min, 0, N − 1)]` (codes outside the table
    saturate to its ends). `kind` names the tabulated function for reports
    and target legalization; the table alone defines the semantics.

    Spiking form: the unit keeps each element's input count `C(t)` and feeds
    the difference `F(C(t)) − F(C(t−1))` (the first step against 0) into an
    ST-BIF of threshold 2, whose count follows `F(C(t))` (one spike per step
    for a unary result, the whole difference as one graded event), so at
    quiescence the output count is `F` of the final code. Bitplane inputs
    are consumed as a barrier (the lookup waits for all digits).

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

def SNN_SoftmaxOp : SNN_Op<"softmax", [Pure]> {
  let summary = "Integer softmax along the last dimension (ISOFTMAX)";
  let description = [{
    A stateful functional unit. On the codes `c` of each row (the last
    dimension, length `n`) its integer meaning is ISOFTMAX: with `m` the
    largest unmasked code and `N` table entries,

    ```
    e_j = exp_table[clamp(c_j − m + N − 1, 0, N − 1)]
    z   = Σ_j e_j                                   (unmasked j)
    p_j = min(div_round(e_j · levels, z), max)      (masked j: 0)
    ```

    where the last table entry is `exp(0)` (lower differences saturate to
    entry 0) and `max` is the result's largest code (none for graded
    results). The output's scale is `1/levels`. With `causal_offset = k`,
    entry `j` of row `i` of every trailing `[q, n]` plane is masked when
    `j > i + k` (`xf.causal_mask`); a fully masked row is 0.

    Spiking form: the unit keeps the input counts, recomputes ISOFTMAX of
    every row whose counts changed and feeds the difference from its previous
    value into an ST-BIF of threshold 2 (as `snn.lut`), so at quiescence the
    output counts are ISOFTMAX of the final codes.

    Table entries are in `[0, 2^31)` and the last is positive (so `z > 0`);
    `levels ≥ 1`; `n·max(exp_table)` and `max(exp_table)·levels` must fit
    int64. Input and result may differ in encoding and `T`.

    ```mlir
    %p = snn.softmax %s {exp_table = dense<[0, 1, 3, 8]> : tensor<4xi32>,
                         levels = 8 : i64, causal_offset = 0 : i64}
        : !snn.spikes<4x4, unary, T = 2> -> !snn.spikes<4x4, unary, T = 8>
    ```
  }];
  let arguments = (ins SNN_SpikesType:$input, AnyIntElementsAttr:$exp_table,
                       SNN_I64Attr:$levels,
                       OptionalAttr<SNN_I64Attr>:$causal_offset);
  let results = (outs SNN_SpikesType:$output);
  let assemblyFormat = [{
    $input attr-dict `:` qualified(type($input)) `->` qualified(type($output))
  }];
  let hasVerifier = 1;
}

def SNN_NormOp : SNN_Op<"norm", [Pure]> {
  let summary = "Integer layer or RMS normalization along the last dimension";
  let description = [{
    A stateful functional unit. On the codes `c` of each row (the last
    dimension, length `n`) its integer meaning is INORM:

    ```
    S1 = Σ c_j,  S2 = Σ c_j²
    layer: d_j = n·c_j − S1,  V = n·S2 − S1²      (n² · variance)
    rms:   d_j = n·c_j,       V = n·S2            (n² · mean square)
    r   = max(1, isqrt(V · 4^frac_bits + epsilon))
    y_j = clamp(div_round(d_j · gain_j · 2^frac_bits + bias_j · r,
                          r · 2^gain_shift), min, max)
    ```

    with `[min, max]` the result's code range (int32 for graded results).
    For input scale `s_x`, output scale `s_y`, weight `w` and bias `b`:
    `epsilon = round(n²·eps/s_x² · 4^frac_bits)`,
    `gain_j = round(w_j/s_y · 2^gain_shift)`,
    `bias_j = round(b_j/s_y · 2^gain_shift)`, so `y ≈ (x − mean)/√(var + eps)
    · w + b` in output codes.

    Spiking form: as `snn.softmax`, the difference of INORM of the running
    counts drives an ST-BIF of threshold 2.

    `gain` and `bias` are i64 of shape `[n]`; `epsilon ≥ 0`,
    `frac_bits ∈ [0, 31]`, `gain_shift ∈ [0, 62]`, and every intermediate
    must fit int64 for inputs in the input's code range (2^31 − 1 for graded
    trains). Input and result may differ in encoding and `T`.

    ```mlir
    %y = snn.norm <layer> %x {gain = dense<256> : tensor<4xi64>,
                              bias = dense<0> : tensor<4xi64>, epsilon = 1 : i64,
                              frac_bits = 8 : i64, gain_shift = 8 : i64}
        : !snn.spikes<2x4, unary, T = 8> -> !snn.spikes<2x4, unary, T = 8>
    ```
  }];
  let arguments = (ins SNN_SpikesType:$input, SNN_NormKindAttr:$kind,
                       AnyIntElementsAttr:$gain, AnyIntElementsAttr:$bias,
                       SNN_I64Attr:$epsilon, SNN_I64Attr:$frac_bits,
                       SNN_I64Attr:$gain_shift);
  let results = (outs SNN_SpikesType:$output);
  let assemblyFormat = [{
    $kind $input attr-dict `:` qualified(type($input)) `->`
    qualified(type($output))
  }];
  let hasVerifier = 1;
}

#endif // SNNC_DIALECT_SNN_SNNOPS_TD

//===- XFOps.td - xf operations ----------------------------*- tablegen -*-===//

#ifndef SNNC_DIALECT_XF_XFOPS_TD
#define SNNC_DIALECT_XF_XFOPS_TD

include "XF/XFDialect.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// Every value of the graph has a static shape: the importer folds shape
// arithmetic for the given input shapes before anything else runs.
def XF_FloatTensor : StaticShapeTensorOf<[AnyFloat]>;
def XF_IndexTensor : StaticShapeTensorOf<[AnySignlessInteger]>;
// Integer arithmetic only appears on data-dependent index computations; the
// importer folds shape arithmetic on constants away.
def XF_NumericTensor : StaticShapeTensorOf<[AnyFloat, I8, I16, I32, I64]>;
def XF_BoolTensor : StaticShapeTensorOf<[I1]>;
def XF_AnyTensor : StaticShapeTensorOf<[AnyFloat, AnySignlessInteger, I1]>;

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def XF_ConstantOp : XF_Op<"constant",
    [ConstantLike, Pure, DeclareOpInterfaceMethods<InferTypeOpInterface>]> {
  let summary = "Constant tensor (weights, biases, tables, ids)";
  let description = [{
    A constant tensor. ONNX initializers and `Constant` nodes become
    `xf.constant`; large weights may use `dense_resource` so the module text
    stays small.

    ```mlir
    %w = xf.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs XF_AnyTensor:$output);
  let assemblyFormat = "$value attr-dict";
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

def XF_LinearOp : XF_Op<"linear", [Pure]> {
  let summary = "Fully connected layer: y = x·Wᵀ + b";
  let description = [{
    A linear layer in PyTorch's layout: `weight` is `[out_features,
    in_features]`, the input's last dimension is contracted with the weight's
    second, and the optional `bias` of shape `[out_features]` is added. Leading
    input dimensions (batch, sequence) are kept. Raised from ONNX `Gemm` (with
    its transposes folded into the weight) and from `MatMul` + `Add` on a
    constant weight.

    ```mlir
    %y = xf.linear %x, %w, %b
        : (tensor<1x8xf32>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<1x4xf32>
    ```
  }];
  let arguments = (ins XF_FloatTensor:$input, XF_FloatTensor:$weight,
                       Optional<XF_FloatTensor>:$bias);
  let results = (outs XF_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def XF_MatMulOp : XF_Op<"matmul", [Pure]> {
  let summary = "Matrix product with NumPy broadcasting (ONNX MatMul)";
  let description = [{
    The product of two tensors with `numpy.matmul` semantics: the last two
    dimensions are multiplied, leading (batch) dimensions broadcast. A rank-1
    operand is treated as a row (lhs) or column (rhs) vector and its dimension
    is removed from the result. In transformers this is QKᵀ and P·V, whose
    spiking form is the spike×spike product.
  }];
  let arguments = (ins XF_FloatTensor:$lhs, XF_FloatTensor:$rhs);
  let results = (outs XF_FloatTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

class XF_BinaryOp<string mnemonic, string formula, list<Trait> traits = []>
    : XF_Op<mnemonic, !listconcat(traits, [Pure])> {
  let summary = "Elementwise " # formula # " with NumPy broadcasting";
  let description = [{
    Elementwise binary operation; operand shapes broadcast as in NumPy (and
    ONNX's multidirectional broadcasting) to the result shape. Integer
    operands are computed in 64 bits (division truncates toward zero); they
    only remain in a graph when they depend on its inputs.
  }];
  let arguments = (ins XF_NumericTensor:$lhs, XF_NumericTensor:$rhs);
  let results = (outs XF_NumericTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def XF_AddOp : XF_BinaryOp<"add", "lhs + rhs", [Commutative]>;
def XF_SubOp : XF_BinaryOp<"sub", "lhs - rhs">;
def XF_MulOp : XF_BinaryOp<"mul", "lhs * rhs", [Commutative]>;
def XF_DivOp : XF_BinaryOp<"div", "lhs / rhs">;
def XF_MaximumOp : XF_BinaryOp<"maximum", "max(lhs, rhs)", [Commutative]>;
def XF_MinimumOp : XF_BinaryOp<"minimum", "min(lhs, rhs)", [Commutative]>;

def XF_PowOp : XF_Op<"pow", [Pure]> {
  let summary = "Elementwise lhs ^ rhs with NumPy broadcasting";
  let description = [{
    `lhs` raised to the power `rhs`, as ONNX `Pow`: the exponent may have
    another element type than the base, and the result has the base's.
    LayerNorm and RMSNorm exports square with `Pow(x, 2)`, the tanh GELU
    cubes with `Pow(x, 3)`.
  }];
  let arguments = (ins XF_NumericTensor:$lhs, XF_NumericTensor:$rhs);
  let results = (outs XF_NumericTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

class XF_CompareOp<string mnemonic, string formula, list<Trait> traits = []>
    : XF_Op<mnemonic, !listconcat(traits, [Pure])> {
  let summary = "Elementwise " # formula # " with NumPy broadcasting";
  let description = [{
    Compares broadcast operands of one element type; the result is `i1`.
    Exporters build attention masks from comparisons; on constants they fold
    at import.
  }];
  let arguments = (ins XF_AnyTensor:$lhs, XF_AnyTensor:$rhs);
  let results = (outs XF_BoolTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def XF_EqualOp : XF_CompareOp<"equal", "lhs == rhs", [Commutative]>;
def XF_LessOp : XF_CompareOp<"less", "lhs < rhs">;
def XF_LessEqualOp : XF_CompareOp<"less_equal", "lhs <= rhs">;

def XF_WhereOp : XF_Op<"where", [Pure]> {
  let summary = "Elementwise select with NumPy broadcasting";
  let description = [{
    `condition ? on_true : on_false`, the three operands broadcast to the
    result shape (ONNX `Where`); how exporters apply boolean attention masks.

    ```mlir
    %y = xf.where %mask, %scores, %neg_inf
        : (tensor<4x4xi1>, tensor<1x2x4x4xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
    ```
  }];
  let arguments = (ins XF_BoolTensor:$condition, XF_AnyTensor:$on_true,
                       XF_AnyTensor:$on_false);
  let results = (outs XF_AnyTensor:$output);
  let assemblyFormat = [{
    $condition `,` $on_true `,` $on_false attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def XF_CastOp : XF_Op<"cast", [Pure]> {
  let summary = "Converts the element type";
  let description = [{
    Converts each element to the result's element type, as ONNX `Cast`:
    floats to integers truncate toward zero, anything to `i1` tests for
    non-zero, `i1` becomes 0 or 1.
  }];
  let arguments = (ins XF_AnyTensor:$input);
  let results = (outs XF_AnyTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

class XF_UnaryOp<string mnemonic, string formula, list<Trait> traits = [],
                 Type tensor = XF_FloatTensor>
    : XF_Op<mnemonic, !listconcat(traits, [Pure, SameOperandsAndResultType])> {
  let summary = "Elementwise " # formula;
  let arguments = (ins tensor:$input);
  let results = (outs tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def XF_ReluOp : XF_UnaryOp<"relu", "max(x, 0)"> {
  let description = [{ Rectified linear unit. In the spiking form it is the
    ST-BIF neuron with a lower count bound of zero, so it costs nothing. }];
}
def XF_SigmoidOp : XF_UnaryOp<"sigmoid", "1 / (1 + exp(-x))"> {
  let description = [{ Logistic function. }];
}
def XF_TanhOp : XF_UnaryOp<"tanh", "tanh(x)"> {
  let description = [{ Hyperbolic tangent. }];
}
def XF_SiluOp : XF_UnaryOp<"silu", "x * sigmoid(x)"> {
  let description = [{ SiLU (swish), raised from `x * Sigmoid(x)`; the
    activation of LLaMA-style SwiGLU feed-forward blocks. }];
}
def XF_GeluOp : XF_UnaryOp<"gelu", "GELU"> {
  let description = [{
    Gaussian error linear unit. `approximate = none` is the exact form
    `x/2 · (1 + erf(x/√2))`; `tanh` is
    `x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³)))`, as PyTorch defines them.

    ```mlir
    %y = xf.gelu %x {approximate = #xf.gelu_approximation<tanh>} : tensor<4xf32>
    ```
  }];
  let arguments = (ins XF_FloatTensor:$input,
      DefaultValuedAttr<XF_GeluApproximationAttr,
                        "::snnc::xf::GeluApproximation::None">:$approximate);
}

def XF_SqrtOp : XF_UnaryOp<"sqrt", "sqrt(x)"> {
  let description = [{ Square root (NaN for negative inputs). }];
}
def XF_ReciprocalOp : XF_UnaryOp<"reciprocal", "1 / x"> {
  let description = [{ Reciprocal; `torch.rsqrt` exports as `Sqrt` and
    `Reciprocal`. }];
}
def XF_ExpOp : XF_UnaryOp<"exp", "exp(x)"> {
  let description = [{ Natural exponential. }];
}
def XF_ErfOp : XF_UnaryOp<"erf", "erf(x)"> {
  let description = [{ Gauss error function, the core of the exact GELU
    export `x/2 · (1 + erf(x/√2))`. }];
}
def XF_NegOp : XF_UnaryOp<"neg", "-x", [], XF_NumericTensor> {
  let description = [{ Negation. }];
}
def XF_AbsOp : XF_UnaryOp<"abs", "|x|", [], XF_NumericTensor> {
  let description = [{ Absolute value. }];
}
def XF_NotOp : XF_UnaryOp<"not", "logical not", [], XF_BoolTensor> {
  let description = [{ Logical negation of an `i1` tensor. }];
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class XF_ReduceOp<string mnemonic, string formula>
    : XF_Op<mnemonic, [Pure]> {
  let summary = "Reduces dimensions by " # formula;
  let description = [{
    Reduces the dimensions listed in `axes` (sorted, distinct, in
    `[0, rank)`), keeping them with size 1 when `keepdims` is set, as the
    ONNX reductions do. Float sums accumulate in double precision.

    ```mlir
    %m = xf.reduce_mean %x {axes = array<i64: 2>}
        : (tensor<1x8x32xf32>) -> tensor<1x8x1xf32>
    ```
  }];
  let arguments = (ins XF_NumericTensor:$input, DenseI64ArrayAttr:$axes,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims);
  let results = (outs XF_NumericTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def XF_ReduceSumOp : XF_ReduceOp<"reduce_sum", "summing">;
def XF_ReduceMeanOp : XF_ReduceOp<"reduce_mean", "averaging">;
def XF_ReduceMaxOp : XF_ReduceOp<"reduce_max", "taking the maximum">;
def XF_ReduceMinOp : XF_ReduceOp<"reduce_min", "taking the minimum">;

//===----------------------------------------------------------------------===//
// Transformer operators
//===----------------------------------------------------------------------===//

def XF_SoftmaxOp : XF_Op<"softmax", [Pure, SameOperandsAndResultType]> {
  let summary = "Softmax along one axis";
  let description = [{
    `exp(x - max) / sum(exp(x - max))` along `axis` (negative values count from
    the end, as in ONNX opset 13+).
  }];
  let arguments = (ins XF_FloatTensor:$input,
                       DefaultValuedAttr<SI64Attr, "-1">:$axis);
  let results = (outs XF_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def XF_LayerNormOp : XF_Op<"layer_norm", [Pure, AttrSizedOperandSegments]> {
  let summary = "Layer normalization over the trailing dimensions";
  let description = [{
    Normalizes over dimensions `[axis, rank)`:
    `(x - mean) / sqrt(var + epsilon) * scale + bias` with the biased
    variance. `scale` and `bias` are optional (a LayerNorm without affine
    parameters) and have the normalized shape. Raised from the opset ≤ 16
    ReduceMean/Sub/Pow/Sqrt/Div decomposition and from opset 17
    `LayerNormalization`.
  }];
  let arguments = (ins XF_FloatTensor:$input,
                       Optional<XF_FloatTensor>:$scale,
                       Optional<XF_FloatTensor>:$bias,
                       DefaultValuedAttr<SI64Attr, "-1">:$axis,
                       F64Attr:$epsilon);
  let results = (outs XF_FloatTensor:$output);
  let assemblyFormat = [{
    $input (`scale` $scale^)? (`bias` $bias^)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def XF_RMSNormOp : XF_Op<"rms_norm", [Pure]> {
  let summary = "Root-mean-square normalization over the trailing dimensions";
  let description = [{
    `x / sqrt(mean(x²) + epsilon) * scale` over dimensions `[axis, rank)`
    (LLaMA-style RMSNorm); `scale` is optional and has the normalized shape.
  }];
  let arguments = (ins XF_FloatTensor:$input,
                       Optional<XF_FloatTensor>:$scale,
                       DefaultValuedAttr<SI64Attr, "-1">:$axis,
                       F64Attr:$epsilon);
  let results = (outs XF_FloatTensor:$output);
  let assemblyFormat = [{
    $input (`scale` $scale^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def XF_CausalMaskOp : XF_Op<"causal_mask", [Pure, SameOperandsAndResultType]> {
  let summary = "Masks attention scores above the (shifted) diagonal";
  let description = [{
    Over the last two dimensions `[..., i, j]`, keeps the scores with
    `j <= i + offset` and replaces the others with negative infinity, so a
    following softmax gives them zero weight. Raised from `Trilu`/`Where`
    masks and additive `-inf` or large negative constants.
  }];
  let arguments = (ins XF_FloatTensor:$input,
                       DefaultValuedAttr<SI64Attr, "0">:$offset);
  let results = (outs XF_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def XF_EmbeddingOp : XF_Op<"embedding", [Pure]> {
  let summary = "Row lookup in an embedding table";
  let description = [{
    `output[i..., :] = table[indices[i...], :]` for a `[vocab, dim]` table,
    raised from ONNX `Gather` on axis 0 of a constant table. Negative indices
    count from the end, as in ONNX.
  }];
  let arguments = (ins XF_IndexTensor:$indices, XF_FloatTensor:$table);
  let results = (outs XF_FloatTensor:$output);
  let assemblyFormat = [{
    $indices `,` $table attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def XF_ReshapeOp : XF_Op<"reshape", [Pure]> {
  let summary = "Reshape to a static shape with the same element count";
  let description = [{
    Reinterprets the row-major elements with the result's shape. ONNX
    `Reshape`, `Flatten`, `Squeeze` and `Unsqueeze` all become this op once
    the importer has resolved their shapes.
  }];
  let arguments = (ins XF_AnyTensor:$input);
  let results = (outs XF_AnyTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def XF_TransposeOp : XF_Op<"transpose", [Pure]> {
  let summary = "Permutes dimensions";
  let description = [{
    `output.shape[i] = input.shape[perm[i]]`, as ONNX `Transpose`.
  }];
  let arguments = (ins XF_AnyTensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs XF_AnyTensor:$output);
  let assemblyFormat = [{
    $input `,` $perm attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def XF_GatherOp : XF_Op<"gather", [Pure]> {
  let summary = "Selects slices along one axis by index (ONNX Gather)";
  let description = [{
    `output[p..., i..., q...] = input[p..., indices[i...], q...]` where `p`
    spans the dimensions before `axis` and `q` those after it, so the result
    shape is `input.shape[:axis] + indices.shape + input.shape[axis+1:]`.
    Negative indices count from the end of the axis. A lookup on axis 0 of a
    constant `[vocab, dim]` table is an embedding (`xf.embedding` once
    raised).
  }];
  let arguments = (ins XF_AnyTensor:$input, XF_IndexTensor:$indices,
                       SI64Attr:$axis);
  let results = (outs XF_AnyTensor:$output);
  let assemblyFormat = [{
    $input `,` $indices attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def XF_SliceOp : XF_Op<"slice", [Pure]> {
  let summary = "Strided slice with a static start and step per dimension";
  let description = [{
    `output[i0, i1, ...] = input[starts[0] + i0 * steps[0], ...]`: one start
    and one non-zero step per dimension, the counts given by the result
    shape. Every element read lies inside the input. ONNX `Slice` (whose
    clamped, possibly negative bounds the importer resolves) and `Split`
    parts become this op.

    ```mlir
    %y = xf.slice %x {starts = array<i64: 0, 2>, steps = array<i64: 1, 1>}
        : (tensor<4x8xf32>) -> tensor<4x3xf32>
    ```
  }];
  let arguments = (ins XF_AnyTensor:$input, DenseI64ArrayAttr:$starts,
                       DenseI64ArrayAttr:$steps);
  let results = (outs XF_AnyTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def XF_ConcatOp : XF_Op<"concat", [Pure]> {
  let summary = "Concatenates tensors along one axis";
  let description = [{
    Joins one or more tensors of equal rank and element type along `axis`
    (negative counts from the end); the other dimensions must agree.
  }];
  let arguments = (ins Variadic<XF_AnyTensor>:$inputs, SI64Attr:$axis);
  let results = (outs XF_AnyTensor:$output);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def XF_SplitOp : XF_Op<"split", [Pure]> {
  let summary = "Splits a tensor into consecutive parts along one axis";
  let description = [{
    The results are consecutive pieces of the input along `axis`, their
    sizes given by the result types, which cover the axis exactly (ONNX
    `Split`; the fused QKV projection of GPT-style blocks is split so).

    ```mlir
    %q, %k, %v = xf.split %qkv {axis = 2 : si64}
        : (tensor<1x8x96xf32>) -> (tensor<1x8x32xf32>, tensor<1x8x32xf32>,
                                   tensor<1x8x32xf32>)
    ```
  }];
  let arguments = (ins XF_AnyTensor:$input, SI64Attr:$axis);
  let results = (outs Variadic<XF_AnyTensor>:$outputs);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def XF_BroadcastToOp : XF_Op<"broadcast_to", [Pure]> {
  let summary = "Broadcasts to the result shape (ONNX Expand)";
  let description = [{
    Repeats size-1 dimensions (and prepends missing leading ones) to reach
    the result shape, as NumPy's `broadcast_to`. ONNX `Expand` becomes this
    op with the broadcast of the input and the requested shape.
  }];
  let arguments = (ins XF_AnyTensor:$input);
  let results = (outs XF_AnyTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def XF_TriluOp : XF_Op<"trilu", [Pure, SameOperandsAndResultType]> {
  let summary = "Keeps the upper or lower triangle of the last two dimensions";
  let description = [{
    Over the last two dimensions `[..., i, j]`, keeps the elements with
    `j - i >= diagonal` (`upper`) or `j - i <= diagonal` (lower) and zeroes
    the others, as ONNX `Trilu`. Causal masks are built with it; on
    constants it folds at import.
  }];
  let arguments = (ins XF_AnyTensor:$input, BoolAttr:$upper,
                       DefaultValuedAttr<SI64Attr, "0">:$diagonal);
  let results = (outs XF_AnyTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

#endif // SNNC_DIALECT_XF_XFOPS_TD

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
    ONNX's multidirectional broadcasting) to the result shape.
  }];
  let arguments = (ins XF_FloatTensor:$lhs, XF_FloatTensor:$rhs);
  let results = (outs XF_FloatTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def XF_AddOp : XF_BinaryOp<"add", "lhs + rhs", [Commutative]>;
def XF_SubOp : XF_BinaryOp<"sub", "lhs - rhs">;
def XF_MulOp : XF_BinaryOp<"mul", "lhs * rhs", [Commutative]>;
def XF_DivOp : XF_BinaryOp<"div", "lhs / rhs">;

class XF_UnaryOp<string mnemonic, string formula, list<Trait> traits = []>
    : XF_Op<mnemonic, !listconcat(traits, [Pure, SameOperandsAndResultType])> {
  let summary = "Elementwise " # formula;
  let arguments = (ins XF_FloatTensor:$input);
  let results = (outs XF_FloatTensor:$output);
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

#endif // SNNC_DIALECT_XF_XFOPS_TD

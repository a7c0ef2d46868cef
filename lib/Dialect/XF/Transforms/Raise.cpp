//===- Raise.cpp - raise decomposed patterns to named xf ops -------------===//
//
// Exporters decompose LayerNorm, RMSNorm, GELU, SiLU, linear layers and
// attention masks into elementwise and reduction chains; the spiking
// conversion maps the named ops, so these patterns put them back. Every
// pattern checks the constants (with a tolerance), the axes and that no
// full-size intermediate value is used outside the pattern.
//
//===----------------------------------------------------------------------===//

#include "snnc/Dialect/XF/Transforms/Passes.h"
#include "snnc/Support/ShapeUtils.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

namespace snnc {
#define GEN_PASS_DEF_XFRAISE
#include "snnc/Dialect/XF/Transforms/Passes.h.inc"
} // namespace snnc

using namespace mlir;
using namespace snnc;

namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Exporters print constants with 8 or 9 significant digits, sometimes
/// rounded to f32 after computing them in f64.
constexpr double kRelTolerance = 1e-4;
/// A mask value at most this large is "minus infinity" once softmax
/// exponentiates it: exp(-1e4) underflows to 0 in f32.
constexpr double kMaskThreshold = -1e4;

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

DenseFPElementsAttr getFloatConst(Value v) {
  DenseFPElementsAttr attr;
  if (!v || !matchPattern(v, m_Constant(&attr)))
    return {};
  return attr;
}

/// The value of a float constant whose elements are all equal.
std::optional<double> getUniformConst(Value v) {
  DenseFPElementsAttr attr = getFloatConst(v);
  if (!attr || attr.empty())
    return std::nullopt;
  if (attr.isSplat())
    return attr.getSplatValue<APFloat>().convertToDouble();
  auto values = attr.getValues<APFloat>();
  double first = (*values.begin()).convertToDouble();
  for (APFloat f : values)
    if (f.convertToDouble() != first)
      return std::nullopt;
  return first;
}

bool isNear(double value, double expected) {
  return std::abs(value - expected) <= kRelTolerance * std::abs(expected);
}

bool isConstNear(Value v, double expected) {
  std::optional<double> c = getUniformConst(v);
  return c && isNear(*c, expected);
}

/// The operand of the commutative `op` that is not `known`, if `known` is one
/// of its operands.
Value otherOperand(Operation *op, Value known) {
  if (op->getOperand(0) == known)
    return op->getOperand(1);
  if (op->getOperand(1) == known)
    return op->getOperand(0);
  return {};
}

/// For a binary op with a uniform constant operand near `expected`, the other
/// operand (either side when `commutative`).
Value operandBesideConst(Operation *op, double expected, bool commutative) {
  if (isConstNear(op->getOperand(1), expected))
    return op->getOperand(0);
  if (commutative && isConstNear(op->getOperand(0), expected))
    return op->getOperand(1);
  return {};
}

/// The defining op of `v` if it is an `OpTy` used only once.
template <typename OpTy> OpTy singleUseDef(Value v) {
  if (!v || !v.hasOneUse())
    return {};
  return v.getDefiningOp<OpTy>();
}

/// `attr` broadcast (NumPy rules, without growing its own rank beyond
/// `shape`'s after dropping leading 1s) to exactly `shape`; null otherwise.
DenseElementsAttr broadcastConst(DenseFPElementsAttr attr,
                                 ArrayRef<int64_t> shape) {
  ArrayRef<int64_t> from = attr.getType().getShape();
  while (from.size() > shape.size() && from.front() == 1)
    from = from.drop_front();
  if (from.size() > shape.size())
    return {};
  size_t lead = shape.size() - from.size();
  for (size_t i = 0; i < from.size(); ++i)
    if (from[i] != 1 && from[i] != shape[lead + i])
      return {};
  auto type = RankedTensorType::get(shape, attr.getElementType());
  if (attr.isSplat())
    return DenseElementsAttr::get(type, attr.getSplatValue<APFloat>());
  SmallVector<APFloat> src(attr.getValues<APFloat>());
  int64_t count = ShapedType::getNumElements(shape);
  SmallVector<APFloat> out;
  out.reserve(count);
  for (int64_t flat = 0; flat < count; ++flat) {
    // Walk the result index from the last dimension, mapping it into `from`.
    int64_t rest = flat, srcIndex = 0, srcStride = 1;
    for (size_t d = shape.size(); d-- > 0;) {
      int64_t i = rest % shape[d];
      rest /= shape[d];
      if (d < lead)
        continue;
      int64_t dim = from[d - lead];
      srcIndex += (dim == 1 ? 0 : i) * srcStride;
      srcStride *= dim;
    }
    out.push_back(src[srcIndex]);
  }
  return DenseElementsAttr::get(type, out);
}

IntegerAttr si64Attr(Builder &b, int64_t value) {
  return b.getIntegerAttr(b.getIntegerType(64, /*isSigned=*/true), value);
}

//===----------------------------------------------------------------------===//
// LayerNorm and RMSNorm
//===----------------------------------------------------------------------===//

/// The first axis of `axes` if they are exactly [axis, rank).
std::optional<int64_t> suffixAxis(ArrayRef<int64_t> axes, int64_t rank) {
  if (axes.empty() || axes.back() != rank - 1)
    return std::nullopt;
  for (size_t i = 0; i < axes.size(); ++i)
    if (axes[i] != rank - int64_t(axes.size()) + int64_t(i))
      return std::nullopt;
  return axes.front();
}

/// The base of `v` if it is `pow(base, 2)` or `base * base`.
Value squareBase(Value v) {
  if (auto pow = v.getDefiningOp<xf::PowOp>())
    return isConstNear(pow.getRhs(), 2.0) ? pow.getLhs() : Value();
  if (auto mul = v.getDefiningOp<xf::MulOp>())
    return mul.getLhs() == mul.getRhs() ? mul.getLhs() : Value();
  return {};
}

/// The first reduced axis of a keepdims mean over a suffix of `of`'s
/// dimensions.
std::optional<int64_t> suffixMeanAxis(xf::ReduceMeanOp mean, Value of) {
  if (!mean || mean.getInput() != of || !mean.getKeepdims())
    return std::nullopt;
  return suffixAxis(mean.getAxes(), shapeOf(of).size());
}

/// `d / sqrt(var + eps)` (also `d * reciprocal(sqrt(...))` and
/// `d * (1 / sqrt(...))`) rooted at `op`: an RMSNorm of `d` when `var =
/// mean(d²)`, a LayerNorm of `x` when moreover `d = x - mean(x)` or when
/// `var = mean(x²) - mean(x)²` (ONNX's function body of LayerNormalization).
/// Full-size intermediates must have no other use; the per-row statistics
/// (mean, variance, standard deviation) may, as LayerNormalization's `Mean`
/// and `InvStdDev` outputs use them, and recomputing them costs one value per
/// row.
template <typename OpTy> struct RaiseNorm : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Value d, sqrtValue;
    if constexpr (std::is_same_v<OpTy, xf::DivOp>) {
      d = op.getLhs();
      sqrtValue = op.getRhs();
    } else {
      for (auto [a, b] : {std::pair(op.getLhs(), op.getRhs()),
                          std::pair(op.getRhs(), op.getLhs())}) {
        if (auto r = b.template getDefiningOp<xf::ReciprocalOp>()) {
          std::tie(d, sqrtValue) = std::pair(a, r.getInput());
          break;
        }
        if (auto div = b.template getDefiningOp<xf::DivOp>();
            div && isConstNear(div.getLhs(), 1.0)) {
          std::tie(d, sqrtValue) = std::pair(a, div.getRhs());
          break;
        }
      }
    }
    auto sqrt = sqrtValue ? sqrtValue.getDefiningOp<xf::SqrtOp>() : nullptr;
    if (!sqrt || op.getType() != d.getType())
      return rewriter.notifyMatchFailure(op, "not x / sqrt(...)");
    auto add = sqrt.getInput().getDefiningOp<xf::AddOp>();
    if (!add)
      return rewriter.notifyMatchFailure(op, "no variance + epsilon");
    Value var;
    std::optional<double> eps;
    for (auto [v, e] : {std::pair(add.getLhs(), add.getRhs()),
                        std::pair(add.getRhs(), add.getLhs())})
      if ((eps = getUniformConst(e))) {
        var = v;
        break;
      }
    if (!eps || !(*eps > 0.0) || add.getType() != var.getType())
      return rewriter.notifyMatchFailure(op, "epsilon is not a constant > 0");

    Value input;
    std::optional<int64_t> axis;
    bool layerNorm = false;
    auto center = d.getDefiningOp<xf::SubOp>();
    auto centerMean =
        center ? center.getRhs().getDefiningOp<xf::ReduceMeanOp>() : nullptr;
    if (auto varMean = var.getDefiningOp<xf::ReduceMeanOp>()) {
      // mean(d²): the square only feeds the variance.
      Value sq = varMean.getInput();
      axis = suffixMeanAxis(varMean, sq);
      if (!axis || !sq.hasOneUse() || squareBase(sq) != d)
        return rewriter.notifyMatchFailure(op, "not the mean of d² on a "
                                               "suffix");
      input = d;
      Operation *square = sq.getDefiningOp();
      bool onlyHere = llvm::all_of(d.getUsers(), [&](Operation *user) {
        return user == square || user == op.getOperation();
      });
      if (centerMean && onlyHere &&
          suffixMeanAxis(centerMean, center.getLhs()) == axis &&
          centerMean.getAxes() == varMean.getAxes()) {
        input = center.getLhs();
        layerNorm = true;
      }
    } else if (auto diff = var.getDefiningOp<xf::SubOp>()) {
      // mean(x²) - mean(x)² with d = x - mean(x).
      auto sqMean = diff.getLhs().getDefiningOp<xf::ReduceMeanOp>();
      if (!center || !centerMean || !d.hasOneUse() || !sqMean ||
          !sqMean.getInput().hasOneUse() ||
          squareBase(sqMean.getInput()) != center.getLhs() ||
          squareBase(diff.getRhs()) != centerMean.getResult())
        return rewriter.notifyMatchFailure(op, "not mean(x²) - mean(x)²");
      input = center.getLhs();
      axis = suffixMeanAxis(centerMean, input);
      if (!axis || sqMean.getAxes() != centerMean.getAxes() ||
          suffixMeanAxis(sqMean, sqMean.getInput()) != axis)
        return rewriter.notifyMatchFailure(op, "means on different axes");
      layerNorm = true;
    } else {
      return rewriter.notifyMatchFailure(op, "no variance");
    }
    if (input.getType() != op.getType())
      return rewriter.notifyMatchFailure(op, "the normalization broadcasts");

    FloatAttr epsAttr = rewriter.getF64FloatAttr(*eps);
    if (layerNorm)
      rewriter.replaceOpWithNewOp<xf::LayerNormOp>(
          op, op.getType(), input, Value(), Value(), si64Attr(rewriter, *axis),
          epsAttr);
    else
      rewriter.replaceOpWithNewOp<xf::RMSNormOp>(
          op, op.getType(), input, Value(), si64Attr(rewriter, *axis), epsAttr);
    return success();
  }
};

/// The normalized shape of a norm op.
ArrayRef<int64_t> normalizedShape(Value input, int64_t axis) {
  ArrayRef<int64_t> shape = shapeOf(input);
  return shape.drop_front(*normalizeAxis(axis, shape.size()));
}

/// The affine parameter `binary` (a mul or add of `norm`'s single-use result)
/// applies, shaped like the normalized dimensions: a constant broadcast to
/// them, or a value of that shape behind leading 1s (reshaped).
template <typename NormOp>
Value affineParam(Operation *binary, NormOp norm, PatternRewriter &rewriter) {
  if (!norm || !norm->hasOneUse() ||
      binary->getResult(0).getType() != norm.getType())
    return {};
  Value other = otherOperand(binary, norm.getResult());
  ArrayRef<int64_t> normalized =
      normalizedShape(norm.getInput(), norm.getAxis());
  Location loc = binary->getLoc();
  if (DenseFPElementsAttr c = getFloatConst(other)) {
    DenseElementsAttr param = broadcastConst(c, normalized);
    return param ? rewriter.create<xf::ConstantOp>(loc, param) : Value();
  }
  ArrayRef<int64_t> shape = shapeOf(other);
  while (shape.size() > normalized.size() && shape.front() == 1)
    shape = shape.drop_front();
  if (shape != normalized)
    return {};
  // Reshapes keep the element order: reuse a value already of that shape.
  for (Value v = other; v;) {
    if (shapeOf(v) == normalized)
      return v;
    auto reshape = v.getDefiningOp<xf::ReshapeOp>();
    v = reshape ? reshape.getInput() : Value();
  }
  auto type = RankedTensorType::get(
      normalized, cast<ShapedType>(other.getType()).getElementType());
  return rewriter.create<xf::ReshapeOp>(loc, type, other);
}

/// `norm * g` becomes the norm's scale.
struct FoldNormScale : OpRewritePattern<xf::MulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(xf::MulOp op,
                                PatternRewriter &rewriter) const override {
    for (Value operand : op.getOperands()) {
      if (auto ln = operand.getDefiningOp<xf::LayerNormOp>();
          ln && !ln.getScale() && !ln.getBias()) {
        if (Value scale = affineParam(op, ln, rewriter)) {
          rewriter.replaceOpWithNewOp<xf::LayerNormOp>(
              op, op.getType(), ln.getInput(), scale, Value(), ln.getAxisAttr(),
              ln.getEpsilonAttr());
          return success();
        }
      }
      if (auto rms = operand.getDefiningOp<xf::RMSNormOp>();
          rms && !rms.getScale()) {
        if (Value scale = affineParam(op, rms, rewriter)) {
          rewriter.replaceOpWithNewOp<xf::RMSNormOp>(
              op, op.getType(), rms.getInput(), scale, rms.getAxisAttr(),
              rms.getEpsilonAttr());
          return success();
        }
      }
    }
    return rewriter.notifyMatchFailure(op, "not a norm times its scale");
  }
};

/// `layer_norm + b` becomes the norm's bias.
struct FoldNormBias : OpRewritePattern<xf::AddOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(xf::AddOp op,
                                PatternRewriter &rewriter) const override {
    for (Value operand : op.getOperands()) {
      auto ln = operand.getDefiningOp<xf::LayerNormOp>();
      if (!ln || ln.getBias())
        continue;
      if (Value bias = affineParam(op, ln, rewriter)) {
        rewriter.replaceOpWithNewOp<xf::LayerNormOp>(
            op, op.getType(), ln.getInput(), ln.getScale(), bias,
            ln.getAxisAttr(), ln.getEpsilonAttr());
        return success();
      }
    }
    return rewriter.notifyMatchFailure(op, "not a layer norm plus its bias");
  }
};

//===----------------------------------------------------------------------===//
// GELU and SiLU
//===----------------------------------------------------------------------===//

/// `x / √2` or `x · (1/√2)`, used only by the erf.
bool isErfArgument(Value arg, Value x) {
  if (auto div = singleUseDef<xf::DivOp>(arg))
    return div.getLhs() == x && isConstNear(div.getRhs(), std::sqrt(2.0));
  if (auto mul = singleUseDef<xf::MulOp>(arg))
    return operandBesideConst(mul, 1.0 / std::sqrt(2.0), true) == x;
  return false;
}

/// `x³` as `pow(x, 3)` or a product of `x` and `x * x`.
bool isCube(Value v, Value x) {
  if (auto pow = singleUseDef<xf::PowOp>(v))
    return pow.getLhs() == x && isConstNear(pow.getRhs(), 3.0);
  auto mul = singleUseDef<xf::MulOp>(v);
  if (!mul)
    return false;
  Value square = otherOperand(mul, x);
  auto sq = singleUseDef<xf::MulOp>(square);
  return sq && sq.getLhs() == x && sq.getRhs() == x;
}

/// `√(2/π) · (x + 0.044715 · x³)`, used only by the tanh.
bool isTanhArgument(Value arg, Value x) {
  auto outer = singleUseDef<xf::MulOp>(arg);
  if (!outer)
    return false;
  auto sum = singleUseDef<xf::AddOp>(
      operandBesideConst(outer, std::sqrt(2.0 / llvm::numbers::pi), true));
  if (!sum)
    return false;
  auto term = singleUseDef<xf::MulOp>(otherOperand(sum, x));
  return term && isCube(operandBesideConst(term, 0.044715, true), x);
}

/// `1 + erf(x/√2)` or `1 + tanh(...)`: the GELU approximation it stands for.
std::optional<xf::GeluApproximation> geluBracket(Value v, Value x) {
  auto add = singleUseDef<xf::AddOp>(v);
  if (!add)
    return std::nullopt;
  Value core = operandBesideConst(add, 1.0, true);
  if (auto erf = singleUseDef<xf::ErfOp>(core);
      erf && isErfArgument(erf.getInput(), x))
    return xf::GeluApproximation::None;
  if (auto tanh = singleUseDef<xf::TanhOp>(core);
      tanh && isTanhArgument(tanh.getInput(), x))
    return xf::GeluApproximation::Tanh;
  return std::nullopt;
}

/// `0.5 · x · (1 + erf(x/√2))` and the tanh form, the three factors in any
/// association, rooted at the outer product.
struct RaiseGelu : OpRewritePattern<xf::MulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(xf::MulOp op,
                                PatternRewriter &rewriter) const override {
    // The three factors: one operand is itself a single-use product.
    SmallVector<std::array<Value, 3>> groupings;
    for (auto [inner, other] : {std::pair(op.getLhs(), op.getRhs()),
                                std::pair(op.getRhs(), op.getLhs())})
      if (auto mul = singleUseDef<xf::MulOp>(inner))
        groupings.push_back({mul.getLhs(), mul.getRhs(), other});
    for (std::array<Value, 3> factors : groupings) {
      for (int half = 0; half < 3; ++half) {
        if (!isConstNear(factors[half], 0.5))
          continue;
        for (int x = 0; x < 3; ++x) {
          if (x == half)
            continue;
          Value input = factors[x], bracket = factors[3 - half - x];
          std::optional<xf::GeluApproximation> approx =
              geluBracket(bracket, input);
          if (!approx || input.getType() != op.getType())
            continue;
          rewriter.replaceOpWithNewOp<xf::GeluOp>(
              op, op.getType(), input,
              xf::GeluApproximationAttr::get(getContext(), *approx));
          return success();
        }
      }
    }
    return rewriter.notifyMatchFailure(op, "not a GELU product");
  }
};

/// `x * sigmoid(x)`.
struct RaiseSilu : OpRewritePattern<xf::MulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(xf::MulOp op,
                                PatternRewriter &rewriter) const override {
    for (auto [x, s] : {std::pair(op.getLhs(), op.getRhs()),
                        std::pair(op.getRhs(), op.getLhs())}) {
      auto sigmoid = singleUseDef<xf::SigmoidOp>(s);
      if (sigmoid && sigmoid.getInput() == x && x.getType() == op.getType()) {
        rewriter.replaceOpWithNewOp<xf::SiluOp>(op, op.getType(), x);
        return success();
      }
    }
    return rewriter.notifyMatchFailure(op, "not x * sigmoid(x)");
  }
};

/// `e / reduce_sum(e)` along one axis with `e = exp(x - reduce_max(x))` or
/// `exp(x)`: the softmax of `x` (which subtracts the maximum either way).
struct RaiseSoftmax : OpRewritePattern<xf::DivOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(xf::DivOp op,
                                PatternRewriter &rewriter) const override {
    Value e = op.getLhs();
    auto exp = e.getDefiningOp<xf::ExpOp>();
    auto sum = op.getRhs().getDefiningOp<xf::ReduceSumOp>();
    if (!exp || !sum || sum.getInput() != e || !sum.getKeepdims() ||
        sum.getAxes().size() != 1 || !sum->hasOneUse() ||
        !llvm::all_of(e.getUsers(), [&](Operation *user) {
          return user == op.getOperation() || user == sum.getOperation();
        }))
      return rewriter.notifyMatchFailure(op, "not exp(x) / sum(exp(x))");
    int64_t axis = sum.getAxes().front();
    Value x = exp.getInput();
    if (auto shifted = singleUseDef<xf::SubOp>(x)) {
      auto max = shifted.getRhs().getDefiningOp<xf::ReduceMaxOp>();
      if (max && max.getInput() == shifted.getLhs() && max.getKeepdims() &&
          max.getAxes() == sum.getAxes())
        x = shifted.getLhs();
    }
    if (x.getType() != op.getType())
      return rewriter.notifyMatchFailure(op, "the division broadcasts");
    rewriter.replaceOpWithNewOp<xf::SoftmaxOp>(op, op.getType(), x,
                                               si64Attr(rewriter, axis));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Linear layers and embeddings
//===----------------------------------------------------------------------===//

/// `matmul(x, W)` with a constant `[K, N]` weight → `linear(x, Wᵀ)`.
struct RaiseLinear : OpRewritePattern<xf::MatMulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(xf::MatMulOp op,
                                PatternRewriter &rewriter) const override {
    DenseFPElementsAttr w = getFloatConst(op.getRhs());
    if (!w || w.getType().getRank() != 2)
      return rewriter.notifyMatchFailure(op, "weight is not a 2-D constant");
    int64_t k = w.getType().getDimSize(0), n = w.getType().getDimSize(1);
    auto type = RankedTensorType::get({n, k}, w.getElementType());
    DenseElementsAttr transposed;
    if (w.isSplat()) {
      transposed = DenseElementsAttr::get(type, w.getSplatValue<APFloat>());
    } else {
      SmallVector<APFloat> src(w.getValues<APFloat>()), dst;
      dst.reserve(src.size());
      for (int64_t o = 0; o < n; ++o)
        for (int64_t i = 0; i < k; ++i)
          dst.push_back(src[i * n + o]);
      transposed = DenseElementsAttr::get(type, dst);
    }
    Value weight = rewriter.create<xf::ConstantOp>(op.getLoc(), transposed);
    rewriter.replaceOpWithNewOp<xf::LinearOp>(op, op.getType(), op.getLhs(),
                                              weight, Value());
    return success();
  }
};

/// `linear(x, W) + b` with a constant `b` broadcasting to `[N]`.
struct FoldLinearBias : OpRewritePattern<xf::AddOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(xf::AddOp op,
                                PatternRewriter &rewriter) const override {
    for (Value operand : op.getOperands()) {
      auto linear = operand.getDefiningOp<xf::LinearOp>();
      if (!linear || linear.getBias() || !linear->hasOneUse() ||
          linear.getType() != op.getType())
        continue;
      DenseFPElementsAttr c = getFloatConst(otherOperand(op, operand));
      if (!c)
        continue;
      DenseElementsAttr bias =
          broadcastConst(c, shapeOf(linear.getWeight()).take_front());
      if (!bias)
        continue;
      Value b = rewriter.create<xf::ConstantOp>(op.getLoc(), bias);
      rewriter.replaceOpWithNewOp<xf::LinearOp>(
          op, op.getType(), linear.getInput(), linear.getWeight(), b);
      return success();
    }
    return rewriter.notifyMatchFailure(op, "not a linear plus a constant");
  }
};

/// `gather(table, ids)` on axis 0 of a constant `[vocab, dim]` float table.
struct RaiseEmbedding : OpRewritePattern<xf::GatherOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(xf::GatherOp op,
                                PatternRewriter &rewriter) const override {
    DenseFPElementsAttr table = getFloatConst(op.getInput());
    if (!table || table.getType().getRank() != 2 ||
        normalizeAxis(op.getAxis(), 2) != 0)
      return rewriter.notifyMatchFailure(op, "not axis 0 of a float table");
    rewriter.replaceOpWithNewOp<xf::EmbeddingOp>(
        op, op.getType(), op.getIndices(), op.getInput());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Causal masks
//===----------------------------------------------------------------------===//

/// The offset for which `masked` (row-major [q, k]) is exactly `j > i +
/// offset`; none when nothing is masked.
std::optional<int64_t> causalOffset(ArrayRef<bool> masked, int64_t q,
                                    int64_t k) {
  std::optional<int64_t> offset;
  for (int64_t i = 0; i < q && !offset; ++i)
    for (int64_t j = 0; j < k; ++j)
      if (masked[i * k + j]) {
        offset = j - 1 - i;
        break;
      }
  if (!offset)
    return std::nullopt;
  for (int64_t i = 0; i < q; ++i)
    for (int64_t j = 0; j < k; ++j)
      if (masked[i * k + j] != (j > i + *offset))
        return std::nullopt;
  return offset;
}

/// Whether a constant of `maskShape` covers exactly the last two dimensions of
/// `scores` (leading dimensions of size 1).
bool isPlaneMask(ArrayRef<int64_t> maskShape, ArrayRef<int64_t> scores) {
  if (maskShape.size() < 2 || scores.size() < maskShape.size() ||
      maskShape.take_back(2) != scores.take_back(2))
    return false;
  return llvm::all_of(maskShape.drop_back(2), [](int64_t d) { return d == 1; });
}

/// Replaces `op` by `causal_mask(scores)` when `masked` is causal; a finite
/// mask value only when softmax along the last axis follows and keeps every
/// row partly unmasked, so the probabilities are unchanged.
LogicalResult replaceByCausalMask(Operation *op, Value scores,
                                  ArrayRef<bool> masked, bool finite,
                                  PatternRewriter &rewriter) {
  ArrayRef<int64_t> shape = shapeOf(scores);
  int64_t rank = shape.size();
  std::optional<int64_t> offset =
      causalOffset(masked, shape[rank - 2], shape[rank - 1]);
  if (!offset)
    return rewriter.notifyMatchFailure(op, "the mask is not causal");
  if (finite) {
    bool softmaxOnly = llvm::all_of(op->getUsers(), [&](Operation *user) {
      auto softmax = dyn_cast<xf::SoftmaxOp>(user);
      return softmax && normalizeAxis(softmax.getAxis(), rank) == rank - 1;
    });
    if (!softmaxOnly || *offset < 0)
      return rewriter.notifyMatchFailure(
          op, "a finite mask value changes the result without softmax");
  }
  rewriter.replaceOpWithNewOp<xf::CausalMaskOp>(op, scores.getType(), scores,
                                                si64Attr(rewriter, *offset));
  return success();
}

/// `scores + M` with a constant M that is 0 or very negative.
struct RaiseAdditiveMask : OpRewritePattern<xf::AddOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(xf::AddOp op,
                                PatternRewriter &rewriter) const override {
    for (auto [scores, m] : {std::pair(op.getLhs(), op.getRhs()),
                             std::pair(op.getRhs(), op.getLhs())}) {
      DenseFPElementsAttr mask = getFloatConst(m);
      if (!mask || scores.getType() != op.getType() ||
          !isPlaneMask(mask.getType().getShape(), shapeOf(scores)))
        continue;
      SmallVector<bool> masked;
      bool finite = false, valid = true;
      for (APFloat f : mask.getValues<APFloat>()) {
        double v = f.convertToDouble();
        valid &= v == 0.0 || v <= kMaskThreshold;
        finite |= v <= kMaskThreshold && !std::isinf(v);
        masked.push_back(v != 0.0);
      }
      if (valid)
        return replaceByCausalMask(op, scores, masked, finite, rewriter);
    }
    return rewriter.notifyMatchFailure(op, "not scores plus a 0/-inf mask");
  }
};

/// `where(C, fill, scores)` or `where(C, scores, fill)` with a constant
/// boolean C and a very negative constant fill.
struct RaiseWhereMask : OpRewritePattern<xf::WhereOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(xf::WhereOp op,
                                PatternRewriter &rewriter) const override {
    DenseElementsAttr cond;
    if (!matchPattern(op.getCondition(), m_Constant(&cond)))
      return rewriter.notifyMatchFailure(op, "condition is not a constant");
    for (bool fillIfTrue : {true, false}) {
      Value fill = fillIfTrue ? op.getOnTrue() : op.getOnFalse();
      Value scores = fillIfTrue ? op.getOnFalse() : op.getOnTrue();
      std::optional<double> value = getUniformConst(fill);
      if (!value || !(*value <= kMaskThreshold) ||
          scores.getType() != op.getType() ||
          !isPlaneMask(cond.getType().getShape(), shapeOf(scores)))
        continue;
      SmallVector<bool> masked;
      for (bool c : cond.getValues<bool>())
        masked.push_back(c == fillIfTrue);
      return replaceByCausalMask(op, scores, masked, !std::isinf(*value),
                                 rewriter);
    }
    return rewriter.notifyMatchFailure(op, "not a select of a mask value");
  }
};

struct XFRaisePass : snnc::impl::XFRaiseBase<XFRaisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateXFRaisePatterns(patterns);
    // Best effort: a graph the driver did not bring to a fixed point is
    // still valid, with fewer ops raised.
    (void)applyPatternsAndFoldGreedily(getOperation(), std::move(patterns));
  }
};

} // namespace

void snnc::populateXFRaisePatterns(RewritePatternSet &patterns) {
  // GELU before SiLU and the norm scale: all three anchor on a product.
  patterns.add<RaiseGelu>(patterns.getContext(), /*benefit=*/3);
  patterns.add<RaiseNorm<xf::DivOp>, RaiseNorm<xf::MulOp>>(
      patterns.getContext(), /*benefit=*/2);
  patterns
      .add<FoldNormScale, FoldNormBias, RaiseSilu, RaiseSoftmax, RaiseLinear,
           FoldLinearBias, RaiseEmbedding, RaiseAdditiveMask, RaiseWhereMask>(
          patterns.getContext());
}

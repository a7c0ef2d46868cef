//===- XFOps.cpp - xf operation verifiers and folders ---------------------===//

#include "snnc/Dialect/XF/XFOps.h"
#include "snnc/Support/ShapeUtils.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace snnc;
using namespace snnc::xf;

static ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

static Type elementTypeOf(Value v) {
  return cast<ShapedType>(v.getType()).getElementType();
}

/// All float operands and the result share one element type.
static LogicalResult verifySameElementType(Operation *op) {
  Type expected = elementTypeOf(op->getResult(0));
  for (Value operand : op->getOperands())
    if (elementTypeOf(operand) != expected)
      return op->emitOpError("operands and result must have the same element "
                             "type, got ")
             << elementTypeOf(operand) << " and " << expected;
  return success();
}

static LogicalResult verifyResultShape(Operation *op,
                                       ArrayRef<int64_t> expected) {
  ArrayRef<int64_t> actual = shapeOf(op->getResult(0));
  if (actual != expected)
    return op->emitOpError("result shape ")
           << formatShape(actual) << " does not match the expected shape "
           << formatShape(expected);
  return success();
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult
ConstantOp::inferReturnTypes(MLIRContext *, std::optional<Location>, ValueRange,
                             DictionaryAttr attributes,
                             OpaqueProperties properties, RegionRange,
                             SmallVectorImpl<Type> &inferredReturnTypes) {
  auto *props = properties.as<Properties *>();
  ElementsAttr value = props ? props->value : ElementsAttr();
  if (!value)
    value = attributes.getAs<ElementsAttr>("value");
  if (!value)
    return failure();
  inferredReturnTypes.push_back(value.getType());
  return success();
}

LogicalResult ConstantOp::verify() {
  if (getValue().getType() != getType())
    return emitOpError("value type ")
           << getValue().getType() << " does not match result type "
           << getType();
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// LinearOp
//===----------------------------------------------------------------------===//

LogicalResult LinearOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  ArrayRef<int64_t> w = shapeOf(getWeight());
  if (in.empty())
    return emitOpError("input must have rank >= 1");
  if (w.size() != 2)
    return emitOpError("weight must have rank 2 ([out_features, "
                       "in_features]), got rank ")
           << w.size();
  if (w[1] != in.back())
    return emitOpError("input feature size ")
           << in.back() << " does not match weight in_features " << w[1];
  if (getBias()) {
    ArrayRef<int64_t> b = shapeOf(getBias());
    if (b.size() != 1 || b[0] != w[0])
      return emitOpError("bias must have shape [")
             << w[0] << "] (out_features), got " << formatShape(b);
  }
  if (failed(verifySameElementType(*this)))
    return failure();
  SmallVector<int64_t> expected(in.drop_back());
  expected.push_back(w[0]);
  return verifyResultShape(*this, expected);
}

//===----------------------------------------------------------------------===//
// MatMulOp
//===----------------------------------------------------------------------===//

LogicalResult MatMulOp::verify() {
  SmallVector<int64_t> lhs(shapeOf(getLhs())), rhs(shapeOf(getRhs()));
  if (lhs.empty() || rhs.empty())
    return emitOpError("operands must have rank >= 1");
  bool lhsVector = lhs.size() == 1, rhsVector = rhs.size() == 1;
  // numpy.matmul promotes vectors to matrices and drops the added dim later.
  if (lhsVector)
    lhs.insert(lhs.begin(), 1);
  if (rhsVector)
    rhs.push_back(1);
  int64_t k = lhs.back(), kr = rhs[rhs.size() - 2];
  if (k != kr)
    return emitOpError("contracted dimensions differ: lhs has ")
           << k << ", rhs has " << kr;
  auto batch =
      broadcastShapes(ArrayRef(lhs).drop_back(2), ArrayRef(rhs).drop_back(2));
  if (!batch)
    return emitOpError("batch dimensions ")
           << formatShape(ArrayRef(lhs).drop_back(2)) << " and "
           << formatShape(ArrayRef(rhs).drop_back(2))
           << " are not broadcast-compatible";
  SmallVector<int64_t> expected(*batch);
  if (!lhsVector)
    expected.push_back(lhs[lhs.size() - 2]);
  if (!rhsVector)
    expected.push_back(rhs.back());
  if (failed(verifySameElementType(*this)))
    return failure();
  return verifyResultShape(*this, expected);
}

//===----------------------------------------------------------------------===//
// Elementwise binary ops
//===----------------------------------------------------------------------===//

static LogicalResult verifyBroadcastBinary(Operation *op) {
  ArrayRef<int64_t> lhs = shapeOf(op->getOperand(0));
  ArrayRef<int64_t> rhs = shapeOf(op->getOperand(1));
  auto shape = broadcastShapes(lhs, rhs);
  if (!shape)
    return op->emitOpError("operand shapes ")
           << formatShape(lhs) << " and " << formatShape(rhs)
           << " are not broadcast-compatible";
  if (failed(verifySameElementType(op)))
    return failure();
  return verifyResultShape(op, *shape);
}

LogicalResult AddOp::verify() { return verifyBroadcastBinary(*this); }
LogicalResult SubOp::verify() { return verifyBroadcastBinary(*this); }
LogicalResult MulOp::verify() { return verifyBroadcastBinary(*this); }
LogicalResult DivOp::verify() { return verifyBroadcastBinary(*this); }
LogicalResult MaximumOp::verify() { return verifyBroadcastBinary(*this); }
LogicalResult MinimumOp::verify() { return verifyBroadcastBinary(*this); }

/// The broadcast of all operand shapes, or an error naming the first pair
/// that does not broadcast.
static FailureOr<SmallVector<int64_t>> broadcastOperands(Operation *op) {
  SmallVector<int64_t> shape;
  for (Value operand : op->getOperands()) {
    auto next = broadcastShapes(shape, shapeOf(operand));
    if (!next)
      return op->emitOpError("operand shapes ")
             << formatShape(shape) << " and " << formatShape(shapeOf(operand))
             << " are not broadcast-compatible";
    shape = *next;
  }
  return shape;
}

LogicalResult PowOp::verify() {
  auto shape = broadcastOperands(*this);
  if (failed(shape))
    return failure();
  if (elementTypeOf(getLhs()) != elementTypeOf(getOutput()))
    return emitOpError("result element type ")
           << elementTypeOf(getOutput()) << " differs from the base's "
           << elementTypeOf(getLhs());
  return verifyResultShape(*this, *shape);
}

static LogicalResult verifyCompare(Operation *op) {
  auto shape = broadcastOperands(op);
  if (failed(shape))
    return failure();
  Type lhs = elementTypeOf(op->getOperand(0));
  Type rhs = elementTypeOf(op->getOperand(1));
  if (lhs != rhs)
    return op->emitOpError("operands must have the same element type, got ")
           << lhs << " and " << rhs;
  return verifyResultShape(op, *shape);
}

LogicalResult EqualOp::verify() { return verifyCompare(*this); }
LogicalResult LessOp::verify() { return verifyCompare(*this); }
LogicalResult LessEqualOp::verify() { return verifyCompare(*this); }

LogicalResult WhereOp::verify() {
  auto shape = broadcastOperands(*this);
  if (failed(shape))
    return failure();
  Type expected = elementTypeOf(getOutput());
  for (Value v : {getOnTrue(), getOnFalse()})
    if (elementTypeOf(v) != expected)
      return emitOpError("selected values and result must have the same "
                         "element type, got ")
             << elementTypeOf(v) << " and " << expected;
  return verifyResultShape(*this, *shape);
}

LogicalResult CastOp::verify() {
  return verifyResultShape(*this, shapeOf(getInput()));
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

static LogicalResult verifyReduce(Operation *op, ArrayRef<int64_t> axes,
                                  bool keepdims) {
  ArrayRef<int64_t> in = shapeOf(op->getOperand(0));
  int64_t rank = in.size();
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (axis < 0 || axis >= rank)
      return op->emitOpError("axis ")
             << axis << " is out of range for rank " << rank;
    if (i > 0 && axes[i - 1] >= axis)
      return op->emitOpError("axes ")
             << formatShape(axes) << " must be sorted and distinct";
  }
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < rank; ++d) {
    if (!llvm::is_contained(axes, d))
      expected.push_back(in[d]);
    else if (keepdims)
      expected.push_back(1);
  }
  if (failed(verifySameElementType(op)))
    return failure();
  return verifyResultShape(op, expected);
}

LogicalResult ReduceSumOp::verify() {
  return verifyReduce(*this, getAxes(), getKeepdims());
}
LogicalResult ReduceMeanOp::verify() {
  return verifyReduce(*this, getAxes(), getKeepdims());
}
LogicalResult ReduceMaxOp::verify() {
  return verifyReduce(*this, getAxes(), getKeepdims());
}
LogicalResult ReduceMinOp::verify() {
  return verifyReduce(*this, getAxes(), getKeepdims());
}

//===----------------------------------------------------------------------===//
// Transformer operators
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxOp::verify() {
  int64_t rank = shapeOf(getInput()).size();
  if (!normalizeAxis(getAxis(), rank))
    return emitOpError("axis ")
           << getAxis() << " is out of range for rank " << rank;
  return success();
}

/// Shared checks of layer_norm and rms_norm: a valid axis, a positive
/// epsilon, and affine parameters shaped like the normalized dimensions.
static LogicalResult verifyNorm(Operation *op, Value input, int64_t axis,
                                double epsilon, ValueRange params) {
  ArrayRef<int64_t> shape = shapeOf(input);
  auto normAxis = normalizeAxis(axis, shape.size());
  if (!normAxis)
    return op->emitOpError("axis ")
           << axis << " is out of range for rank " << shape.size();
  if (!(epsilon > 0.0))
    return op->emitOpError("epsilon must be positive, got ") << epsilon;
  ArrayRef<int64_t> normalized = shape.drop_front(*normAxis);
  for (Value p : params) {
    if (!p)
      continue;
    if (shapeOf(p) != normalized)
      return op->emitOpError("affine parameter shape ")
             << formatShape(shapeOf(p)) << " does not match the normalized "
             << "shape " << formatShape(normalized);
  }
  if (failed(verifySameElementType(op)))
    return failure();
  return verifyResultShape(op, shape);
}

LogicalResult LayerNormOp::verify() {
  return verifyNorm(*this, getInput(), getAxis(),
                    getEpsilon().convertToDouble(), {getScale(), getBias()});
}

LogicalResult RMSNormOp::verify() {
  return verifyNorm(*this, getInput(), getAxis(),
                    getEpsilon().convertToDouble(), {getScale()});
}

LogicalResult CausalMaskOp::verify() {
  if (shapeOf(getInput()).size() < 2)
    return emitOpError("input must have rank >= 2 (..., query, key), got "
                       "rank ")
           << shapeOf(getInput()).size();
  return success();
}

LogicalResult EmbeddingOp::verify() {
  ArrayRef<int64_t> table = shapeOf(getTable());
  if (table.size() != 2)
    return emitOpError("table must have rank 2 ([vocab, dim]), got rank ")
           << table.size();
  if (elementTypeOf(getOutput()) != elementTypeOf(getTable()))
    return emitOpError("result element type ")
           << elementTypeOf(getOutput()) << " does not match table element "
           << "type " << elementTypeOf(getTable());
  SmallVector<int64_t> expected(shapeOf(getIndices()));
  expected.push_back(table[1]);
  return verifyResultShape(*this, expected);
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto in = cast<ShapedType>(getInput().getType());
  auto out = cast<ShapedType>(getOutput().getType());
  if (in.getElementType() != out.getElementType())
    return emitOpError("element type changes from ")
           << in.getElementType() << " to " << out.getElementType();
  if (in.getNumElements() != out.getNumElements())
    return emitOpError("cannot reshape ")
           << formatShape(in.getShape()) << " (" << in.getNumElements()
           << " elements) to " << formatShape(out.getShape()) << " ("
           << out.getNumElements() << " elements)";
  return success();
}

LogicalResult TransposeOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  ArrayRef<int64_t> perm = getPerm();
  if (perm.size() != in.size())
    return emitOpError("perm has ")
           << perm.size() << " entries but the input has rank " << in.size();
  SmallVector<bool> seen(in.size(), false);
  SmallVector<int64_t> expected;
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(in.size()) || seen[p])
      return emitOpError("perm ")
             << formatShape(perm) << " is not a permutation of [0, "
             << in.size() << ")";
    seen[p] = true;
    expected.push_back(in[p]);
  }
  if (elementTypeOf(getInput()) != elementTypeOf(getOutput()))
    return emitOpError("element type changes from ")
           << elementTypeOf(getInput()) << " to " << elementTypeOf(getOutput());
  return verifyResultShape(*this, expected);
}

LogicalResult GatherOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  auto axis = normalizeAxis(getAxis(), in.size());
  if (!axis)
    return emitOpError("axis ")
           << getAxis() << " is out of range for rank " << in.size();
  if (elementTypeOf(getIndices()).isInteger(1))
    return emitOpError("indices must be integers, got i1");
  if (elementTypeOf(getInput()) != elementTypeOf(getOutput()))
    return emitOpError("element type changes from ")
           << elementTypeOf(getInput()) << " to " << elementTypeOf(getOutput());
  SmallVector<int64_t> expected(in.take_front(*axis));
  llvm::append_range(expected, shapeOf(getIndices()));
  llvm::append_range(expected, in.drop_front(*axis + 1));
  return verifyResultShape(*this, expected);
}

LogicalResult SliceOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  ArrayRef<int64_t> starts = getStarts(), steps = getSteps();
  if (starts.size() != in.size() || steps.size() != in.size())
    return emitOpError("needs one start and one step per dimension (rank ")
           << in.size() << "), got " << starts.size() << " and "
           << steps.size();
  if (out.size() != in.size())
    return emitOpError("result rank ")
           << out.size() << " differs from the input rank " << in.size();
  if (elementTypeOf(getInput()) != elementTypeOf(getOutput()))
    return emitOpError("element type changes from ")
           << elementTypeOf(getInput()) << " to " << elementTypeOf(getOutput());
  for (size_t d = 0; d < in.size(); ++d) {
    if (steps[d] == 0)
      return emitOpError("step of dimension ") << d << " is zero";
    if (out[d] == 0)
      continue;
    int64_t last = starts[d] + (out[d] - 1) * steps[d];
    if (starts[d] < 0 || starts[d] >= in[d] || last < 0 || last >= in[d])
      return emitOpError("dimension ")
             << d << " reads indices " << starts[d] << " to " << last
             << ", outside [0, " << in[d] << ")";
  }
  return success();
}

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  ArrayRef<int64_t> first = shapeOf(getInputs().front());
  auto axis = normalizeAxis(getAxis(), first.size());
  if (!axis)
    return emitOpError("axis ")
           << getAxis() << " is out of range for rank " << first.size();
  SmallVector<int64_t> expected(first);
  expected[*axis] = 0;
  for (Value in : getInputs()) {
    ArrayRef<int64_t> shape = shapeOf(in);
    bool compatible = shape.size() == first.size();
    for (size_t d = 0; compatible && d < shape.size(); ++d)
      compatible = int64_t(d) == *axis || shape[d] == first[d];
    if (!compatible)
      return emitOpError("input shapes ")
             << formatShape(first) << " and " << formatShape(shape)
             << " differ outside axis " << *axis;
    expected[*axis] += shape[*axis];
  }
  if (failed(verifySameElementType(*this)))
    return failure();
  return verifyResultShape(*this, expected);
}

LogicalResult SplitOp::verify() {
  if (getOutputs().empty())
    return emitOpError("needs at least one result");
  ArrayRef<int64_t> in = shapeOf(getInput());
  auto axis = normalizeAxis(getAxis(), in.size());
  if (!axis)
    return emitOpError("axis ")
           << getAxis() << " is out of range for rank " << in.size();
  int64_t total = 0;
  for (Value out : getOutputs()) {
    ArrayRef<int64_t> shape = shapeOf(out);
    bool compatible = shape.size() == in.size();
    for (size_t d = 0; compatible && d < shape.size(); ++d)
      compatible = int64_t(d) == *axis || shape[d] == in[d];
    if (!compatible)
      return emitOpError("result shape ")
             << formatShape(shape) << " differs from the input shape "
             << formatShape(in) << " outside axis " << *axis;
    if (elementTypeOf(out) != elementTypeOf(getInput()))
      return emitOpError("element type changes from ")
             << elementTypeOf(getInput()) << " to " << elementTypeOf(out);
    total += shape[*axis];
  }
  if (total != in[*axis])
    return emitOpError("results cover ")
           << total << " elements of axis " << *axis << ", the input has "
           << in[*axis];
  return success();
}

LogicalResult BroadcastToOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  auto shape = broadcastShapes(in, out);
  if (!shape || ArrayRef<int64_t>(*shape) != out)
    return emitOpError("cannot broadcast ")
           << formatShape(in) << " to " << formatShape(out);
  if (elementTypeOf(getInput()) != elementTypeOf(getOutput()))
    return emitOpError("element type changes from ")
           << elementTypeOf(getInput()) << " to " << elementTypeOf(getOutput());
  return success();
}

LogicalResult TriluOp::verify() {
  if (shapeOf(getInput()).size() < 2)
    return emitOpError("input must have rank >= 2, got rank ")
           << shapeOf(getInput()).size();
  return success();
}

#define GET_OP_CLASSES
#include "snnc/Dialect/XF/XFOps.cpp.inc"

//===- SNNOps.cpp - snn operation verifiers -------------------------------===//

#include "snnc/Dialect/SNN/SNNOps.h"
#include "snnc/Arith/FunctionalUnits.h"
#include "snnc/Support/ShapeUtils.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include <limits>

using namespace mlir;
using namespace snnc;
using namespace snnc::snn;

#define GET_OP_CLASSES
#include "snnc/Dialect/SNN/SNNOps.cpp.inc"

static constexpr int64_t kInt32Min = std::numeric_limits<int32_t>::min();
static constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();

static LogicalResult verifyResultShape(Operation *op, ArrayRef<int64_t> actual,
                                       ArrayRef<int64_t> expected) {
  if (actual != expected)
    return op->emitOpError("result shape ")
           << formatShape(actual) << " does not match the expected shape "
           << formatShape(expected);
  return success();
}

/// The largest |code| of a train: graded trains are bounded by the i32
/// counts only.
static int64_t maxAbsCode(SpikesType type) {
  return type.getMaxCode().value_or(kInt32Max);
}

/// Largest |v| over an integer elements attribute (0 when empty).
static int64_t maxAbs(DenseIntElementsAttr values) {
  int64_t m = 0;
  for (const APInt &v : values.getValues<APInt>()) {
    // |INT64_MIN| does not fit; saturate so bound checks fail as they should.
    int64_t x = v.getSExtValue();
    m = std::max(m, x == std::numeric_limits<int64_t>::min()
                        ? std::numeric_limits<int64_t>::max()
                        : std::abs(x));
  }
  return m;
}

/// A functional unit's values must be i64 vectors of the row length.
static LogicalResult verifyRowVector(Operation *op, StringRef name,
                                     DenseIntElementsAttr values, int64_t n) {
  ShapedType type = values.getType();
  if (!type.getElementType().isSignlessInteger(64))
    return op->emitOpError()
           << name << " must hold i64 values, got " << type.getElementType();
  if (type.getShape() != ArrayRef<int64_t>(n))
    return op->emitOpError()
           << name << " must have shape [" << n
           << "] (the last dimension), got " << formatShape(type.getShape());
  return success();
}

/// Views rename spikes: encoding and window carry over.
static LogicalResult verifySameEncoding(Operation *op, SpikesType input,
                                        SpikesType result) {
  if (input.getEncoding() != result.getEncoding() ||
      input.getWindow() != result.getWindow())
    return op->emitOpError("result encoding ")
           << stringifyEncoding(result.getEncoding())
           << ", T = " << result.getWindow() << " differs from the input's "
           << stringifyEncoding(input.getEncoding())
           << ", T = " << input.getWindow();
  return success();
}

/// Spike products combine counts step by step, so both trains must advance
/// through the same digits or levels in lockstep.
static LogicalResult verifySameTrain(Operation *op, SpikesType lhs,
                                     SpikesType rhs) {
  if (lhs.getEncoding() != rhs.getEncoding())
    return op->emitOpError("operand encodings differ: ")
           << stringifyEncoding(lhs.getEncoding()) << " and "
           << stringifyEncoding(rhs.getEncoding());
  if (lhs.getWindow() != rhs.getWindow())
    return op->emitOpError("operand windows differ: T = ")
           << lhs.getWindow() << " and T = " << rhs.getWindow();
  return success();
}

//===----------------------------------------------------------------------===//
// EncodeOp / DecodeOp
//===----------------------------------------------------------------------===//

LogicalResult EncodeOp::verify() {
  TensorType inputType = getInput().getType();
  unsigned width = inputType.getElementTypeBitWidth();
  // Codes are two's complement: i1 holds no positive code, and counts are i32.
  if (width < 2 || width > 32)
    return emitOpError("input codes must be integers of width 2..32, got ")
           << inputType.getElementType();
  return verifyResultShape(*this, getType().getShape(), inputType.getShape());
}

LogicalResult DecodeOp::verify() {
  return verifyResultShape(*this, getType().getShape(),
                           getInput().getType().getShape());
}

LogicalResult EmbedOp::verify() {
  TensorType indicesType = getIndices().getType();
  if (indicesType.getElementTypeBitWidth() > 64)
    return emitOpError("ids must be integers of width 1..64, got ")
           << indicesType.getElementType();
  DenseIntElementsAttr table = getTable();
  ShapedType tableType = table.getType();
  if (tableType.getRank() != 2)
    return emitOpError("table must have rank 2 ([vocab, dim]), got rank ")
           << tableType.getRank();
  if (!tableType.getElementType().isSignlessInteger(32))
    return emitOpError("table must hold i32 codes, got ")
           << tableType.getElementType();
  SmallVector<int64_t> expected(indicesType.getShape());
  expected.push_back(tableType.getDimSize(1));
  if (failed(verifyResultShape(*this, getType().getShape(), expected)))
    return failure();
  if (std::optional<int64_t> maxCode = getType().getMaxCode())
    for (auto [index, value] : llvm::enumerate(table.getValues<int32_t>()))
      if (value < -*maxCode || value > *maxCode)
        return emitOpError("table value ")
               << value << " at [" << index / tableType.getDimSize(1) << ", "
               << index % tableType.getDimSize(1)
               << "] exceeds the result's code range [" << -*maxCode << ", "
               << *maxCode << "]";
  return success();
}

//===----------------------------------------------------------------------===//
// Views
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  SpikesType input = getInput().getType(), result = getType();
  int64_t in = ShapedType::getNumElements(input.getShape());
  int64_t out = ShapedType::getNumElements(result.getShape());
  if (in != out)
    return emitOpError("result has ") << out << " neurons, the input " << in;
  return verifySameEncoding(*this, input, result);
}

LogicalResult TransposeOp::verify() {
  SpikesType input = getInput().getType();
  ArrayRef<int64_t> in = input.getShape();
  ArrayRef<int64_t> perm = getPerm();
  if (perm.size() != in.size())
    return emitOpError("perm has ")
           << perm.size() << " entries for an input of rank " << in.size();
  SmallVector<bool> seen(in.size(), false);
  SmallVector<int64_t> expected;
  for (int64_t d : perm) {
    if (d < 0 || d >= int64_t(in.size()) || seen[d])
      return emitOpError("perm ")
             << formatShape(perm) << " is not a permutation of [0, "
             << in.size() << ")";
    seen[d] = true;
    expected.push_back(in[d]);
  }
  if (failed(verifyResultShape(*this, getType().getShape(), expected)))
    return failure();
  return verifySameEncoding(*this, input, getType());
}

LogicalResult BroadcastOp::verify() {
  SpikesType input = getInput().getType(), result = getType();
  ArrayRef<int64_t> in = input.getShape(), out = result.getShape();
  bool ok = in.size() <= out.size();
  for (size_t i = 0; ok && i < in.size(); ++i) {
    int64_t d = in[in.size() - 1 - i];
    ok = d == 1 || d == out[out.size() - 1 - i];
  }
  if (!ok)
    return emitOpError("input shape ")
           << formatShape(in) << " does not broadcast to the result shape "
           << formatShape(out);
  return verifySameEncoding(*this, input, result);
}

LogicalResult SliceOp::verify() {
  SpikesType input = getInput().getType(), result = getType();
  ArrayRef<int64_t> in = input.getShape(), out = result.getShape();
  ArrayRef<int64_t> starts = getStarts(), steps = getSteps();
  if (starts.size() != in.size() || steps.size() != in.size() ||
      out.size() != in.size())
    return emitOpError("needs one start and one step per dimension and a "
                       "result of the input's rank ")
           << in.size();
  for (size_t d = 0; d < in.size(); ++d) {
    if (steps[d] == 0)
      return emitOpError("step of dimension ") << d << " is 0";
    // An empty dimension reads nothing; otherwise both ends must be inside.
    int64_t last = starts[d] + (out[d] - 1) * steps[d];
    if (out[d] > 0 &&
        (starts[d] < 0 || starts[d] >= in[d] || last < 0 || last >= in[d]))
      return emitOpError("dimension ")
             << d << " reads indices " << starts[d] << " to " << last
             << ", outside [0, " << in[d] << ")";
  }
  return verifySameEncoding(*this, input, result);
}

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  ArrayRef<int64_t> out = getType().getShape();
  int64_t axis = getAxis();
  if (axis < 0 || axis >= int64_t(out.size()))
    return emitOpError("axis ")
           << axis << " is outside [0, " << out.size() << ")";
  SmallVector<int64_t> expected(out);
  expected[axis] = 0;
  for (Value v : getInputs()) {
    auto input = cast<SpikesType>(v.getType());
    ArrayRef<int64_t> in = input.getShape();
    if (in.size() != out.size())
      return emitOpError("input of rank ")
             << in.size() << " for a result of rank " << out.size();
    for (size_t d = 0; d < in.size(); ++d)
      if (int64_t(d) != axis && in[d] != out[d])
        return emitOpError("input shape ")
               << formatShape(in) << " differs from the result shape "
               << formatShape(out) << " outside axis " << axis;
    expected[axis] += in[axis];
    if (failed(verifySameEncoding(*this, input, getType())))
      return failure();
  }
  return verifyResultShape(*this, out, expected);
}

//===----------------------------------------------------------------------===//
// SynapseOp
//===----------------------------------------------------------------------===//

LogicalResult SynapseOp::verify() {
  ArrayRef<int64_t> in = getInput().getType().getShape();
  if (in.empty())
    return emitOpError("input must have rank >= 1 ([..., in])");

  DenseIntElementsAttr weights = getWeights();
  ArrayRef<int64_t> w = weights.getType().getShape();
  if (w.size() != 2)
    return emitOpError("weights must have rank 2 ([out, in]), got rank ")
           << w.size();
  Type wType = weights.getElementType();
  if (!wType.isSignlessInteger() || wType.getIntOrFloatBitWidth() > 16)
    return emitOpError("weights must be signless integers of width 1..16, got ")
           << wType;
  if (w[1] != in.back())
    return emitOpError("input feature size ")
           << in.back() << " does not match the weights' in dimension " << w[1];

  if (DenseIntElementsAttr bias = getBiasAttr()) {
    ArrayRef<int64_t> b = bias.getType().getShape();
    if (b != ArrayRef<int64_t>(w[0]))
      return emitOpError("bias must have shape [")
             << w[0] << "] ([out]), got " << formatShape(b);
    Type bType = bias.getElementType();
    if (!bType.isSignlessInteger(32) && !bType.isSignlessInteger(64))
      return emitOpError("bias must be i32 or i64 (accumulator units), got ")
             << bType;
  }

  if (STDPAttr rule = getPlasticityAttr()) {
    unsigned wWidth = wType.getIntOrFloatBitWidth();
    int64_t lo = -(int64_t(1) << (wWidth - 1));
    int64_t hi = (int64_t(1) << (wWidth - 1)) - 1;
    if (rule.getWMin() < lo || rule.getWMax() > hi)
      return emitOpError("plasticity range [")
             << rule.getWMin() << ", " << rule.getWMax()
             << "] exceeds the range [" << lo << ", " << hi << "] of the "
             << wType << " weights";
    // Learning clamps to [w_min, w_max]; a weight outside it never could be.
    for (auto [index, value] : llvm::enumerate(weights.getValues<APInt>())) {
      int64_t weight = value.getSExtValue();
      if (weight < rule.getWMin() || weight > rule.getWMax())
        return emitOpError("weight ")
               << weight << " at [" << index / w[1] << ", " << index % w[1]
               << "] is outside the plasticity range [" << rule.getWMin()
               << ", " << rule.getWMax() << "]";
    }
  }

  std::optional<int64_t> bound = arith::checkedMul(in.back(), maxAbs(weights));
  if (bound)
    bound = arith::checkedMul(*bound, maxAbsCode(getInput().getType()));
  if (bound && getBiasAttr())
    bound = arith::checkedAdd(*bound, maxAbs(getBiasAttr()));
  if (!bound)
    return emitOpError("accumulator bound ")
           << in.back() << "·" << maxAbs(weights) << "·"
           << maxAbsCode(getInput().getType())
           << (getBiasAttr() ? " + max|bias|" : "") << " exceeds 64 bits";

  SmallVector<int64_t> expected(in.drop_back());
  expected.push_back(w[0]);
  return verifyResultShape(*this, getType().getShape(), expected);
}

//===----------------------------------------------------------------------===//
// RelayOp / BiasOp
//===----------------------------------------------------------------------===//

LogicalResult RelayOp::verify() {
  return verifyResultShape(*this, getType().getShape(),
                           getInput().getType().getShape());
}

LogicalResult BiasOp::verify() {
  ShapedType type = getValue().getType();
  Type element = type.getElementType();
  if (!element.isSignlessInteger(32) && !element.isSignlessInteger(64))
    return emitOpError("value must be i32 or i64 (accumulator units), got ")
           << element;
  return verifyResultShape(*this, getType().getShape(), type.getShape());
}

//===----------------------------------------------------------------------===//
// NeuronsOp
//===----------------------------------------------------------------------===//

int64_t NeuronsOp::getMultiplier(unsigned input, int64_t channel) {
  ArrayRef<int64_t> m = getMultipliers();
  if (m.size() == getInputs().size())
    return m[input];
  int64_t channels =
      getType().getShape().empty() ? 1 : getType().getShape().back();
  return m[input * channels + channel];
}

LogicalResult NeuronsOp::verify() {
  if (getInputs().empty())
    return emitOpError("requires at least one input current");
  SpikesType result = getType();
  for (auto [index, input] : llvm::enumerate(getInputs())) {
    ArrayRef<int64_t> shape = cast<CurrentType>(input.getType()).getShape();
    if (shape != result.getShape())
      return emitOpError("input #") << index << " shape " << formatShape(shape)
                                    << " does not match the result shape "
                                    << formatShape(result.getShape());
  }

  ArrayRef<int64_t> multipliers = getMultipliers();
  int64_t channels = result.getShape().empty() ? 1 : result.getShape().back();
  size_t inputs = getInputs().size();
  if (multipliers.size() != inputs && multipliers.size() != inputs * channels)
    return emitOpError("has ")
           << multipliers.size() << " multipliers for " << inputs
           << " inputs; expected one per input (" << inputs
           << ") or one per input and channel (" << inputs * channels << ")";
  for (auto [index, m] : llvm::enumerate(multipliers))
    if (m < 1 || m > kInt32Max)
      return emitOpError("multiplier #")
             << index << " must be in [1, " << kInt32Max << "], got " << m;

  STBIFAttr model = getModel();
  int64_t maxCode = result.getWindow();
  switch (result.getEncoding()) {
  case Encoding::Bitplane:
    return emitOpError("cannot produce a bitplane spike train: MSB-first "
                       "digits need the final count before the first spike");
  case Encoding::Unary:
    if (model.getMaxBurst() != 1)
      return emitOpError("unary result requires max_burst = 1, got ")
             << model.getMaxBurst();
    break;
  case Encoding::Graded:
    if (model.getMaxBurst() == 1)
      return emitOpError("graded result requires max_burst > 1, got 1");
    maxCode *= model.getMaxBurst();
    break;
  }
  if (model.getNmin() < -maxCode || model.getNmax() > maxCode)
    return emitOpError("model count range [")
           << model.getNmin() << ", " << model.getNmax()
           << "] exceeds the result's code range [" << -maxCode << ", "
           << maxCode << "]";
  return success();
}

//===----------------------------------------------------------------------===//
// SpikeMatMulOp / SpikeMulOp
//===----------------------------------------------------------------------===//

LogicalResult SpikeMatMulOp::verify() {
  SpikesType lhsType = getLhs().getType(), rhsType = getRhs().getType();
  ArrayRef<int64_t> lhs = lhsType.getShape(), rhs = rhsType.getShape();
  if (lhs.size() < 2 || rhs.size() < 2)
    return emitOpError("operands must have rank >= 2, got ranks ")
           << lhs.size() << " and " << rhs.size();
  // No broadcasting: every batch element has its own pair of traces.
  ArrayRef<int64_t> batch = lhs.drop_back(2);
  if (batch != rhs.drop_back(2))
    return emitOpError("batch dimensions ")
           << formatShape(batch) << " and " << formatShape(rhs.drop_back(2))
           << " must be equal";
  int64_t k = lhs.back(), kr = rhs[rhs.size() - 2];
  if (k != kr)
    return emitOpError("contracted dimensions differ: lhs has ")
           << k << ", rhs has " << kr;
  if (failed(verifySameTrain(*this, lhsType, rhsType)))
    return failure();
  int64_t a = maxAbsCode(lhsType), bmax = maxAbsCode(rhsType);
  std::optional<int64_t> bound = arith::checkedMul(k, a);
  if (!bound || !arith::checkedMul(*bound, bmax))
    return emitOpError("accumulator bound k·|A|·|B| = ")
           << k << "·" << a << "·" << bmax << " exceeds 64 bits";
  SmallVector<int64_t> expected(batch);
  expected.push_back(lhs[lhs.size() - 2]);
  expected.push_back(rhs.back());
  return verifyResultShape(*this, getType().getShape(), expected);
}

LogicalResult SpikeMulOp::verify() {
  SpikesType lhsType = getLhs().getType(), rhsType = getRhs().getType();
  if (lhsType.getShape() != rhsType.getShape())
    return emitOpError("operand shapes ")
           << formatShape(lhsType.getShape()) << " and "
           << formatShape(rhsType.getShape()) << " differ";
  if (failed(verifySameTrain(*this, lhsType, rhsType)))
    return failure();
  return verifyResultShape(*this, getType().getShape(), lhsType.getShape());
}

//===----------------------------------------------------------------------===//
// LutOp
//===----------------------------------------------------------------------===//

LogicalResult LutOp::verify() {
  DenseIntElementsAttr table = getTable();
  ShapedType tableType = table.getType();
  if (tableType.getRank() != 1)
    return emitOpError("table must have rank 1, got rank ")
           << tableType.getRank();
  if (!tableType.getElementType().isSignlessInteger(32))
    return emitOpError("table must hold i32 values, got ")
           << tableType.getElementType();
  int64_t size = tableType.getNumElements();
  if (size == 0)
    return emitOpError("table must have at least one entry");
  int64_t inputMin = getInputMin();
  if (inputMin < kInt32Min || inputMin > kInt32Max - (size - 1))
    return emitOpError("input_min ")
           << inputMin << " with " << size
           << " table entries covers codes outside the i32 range [" << kInt32Min
           << ", " << kInt32Max << "]";

  SpikesType result = getType();
  if (failed(verifyResultShape(*this, result.getShape(),
                               getInput().getType().getShape())))
    return failure();
  if (std::optional<int64_t> maxCode = result.getMaxCode())
    for (auto [index, value] : llvm::enumerate(table.getValues<int32_t>()))
      if (value < -*maxCode || value > *maxCode)
        return emitOpError("table value ")
               << value << " at index " << index
               << " exceeds the result's code range [" << -*maxCode << ", "
               << *maxCode << "]";
  return success();
}

//===----------------------------------------------------------------------===//
// SoftmaxOp
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxOp::verify() {
  SpikesType input = getInput().getType();
  ArrayRef<int64_t> shape = input.getShape();
  if (shape.empty())
    return emitOpError("input must have rank >= 1 ([..., n])");
  if (getCausalOffset() && shape.size() < 2)
    return emitOpError("a causal mask needs rank >= 2 ([..., q, n]), got rank ")
           << shape.size();
  if (failed(verifyResultShape(*this, getType().getShape(), shape)))
    return failure();

  DenseIntElementsAttr table = getExpTable();
  ShapedType tableType = table.getType();
  if (tableType.getRank() != 1 || tableType.getNumElements() == 0)
    return emitOpError("exp_table must be a non-empty rank-1 table");
  if (!tableType.getElementType().isSignlessInteger(32))
    return emitOpError("exp_table must hold i32 values, got ")
           << tableType.getElementType();
  for (auto [index, value] : llvm::enumerate(table.getValues<int32_t>()))
    if (value < 0)
      return emitOpError("exp_table value ")
             << value << " at index " << index << " is negative";
  if (table.getValues<int32_t>()[tableType.getNumElements() - 1] == 0)
    return emitOpError("the last exp_table entry (exp(0)) must be positive so "
                       "that every row sums to a positive z");
  if (getLevels() < 1)
    return emitOpError("levels must be at least 1, got ") << getLevels();
  if (!arith::softmaxFitsInt64(shape.back(), maxAbs(table), getLevels()))
    return emitOpError("rows of ")
           << shape.back() << " entries with exp_table values up to "
           << maxAbs(table) << " and " << getLevels()
           << " levels exceed 64-bit sums or products";
  return success();
}

//===----------------------------------------------------------------------===//
// NormOp
//===----------------------------------------------------------------------===//

LogicalResult NormOp::verify() {
  SpikesType input = getInput().getType();
  ArrayRef<int64_t> shape = input.getShape();
  if (shape.empty())
    return emitOpError("input must have rank >= 1 ([..., n])");
  if (failed(verifyResultShape(*this, getType().getShape(), shape)))
    return failure();
  int64_t n = shape.back();
  if (failed(verifyRowVector(*this, "gain", getGain(), n)) ||
      failed(verifyRowVector(*this, "bias", getBias(), n)))
    return failure();
  if (getEpsilon() < 0)
    return emitOpError("epsilon must be >= 0, got ") << getEpsilon();
  if (getFracBits() < 0 || getFracBits() > 31)
    return emitOpError("frac_bits must be in [0, 31], got ") << getFracBits();
  if (getGainShift() < 0 || getGainShift() > 62)
    return emitOpError("gain_shift must be in [0, 62], got ") << getGainShift();
  arith::NormParams params;
  params.center = getKind() == NormKind::Layer;
  params.epsilon = getEpsilon();
  params.fracBits = int32_t(getFracBits());
  params.gainShift = int32_t(getGainShift());
  if (!arith::normFitsInt64(n, maxAbsCode(input), params, maxAbs(getGain()),
                            maxAbs(getBias())))
    return emitOpError("intermediates exceed 64 bits for rows of ")
           << n << " codes up to " << maxAbsCode(input)
           << " (lower frac_bits or gain_shift)";
  return success();
}

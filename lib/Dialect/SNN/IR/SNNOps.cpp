//===- SNNOps.cpp - snn operation verifiers -------------------------------===//

#include "snnc/Dialect/SNN/SNNOps.h"
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

  SmallVector<int64_t> expected(in.drop_back());
  expected.push_back(w[0]);
  return verifyResultShape(*this, getType().getShape(), expected);
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

//===- SNNAttrs.cpp - snn attribute verifiers -----------------------------===//

#include "snnc/Dialect/SNN/SNNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"
#include <limits>

using namespace mlir;
using namespace snnc::snn;

#define GET_ATTRDEF_CLASSES
#include "snnc/Dialect/SNN/SNNAttrs.cpp.inc"

void SNNDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "snnc/Dialect/SNN/SNNAttrs.cpp.inc"
      >();
}

static constexpr int64_t kInt32Min = std::numeric_limits<int32_t>::min();
static constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();

static LogicalResult checkRange(function_ref<InFlightDiagnostic()> emitError,
                                StringRef name, int64_t value, int64_t lo,
                                int64_t hi) {
  if (value >= lo && value <= hi)
    return success();
  return emitError() << name << " must be in [" << lo << ", " << hi << "], got "
                     << value;
}

//===----------------------------------------------------------------------===//
// STBIFAttr
//===----------------------------------------------------------------------===//

LogicalResult STBIFAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                int64_t thresholdShift, int64_t nmin,
                                int64_t nmax, int64_t maxBurst) {
  // V is int64: θ = 2^sh and the starting θ/2 must both be representable.
  if (failed(checkRange(emitError, "threshold_shift", thresholdShift, 1, 62)))
    return failure();
  // n is int32 and a neuron at rest has count 0.
  if (failed(checkRange(emitError, "nmin", nmin, kInt32Min, 0)) ||
      failed(checkRange(emitError, "nmax", nmax, 0, kInt32Max)))
    return failure();
  return checkRange(emitError, "max_burst", maxBurst, 1, kInt32Max);
}

//===----------------------------------------------------------------------===//
// STDPAttr
//===----------------------------------------------------------------------===//

LogicalResult STDPAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                               int64_t aPlus, int64_t aMinus,
                               int64_t traceShift, int64_t updateShift,
                               int64_t wMin, int64_t wMax) {
  // Traces are int32, so a·x fits int64 and so does the difference of two.
  if (failed(checkRange(emitError, "a_plus", aPlus, 0, kInt32Max)) ||
      failed(checkRange(emitError, "a_minus", aMinus, 0, kInt32Max)) ||
      failed(checkRange(emitError, "trace_shift", traceShift, 1, 31)) ||
      failed(checkRange(emitError, "update_shift", updateShift, 0, 62)))
    return failure();
  if (wMin > wMax)
    return emitError() << "w_min (" << wMin << ") must not exceed w_max ("
                       << wMax << ")";
  return success();
}

//===- ChipAttrs.cpp - chip attributes ------------------------------------===//

#include "snnc/Dialect/Chip/ChipOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace snnc::chip;

#include "snnc/Dialect/Chip/ChipEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "snnc/Dialect/Chip/ChipAttrs.cpp.inc"

void ChipDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "snnc/Dialect/Chip/ChipAttrs.cpp.inc"
      >();
}

/// Checks that the parameter `name` of `#chip.<attr>` is at least `min`.
static LogicalResult checkAtLeast(function_ref<InFlightDiagnostic()> emitError,
                                  StringRef attr, StringRef name, int64_t value,
                                  int64_t min) {
  if (value >= min)
    return success();
  return emitError() << "#chip." << attr << " parameter '" << name
                     << "' must be >= " << min << ", got " << value;
}

LogicalResult CoordAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                int64_t chip, int64_t x, int64_t y) {
  return failure(failed(checkAtLeast(emitError, "coord", "chip", chip, 0)) ||
                 failed(checkAtLeast(emitError, "coord", "x", x, 0)) ||
                 failed(checkAtLeast(emitError, "coord", "y", y, 0)));
}

LogicalResult MeshAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                               Topology, int64_t width, int64_t height,
                               int64_t chips) {
  return failure(failed(checkAtLeast(emitError, "mesh", "width", width, 1)) ||
                 failed(checkAtLeast(emitError, "mesh", "height", height, 1)) ||
                 failed(checkAtLeast(emitError, "mesh", "chips", chips, 1)));
}

LogicalResult
CoreLimitsAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                       int64_t neurons, int64_t synapseWords,
                       int64_t inputAxons, int64_t outputAxons) {
  StringRef attr = "core_limits";
  return failure(
      failed(checkAtLeast(emitError, attr, "neurons", neurons, 1)) ||
      failed(checkAtLeast(emitError, attr, "synapse_words", synapseWords, 1)) ||
      failed(checkAtLeast(emitError, attr, "input_axons", inputAxons, 1)) ||
      failed(checkAtLeast(emitError, attr, "output_axons", outputAxons, 1)));
}

LogicalResult SliceAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                StringRef population, int64_t begin,
                                int64_t end) {
  if (population.empty())
    return emitError() << "#chip.slice population name must not be empty";
  if (failed(checkAtLeast(emitError, "slice", "begin", begin, 0)))
    return failure();
  if (begin >= end)
    return emitError() << "#chip.slice of population \"" << population
                       << "\" is empty or reversed: begin " << begin
                       << " must be less than end " << end;
  return success();
}

LogicalResult
SynapseFormatAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                          int64_t mantissaBits, int64_t exponent) {
  if (mantissaBits < 1 || mantissaBits > 16)
    return emitError() << "#chip.synapse_format parameter 'mantissa_bits' "
                          "must be in [1, 16], got "
                       << mantissaBits;
  if (exponent < -8 || exponent > 54)
    return emitError() << "#chip.synapse_format parameter 'exponent' must be "
                          "in [-8, 54], got "
                       << exponent;
  return success();
}

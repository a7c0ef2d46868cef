//===- Calibration.h - observed value ranges for quantization ---*- C++ -*-===//
//
// Static quantization needs each tensor's range. Calibration runs the float
// interpreter on calibration inputs and records, on every function argument
// and op result, the range it took: `xf.range = array<f64: min, max>` (an
// argument attribute for arguments). The xf-to-snn conversion reads it.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_QUANT_CALIBRATION_H
#define SNNC_QUANT_CALIBRATION_H

#include "snnc/Tensor/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LogicalResult.h"

#include <vector>

namespace snnc {

/// Name of the range attribute on ops and arguments.
constexpr const char kRangeAttrName[] = "xf.range";

/// Runs `func` on every input set and annotates the ranges seen. Fails (with
/// a diagnostic) when an input set does not fit the function or a value is
/// not finite.
mlir::LogicalResult calibrate(mlir::func::FuncOp func,
                              const std::vector<std::vector<Tensor>> &sets);

} // namespace snnc

#endif // SNNC_QUANT_CALIBRATION_H

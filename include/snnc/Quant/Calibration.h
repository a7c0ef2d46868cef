//===- Calibration.h - observed value ranges for quantization ---*- C++ -*-===//
//
// Static quantization needs each tensor's range. Calibration runs the float
// interpreter on calibration inputs and records, on every function argument
// and op result, the range it took: `xf.range = array<f64: min, max>` (an
// argument attribute for arguments). The xf-to-snn conversion reads it.
//
// Calibration inputs may have other batch sizes than the compiled program:
// the model is then imported once per input shape and ranges are matched by
// position (argument number, op order), which the importer keeps stable.
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

class RangeCollector {
public:
  /// Runs `func` on `inputs` and widens the ranges seen. Fails (with a
  /// diagnostic) when the inputs do not fit, a value is NaN, or `func` does
  /// not have the structure of earlier functions.
  mlir::LogicalResult observe(mlir::func::FuncOp func,
                              const std::vector<Tensor> &inputs);

  /// Writes the ranges onto `func`, which must have the same structure.
  mlir::LogicalResult annotate(mlir::func::FuncOp func) const;

private:
  struct Range {
    double lo = 1.0 / 0.0, hi = -1.0 / 0.0;
  };
  std::vector<Range> args, results; // results: single-result ops, walk order
  bool started = false;
};

} // namespace snnc

#endif // SNNC_QUANT_CALIBRATION_H

//===- FloatInterpreter.h - reference interpreter of xf ---------*- C++ -*-===//
//
// Computes what the model computes, in float32 with double accumulation:
// the reference every quantized, spiking and simulated level is compared to.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_INTERP_FLOATINTERPRETER_H
#define SNNC_INTERP_FLOATINTERPRETER_H

#include "snnc/Tensor/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Support/LogicalResult.h"

#include <functional>
#include <vector>

namespace snnc {

/// Called with every argument and op result as it is computed (calibration
/// and per-op error attribution watch values through it).
using ValueObserver = std::function<void(mlir::Value, const Tensor &)>;

/// Runs `func` (xf ops) on `inputs`, given in argument order. On failure
/// emits a diagnostic at the offending op or argument.
mlir::FailureOr<std::vector<Tensor>>
runFloat(mlir::func::FuncOp func, const std::vector<Tensor> &inputs,
         const ValueObserver &observe = nullptr);

/// Evaluates `op`, whose operands must all be defined by xf.constant, and
/// returns its results as attributes of the result types. The importer folds
/// constant subgraphs with it, so a folded value is exactly what runFloat
/// computes. Fails (after a diagnostic at `op` when evaluation itself fails)
/// when an operand is not constant.
mlir::FailureOr<llvm::SmallVector<mlir::DenseElementsAttr>>
foldConstantOp(mlir::Operation *op);

} // namespace snnc

#endif // SNNC_INTERP_FLOATINTERPRETER_H

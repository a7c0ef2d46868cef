//===- Calibration.cpp - observed value ranges for quantization -----------===//

#include "snnc/Quant/Calibration.h"
#include "snnc/Interp/FloatInterpreter.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace snnc;

LogicalResult snnc::calibrate(func::FuncOp func,
                              const std::vector<std::vector<Tensor>> &sets) {
  if (sets.empty())
    return func.emitError("calibration needs at least one input set");
  struct Range {
    double lo = INFINITY, hi = -INFINITY;
  };
  llvm::DenseMap<Value, Range> ranges;
  Value nonFinite;
  auto observe = [&](Value v, const Tensor &t) {
    if (t.dtype != DType::F32)
      return;
    Range &r = ranges[v];
    for (float x : t.f32) {
      if (!std::isfinite(x)) {
        // A masked score (-inf) is legitimate; the conversion decides.
        if (!nonFinite && !std::isinf(x))
          nonFinite = v;
        continue;
      }
      r.lo = std::min(r.lo, double(x));
      r.hi = std::max(r.hi, double(x));
    }
  };
  for (const auto &inputs : sets)
    if (failed(runFloat(func, inputs, observe)))
      return failure();
  if (nonFinite) {
    if (auto arg = dyn_cast<BlockArgument>(nonFinite))
      return func.emitError("calibration input #")
             << arg.getArgNumber() << " contains NaN";
    return nonFinite.getDefiningOp()->emitError(
        "produces NaN on the calibration inputs");
  }
  Builder b(func.getContext());
  auto attrFor = [&](Value v) -> Attribute {
    auto it = ranges.find(v);
    if (it == ranges.end() || it->second.lo > it->second.hi)
      return {};
    return b.getDenseF64ArrayAttr({it->second.lo, it->second.hi});
  };
  for (BlockArgument arg : func.getArguments())
    if (Attribute a = attrFor(arg))
      func.setArgAttr(arg.getArgNumber(), kRangeAttrName, a);
  func.walk([&](Operation *op) {
    if (op->getNumResults() == 1)
      if (Attribute a = attrFor(op->getResult(0)))
        op->setAttr(kRangeAttrName, a);
  });
  return success();
}

//===- Calibration.cpp - observed value ranges for quantization -----------===//

#include "snnc/Quant/Calibration.h"
#include "snnc/Interp/FloatInterpreter.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace snnc;

/// The single-result ops of `func` in walk order: the positions ranges are
/// matched by.
static std::vector<Operation *> rangedOps(func::FuncOp func) {
  std::vector<Operation *> ops;
  func.walk([&](Operation *op) {
    if (op->getNumResults() == 1)
      ops.push_back(op);
  });
  return ops;
}

LogicalResult RangeCollector::observe(func::FuncOp func,
                                      const std::vector<Tensor> &inputs) {
  std::vector<Operation *> ops = rangedOps(func);
  if (!started) {
    args.resize(func.getNumArguments());
    results.resize(ops.size());
    started = true;
  } else if (args.size() != func.getNumArguments() ||
             results.size() != ops.size()) {
    return func.emitError("calibration model differs in structure from the "
                          "compiled one");
  }
  llvm::DenseMap<Value, Range *> slots;
  for (BlockArgument arg : func.getArguments())
    slots[arg] = &args[arg.getArgNumber()];
  for (auto [i, op] : llvm::enumerate(ops))
    slots[op->getResult(0)] = &results[i];

  Value nan;
  auto watch = [&](Value v, const Tensor &t) {
    auto it = slots.find(v);
    if (it == slots.end() || t.dtype != DType::F32)
      return;
    Range &r = *it->second;
    for (float x : t.f32) {
      if (std::isnan(x)) {
        nan = nan ? nan : v;
        continue;
      }
      // A masked score (-inf) is legitimate; the conversion decides.
      if (std::isinf(x))
        continue;
      r.lo = std::min(r.lo, double(x));
      r.hi = std::max(r.hi, double(x));
    }
  };
  if (failed(runFloat(func, inputs, watch)))
    return failure();
  if (nan) {
    if (auto arg = dyn_cast<BlockArgument>(nan))
      return func.emitError("calibration input #")
             << arg.getArgNumber() << " contains NaN";
    return nan.getDefiningOp()->emitError(
        "produces NaN on the calibration inputs");
  }
  return success();
}

LogicalResult RangeCollector::annotate(func::FuncOp func) const {
  std::vector<Operation *> ops = rangedOps(func);
  if (!started)
    return func.emitError("calibration needs at least one input set");
  if (args.size() != func.getNumArguments() || results.size() != ops.size())
    return func.emitError("calibration model differs in structure from the "
                          "compiled one");
  Builder b(func.getContext());
  auto attrFor = [&](const Range &r) -> Attribute {
    if (r.lo > r.hi)
      return {};
    return b.getDenseF64ArrayAttr({r.lo, r.hi});
  };
  for (BlockArgument arg : func.getArguments())
    if (Attribute a = attrFor(args[arg.getArgNumber()]))
      func.setArgAttr(arg.getArgNumber(), kRangeAttrName, a);
  for (auto [i, op] : llvm::enumerate(ops))
    if (Attribute a = attrFor(results[i]))
      op->setAttr(kRangeAttrName, a);
  return success();
}

//===- Route.cpp - dimension-order routes ---------------------------------===//

#include "MeshDistance.h"
#include "snnc/Dialect/Chip/ChipOps.h"
#include "snnc/Dialect/Chip/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

namespace snnc {
#define GEN_PASS_DEF_CHIPROUTE
#include "snnc/Dialect/Chip/Transforms/Passes.h.inc"
} // namespace snnc

using namespace mlir;
using namespace snnc;
using namespace snnc::chip;

namespace {

struct ChipRoutePass : public snnc::impl::ChipRouteBase<ChipRoutePass> {
  using ChipRouteBase::ChipRouteBase;

  void runOnOperation() override {
    ChipModuleOp module = getOperation();
    Block *body = module.getBody();
    DenseMap<StringAttr, CoreOp> cores;
    for (CoreOp core : body->getOps<CoreOp>())
      cores[core.getSymNameAttr()] = core;

    Builder builder(module.getContext());
    DenseMap<StringAttr, int64_t> sent;
    for (RouteOp route : body->getOps<RouteOp>()) {
      CoreOp source = cores.lookup(route.getSourceAttr().getAttr());
      CoreOp target = cores.lookup(route.getTargetAttr().getAttr());
      route.setHopsAttr(builder.getI64IntegerAttr(meshDistance(
          module.getMesh(), source.getCoord(), target.getCoord())));
      sent[source.getSymNameAttr()] += route.getAxons();
    }

    // Each routed axon is one entry of the source core's output axon table.
    int64_t limit = module.getLimits().getOutputAxons();
    for (CoreOp core : body->getOps<CoreOp>()) {
      int64_t axons = sent.lookup(core.getSymNameAttr());
      if (axons > limit) {
        core.emitOpError() << "@" << core.getSymName() << " sends " << axons
                           << " axons over its routes but the per-core "
                              "output axon limit is "
                           << limit;
        return signalPassFailure();
      }
      core.setOutputAxonsAttr(builder.getI64IntegerAttr(axons));
    }
  }
};

} // namespace

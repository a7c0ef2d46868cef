//===- Pipeline.cpp - the snn-to-chip mapping pipeline --------------------===//

#include "snnc/Dialect/Chip/Transforms/Passes.h"
#include "snnc/Dialect/SNN/Transforms/Passes.h"
#include "snnc/Target/TargetDescription.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace snnc;

static void addPlaceAndRoute(OpPassManager &pm) {
  OpPassManager &chipPM = pm.nest<chip::ChipModuleOp>();
  chipPM.addPass(createChipPlace());
  chipPM.addPass(createChipRoute());
}

void snnc::buildMappingPipeline(OpPassManager &pm,
                                const target::TargetDescription &description,
                                unsigned chips) {
  // One copy shared by both passes, so they read the very same description.
  auto shared = std::make_shared<const target::TargetDescription>(description);
  pm.addPass(createSNNLegalizeTarget(shared));
  pm.addPass(createSNNPartition(shared, chips));
  addPlaceAndRoute(pm);
}

namespace {
struct MappingPipelineOptions
    : public PassPipelineOptions<MappingPipelineOptions> {
  Option<std::string> target{
      *this, "target",
      llvm::cl::desc("Target name or path to a description file"),
      llvm::cl::init("loihi")};
  Option<unsigned> chips{*this, "chips",
                         llvm::cl::desc("Number of chips (0: the target's)"),
                         llvm::cl::init(0)};
};
} // namespace

void snnc::registerMappingPasses() {
  registerSNNPasses();
  registerChipPasses();
  PassPipelineRegistration<MappingPipelineOptions>(
      "snn-to-chip",
      "Map snn programs onto a target's cores: snn-legalize-target, "
      "snn-partition, chip-place, chip-route",
      [](OpPassManager &pm, const MappingPipelineOptions &options) {
        pm.addPass(
            createSNNLegalizeTarget(SNNLegalizeTargetOptions{options.target}));
        pm.addPass(createSNNPartition(
            SNNPartitionOptions{options.target, options.chips}));
        addPlaceAndRoute(pm);
      });
}

//===- Passes.h - mapping onto chip cores -----------------------*- C++ -*-===//
//
// Partition, placement and routing of an snn program onto the cores of a
// target, and the pipeline that runs them after target legalization.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_DIALECT_CHIP_TRANSFORMS_PASSES_H
#define SNNC_DIALECT_CHIP_TRANSFORMS_PASSES_H

#include "snnc/Dialect/Chip/ChipOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace snnc {
namespace target {
struct TargetDescription;
} // namespace target

#define GEN_PASS_DECL
#include "snnc/Dialect/Chip/Transforms/Passes.h.inc"

/// snn-partition for a description the caller already loaded (the `target`
/// option is then ignored); `chips` = 0 keeps the description's chip count.
std::unique_ptr<mlir::Pass>
createSNNPartition(std::shared_ptr<const target::TargetDescription> description,
                   unsigned chips = 0);

/// Adds the mapping of snn programs onto `description`'s cores to a
/// builtin.module pass manager: snn-legalize-target, snn-partition, then
/// chip-place and chip-route on every chip.module. `chips` = 0 keeps the
/// description's chip count. This is what `snnc compile` runs between the
/// conversion to snn and the emitter.
void buildMappingPipeline(mlir::OpPassManager &pm,
                          const target::TargetDescription &description,
                          unsigned chips = 0);

#define GEN_PASS_REGISTRATION
#include "snnc/Dialect/Chip/Transforms/Passes.h.inc"

/// Registers the snn and chip passes and the `snn-to-chip` pipeline (options
/// `target`, `chips`) with the global registry, for snn-opt.
void registerMappingPasses();

} // namespace snnc

#endif // SNNC_DIALECT_CHIP_TRANSFORMS_PASSES_H

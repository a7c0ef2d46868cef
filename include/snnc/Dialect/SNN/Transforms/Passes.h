//===- Passes.h - snn transformation passes ---------------------*- C++ -*-===//

#ifndef SNNC_DIALECT_SNN_TRANSFORMS_PASSES_H
#define SNNC_DIALECT_SNN_TRANSFORMS_PASSES_H

#include "snnc/Dialect/Chip/ChipDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace snnc {
namespace target {
struct TargetDescription;
} // namespace target

#define GEN_PASS_DECL
#include "snnc/Dialect/SNN/Transforms/Passes.h.inc"

/// snn-legalize-target for a description the caller already loaded (the
/// `target` option is then ignored).
std::unique_ptr<mlir::Pass> createSNNLegalizeTarget(
    std::shared_ptr<const target::TargetDescription> description);

#define GEN_PASS_REGISTRATION
#include "snnc/Dialect/SNN/Transforms/Passes.h.inc"

} // namespace snnc

#endif // SNNC_DIALECT_SNN_TRANSFORMS_PASSES_H

//===- Emitter.h - chip images from mapped programs -------------*- C++ -*-===//
//
// The last compiler stage: a legalized snn program and its chip.module
// mapping become a chip image (snnc-image) in the target's native layout.
// One emitter per target family lives in targets/<family>/.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_TARGET_EMITTER_H
#define SNNC_TARGET_EMITTER_H

#include "snnc/Image/Image.h"
#include "snnc/Target/TargetDescription.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LogicalResult.h"

#include <cstdint>
#include <string>

namespace snnc::target {

struct EmitOptions {
  std::string compilerVersion;
  uint64_t seed = 0;
};

/// Builds the image of `func`, whose `chip.mapping` names its chip.module
/// in the same module. Emits a diagnostic at the offending op on failure.
mlir::FailureOr<image::Image> emitImage(mlir::func::FuncOp func,
                                        const TargetDescription &description,
                                        const EmitOptions &options);

/// The Loihi-like family's emitter (targets/loihi).
mlir::FailureOr<image::Image>
emitLoihiImage(mlir::func::FuncOp func, const TargetDescription &description,
               const EmitOptions &options);

/// The SpiNNaker-like family's emitter (targets/spinnaker).
mlir::FailureOr<image::Image>
emitSpiNNakerImage(mlir::func::FuncOp func,
                   const TargetDescription &description,
                   const EmitOptions &options);

} // namespace snnc::target

#endif // SNNC_TARGET_EMITTER_H

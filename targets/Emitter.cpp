//===- Emitter.cpp - dispatch to the target family's emitter --------------===//

#include "snnc/Target/Emitter.h"

using namespace mlir;
using namespace snnc::target;

FailureOr<snnc::image::Image>
snnc::target::emitImage(func::FuncOp func, const TargetDescription &description,
                        const EmitOptions &options) {
  if (description.family == "loihi")
    return emitLoihiImage(func, description, options);
  if (description.family == "spinnaker")
    return emitSpiNNakerImage(func, description, options);
  return func.emitError("no image emitter for target family '")
         << description.family << "' (target '" << description.name
         << "'); snnc emits images for: loihi, spinnaker";
}

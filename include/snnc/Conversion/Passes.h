//===- Passes.h - snnc conversion passes ------------------------*- C++ -*-===//

#ifndef SNNC_CONVERSION_PASSES_H
#define SNNC_CONVERSION_PASSES_H

#include "snnc/Dialect/SNN/SNNDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace snnc {

#define GEN_PASS_DECL
#include "snnc/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "snnc/Conversion/Passes.h.inc"

} // namespace snnc

#endif // SNNC_CONVERSION_PASSES_H

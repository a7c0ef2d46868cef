//===- Passes.h - raising xf graphs to named ops ----------------*- C++ -*-===//
//
// Patterns and passes that turn the decomposed forms exporters emit
// (LayerNorm, RMSNorm, GELU, SiLU, linear layers, embeddings, causal masks)
// into xf's named ops.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_DIALECT_XF_TRANSFORMS_PASSES_H
#define SNNC_DIALECT_XF_TRANSFORMS_PASSES_H

#include "snnc/Dialect/XF/XFOps.h"

#include "mlir/Pass/Pass.h"

#include <memory>

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace snnc {

#define GEN_PASS_DECL
#include "snnc/Dialect/XF/Transforms/Passes.h.inc"

/// Adds the patterns of xf-raise to `patterns`.
void populateXFRaisePatterns(mlir::RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "snnc/Dialect/XF/Transforms/Passes.h.inc"

} // namespace snnc

#endif // SNNC_DIALECT_XF_TRANSFORMS_PASSES_H

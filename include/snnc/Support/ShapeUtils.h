//===- ShapeUtils.h - shape helpers shared by the dialects ------*- C++ -*-===//

#ifndef SNNC_SUPPORT_SHAPEUTILS_H
#define SNNC_SUPPORT_SHAPEUTILS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>
#include <string>

namespace snnc {

/// Formats a shape as "[2, 3]" for diagnostics.
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// NumPy/ONNX multidirectional broadcast of two static shapes; std::nullopt
/// when a pair of dimensions is neither equal nor 1.
std::optional<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b);

/// Normalizes an ONNX-style axis (negative counts from the end); std::nullopt
/// when it is outside [-rank, rank).
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

} // namespace snnc

#endif // SNNC_SUPPORT_SHAPEUTILS_H

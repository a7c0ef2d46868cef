//===- Metrics.h - how far one tensor is from another -----------*- C++ -*-===//
//
// The error measures every level of snnc is reported with (snnc verify, the
// snnc-compare test tool, the benchmarks): max abs/rel deviation, relative L2,
// cosine similarity and top-1 (argmax along the last axis) agreement.
// Computed in double whatever the element type. MLIR-free.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_TENSOR_METRICS_H
#define SNNC_TENSOR_METRICS_H

#include "snnc/Tensor/Tensor.h"

#include <cstdint>
#include <vector>

namespace snnc {

/// Element i as a double, whatever the dtype.
double elementAsDouble(const Tensor &t, int64_t i);

/// Deviation of `actual` from `reference`, elementwise.
struct Deviation {
  int64_t elements = 0;
  double maxAbs = 0;
  /// Largest |a - r| / |r| over the elements with r != 0.
  double maxRel = 0;
  /// ||a - r|| / ||r||; ||a - r|| when the reference is all zeros.
  double relL2 = 0;
  /// <a, r> / (||a|| ||r||); 1 when both are all zeros, 0 when only one is.
  double cosine = 1;
};

/// Precondition: equal element counts (shapes and dtypes may differ).
Deviation deviation(const Tensor &actual, const Tensor &reference);

/// Index of the largest element of each row along the last axis (the first
/// one on ties; NaN never wins). A scalar is one row of one element.
std::vector<int64_t> argmaxLastAxis(const Tensor &t);

struct Top1 {
  int64_t agree = 0;
  int64_t rows = 0;
  /// agree / rows; 1 for no rows.
  double fraction() const { return rows ? double(agree) / double(rows) : 1; }
};

/// Rows whose argmax along the last axis is the same in both.
/// Precondition: equal shapes.
Top1 top1Agreement(const Tensor &actual, const Tensor &reference);

/// Same dtype, same shape and the same bytes in every element (so -0.0 and
/// 0.0 differ and a NaN equals the same NaN).
bool bitIdentical(const Tensor &a, const Tensor &b);

} // namespace snnc

#endif // SNNC_TENSOR_METRICS_H

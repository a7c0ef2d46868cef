//===- Metrics.cpp - how far one tensor is from another -------------------===//

#include "snnc/Tensor/Metrics.h"

#include <cmath>
#include <cstring>

using namespace snnc;

double snnc::elementAsDouble(const Tensor &t, int64_t i) {
  return t.dtype == DType::F32 ? double(t.f32[i]) : double(t.i64[i]);
}

Deviation snnc::deviation(const Tensor &actual, const Tensor &reference) {
  Deviation d;
  d.elements = actual.numElements();
  double diff2 = 0, ref2 = 0, act2 = 0, dot = 0;
  for (int64_t i = 0; i < d.elements; ++i) {
    double a = elementAsDouble(actual, i), r = elementAsDouble(reference, i);
    double diff = std::fabs(a - r);
    d.maxAbs = std::fmax(d.maxAbs, diff);
    if (r != 0)
      d.maxRel = std::fmax(d.maxRel, diff / std::fabs(r));
    diff2 += diff * diff;
    ref2 += r * r;
    act2 += a * a;
    dot += a * r;
  }
  d.relL2 = ref2 > 0 ? std::sqrt(diff2 / ref2) : std::sqrt(diff2);
  if (act2 > 0 && ref2 > 0)
    d.cosine = dot / std::sqrt(act2 * ref2);
  else
    // A level that outputs nothing but zeros is not "similar" to one that
    // does not.
    d.cosine = act2 == ref2 ? 1 : 0;
  return d;
}

std::vector<int64_t> snnc::argmaxLastAxis(const Tensor &t) {
  int64_t n = t.numElements();
  int64_t classes = t.shape.empty() ? 1 : t.shape.back();
  int64_t rows = classes > 0 ? n / classes : 0;
  std::vector<int64_t> best(rows, 0);
  for (int64_t r = 0; r < rows; ++r) {
    double top = NAN;
    for (int64_t c = 0; c < classes; ++c) {
      double v = elementAsDouble(t, r * classes + c);
      if (std::isnan(top) ? !std::isnan(v) : v > top) {
        top = v;
        best[r] = c;
      }
    }
  }
  return best;
}

Top1 snnc::top1Agreement(const Tensor &actual, const Tensor &reference) {
  std::vector<int64_t> a = argmaxLastAxis(actual);
  std::vector<int64_t> r = argmaxLastAxis(reference);
  Top1 result;
  result.rows = int64_t(a.size());
  for (size_t i = 0; i < a.size(); ++i)
    result.agree += a[i] == r[i];
  return result;
}

bool snnc::bitIdentical(const Tensor &a, const Tensor &b) {
  if (a.dtype != b.dtype || a.shape != b.shape)
    return false;
  if (a.dtype == DType::F32)
    return a.f32.size() == b.f32.size() &&
           (a.f32.empty() ||
            std::memcmp(a.f32.data(), b.f32.data(), a.f32.size() * 4) == 0);
  return a.i64 == b.i64;
}

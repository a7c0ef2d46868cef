//===- PortCodec.cpp - real values <-> port codes -------------------------===//
//
// Out of line on purpose: one compiled instance for every caller, whatever
// flags their own translation units use.
//
//===----------------------------------------------------------------------===//

#include "snnc/Image/PortCodec.h"

#include <cassert>
#include <cmath>

using namespace snnc::image;

int32_t snnc::image::quantizeInput(float x, float scale, int32_t qmin,
                                   int32_t qmax) {
  assert(std::isfinite(scale) && scale > 0.0f && qmin <= qmax);
  const double q = double(x) / double(scale);
  double c = 0.0;
  if (!std::isnan(q)) {
    // floor(q + 0.5) would round q + 0.5 itself (0.5 - 2^-54 -> 1.0).
    // q - floor(q) is exact whenever it is near 0.5, so ties are exact.
    c = std::floor(q);
    if (q - c >= 0.5)
      c += 1.0;
  }
  if (c < double(qmin))
    return qmin;
  if (c > double(qmax))
    return qmax;
  return int32_t(c);
}

float snnc::image::dequantizeOutput(int64_t count, float scale) {
  return float(count) * scale;
}

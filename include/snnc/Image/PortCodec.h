//===- PortCodec.h - real values <-> port codes -----------------*- C++ -*-===//
//
// The only floating point on the run-time data path: quantizing graph inputs
// to codes and decoding final counts. The functional interpreter and the
// simulator both call these (compiled once, in snnc-image), so they agree
// bit for bit. Exact operations (IEEE 754 binary32/binary64,
// round-to-nearest-even, no fast-math):
//
//   quantizeInput:    q = double(x) / double(scale)       (one rounding)
//                     c = floor(q), plus 1 if q - floor(q) >= 0.5
//                     (round half up; the subtraction is exact where it
//                      decides, so ties are exact)
//                     clamp c to [qmin, qmax] while still a double
//                     NaN -> 0 clamped to [qmin, qmax]; +-inf -> qmax / qmin
//   dequantizeOutput: float(count) * scale                 (binary32)
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_IMAGE_PORTCODEC_H
#define SNNC_IMAGE_PORTCODEC_H

#include <cstdint>

namespace snnc::image {

/// Code of a real input value: clamp(roundHalfUp(x / scale), qmin, qmax).
/// Preconditions: scale finite and > 0, qmin <= qmax.
int32_t quantizeInput(float x, float scale, int32_t qmin, int32_t qmax);

/// Real value of a final spike count: float(count) * scale.
float dequantizeOutput(int64_t count, float scale);

} // namespace snnc::image

#endif // SNNC_IMAGE_PORTCODEC_H

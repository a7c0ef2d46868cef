//===- Requant.cpp - compile-time multiplier construction -----------------===//
//
// Floating point is confined to this file: it turns real scale ratios into
// integer multipliers once, at compile time. Every operation used (frexp,
// ldexp by a power of two, floor, subtraction of floor) is exact in IEEE
// double, so the constants do not depend on the host's rounding mode or
// excess precision (x87 vs SSE).
//
//===----------------------------------------------------------------------===//

#include "snnc/Arith/Requant.h"

#include <cmath>

using namespace snnc::arith;

namespace {
/// round_half_up(x) = floor(x + 1/2) for finite x >= 0, computed without the
/// inexact addition x + 0.5 (which rounds 0.5 - 2^-54 up to 1).
double roundHalfUp(double x) {
  const double whole = std::floor(x);
  return (x - whole >= 0.5) ? whole + 1.0 : whole;
}

constexpr double kTwoPow31 = 2147483648.0;
} // namespace

std::optional<Multiplier> snnc::arith::quantizeMultiplier(double r) {
  // !(r >= 0) also rejects NaN.
  if (!(r >= 0.0) || !std::isfinite(r))
    return std::nullopt;
  if (r == 0.0)
    return Multiplier{0, 0};
  int exp = 0;
  (void)std::frexp(r, &exp); // r = f * 2^exp, f in [0.5, 1)
  // m = f * 2^31 lands in [2^30, 2^31) for shift = 31 - exp.
  int shift = 31 - exp;
  if (shift > kMaxShift)
    shift = kMaxShift; // tiny r: denormal m, see the header
  if (shift < 0)
    return std::nullopt; // r >= 2^31
  double m = roundHalfUp(std::ldexp(r, shift));
  if (m >= kTwoPow31) {
    // Rounding carried into bit 31 (r*2^shift in [2^31 - 1/2, 2^31)); one
    // bit less of shift gives m = 2^30 exactly.
    if (shift == 0)
      return std::nullopt;
    --shift;
    m = roundHalfUp(std::ldexp(r, shift));
  }
  if (m == 0.0)
    return Multiplier{0, 0};
  return Multiplier{int32_t(m), int32_t(shift)};
}

std::optional<int32_t> snnc::arith::quantizeMultiplierAtShift(double r,
                                                              int shift) {
  if (!(r >= 0.0) || !std::isfinite(r) || shift < 0 || shift > kMaxShift)
    return std::nullopt;
  const double scaled = std::ldexp(r, shift); // may overflow to +inf
  if (!(scaled < kTwoPow31))
    return std::nullopt;
  const double m = roundHalfUp(scaled);
  if (m >= kTwoPow31)
    return std::nullopt;
  return int32_t(m);
}

double snnc::arith::multiplierToDouble(Multiplier mul) {
  return std::ldexp(double(mul.m), -mul.shift);
}

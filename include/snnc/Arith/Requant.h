//===- Requant.h - requantization by a normalized multiplier ----*- C++ -*-===//
//
// Requantization of an accumulator by a real ratio r ~= m / 2^shift
// (semantics.md): c = clamp((acc*m + 2^(shift-1)) >> shift, qmin, qmax) with
// an arithmetic shift, i.e. round half up of acc*r. The run-time part is
// integer-only and exact for every int64 accumulator without __int128 (a
// 64x32-bit product is at most 95 bits, kept as a hi/lo pair), so 64-bit-only
// targets compute the same bits. Only quantizeMultiplier, which builds the
// constants at compile time, uses floating point.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_ARITH_REQUANT_H
#define SNNC_ARITH_REQUANT_H

#include "snnc/Arith/Rounding.h"

#include <cassert>
#include <cstdint>
#include <limits>
#include <optional>

namespace snnc::arith {

/// Largest supported shift. 2^62 is the largest power of two in int64, and
/// the ST-BIF threshold 2^shift must be representable.
inline constexpr int kMaxShift = 62;

/// Fixed-point multiplier for a real ratio r ~= m / 2^shift.
/// Normalized form (what quantizeMultiplier returns for r >= 2^-32):
/// m in [2^30, 2^31), shift in [0, 62]. The requantization functions accept
/// any int32 m (also negative) and any shift in [0, 62].
struct Multiplier {
  int32_t m = 0;
  int32_t shift = 0;
};

constexpr bool operator==(Multiplier a, Multiplier b) {
  return a.m == b.m && a.shift == b.shift;
}
constexpr bool operator!=(Multiplier a, Multiplier b) { return !(a == b); }

/// True when m is in [2^30, 2^31) and shift in [0, kMaxShift].
constexpr bool isNormalized(Multiplier mul) {
  return mul.m >= (1 << 30) && mul.shift >= 0 && mul.shift <= kMaxShift;
}

/// Builds the multiplier for a real ratio r (compile time only; deterministic
/// IEEE double arithmetic: frexp, ldexp and floor are exact here).
/// m = round_half_up(r * 2^shift) with the largest shift that keeps m < 2^31,
/// so |m / 2^shift - r| <= 2^-(shift+1).
///  - r == 0 (or a tiny r whose m rounds to 0) gives the canonical {0, 0}.
///  - r < 2^-32 would need shift > 62: the shift is capped at 62 and m is
///    then denormal (m < 2^30, fewer significant bits), still correctly
///    rounded at shift 62.
///  - r < 0, NaN, infinities and r whose rounded m would be >= 2^31 at
///    shift 0 (r >= 2^31 - 1/2) are rejected with std::nullopt.
std::optional<Multiplier> quantizeMultiplier(double r);

/// m = round_half_up(r * 2^shift) at a fixed shift (used when several inputs
/// feed one neuron and must share its threshold 2^shift, e.g. a residual add
/// M1*a + M2*b). std::nullopt when r is negative or not finite, shift is
/// outside [0, 62], or m would not fit int32.
std::optional<int32_t> quantizeMultiplierAtShift(double r, int shift);

/// m / 2^shift as a double, for diagnostics and calibration only.
double multiplierToDouble(Multiplier mul);

namespace detail {
/// Two's-complement 128-bit value hi*2^64 + lo; just enough arithmetic for
/// exact 64x32-bit products without compiler support for __int128.
struct Int128 {
  uint64_t lo;
  int64_t hi;
};

/// Exact a * m. With a = ah*2^32 + al (ah signed, al in [0, 2^32)), both
/// partial products fit int64: |ah*m| <= 2^62, |al*m| < 2^63.
constexpr Int128 mul64x32(int64_t a, int32_t m) {
  const int64_t ah = a >> 32;
  const int64_t al = int64_t(uint64_t(a) & 0xFFFFFFFFu);
  const int64_t x = ah * m;
  const int64_t y = al * m;
  // x * 2^32, then add y sign-extended to 128 bits.
  const uint64_t xlo = uint64_t(x) << 32;
  const uint64_t lo = xlo + uint64_t(y);
  const int64_t hi = (x >> 32) + (y < 0 ? -1 : 0) + (lo < xlo ? 1 : 0);
  return {lo, hi};
}

/// v + c for an unsigned 64-bit c (the products here are far from 2^127).
constexpr Int128 addUnsigned(Int128 v, uint64_t c) {
  const uint64_t lo = v.lo + c;
  return {lo, v.hi + (lo < v.lo ? 1 : 0)};
}

/// floor(v / 2^shift) for shift in [0, 63].
constexpr Int128 shiftRightArith(Int128 v, int shift) {
  if (shift == 0)
    return v;
  return {(v.lo >> shift) | (uint64_t(v.hi) << (64 - shift)), v.hi >> shift};
}

/// v saturated to [INT64_MIN, INT64_MAX]. v fits iff hi is the sign
/// extension of lo; written without branches (mixed-sign data mispredicts).
constexpr int64_t saturateToInt64(Int128 v) {
  const int64_t lo = bitsToSigned(v.lo);
  const int64_t bound = v.hi < 0 ? std::numeric_limits<int64_t>::min()
                                 : std::numeric_limits<int64_t>::max();
  return v.hi == (lo >> 63) ? lo : bound;
}
} // namespace detail

/// floor((acc*m + 2^(shift-1)) / 2^shift), i.e. round half up of
/// acc*m/2^shift; shift 0 means acc*m with no rounding term. Exact for every
/// int64 acc, int32 m and shift in [0, 62]; a result outside int64 saturates
/// to INT64_MIN / INT64_MAX (so a following clamp is still exact).
inline int64_t mulShiftRoundHalfUp(int64_t acc, int32_t m, int shift) {
  assert(shift >= 0 && shift <= kMaxShift && "shift out of range");
  const int64_t round = shift == 0 ? 0 : int64_t(1) << (shift - 1);
  // Fast path: |acc| <= 2^31 keeps |acc*m| + round <= 2^62 + 2^61.
  if (uint64_t(acc) + (uint64_t(1) << 31) <= (uint64_t(1) << 32))
    return (acc * m + round) >> shift;
  detail::Int128 p = detail::mul64x32(acc, m);
  p = detail::addUnsigned(p, uint64_t(round));
  return detail::saturateToInt64(detail::shiftRightArith(p, shift));
}

inline int64_t mulShiftRoundHalfUp(int64_t acc, Multiplier mul) {
  return mulShiftRoundHalfUp(acc, mul.m, mul.shift);
}

/// The normative requantization:
/// clamp((acc*m + 2^(shift-1)) >> shift, qmin, qmax). Precondition:
/// qmin <= qmax.
inline int64_t requantize(int64_t acc, Multiplier mul, int64_t qmin,
                          int64_t qmax) {
  return clamp(mulShiftRoundHalfUp(acc, mul), qmin, qmax);
}

} // namespace snnc::arith

#endif // SNNC_ARITH_REQUANT_H

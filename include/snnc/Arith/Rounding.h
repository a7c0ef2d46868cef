//===- Rounding.h - integer rounding, clamping, division, isqrt -*- C++ -*-===//
//
// The scalar integer primitives of docs/semantics (shared/design/semantics.md):
// round half up (floor(x + 1/2)) everywhere, clamping, saturating narrowing,
// overflow-checked arithmetic, div_round and an exact isqrt.
//
// Everything here is header-only, allocation-free, exception-free and uses no
// floating point, so the same code runs in constant folding, the reference
// interpreters, the simulator and on targets without an FPU. Nothing needs
// __int128; results are exact for every representable input.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_ARITH_ROUNDING_H
#define SNNC_ARITH_ROUNDING_H

#include <cassert>
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>

namespace snnc::arith {

// Right shifts of negative values are implementation-defined before C++20;
// every supported compiler shifts arithmetically (floor), which the code
// relies on. Fail loudly on an exotic one rather than compute wrong results.
static_assert((int64_t(-5) >> 1) == -3, "arithmetic right shift required");

/// Clamps v to [lo, hi]. Precondition: lo <= hi.
template <typename T> constexpr T clamp(T v, T lo, T hi) {
  assert(lo <= hi && "clamp: empty range");
  return v < lo ? lo : (hi < v ? hi : v);
}

/// Converts v to the integer type To, saturating at To's bounds (used to
/// narrow int64 accumulators to int32/int8 codes and counts).
template <typename To, typename From> constexpr To saturate(From v) {
  static_assert(std::is_integral_v<To> && std::is_integral_v<From>);
  static_assert(std::is_signed_v<To> && std::is_signed_v<From> &&
                    sizeof(From) >= sizeof(To),
                "saturate narrows signed integers");
  constexpr From lo = From(std::numeric_limits<To>::min());
  constexpr From hi = From(std::numeric_limits<To>::max());
  return To(v < lo ? lo : (v > hi ? hi : v));
}

/// Reinterprets the two's-complement bits of v as int64 without the
/// implementation-defined unsigned-to-signed conversion of pre-C++20.
constexpr int64_t bitsToSigned(uint64_t v) {
  return v <= uint64_t(std::numeric_limits<int64_t>::max()) ? int64_t(v)
                                                            : -int64_t(~v) - 1;
}

/// floor(x / 2^shift) for shift in [0, 63].
constexpr int64_t floorShiftRight(int64_t x, int shift) {
  assert(shift >= 0 && shift <= 63 && "shift out of range");
  return x >> shift;
}

/// floor(x / 2^shift + 1/2): rounding right shift, round half up. shift in
/// [0, 63]; shift 0 returns x. Computed as (x >> s) + bit (s-1) of x instead
/// of (x + 2^(s-1)) >> s, so it cannot overflow near INT64_MAX.
constexpr int64_t roundingShiftRight(int64_t x, int shift) {
  assert(shift >= 0 && shift <= 63 && "shift out of range");
  if (shift == 0)
    return x;
  return (x >> shift) + ((x >> (shift - 1)) & 1);
}

namespace detail {
/// Portable overflow-checked a + b (no compiler builtins); exposed for tests.
constexpr bool addOverflowPortable(int64_t a, int64_t b, int64_t &out) {
  constexpr int64_t max = std::numeric_limits<int64_t>::max();
  constexpr int64_t min = std::numeric_limits<int64_t>::min();
  if ((b > 0 && a > max - b) || (b < 0 && a < min - b))
    return true;
  out = a + b;
  return false;
}

/// Portable overflow-checked a * b (no compiler builtins); exposed for tests.
/// Works on magnitudes in uint64, where |INT64_MIN| = 2^63 is representable.
constexpr bool mulOverflowPortable(int64_t a, int64_t b, int64_t &out) {
  const bool negative = (a < 0) != (b < 0);
  const uint64_t ua = a < 0 ? 0 - uint64_t(a) : uint64_t(a);
  const uint64_t ub = b < 0 ? 0 - uint64_t(b) : uint64_t(b);
  const uint64_t limit =
      uint64_t(std::numeric_limits<int64_t>::max()) + (negative ? 1u : 0u);
  if (ua != 0 && ub > limit / ua)
    return true;
  const uint64_t mag = ua * ub;
  out = negative ? bitsToSigned(0 - mag) : int64_t(mag);
  return false;
}
} // namespace detail

/// a + b, or std::nullopt if the sum does not fit int64.
inline std::optional<int64_t> checkedAdd(int64_t a, int64_t b) {
  int64_t r = 0;
#if defined(__GNUC__) || defined(__clang__)
  if (__builtin_add_overflow(a, b, &r))
    return std::nullopt;
#else
  if (detail::addOverflowPortable(a, b, r))
    return std::nullopt;
#endif
  return r;
}

/// a * b, or std::nullopt if the product does not fit int64.
inline std::optional<int64_t> checkedMul(int64_t a, int64_t b) {
  int64_t r = 0;
#if defined(__GNUC__) || defined(__clang__)
  if (__builtin_mul_overflow(a, b, &r))
    return std::nullopt;
#else
  if (detail::mulOverflowPortable(a, b, r))
    return std::nullopt;
#endif
  return r;
}

/// floor(a / b) and the remainder a - b*floor(a/b) in [0, b). Precondition
/// b > 0 (so INT64_MIN / -1 cannot occur).
struct FloorDivResult {
  int64_t quot;
  int64_t rem;
};
constexpr FloorDivResult floorDivMod(int64_t a, int64_t b) {
  assert(b > 0 && "floorDivMod: divisor must be positive");
  int64_t q = a / b, r = a % b; // truncating
  if (r < 0) {
    q -= 1;
    r += b;
  }
  return {q, r};
}

/// div_round(a, b) = floor((2a + b) / (2b)) = floor(a/b + 1/2) for b > 0,
/// exact for every int64 a and b in [1, INT64_MAX]. With a = q*b + r,
/// 0 <= r < b, the result is q + (2r >= b); r >= b - r avoids computing 2r
/// or 2a, so nothing overflows (q + 1 overflows only when b = 1 and r = 0,
/// where the comparison is false).
/// Precondition b > 0: b == 0 divides by zero, b < 0 is not meaningful
/// here. Use divRoundChecked when b is not known to be positive.
constexpr int64_t divRound(int64_t a, int64_t b) {
  const FloorDivResult d = floorDivMod(a, b);
  return d.quot + (d.rem >= b - d.rem ? 1 : 0);
}

/// divRound(a, b), or std::nullopt when b <= 0.
constexpr std::optional<int64_t> divRoundChecked(int64_t a, int64_t b) {
  if (b <= 0)
    return std::nullopt;
  return divRound(a, b);
}

/// Exact floor(sqrt(n)) for every uint64 n, integer-only (digit-by-digit
/// base-4 method; at most 32 iterations, no division, no floating point, so
/// targets without an FPU compute the same bits).
constexpr uint64_t isqrt(uint64_t n) {
  // Highest power of four <= n.
  uint64_t bit = 0;
#if defined(__GNUC__) || defined(__clang__)
  if (n == 0)
    return 0;
  bit = uint64_t(1) << ((63 - __builtin_clzll(n)) & ~1);
#else
  bit = uint64_t(1) << 62;
  while (bit > n)
    bit >>= 2;
#endif
  uint64_t rem = n, root = 0;
  // Classic digit-by-digit square root: each iteration decides one result
  // bit; rem is n minus the square of the bits decided so far.
  while (bit != 0) {
    if (rem >= root + bit) {
      rem -= root + bit;
      root = (root >> 1) + bit;
    } else {
      root >>= 1;
    }
    bit >>= 2;
  }
  return root;
}

/// isqrt for signed inputs; std::nullopt when n < 0.
constexpr std::optional<int64_t> isqrtChecked(int64_t n) {
  if (n < 0)
    return std::nullopt;
  return int64_t(isqrt(uint64_t(n)));
}

} // namespace snnc::arith

#endif // SNNC_ARITH_ROUNDING_H

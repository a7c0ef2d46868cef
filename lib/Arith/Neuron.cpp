//===- Neuron.cpp - ST-BIF potential bounds
//--------------------------------===//
//
// Compile-time (verifier) helpers; the hot step functions are in Neuron.h.
//
//===----------------------------------------------------------------------===//

#include "snnc/Arith/Neuron.h"

#include <cassert>
#include <limits>

using namespace snnc::arith;

namespace {
/// a + b in uint64; false on wrap-around.
bool addU64(uint64_t a, uint64_t b, uint64_t &out) {
  out = a + b;
  return out >= a;
}

/// a * b in uint64; false on overflow.
bool mulU64(uint64_t a, uint64_t b, uint64_t &out) {
  if (a != 0 && b > std::numeric_limits<uint64_t>::max() / a)
    return false;
  out = a * b;
  return true;
}
} // namespace

std::optional<PotentialRange>
snnc::arith::potentialRange(const NeuronParams &p, uint64_t maxAbsPrefixSum) {
  assert(isValid(p) && "invalid ST-BIF parameters");
  const uint64_t b = maxAbsPrefixSum;
  const int shift = p.thresholdShift;
  const uint64_t theta = uint64_t(1) << shift;
  const uint64_t half = theta / 2;
  // b = q*theta + r with 0 <= r < theta.
  const uint64_t q = b >> shift;
  const uint64_t r = b & (theta - 1);
  // Largest count: floor((half + b) / theta). Most negative count, negated:
  // -floor((half - b) / theta) = ceil((b - half) / theta). (q + 1 cannot wrap:
  // q = 2^64 - 1 needs theta = 1, where both increments are 0.)
  const uint64_t up = q + (r + half >= theta ? 1 : 0);
  const uint64_t down = q + (r > half ? 1 : 0);
  const uint64_t nHi = up < uint64_t(p.nmax) ? up : uint64_t(p.nmax);
  const uint64_t nLoMag =
      down < uint64_t(-int64_t(p.nmin)) ? down : uint64_t(-int64_t(p.nmin));

  // hi = half + b + nLoMag*theta must be <= INT64_MAX.
  uint64_t hiMag = 0, t = 0;
  if (!mulU64(nLoMag, theta, t) || !addU64(t, b, hiMag) ||
      !addU64(hiMag, half, hiMag) ||
      hiMag > uint64_t(std::numeric_limits<int64_t>::max()))
    return std::nullopt;

  // lo = half - (b + nHi*theta) must be >= INT64_MIN = -2^63.
  uint64_t below = 0;
  if (!mulU64(nHi, theta, t) || !addU64(t, b, below))
    return std::nullopt;
  int64_t lo = 0;
  if (below <= half) {
    lo = int64_t(half - below);
  } else {
    const uint64_t mag = below - half;
    if (mag > (uint64_t(1) << 63))
      return std::nullopt;
    lo = bitsToSigned(0 - mag);
  }
  return PotentialRange{lo, int64_t(hiMag)};
}

bool snnc::arith::potentialFitsSigned(const NeuronParams &p,
                                      uint64_t maxAbsPrefixSum, int bits) {
  assert(bits >= 1 && bits <= 64 && "bit width out of range");
  const std::optional<PotentialRange> range =
      potentialRange(p, maxAbsPrefixSum);
  if (!range)
    return false;
  if (bits == 64)
    return true;
  const int64_t limit = int64_t(1) << (bits - 1);
  return range->lo >= -limit && range->hi <= limit - 1;
}

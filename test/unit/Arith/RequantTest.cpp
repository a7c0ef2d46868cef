//===- RequantTest.cpp - requantization vs __int128 brute force -----------===//

#include "snnc/Arith/Requant.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <ostream>
#include <random>
#include <vector>

using namespace snnc::arith;

namespace snnc::arith {
// Readable failure messages for EXPECT_EQ on multipliers.
void PrintTo(const Multiplier &mul, std::ostream *os) {
  *os << "{m=" << mul.m << ", shift=" << mul.shift << "}";
}
} // namespace snnc::arith

namespace {
__extension__ typedef __int128 I128;

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int32_t kMin32 = std::numeric_limits<int32_t>::min();
constexpr int32_t kMax32 = std::numeric_limits<int32_t>::max();

I128 floorDiv(I128 a, I128 b) {
  I128 q = a / b;
  if (q * b > a)
    --q;
  return q;
}

/// floor((acc*m + 2^(shift-1)) / 2^shift) saturated to int64, in __int128.
int64_t refMulShift(int64_t acc, int32_t m, int shift) {
  const I128 p = I128(acc) * m;
  const I128 d = I128(1) << shift;
  const I128 q = shift == 0 ? p : floorDiv(p + d / 2, d);
  if (q < kMin)
    return kMin;
  if (q > kMax)
    return kMax;
  return int64_t(q);
}

int64_t randomMagnitude(std::mt19937_64 &rng) {
  const int bits = int(rng() % 65); // 0..64
  if (bits == 64)
    return bitsToSigned(rng());
  const int64_t v = bits == 0 ? 0 : int64_t(rng() >> (64 - bits));
  return (rng() & 1) ? -v : v;
}

std::vector<int64_t> edgeAccs() {
  std::vector<int64_t> v = {kMin, kMin + 1, -1, 0, 1, kMax - 1, kMax};
  for (int s : {30, 31, 32, 33, 61, 62}) {
    const int64_t p = int64_t(1) << s;
    for (int64_t d : {-1, 0, 1}) {
      v.push_back(p + d);
      v.push_back(-p + d);
    }
  }
  return v;
}

std::vector<int32_t> edgeMultipliers() {
  return {kMin32,  kMin32 + 1,    -(1 << 30), -3,         -1,    0, 1, 2, 3,
          1 << 30, (1 << 30) + 1, 1518500250, kMax32 - 1, kMax32};
}
} // namespace

TEST(Requant, DetailInt128Product) {
  std::mt19937_64 rng(10);
  for (int i = 0; i < 200000; ++i) {
    const int64_t a = randomMagnitude(rng);
    const int32_t m = int32_t(bitsToSigned(rng()) >> 32);
    const detail::Int128 p = detail::mul64x32(a, m);
    const I128 want = I128(a) * m;
    ASSERT_EQ(p.hi, int64_t(want >> 64)) << a << " * " << m;
    ASSERT_EQ(p.lo, uint64_t(want)) << a << " * " << m;
  }
}

TEST(Requant, EdgesAllShifts) {
  for (int64_t acc : edgeAccs())
    for (int32_t m : edgeMultipliers())
      for (int s = 0; s <= kMaxShift; ++s)
        ASSERT_EQ(mulShiftRoundHalfUp(acc, m, s), refMulShift(acc, m, s))
            << acc << " * " << m << " >> " << s;
}

TEST(Requant, ExhaustiveSmallAccumulators) {
  for (int32_t m : edgeMultipliers())
    for (int s = 0; s <= kMaxShift; ++s)
      for (int64_t acc = -1500; acc <= 1500; ++acc)
        ASSERT_EQ(mulShiftRoundHalfUp(acc, Multiplier{m, s}),
                  refMulShift(acc, m, s))
            << acc << " * " << m << " >> " << s;
}

TEST(Requant, ExhaustiveTinyMultipliers) {
  // Small m and shifts make every rounding tie reachable.
  for (int32_t m = -40; m <= 40; ++m)
    for (int s = 0; s <= 8; ++s)
      for (int64_t acc = -600; acc <= 600; ++acc)
        ASSERT_EQ(mulShiftRoundHalfUp(acc, m, s), refMulShift(acc, m, s))
            << acc << " * " << m << " >> " << s;
}

TEST(Requant, RandomRequantize) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 1000000; ++i) {
    const int64_t acc = randomMagnitude(rng);
    const int32_t m =
        (rng() & 1) ? int32_t((uint64_t(1) << 30) + (rng() >> 34)) // normalized
                    : int32_t(bitsToSigned(rng()) >> 32);          // any int32
    const int s = int(rng() % (kMaxShift + 1));
    const int64_t want = refMulShift(acc, m, s);
    ASSERT_EQ(mulShiftRoundHalfUp(acc, m, s), want)
        << acc << " * " << m << " >> " << s;
    int64_t qmin = randomMagnitude(rng), qmax = randomMagnitude(rng);
    if (qmin > qmax)
      std::swap(qmin, qmax);
    const int64_t clamped = want < qmin ? qmin : (want > qmax ? qmax : want);
    ASSERT_EQ(requantize(acc, Multiplier{m, s}, qmin, qmax), clamped);
  }
}

TEST(Requant, SaturatesBeforeClamp) {
  EXPECT_EQ(mulShiftRoundHalfUp(kMax, kMax32, 0), kMax);
  EXPECT_EQ(mulShiftRoundHalfUp(kMin, kMax32, 0), kMin);
  EXPECT_EQ(mulShiftRoundHalfUp(kMin, kMin32, 0), kMax);
  EXPECT_EQ(mulShiftRoundHalfUp(kMin, 1, 0), kMin);
  // 2^63 * 2^31 / 2^31 = 2^63 does not fit: saturates.
  EXPECT_EQ(mulShiftRoundHalfUp(kMin, kMin32, 31), kMax);
  EXPECT_EQ(mulShiftRoundHalfUp(kMin, kMin32, 32), int64_t(1) << 62);
  EXPECT_EQ(requantize(kMax, Multiplier{kMax32, 0}, -128, 127), 127);
  EXPECT_EQ(requantize(kMin, Multiplier{kMax32, 0}, -128, 127), -128);
  EXPECT_EQ(requantize(kMax, Multiplier{kMax32, 62}, -128, 127), 127);
  // (2^63-1)(2^31-1)/2^62 = 4294967293.99..., rounds to 4294967294.
  EXPECT_EQ(mulShiftRoundHalfUp(kMax, kMax32, 62), 4294967294);
}

TEST(Requant, RoundsHalfUp) {
  const Multiplier half{1 << 30, 31};           // 0.5
  EXPECT_EQ(mulShiftRoundHalfUp(5, half), 3);   // 2.5 -> 3
  EXPECT_EQ(mulShiftRoundHalfUp(-5, half), -2); // -2.5 -> -2
  EXPECT_EQ(mulShiftRoundHalfUp(-3, half), -1); // -1.5 -> -1
  EXPECT_EQ(mulShiftRoundHalfUp(7, Multiplier{3, 0}), 21);
}

TEST(Requant, MatchesRoundingShiftForUnitMultiplier) {
  std::mt19937_64 rng(12);
  for (int i = 0; i < 100000; ++i) {
    const int64_t x = randomMagnitude(rng);
    const int s = int(rng() % (kMaxShift + 1));
    ASSERT_EQ(mulShiftRoundHalfUp(x, 1, s), roundingShiftRight(x, s));
  }
}

namespace {
/// Checks the quantizeMultiplier contract for r > 0 using only exact double
/// operations (ldexp by powers of two; x - m is exact for |x - m| <= 1/2).
void checkMultiplier(double r) {
  const std::optional<Multiplier> q = quantizeMultiplier(r);
  ASSERT_TRUE(q.has_value()) << r;
  if (q->m == 0) {
    EXPECT_EQ(q->shift, 0);
    EXPECT_LT(std::ldexp(r, kMaxShift), 0.5) << r;
    return;
  }
  ASSERT_GE(q->shift, 0);
  ASSERT_LE(q->shift, kMaxShift);
  ASSERT_GT(q->m, 0);
  const double x = std::ldexp(r, q->shift);
  const double err = x - double(q->m);
  // Round half up: m = floor(x + 1/2)  <=>  -1/2 <= x - m < 1/2.
  ASSERT_GE(err, -0.5) << r;
  ASSERT_LT(err, 0.5) << r;
  if (q->shift < kMaxShift) {
    ASSERT_TRUE(isNormalized(*q)) << r << " m=" << q->m << " sh=" << q->shift;
    // Maximal precision: one more bit of shift would not fit int32.
    ASSERT_GE(std::floor(std::ldexp(r, q->shift + 1) + 0.5), 2147483648.0) << r;
  } else if (!isNormalized(*q)) {
    ASSERT_LT(r, std::ldexp(1.0, -32)) << r; // denormal only when forced
  }
}
} // namespace

TEST(QuantizeMultiplier, KnownValues) {
  EXPECT_EQ(*quantizeMultiplier(1.0), (Multiplier{1 << 30, 30}));
  EXPECT_EQ(*quantizeMultiplier(0.5), (Multiplier{1 << 30, 31}));
  EXPECT_EQ(*quantizeMultiplier(0.75), (Multiplier{3 << 29, 31}));
  EXPECT_EQ(*quantizeMultiplier(2147483647.0), (Multiplier{kMax32, 0}));
  EXPECT_EQ(*quantizeMultiplier(2147483647.25), (Multiplier{kMax32, 0}));
  // Rounding carries into bit 31: renormalized to 2^30 with one less shift.
  EXPECT_EQ(*quantizeMultiplier(1.0 - std::ldexp(1.0, -40)),
            (Multiplier{1 << 30, 30}));
  // 1/sqrt(2) ~ 0.70710678118654752: m = round(2^31 / sqrt(2)).
  EXPECT_EQ(*quantizeMultiplier(std::sqrt(0.5)), (Multiplier{1518500250, 31}));
}

TEST(QuantizeMultiplier, ZeroAndTiny) {
  EXPECT_EQ(*quantizeMultiplier(0.0), (Multiplier{0, 0}));
  EXPECT_EQ(*quantizeMultiplier(-0.0), (Multiplier{0, 0}));
  EXPECT_EQ(*quantizeMultiplier(std::ldexp(1.0, -32)),
            (Multiplier{1 << 30, 62}));
  EXPECT_EQ(*quantizeMultiplier(std::ldexp(1.0, -33)),
            (Multiplier{1 << 29, 62}));
  EXPECT_EQ(*quantizeMultiplier(std::ldexp(1.0, -63)), (Multiplier{1, 62}));
  EXPECT_EQ(*quantizeMultiplier(std::ldexp(3.0, -64)), (Multiplier{1, 62}));
  EXPECT_EQ(*quantizeMultiplier(std::ldexp(3.0, -65)), (Multiplier{0, 0}));
  EXPECT_EQ(*quantizeMultiplier(std::ldexp(1.0, -64)), (Multiplier{0, 0}));
  // r*2^62 = 1/2 - 2^-54: a naive floor(x + 0.5) would round this up to 1.
  EXPECT_EQ(*quantizeMultiplier(std::ldexp(0.5 - std::ldexp(1.0, -54), -62)),
            (Multiplier{0, 0}));
  EXPECT_EQ(*quantizeMultiplier(std::numeric_limits<double>::denorm_min()),
            (Multiplier{0, 0}));
}

TEST(QuantizeMultiplier, Rejects) {
  const double inf = std::numeric_limits<double>::infinity();
  for (double r :
       {-1.0, -1e-300, -inf, inf, std::numeric_limits<double>::quiet_NaN(),
        2147483648.0, 2147483647.5, 2147483647.75, 1e300})
    EXPECT_FALSE(quantizeMultiplier(r).has_value()) << r;
}

TEST(QuantizeMultiplier, RandomLogUniform) {
  std::mt19937_64 rng(13);
  for (int i = 0; i < 300000; ++i) {
    // Mantissa in [1, 2) with 52 random bits, exponent in [-75, 30].
    const double mant = 1.0 + std::ldexp(double(rng() >> 12), -52);
    const int e = int(rng() % 106) - 75;
    checkMultiplier(std::ldexp(mant, e));
  }
  // Near the ties of round-half-up at the normal shift.
  for (int i = 0; i < 100000; ++i) {
    const double m = double((uint64_t(1) << 30) + (rng() >> 34));
    const int shift = int(rng() % 63);
    checkMultiplier(std::ldexp(m + 0.5, -shift));
    checkMultiplier(std::ldexp(m + 0.5 - std::ldexp(1.0, -21), -shift));
  }
}

TEST(QuantizeMultiplier, RequantizeApproximatesRealProduct) {
  // The integer result is within one code of round(acc * r) computed in
  // double when both are far from ties (sanity check of the orientation of
  // m / 2^shift, not of rounding).
  std::mt19937_64 rng(14);
  for (int i = 0; i < 10000; ++i) {
    const double r =
        std::ldexp(1.0 + double(rng() % 1000) / 1000.0, -int(rng() % 20));
    const int64_t acc = int64_t(rng() % 2000001) - 1000000;
    const Multiplier q = *quantizeMultiplier(r);
    const double exact = double(acc) * r;
    const int64_t got = mulShiftRoundHalfUp(acc, q);
    ASSERT_LE(std::fabs(double(got) - exact), 1.0) << acc << " * " << r;
  }
}

TEST(QuantizeMultiplier, AtShift) {
  EXPECT_EQ(*quantizeMultiplierAtShift(0.5, 10), 512);
  EXPECT_EQ(*quantizeMultiplierAtShift(1.5, 0), 2);
  EXPECT_EQ(*quantizeMultiplierAtShift(2.5, 0), 3);
  EXPECT_EQ(*quantizeMultiplierAtShift(1.0, 30), 1 << 30);
  EXPECT_EQ(*quantizeMultiplierAtShift(0.0, 62), 0);
  EXPECT_EQ(*quantizeMultiplierAtShift(2147483647.0, 0), kMax32);
  EXPECT_EQ(*quantizeMultiplierAtShift(
                std::ldexp(0.5 - std::ldexp(1.0, -54), -62), 62),
            0);
  EXPECT_FALSE(quantizeMultiplierAtShift(1.0, 31).has_value());
  EXPECT_FALSE(quantizeMultiplierAtShift(2147483647.5, 0).has_value());
  EXPECT_FALSE(quantizeMultiplierAtShift(1.0, -1).has_value());
  EXPECT_FALSE(quantizeMultiplierAtShift(1.0, 63).has_value());
  EXPECT_FALSE(quantizeMultiplierAtShift(-0.25, 4).has_value());
  EXPECT_FALSE(quantizeMultiplierAtShift(1e300, 62).has_value());
  EXPECT_FALSE(
      quantizeMultiplierAtShift(std::numeric_limits<double>::quiet_NaN(), 4)
          .has_value());
  std::mt19937_64 rng(15);
  for (int i = 0; i < 100000; ++i) {
    const double r = std::ldexp(double(rng() >> 11), -int(rng() % 120));
    const int shift = int(rng() % 63);
    const std::optional<int32_t> m = quantizeMultiplierAtShift(r, shift);
    const double x = std::ldexp(r, shift);
    if (std::floor(x + 0.5) >= 2147483648.0) {
      ASSERT_FALSE(m.has_value()) << r << " " << shift;
      continue;
    }
    ASSERT_TRUE(m.has_value()) << r << " " << shift;
    ASSERT_GE(x - double(*m), -0.5);
    ASSERT_LT(x - double(*m), 0.5);
  }
}

TEST(QuantizeMultiplier, ToDouble) {
  EXPECT_EQ(multiplierToDouble(Multiplier{1 << 30, 30}), 1.0);
  EXPECT_EQ(multiplierToDouble(Multiplier{3, 2}), 0.75);
  EXPECT_EQ(multiplierToDouble(Multiplier{0, 0}), 0.0);
}

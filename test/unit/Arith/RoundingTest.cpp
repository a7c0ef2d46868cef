//===- RoundingTest.cpp - rounding, division, isqrt vs __int128 -----------===//

#include "snnc/Arith/Rounding.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

using namespace snnc::arith;

namespace {
__extension__ typedef __int128 I128;
__extension__ typedef unsigned __int128 U128;

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

/// floor(a / b) for b > 0, independent of the library.
I128 floorDiv(I128 a, I128 b) {
  I128 q = a / b;
  if (q * b > a)
    --q;
  return q;
}

/// Random int64 with a uniformly chosen bit length, so that every magnitude
/// (and both fast and slow paths) is exercised.
int64_t randomMagnitude(std::mt19937_64 &rng) {
  const int bits = int(rng() % 65); // 0..64
  if (bits == 64)
    return bitsToSigned(rng());
  const int64_t v = bits == 0 ? 0 : int64_t(rng() >> (64 - bits));
  return (rng() & 1) ? -v : v;
}

std::vector<int64_t> edgeValues() {
  std::vector<int64_t> v = {kMin,
                            kMin + 1,
                            kMin + 2,
                            -(int64_t(1) << 62),
                            -4,
                            -3,
                            -2,
                            -1,
                            0,
                            1,
                            2,
                            3,
                            4,
                            kMax - 2,
                            kMax - 1,
                            kMax,
                            int64_t(1) << 62};
  for (int s : {31, 32, 33}) {
    const int64_t p = int64_t(1) << s;
    for (int64_t d : {-1, 0, 1}) {
      v.push_back(p + d);
      v.push_back(-p + d);
    }
  }
  return v;
}
} // namespace

static_assert(roundingShiftRight(5, 1) == 3, "2.5 rounds up");
static_assert(roundingShiftRight(-5, 1) == -2, "-2.5 rounds up");
static_assert(divRound(5, 2) == 3 && divRound(-5, 2) == -2, "half up");
static_assert(divRound(-7, 2) == -3 && divRound(7, 3) == 2, "");
static_assert(isqrt(15) == 3 && isqrt(16) == 4, "");
static_assert(clamp<int64_t>(7, -2, 5) == 5, "");

TEST(Rounding, Clamp) {
  EXPECT_EQ(clamp<int64_t>(-9, -2, 5), -2);
  EXPECT_EQ(clamp<int64_t>(3, -2, 5), 3);
  EXPECT_EQ(clamp<int64_t>(6, -2, 5), 5);
  EXPECT_EQ(clamp<int64_t>(kMin, kMin, kMax), kMin);
  EXPECT_EQ(clamp<int32_t>(4, 4, 4), 4);
}

TEST(Rounding, Saturate) {
  EXPECT_EQ(saturate<int8_t>(int64_t(127)), 127);
  EXPECT_EQ(saturate<int8_t>(int64_t(128)), 127);
  EXPECT_EQ(saturate<int8_t>(int64_t(-128)), -128);
  EXPECT_EQ(saturate<int8_t>(int64_t(-129)), -128);
  EXPECT_EQ(saturate<int8_t>(kMin), -128);
  EXPECT_EQ(saturate<int32_t>(kMax), std::numeric_limits<int32_t>::max());
  EXPECT_EQ(saturate<int32_t>(kMin), std::numeric_limits<int32_t>::min());
  EXPECT_EQ(saturate<int32_t>(int64_t(-5)), -5);
  EXPECT_EQ(saturate<int16_t>(int32_t(40000)), 32767);
  EXPECT_EQ(saturate<int64_t>(kMin), kMin);
}

TEST(Rounding, BitsToSigned) {
  EXPECT_EQ(bitsToSigned(0), 0);
  EXPECT_EQ(bitsToSigned(~uint64_t(0)), -1);
  EXPECT_EQ(bitsToSigned(uint64_t(1) << 63), kMin);
  EXPECT_EQ(bitsToSigned(uint64_t(kMax)), kMax);
}

TEST(Rounding, RoundingShiftRightExhaustiveSmall) {
  for (int s = 0; s <= 63; ++s)
    for (int64_t x = -5000; x <= 5000; ++x) {
      const I128 d = I128(1) << s;
      const I128 want = s == 0 ? I128(x) : floorDiv(I128(x) + d / 2, d);
      ASSERT_EQ(I128(roundingShiftRight(x, s)), want) << x << " >> " << s;
      ASSERT_EQ(I128(floorShiftRight(x, s)), floorDiv(x, d));
    }
}

TEST(Rounding, RoundingShiftRightEdgesAndRandom) {
  std::mt19937_64 rng(1);
  std::vector<int64_t> xs = edgeValues();
  for (int i = 0; i < 20000; ++i)
    xs.push_back(randomMagnitude(rng));
  for (int64_t x : xs)
    for (int s = 0; s <= 63; ++s) {
      const I128 d = I128(1) << s;
      const I128 want = s == 0 ? I128(x) : floorDiv(I128(x) + d / 2, d);
      ASSERT_EQ(I128(roundingShiftRight(x, s)), want) << x << " >> " << s;
      ASSERT_EQ(I128(floorShiftRight(x, s)), floorDiv(x, d));
    }
}

TEST(Rounding, CheckedAddMul) {
  std::mt19937_64 rng(2);
  std::vector<int64_t> xs = edgeValues();
  for (int i = 0; i < 300; ++i)
    xs.push_back(randomMagnitude(rng));
  auto check = [](int64_t a, int64_t b) {
    const I128 sum = I128(a) + b, prod = I128(a) * b;
    const bool sumFits = sum >= kMin && sum <= kMax;
    const bool prodFits = prod >= kMin && prod <= kMax;
    const std::optional<int64_t> s = checkedAdd(a, b), p = checkedMul(a, b);
    ASSERT_EQ(s.has_value(), sumFits) << a << " + " << b;
    ASSERT_EQ(p.has_value(), prodFits) << a << " * " << b;
    ASSERT_TRUE(I128(s.value_or(0)) == (sumFits ? sum : 0));
    ASSERT_TRUE(I128(p.value_or(0)) == (prodFits ? prod : 0));
    int64_t out = 0; // left untouched on overflow
    ASSERT_EQ(!detail::addOverflowPortable(a, b, out), sumFits);
    ASSERT_TRUE(I128(out) == (sumFits ? sum : 0)) << a << " + " << b;
    out = 0;
    ASSERT_EQ(!detail::mulOverflowPortable(a, b, out), prodFits)
        << a << " * " << b;
    ASSERT_TRUE(I128(out) == (prodFits ? prod : 0)) << a << " * " << b;
  };
  for (int64_t a : xs)
    for (int64_t b : xs)
      check(a, b);
  // Products right at the int64 boundary.
  check(int64_t(1) << 31, -(int64_t(1) << 32));
  check(int64_t(1) << 31, int64_t(1) << 32);
  check(-(int64_t(1) << 62), 2);
  check(int64_t(1) << 62, 2);
  check(-1, kMin);
  check(3037000499, 3037000499); // floor(sqrt(2^63 - 1))
  check(3037000500, 3037000500);
}

TEST(Rounding, FloorDivMod) {
  for (int64_t a = -200; a <= 200; ++a)
    for (int64_t b = 1; b <= 60; ++b) {
      const FloorDivResult d = floorDivMod(a, b);
      ASSERT_EQ(I128(d.quot), floorDiv(a, b));
      ASSERT_EQ(I128(d.rem), I128(a) - floorDiv(a, b) * b);
    }
  const FloorDivResult d = floorDivMod(kMin, kMax);
  EXPECT_EQ(d.quot, -2);
  EXPECT_EQ(d.rem, kMax - 1);
}

namespace {
I128 divRoundRef(int64_t a, int64_t b) {
  return floorDiv(2 * I128(a) + b, 2 * I128(b));
}
} // namespace

TEST(DivRound, ExhaustiveSmall) {
  for (int64_t a = -1000; a <= 1000; ++a)
    for (int64_t b = 1; b <= 300; ++b)
      ASSERT_EQ(I128(divRound(a, b)), divRoundRef(a, b)) << a << " / " << b;
}

TEST(DivRound, Edges) {
  std::vector<int64_t> as = edgeValues();
  std::vector<int64_t> bs;
  for (int64_t v : edgeValues())
    if (v > 0)
      bs.push_back(v);
  for (int64_t a : as)
    for (int64_t b : bs)
      ASSERT_EQ(I128(divRound(a, b)), divRoundRef(a, b)) << a << " / " << b;
  EXPECT_EQ(divRound(kMax, 1), kMax);
  EXPECT_EQ(divRound(kMin, 1), kMin);
  EXPECT_EQ(divRound(kMax, kMax), 1);
  EXPECT_EQ(divRound(kMin, kMax), -1);        // -1 - 1/(2^63-1), rounds to -1
  EXPECT_EQ(divRound(kMax / 2, kMax), 0);     // just below one half
  EXPECT_EQ(divRound(kMax / 2 + 1, kMax), 1); // just above one half
  EXPECT_EQ(divRound(-(kMax / 2), kMax), 0);  // -1/2 + tiny
  EXPECT_EQ(divRound(-(kMax / 2) - 1, kMax), -1); // -1/2 - tiny
}

TEST(DivRound, Random) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 1000000; ++i) {
    const int64_t a = randomMagnitude(rng);
    int64_t b = randomMagnitude(rng);
    if (b == kMin)
      b = kMax;
    b = b < 0 ? -b : b;
    if (b == 0)
      b = 1;
    ASSERT_EQ(I128(divRound(a, b)), divRoundRef(a, b)) << a << " / " << b;
  }
}

TEST(DivRound, CheckedRejectsNonPositiveDivisor) {
  EXPECT_FALSE(divRoundChecked(5, 0).has_value());
  EXPECT_FALSE(divRoundChecked(5, -1).has_value());
  EXPECT_FALSE(divRoundChecked(kMin, kMin).has_value());
  ASSERT_TRUE(divRoundChecked(-5, 2).has_value());
  EXPECT_EQ(*divRoundChecked(-5, 2), -2);
}

namespace {
bool isFloorSqrt(uint64_t n, uint64_t r) {
  return U128(r) * r <= n && U128(r + 1) * (r + 1) > n;
}
} // namespace

TEST(Isqrt, ExhaustiveSmall) {
  for (uint64_t n = 0; n <= (uint64_t(1) << 20); ++n)
    ASSERT_TRUE(isFloorSqrt(n, isqrt(n))) << n;
}

TEST(Isqrt, AroundSquares) {
  std::mt19937_64 rng(4);
  std::vector<uint64_t> ks = {0,      1,       2,           3,
                              0xFFFF, 0x10000, 0xFFFFFFFEu, 0xFFFFFFFFu};
  for (int i = 0; i < 300000; ++i)
    ks.push_back(rng() >> (32 + rng() % 32)); // k up to 2^32 - 1
  for (uint64_t k : ks) {
    const uint64_t sq = k * k; // < 2^64 for k < 2^32
    ASSERT_EQ(isqrt(sq), k);
    if (k == 0)
      continue;
    ASSERT_EQ(isqrt(sq + 1), k) << k; // k^2 + 1 < (k+1)^2 for k >= 1
    ASSERT_EQ(isqrt(sq - 1), k - 1) << k;
    ASSERT_EQ(isqrt(sq + 2 * k), k) << k; // (k+1)^2 - 1
  }
  const uint64_t top = std::numeric_limits<uint64_t>::max();
  EXPECT_EQ(isqrt(top), 0xFFFFFFFFu);
  EXPECT_EQ(isqrt(top - 1), 0xFFFFFFFFu);
  EXPECT_EQ(isqrt(uint64_t(1) << 63), 3037000499u);
}

TEST(Isqrt, Random) {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 1000000; ++i) {
    const uint64_t n = rng() >> (rng() % 64);
    ASSERT_TRUE(isFloorSqrt(n, isqrt(n))) << n;
  }
}

TEST(Isqrt, Checked) {
  EXPECT_FALSE(isqrtChecked(-1).has_value());
  EXPECT_FALSE(isqrtChecked(kMin).has_value());
  EXPECT_EQ(*isqrtChecked(0), 0);
  EXPECT_EQ(*isqrtChecked(kMax), 3037000499);
}

//===- FunctionalUnitsTest.cpp - ISOFTMAX, INORM and their bounds ---------===//
//
// The integer functions of snn.softmax and snn.norm against their float
// definitions (within a level, so the formulas are the right ones), and the
// verifiers' overflow bounds against __int128 evaluation on extreme rows.
//
//===----------------------------------------------------------------------===//

#include "snnc/Arith/FunctionalUnits.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

using namespace snnc::arith;

namespace {

std::vector<int32_t> expTable(int64_t span, double scale, int fracBits) {
  std::vector<int32_t> table;
  for (int64_t d = -span; d <= 0; ++d)
    table.push_back(int32_t(
        std::floor(std::ldexp(std::exp(double(d) * scale), fracBits) + 0.5)));
  return table;
}

TEST(FunctionalUnits, LookupSaturates) {
  const int32_t table[] = {-3, 0, 5};
  EXPECT_EQ(lookup(table, 3, -1, -7), -3);
  EXPECT_EQ(lookup(table, 3, -1, -1), -3);
  EXPECT_EQ(lookup(table, 3, -1, 0), 0);
  EXPECT_EQ(lookup(table, 3, -1, 1), 5);
  EXPECT_EQ(lookup(table, 3, -1, 9), 5);
}

TEST(FunctionalUnits, SoftmaxIsWithinALevelOfTheFloatSoftmax) {
  std::mt19937_64 rng(5);
  auto uni = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  int checked = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    int64_t levelsIn = uni(1, 128), n = uni(1, 40);
    double scale = std::exp2(double(uni(-60, 10)) / 10.0);
    std::vector<int32_t> table = expTable(2 * levelsIn, scale, 20);
    int64_t levels = uni(1, 300), valid = uni(0, n);
    std::vector<int64_t> codes(n), out(n);
    for (int64_t &c : codes)
      c = uni(-levelsIn, levelsIn);
    isoftmaxRow(codes.data(), n, valid, table.data(), table.size(), levels,
                /*hi=*/levels, out.data());
    double m = -1e300, z = 0;
    for (int64_t j = 0; j < valid; ++j)
      m = std::max(m, double(codes[j]) * scale);
    for (int64_t j = 0; j < valid; ++j)
      z += std::exp(double(codes[j]) * scale - m);
    int64_t sum = 0;
    for (int64_t j = 0; j < n; ++j) {
      if (j >= valid) {
        EXPECT_EQ(out[j], 0);
        continue;
      }
      double p = std::exp(double(codes[j]) * scale - m) / z * double(levels);
      // Round half up of p, off by at most the table's 2^-20 relative error.
      EXPECT_LE(std::fabs(double(out[j]) - p), 0.5 + 1e-4 * levels)
          << "trial " << trial;
      sum += out[j];
    }
    if (valid)
      EXPECT_LE(std::abs(sum - levels), valid) << "trial " << trial;
    ++checked;
  }
  EXPECT_EQ(checked, 2000);
}

TEST(FunctionalUnits, SoftmaxClampsToTheResultRange) {
  const int32_t table[] = {0, 1, 4};
  int64_t codes[] = {3, 1, 3}, out[3];
  isoftmaxRow(codes, 3, 3, table, 3, /*levels=*/100, /*hi=*/20, out);
  EXPECT_EQ(out[0], 20); // div_round(4·100, 8) = 50 clamps to 20
  EXPECT_EQ(out[1], 0);  // a difference of -2 saturates to entry 0
  EXPECT_EQ(out[2], 20);
}

/// INORM with the conversion's constants against (x − mean)/√(var + eps)·w
/// + b in output codes.
TEST(FunctionalUnits, NormIsWithinALevelOfTheFloatNorm) {
  std::mt19937_64 rng(9);
  auto uni = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  int checked = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    int64_t levels = uni(1, 128), n = uni(1, 64);
    double sx = std::exp2(double(uni(-80, 20)) / 10.0);
    double sy = std::exp2(double(uni(-80, 20)) / 10.0);
    double eps = uni(0, 1) ? 1e-5 : 0.0;
    NormParams p;
    p.center = uni(0, 1);
    p.fracBits = 16;
    p.epsilon = int64_t(
        std::floor(std::ldexp(double(n * n) * eps / (sx * sx), 32) + 0.5));
    p.gainShift = 24;
    p.lo = -levels;
    p.hi = levels;
    std::vector<double> w(n), b(n);
    std::vector<int64_t> gain(n), bias(n), codes(n), out(n);
    std::uniform_real_distribution<double> u(-2.0, 2.0);
    for (int64_t j = 0; j < n; ++j) {
      w[j] = u(rng) * sy * levels / 4;
      b[j] = u(rng) * sy * levels / 4;
      gain[j] = int64_t(std::floor(std::ldexp(w[j] / sy, 24) + 0.5));
      bias[j] = int64_t(std::floor(std::ldexp(b[j] / sy, 24) + 0.5));
      codes[j] = uni(-levels, levels);
    }
    int64_t maxGain = 0, maxBias = 0;
    for (int64_t j = 0; j < n; ++j) {
      maxGain = std::max(maxGain, std::abs(gain[j]));
      maxBias = std::max(maxBias, std::abs(bias[j]));
    }
    ASSERT_TRUE(normFitsInt64(n, levels, p, maxGain, maxBias));
    inormRow(codes.data(), n, gain.data(), bias.data(), p, out.data());
    double mean = 0, var = 0;
    for (int64_t c : codes)
      mean += p.center ? double(c) * sx / n : 0.0;
    for (int64_t c : codes)
      var += (double(c) * sx - mean) * (double(c) * sx - mean) / n;
    if (var + eps == 0)
      continue; // 0/0 in float; INORM gives the bias
    for (int64_t j = 0; j < n; ++j) {
      double y =
          (double(codes[j]) * sx - mean) / std::sqrt(var + eps) * w[j] + b[j];
      double code = std::clamp(y / sy, double(p.lo), double(p.hi));
      EXPECT_LE(std::fabs(double(out[j]) - code), 0.5 + 1e-3)
          << "trial " << trial << " j " << j;
    }
    ++checked;
  }
  EXPECT_GT(checked, 1900);
}

/// A constant row without epsilon has no deviation: the output is the bias.
TEST(FunctionalUnits, NormOfAConstantRowIsTheBias) {
  int64_t codes[] = {3, 3, 3}, gain[] = {1 << 8, 1 << 8, 1 << 8},
          bias[] = {256, -512, 0}, out[3];
  NormParams p;
  p.fracBits = 4;
  p.gainShift = 8;
  p.lo = -8;
  p.hi = 8;
  inormRow(codes, 3, gain, bias, p, out);
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[1], -2);
  EXPECT_EQ(out[2], 0);
}

/// normFitsInt64 is a true bound: on the extreme rows (all codes at the
/// bounds, one code off) every intermediate evaluated in __int128 fits
/// int64 whenever it says so, and it is not vacuous.
TEST(FunctionalUnits, NormBoundHoldsOnExtremeRows) {
  std::mt19937_64 rng(13);
  auto uni = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  const __int128 limit = INT64_MAX;
  int accepted = 0, rejected = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    int64_t n = int64_t(1) << uni(0, 16);
    int64_t maxCode = int64_t(1) << uni(0, 24);
    NormParams p;
    p.center = uni(0, 1);
    p.epsilon = uni(0, 1) ? 0 : int64_t(1) << uni(0, 40);
    p.fracBits = int32_t(uni(0, 31));
    p.gainShift = int32_t(uni(0, 40));
    int64_t maxGain = int64_t(1) << uni(0, 40);
    int64_t maxBias = int64_t(1) << uni(0, 40);
    if (!normFitsInt64(n, maxCode, p, maxGain, maxBias)) {
      ++rejected;
      continue;
    }
    ++accepted;
    for (int64_t odd : {int64_t(0), -maxCode, maxCode}) {
      // n − 1 codes at +maxCode and one at `odd`.
      __int128 s1 = __int128(n - 1) * maxCode + odd;
      __int128 s2 = __int128(n - 1) * maxCode * maxCode + __int128(odd) * odd;
      __int128 v = p.center ? n * s2 - s1 * s1 : n * s2;
      __int128 radicand = (v << (2 * p.fracBits)) + p.epsilon;
      ASSERT_LE(radicand, limit) << "trial " << trial;
      __int128 r = std::max<int64_t>(1, int64_t(isqrt(uint64_t(radicand))));
      for (int64_t c : {odd, maxCode}) {
        __int128 d = n * __int128(c) - (p.center ? s1 : 0);
        __int128 num =
            d * maxGain * (__int128(1) << p.fracBits) + __int128(maxBias) * r;
        __int128 numNeg =
            -d * maxGain * (__int128(1) << p.fracBits) - __int128(maxBias) * r;
        ASSERT_LE(num, limit) << "trial " << trial;
        ASSERT_LE(numNeg, limit) << "trial " << trial;
      }
      ASSERT_LE(r << p.gainShift, limit) << "trial " << trial;
    }
  }
  EXPECT_GT(accepted, 1000);
  EXPECT_GT(rejected, 1000);
}

} // namespace

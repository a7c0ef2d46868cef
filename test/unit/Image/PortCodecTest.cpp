//===- PortCodecTest.cpp - input quantization and output decoding ---------===//

#include "snnc/Image/PortCodec.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace snnc::image;

namespace {
TEST(QuantizeInput, RoundsHalfUp) {
  EXPECT_EQ(quantizeInput(2.5f, 1.0f, -100, 100), 3);
  EXPECT_EQ(quantizeInput(-2.5f, 1.0f, -100, 100), -2);
  EXPECT_EQ(quantizeInput(0.5f, 1.0f, -100, 100), 1);
  EXPECT_EQ(quantizeInput(-0.5f, 1.0f, -100, 100), 0);
  EXPECT_EQ(quantizeInput(-1.5f, 1.0f, -100, 100), -1);
  EXPECT_EQ(quantizeInput(0.75f, 0.25f, -100, 100), 3);
  EXPECT_EQ(quantizeInput(-0.625f, 0.25f, -100, 100), -2); // -2.5 -> -2
}

TEST(QuantizeInput, NoDoubleRoundingNearHalf) {
  // The largest float below 0.5: floor(q + 0.5) in float would give 1.
  const float belowHalf = std::nextafter(0.5f, 0.0f);
  EXPECT_EQ(quantizeInput(belowHalf, 1.0f, -10, 10), 0);
  EXPECT_EQ(quantizeInput(-std::nextafter(0.5f, 1.0f), 1.0f, -10, 10), -1);
  // 1/3 in binary32 divided by 1/3: exactly 1 after rounding.
  EXPECT_EQ(quantizeInput(1.0f / 3.0f, 1.0f / 3.0f, -10, 10), 1);
}

TEST(QuantizeInput, DividesInDouble) {
  // 0.3f / 0.1f is 2.99999995... in double: rounds to 3 either way, but
  // 0.35f / 0.1f = 3.4999999... must not become 4.
  EXPECT_EQ(quantizeInput(0.3f, 0.1f, -10, 10), 3);
  EXPECT_EQ(quantizeInput(0.35f, 0.1f, -10, 10),
            int32_t(std::floor(double(0.35f) / double(0.1f) + 0.5)));
}

TEST(QuantizeInput, ClampsAndHandlesNonFinite) {
  EXPECT_EQ(quantizeInput(100.0f, 1.0f, -4, 4), 4);
  EXPECT_EQ(quantizeInput(-100.0f, 1.0f, -4, 4), -4);
  EXPECT_EQ(quantizeInput(3e38f, 1e-30f, -4, 4), 4); // quotient overflows
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(quantizeInput(inf, 1.0f, -4, 4), 4);
  EXPECT_EQ(quantizeInput(-inf, 1.0f, -4, 4), -4);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(quantizeInput(nan, 1.0f, -4, 4), 0);
  EXPECT_EQ(quantizeInput(nan, 1.0f, 1, 4), 1);
  EXPECT_EQ(quantizeInput(2e9f, 1.0f, std::numeric_limits<int32_t>::min() + 1,
                          std::numeric_limits<int32_t>::max()),
            2000000000);
}

TEST(DequantizeOutput, IsFloatCountTimesScale) {
  EXPECT_EQ(dequantizeOutput(3, 0.1f), float(3) * 0.1f);
  EXPECT_EQ(dequantizeOutput(-7, 0.5f), -3.5f);
  EXPECT_EQ(dequantizeOutput(0, 0.3f), 0.0f);
  // Counts beyond 2^24 round to binary32 first.
  EXPECT_EQ(dequantizeOutput((1 << 24) + 1, 1.0f), float(1 << 24));
}
} // namespace

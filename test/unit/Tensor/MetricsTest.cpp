//===- MetricsTest.cpp - error measures between tensors -------------------===//

#include "snnc/Tensor/Metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace snnc;

namespace {

TEST(Metrics, Deviation) {
  // a - r = {1, -2, 0}, ||r|| = 5 (3-4-0 triangle).
  Tensor a = Tensor::floats({3}, {4, 2, 0});
  Tensor r = Tensor::floats({3}, {3, 4, 0});
  Deviation d = deviation(a, r);
  EXPECT_EQ(d.elements, 3);
  EXPECT_DOUBLE_EQ(d.maxAbs, 2);
  EXPECT_DOUBLE_EQ(d.maxRel, 0.5);
  EXPECT_DOUBLE_EQ(d.relL2, std::sqrt(5.0) / 5);
  EXPECT_DOUBLE_EQ(d.cosine, 20 / (std::sqrt(20.0) * 5));
}

TEST(Metrics, DeviationMixesTypes) {
  Deviation d =
      deviation(Tensor::ints({2}, {2, -2}), Tensor::floats({2}, {2, -2}));
  EXPECT_EQ(d.maxAbs, 0);
  EXPECT_EQ(d.relL2, 0);
  EXPECT_DOUBLE_EQ(d.cosine, 1);
}

TEST(Metrics, ZeroTensors) {
  Tensor zero = Tensor::floats({2}, {0, 0});
  Tensor one = Tensor::floats({2}, {0, 1});
  EXPECT_EQ(deviation(zero, zero).cosine, 1);
  // A silent level is not "similar" to a live one, either way round.
  EXPECT_EQ(deviation(zero, one).cosine, 0);
  EXPECT_EQ(deviation(one, zero).cosine, 0);
  // Against an all-zero reference, the error is absolute.
  EXPECT_EQ(deviation(one, zero).relL2, 1);
}

TEST(Metrics, Argmax) {
  Tensor t = Tensor::floats({3, 3}, {0, 5, 5,     // tie: the first
                                     -3, -2, -1,  // all negative
                                     NAN, 1, 2}); // NaN never wins
  EXPECT_EQ(argmaxLastAxis(t), (std::vector<int64_t>{1, 2, 2}));
  EXPECT_EQ(argmaxLastAxis(Tensor::ints({4}, {1, 9, 3, 9})),
            (std::vector<int64_t>{1}));
  EXPECT_EQ(argmaxLastAxis(Tensor::floats({}, {7})), (std::vector<int64_t>{0}));
}

TEST(Metrics, Top1Agreement) {
  Tensor a = Tensor::floats({3, 2}, {1, 0, 0, 1, 1, 0});
  Tensor b = Tensor::floats({3, 2}, {1, 0, 1, 0, 2, 1});
  Top1 t = top1Agreement(a, b);
  EXPECT_EQ(t.agree, 2);
  EXPECT_EQ(t.rows, 3);
  EXPECT_DOUBLE_EQ(t.fraction(), 2.0 / 3);
  EXPECT_EQ(Top1().fraction(), 1);
}

TEST(Metrics, BitIdentical) {
  Tensor a = Tensor::floats({2}, {0.0f, 1.0f});
  EXPECT_TRUE(bitIdentical(a, a));
  EXPECT_FALSE(bitIdentical(a, Tensor::floats({2}, {-0.0f, 1.0f})));
  EXPECT_FALSE(bitIdentical(a, Tensor::floats({1, 2}, {0.0f, 1.0f})));
  EXPECT_FALSE(bitIdentical(a, Tensor::ints({2}, {0, 1})));
  float nan = std::numeric_limits<float>::quiet_NaN();
  Tensor n = Tensor::floats({1}, {nan});
  EXPECT_TRUE(bitIdentical(n, n));
  EXPECT_TRUE(
      bitIdentical(Tensor::ints({2}, {3, 4}), Tensor::ints({2}, {3, 4})));
  EXPECT_FALSE(
      bitIdentical(Tensor::ints({2}, {3, 4}), Tensor::ints({2}, {3, 5})));
}

} // namespace

//===- SpikeProductTest.cpp - telescoping spike products ------------------===//

#include "snnc/Arith/SpikeProduct.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

using namespace snnc::arith;

namespace {
int64_t uniform(std::mt19937_64 &rng, int64_t lo, int64_t hi) {
  return lo + int64_t(rng() % uint64_t(hi - lo + 1));
}

/// A spike in [-g, g] that is nonzero with probability `density` (0..100%).
int8_t randomSpike(std::mt19937_64 &rng, int density, int g) {
  if (int(rng() % 100) >= density)
    return 0;
  int8_t s = 0;
  while (s == 0)
    s = int8_t(uniform(rng, -g, g));
  return s;
}

/// Naive n x k times k x m product of final counts.
std::vector<int64_t> naiveMatmul(size_t n, size_t k, size_t m,
                                 const std::vector<int32_t> &a,
                                 const std::vector<int32_t> &b) {
  std::vector<int64_t> c(n * m, 0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < m; ++j)
      for (size_t p = 0; p < k; ++p)
        c[i * m + j] += int64_t(a[i * k + p]) * b[p * m + j];
  return c;
}

/// Signed-digit planes, MSB first: c = sum_t d_t 2^(B-2-t), d_t in {-1,0,1}
/// (sign-magnitude, as in sim_spiking_ops.to_planes).
std::vector<int8_t> toPlanes(int64_t c, int bits) {
  const int64_t mag = c < 0 ? -c : c;
  std::vector<int8_t> d;
  for (int t = 0; t < bits - 1; ++t)
    d.push_back(int8_t((c < 0 ? -1 : 1) * ((mag >> (bits - 2 - t)) & 1)));
  return d;
}
} // namespace

static_assert(spikeProductDelta(3, 4, 1, -1) == 3 * 4 - 2 * 5, "");
static_assert(bitPlaneProductStep(6, 5, 7, 1, 1) == 5 * 7, "A=2,B=3 -> 5,7");

TEST(SpikeProduct, ScalarTelescopes) {
  std::mt19937_64 rng(30);
  for (int trial = 0; trial < 20000; ++trial) {
    const int g = (trial % 2) ? 1 : int(uniform(rng, 2, 9)); // ternary/graded
    const int density = int(uniform(rng, 0, 100));
    const int steps = int(uniform(rng, 1, 64));
    int64_t sa = 0, sb = 0, sum = 0;
    for (int t = 0; t < steps; ++t) {
      const int64_t a = randomSpike(rng, density, g);
      const int64_t b = randomSpike(rng, density, g);
      sa += a;
      sb += b;
      sum += spikeProductDelta(sa, sb, a, b);
      ASSERT_EQ(sum, sa * sb) << "trial " << trial << " t " << t;
    }
  }
}

TEST(SpikeProduct, ElementwiseTelescopes) {
  std::mt19937_64 rng(31);
  for (int trial = 0; trial < 500; ++trial) {
    const size_t size = size_t(uniform(rng, 1, 64));
    const int g = (trial % 2) ? 1 : 4;
    const int density = int(uniform(rng, 0, 100));
    std::vector<int32_t> sa(size, 0), sb(size, 0);
    std::vector<int8_t> a(size), b(size);
    std::vector<int64_t> out(size, 0);
    const int steps = int(uniform(rng, 1, 50));
    for (int t = 0; t < steps; ++t) {
      for (size_t i = 0; i < size; ++i) {
        a[i] = randomSpike(rng, density, g);
        b[i] = randomSpike(rng, density, g);
      }
      accumulateCounts(size, sa.data(), a.data());
      accumulateCounts(size, sb.data(), b.data());
      spikeProductDeltaElementwise(size, sa.data(), a.data(), sb.data(),
                                   b.data(), out.data());
      for (size_t i = 0; i < size; ++i)
        ASSERT_EQ(out[i], int64_t(sa[i]) * sb[i]);
    }
  }
}

TEST(SpikeProduct, MatmulTelescopesToNaiveProduct) {
  std::mt19937_64 rng(32);
  for (int trial = 0; trial < 600; ++trial) {
    const size_t n = size_t(uniform(rng, 1, 9));
    const size_t k = size_t(uniform(rng, 1, 9));
    const size_t m = size_t(uniform(rng, 1, 9));
    const int g = (trial % 3 == 0) ? int(uniform(rng, 2, 7)) : 1;
    const int density = int(uniform(rng, 0, 100));
    std::vector<int32_t> sa(n * k, 0), sb(k * m, 0);
    std::vector<int8_t> a(n * k), b(k * m);
    std::vector<int64_t> out(n * m, 0);
    const int steps = int(uniform(rng, 1, 40));
    for (int t = 0; t < steps; ++t) {
      for (int8_t &x : a)
        x = randomSpike(rng, density, g);
      for (int8_t &x : b)
        x = randomSpike(rng, density, g);
      accumulateCounts(a.size(), sa.data(), a.data());
      accumulateCounts(b.size(), sb.data(), b.data());
      spikeMatmulDelta(n, k, m, sa.data(), a.data(), sb.data(), b.data(),
                       out.data());
      // Running sums equal the product of the counts so far, every step.
      ASSERT_EQ(out, naiveMatmul(n, k, m, sa, sb)) << "trial " << trial;
    }
  }
}

TEST(SpikeProduct, MatmulSkipsNothingWhenDense) {
  // All spikes nonzero: every path of the event loops is exercised.
  const size_t n = 3, k = 4, m = 5;
  std::vector<int32_t> sa(n * k, 0), sb(k * m, 0);
  std::vector<int8_t> a(n * k), b(k * m);
  std::vector<int64_t> out(n * m, 0);
  for (int t = 0; t < 7; ++t) {
    for (size_t i = 0; i < a.size(); ++i)
      a[i] = int8_t(((i + size_t(t)) % 2) ? 1 : -1);
    for (size_t i = 0; i < b.size(); ++i)
      b[i] = int8_t(((i * 3 + size_t(t)) % 5 < 2) ? -1 : 1);
    accumulateCounts(a.size(), sa.data(), a.data());
    accumulateCounts(b.size(), sb.data(), b.data());
    spikeMatmulDelta(n, k, m, sa.data(), a.data(), sb.data(), b.data(),
                     out.data());
  }
  EXPECT_EQ(out, naiveMatmul(n, k, m, sa, sb));
}

TEST(BitPlane, ScalarHornerIdentity) {
  std::mt19937_64 rng(33);
  for (int trial = 0; trial < 50000; ++trial) {
    // Arbitrary digit strings (not only sign-consistent ones) of up to 31
    // digits, so |A|, |B| < 2^31 and A*B fits int64.
    const int steps = int(uniform(rng, 1, 31));
    const int density = int(uniform(rng, 0, 100));
    int64_t accA = 0, accB = 0, product = 0, wantA = 0, wantB = 0;
    for (int t = 0; t < steps; ++t) {
      const int64_t a = randomSpike(rng, density, 1);
      const int64_t b = randomSpike(rng, density, 1);
      accA = bitPlaneAccumulate(accA, a);
      accB = bitPlaneAccumulate(accB, b);
      product = bitPlaneProductStep(product, accA, accB, a, b);
      wantA += a * (int64_t(1) << (steps - 1 - t));
      wantB += b * (int64_t(1) << (steps - 1 - t));
      ASSERT_EQ(product, accA * accB);
    }
    ASSERT_EQ(accA, wantA);
    ASSERT_EQ(accB, wantB);
  }
}

TEST(BitPlane, ScalarCodesFromPlanes) {
  // Codes with B bits (sign-magnitude planes): the product after B-1 planes
  // is the product of the codes.
  for (int bits = 2; bits <= 8; ++bits) {
    const int64_t lim = (int64_t(1) << (bits - 1)) - 1;
    for (int64_t ca = -lim; ca <= lim; ++ca)
      for (int64_t cb = -lim; cb <= lim; ++cb) {
        const std::vector<int8_t> da = toPlanes(ca, bits),
                                  db = toPlanes(cb, bits);
        int64_t accA = 0, accB = 0, product = 0;
        for (size_t t = 0; t < da.size(); ++t) {
          accA = bitPlaneAccumulate(accA, da[t]);
          accB = bitPlaneAccumulate(accB, db[t]);
          product = bitPlaneProductStep(product, accA, accB, da[t], db[t]);
        }
        ASSERT_EQ(accA, ca);
        ASSERT_EQ(product, ca * cb);
      }
  }
}

TEST(BitPlane, MatmulAndElementwise) {
  std::mt19937_64 rng(34);
  for (int trial = 0; trial < 400; ++trial) {
    const size_t n = size_t(uniform(rng, 1, 8));
    const size_t k = size_t(uniform(rng, 1, 8));
    const size_t m = size_t(uniform(rng, 1, 8));
    const int bits = int(uniform(rng, 2, 16));
    const int64_t lim = (int64_t(1) << (bits - 1)) - 1;
    std::vector<int32_t> codesA(n * k), codesB(k * m);
    for (int32_t &c : codesA)
      c = int32_t(uniform(rng, -lim, lim));
    for (int32_t &c : codesB)
      c = int32_t(uniform(rng, -lim, lim));
    std::vector<std::vector<int8_t>> planesA, planesB;
    for (int32_t c : codesA)
      planesA.push_back(toPlanes(c, bits));
    for (int32_t c : codesB)
      planesB.push_back(toPlanes(c, bits));

    std::vector<int32_t> accA(n * k, 0), accB(k * m, 0);
    std::vector<int8_t> da(n * k), db(k * m);
    std::vector<int64_t> product(n * m, 0), diag(n * k, 0);
    for (int t = 0; t < bits - 1; ++t) {
      for (size_t i = 0; i < da.size(); ++i)
        da[i] = planesA[i][size_t(t)];
      for (size_t i = 0; i < db.size(); ++i)
        db[i] = planesB[i][size_t(t)];
      bitPlaneAccumulate(da.size(), accA.data(), da.data());
      bitPlaneAccumulate(db.size(), accB.data(), db.data());
      bitPlaneMatmulStep(n, k, m, accA.data(), da.data(), accB.data(),
                         db.data(), product.data());
      ASSERT_EQ(product, naiveMatmul(n, k, m, accA, accB));
      // Elementwise: A (.) A, both operands the same stream.
      bitPlaneProductStepElementwise(da.size(), accA.data(), da.data(),
                                     accA.data(), da.data(), diag.data());
      for (size_t i = 0; i < diag.size(); ++i)
        ASSERT_EQ(diag[i], int64_t(accA[i]) * accA[i]);
    }
    ASSERT_EQ(accA, codesA);
    ASSERT_EQ(accB, codesB);
    ASSERT_EQ(product, naiveMatmul(n, k, m, codesA, codesB));
  }
}

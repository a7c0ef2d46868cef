//===- NeuronTest.cpp - ST-BIF neuron == requantization at quiescence -----===//

#include "snnc/Arith/Neuron.h"
#include "snnc/Arith/Requant.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <random>
#include <vector>

using namespace snnc::arith;

namespace {
__extension__ typedef __int128 I128;

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

I128 floorDiv(I128 a, I128 b) {
  I128 q = a / b;
  if (q * b > a)
    --q;
  return q;
}

/// clamp(floor((theta/2 + total) / theta), nmin, nmax) in __int128.
int64_t expectedCount(const NeuronParams &p, I128 totalCurrent) {
  const I128 theta = I128(1) << p.thresholdShift;
  const I128 q = floorDiv(theta / 2 + totalCurrent, theta);
  return int64_t(std::min<I128>(std::max<I128>(q, p.nmin), p.nmax));
}

int64_t uniform(std::mt19937_64 &rng, int64_t lo, int64_t hi) {
  return lo + int64_t(rng() % uint64_t(hi - lo + 1));
}

/// Runs currents through a neuron, checking per step: the spike is within
/// [-burst, burst], n within [nmin, nmax], V + n*theta = theta/2 + P
/// (conservation), and V (before and after the reset) within `range`.
/// Then drains with zero input and checks that it takes at most
/// maxDrainSteps() steps and that quiescence is a fixed point.
void runAndDrain(NeuronState &s, const NeuronParams &p,
                 const std::vector<int64_t> &currents,
                 const PotentialRange &range) {
  const I128 theta = p.threshold();
  I128 prefix = 0;
  auto checkStep = [&](int64_t current) {
    const int32_t k = step(s, p, current);
    prefix += current;
    ASSERT_LE(std::abs(k), p.burst);
    ASSERT_GE(s.n, p.nmin);
    ASSERT_LE(s.n, p.nmax);
    ASSERT_TRUE(s.v + I128(s.n) * theta == theta / 2 + prefix);
    const I128 before = I128(s.v) + I128(k) * theta;
    ASSERT_TRUE(before >= range.lo && before <= range.hi);
    ASSERT_GE(s.v, range.lo);
    ASSERT_LE(s.v, range.hi);
  };
  for (int64_t c : currents) {
    checkStep(c);
    if (::testing::Test::HasFatalFailure())
      return;
  }
  int64_t drained = 0;
  while (!isQuiescent(s, p) && drained <= maxDrainSteps(p)) {
    checkStep(0);
    if (::testing::Test::HasFatalFailure())
      return;
    ++drained;
  }
  ASSERT_TRUE(isQuiescent(s, p));
  ASSERT_LE(drained, maxDrainSteps(p));
  const NeuronState before = s;
  ASSERT_EQ(step(s, p, 0), 0);
  ASSERT_EQ(s.v, before.v);
  ASSERT_EQ(s.n, before.n);
}

uint64_t maxAbsPrefix(const std::vector<int64_t> &currents) {
  I128 prefix = 0, best = 0;
  for (int64_t c : currents) {
    prefix += c;
    best = std::max(best, prefix < 0 ? -prefix : prefix);
  }
  return uint64_t(best);
}

NeuronParams randomParams(std::mt19937_64 &rng, int maxShift) {
  NeuronParams p;
  p.thresholdShift = int32_t(uniform(rng, 0, maxShift));
  p.nmax = int32_t(uniform(rng, 0, 40));
  p.nmin = (rng() & 1) ? 0 : -int32_t(uniform(rng, 0, 40)); // ReLU or signed
  switch (rng() % 4) {
  case 0:
  case 1:
    p.burst = 1;
    break;
  case 2:
    p.burst = int32_t(uniform(rng, 2, 6));
    break;
  default:
    p.burst = int32_t(uniform(rng, 7, 1000));
    break;
  }
  return p;
}
} // namespace

TEST(Neuron, InitialState) {
  NeuronParams p{4, -3, 5, 1};
  EXPECT_TRUE(isValid(p));
  EXPECT_EQ(initialState(p).v, 8);
  EXPECT_EQ(initialState(p).n, 0);
  p.thresholdShift = 0;
  EXPECT_EQ(initialState(p).v, 0); // theta = 1, theta/2 rounds to 0
  EXPECT_FALSE(isValid(NeuronParams{63, 0, 1, 1}));
  EXPECT_FALSE(isValid(NeuronParams{-1, 0, 1, 1}));
  EXPECT_FALSE(isValid(NeuronParams{3, 1, 1, 1}));
  EXPECT_FALSE(isValid(NeuronParams{3, 0, -1, 1}));
  EXPECT_FALSE(isValid(NeuronParams{3, 0, 1, 0}));
  EXPECT_TRUE(isValid(NeuronParams{62, 0, 0, 1}));
}

TEST(Neuron, UnitStepByHand) {
  const NeuronParams p{2, -2, 3, 1}; // theta = 4, V0 = 2
  NeuronState s = initialState(p);
  EXPECT_EQ(stepUnit(s, p, 2), 1); // V = 4 -> 0
  EXPECT_EQ(s.v, 0);
  EXPECT_EQ(s.n, 1);
  EXPECT_EQ(stepUnit(s, p, 9), 1); // V = 9 -> 5
  EXPECT_EQ(stepUnit(s, p, 0), 1); // 5 -> 1, n = 3 = nmax
  EXPECT_EQ(s.n, 3);
  EXPECT_EQ(stepUnit(s, p, 100), 0); // saturated: V = 101 kept
  EXPECT_EQ(s.v, 101);
  EXPECT_TRUE(isQuiescent(s, p));
  EXPECT_EQ(stepUnit(s, p, -110), -1); // V = -9 -> -5
  EXPECT_EQ(stepUnit(s, p, 0), -1);    // -5 -> -1
  EXPECT_EQ(stepUnit(s, p, 0), -1);    // -1 -> 3
  EXPECT_EQ(s.n, 0);
  EXPECT_EQ(s.v, 3);
  EXPECT_TRUE(isQuiescent(s, p));
}

TEST(Neuron, GradedStepByHand) {
  const NeuronParams p{2, -10, 10, 3}; // theta = 4, V0 = 2
  NeuronState s = initialState(p);
  EXPECT_EQ(stepGraded(s, p, 30), 3); // V = 32: floor 8 -> 3, V = 20
  EXPECT_EQ(s.v, 20);
  EXPECT_EQ(stepGraded(s, p, 0), 3); // V = 8
  EXPECT_EQ(stepGraded(s, p, 0), 2); // V = 0
  EXPECT_EQ(s.n, 8);
  EXPECT_EQ(stepGraded(s, p, 100), 2); // limited by nmax - n = 2
  EXPECT_EQ(s.n, 10);
  EXPECT_EQ(s.v, 92);
  EXPECT_EQ(stepGraded(s, p, -97), -2); // V = -5: floor -2
  EXPECT_EQ(s.v, 3);
  EXPECT_EQ(s.n, 8);
}

TEST(Neuron, GradedWithBurstOneEqualsUnit) {
  std::mt19937_64 rng(20);
  for (int trial = 0; trial < 20000; ++trial) {
    NeuronParams p = randomParams(rng, 20);
    p.burst = 1;
    NeuronState u = initialState(p), g = initialState(p);
    const int64_t span = int64_t(3) << p.thresholdShift;
    for (int t = 0; t < 40; ++t) {
      const int64_t c = (rng() % 3 == 0) ? 0 : uniform(rng, -span, span);
      ASSERT_EQ(stepUnit(u, p, c), stepGraded(g, p, c));
      ASSERT_EQ(u.v, g.v);
      ASSERT_EQ(u.n, g.n);
      ASSERT_EQ(isQuiescent(u, p), isQuiescent(g, p));
    }
  }
}

// The invariant of semantics.md: once quiescent, n = requant(sum da),
// whatever the split of the total over steps and whatever the order.
TEST(Neuron, QuiescentCountIsRequantizedTotal) {
  std::mt19937_64 rng(21);
  for (int trial = 0; trial < 20000; ++trial) {
    const NeuronParams p = randomParams(rng, 45);
    const int64_t theta = p.threshold();
    // Multiplier: normalized (as built by quantizeMultiplier), small, or
    // negative, all sharing the neuron's shift.
    int32_t m = 0;
    switch (rng() % 3) {
    case 0:
      m = int32_t((uint64_t(1) << 30) + (rng() >> 34));
      break;
    case 1:
      m = int32_t(uniform(rng, 1, 50));
      break;
    default:
      m = -int32_t(uniform(rng, 1, 1 << 20));
      break;
    }
    const Multiplier mul{m, p.thresholdShift};
    // Totals that land around and beyond [nmin, nmax].
    const int64_t codes = std::max<int64_t>(p.nmax, -int64_t(p.nmin)) + 4;
    const int64_t range =
        std::max<int64_t>(3, int64_t(I128(codes) * theta / std::abs(m)) + 2);
    const int64_t total = uniform(rng, -range, range);
    // Random split into mixed-sign parts (parts up to 2x the range).
    const int steps = int(uniform(rng, 1, 24));
    std::vector<int64_t> da(size_t(steps), 0);
    int64_t rest = total;
    for (int t = 0; t + 1 < steps; ++t) {
      da[size_t(t)] =
          (rng() % 4 == 0) ? 0 : uniform(rng, -2 * range, 2 * range);
      rest -= da[size_t(t)];
    }
    da.back() = rest;
    const int64_t want = requantize(total, mul, p.nmin, p.nmax);
    ASSERT_EQ(want, expectedCount(p, I128(total) * m));

    for (int order = 0; order < 3; ++order) {
      if (order > 0)
        std::shuffle(da.begin(), da.end(), rng);
      std::vector<int64_t> currents;
      for (int64_t d : da) {
        const std::optional<int64_t> c = multiplyCurrent(m, d);
        ASSERT_TRUE(c.has_value());
        currents.push_back(*c);
        if (order == 2 && rng() % 2 == 0)
          currents.push_back(0); // idle steps in between
      }
      const std::optional<PotentialRange> range =
          potentialRange(p, maxAbsPrefix(currents));
      ASSERT_TRUE(range.has_value());
      NeuronState s = initialState(p);
      runAndDrain(s, p, currents, *range);
      if (HasFatalFailure())
        return;
      ASSERT_EQ(s.n, want) << "trial " << trial << " order " << order;
    }
  }
}

// Two inputs with their own multipliers into one neuron (residual add):
// n = clamp(floor((theta/2 + M1*sum(da) + M2*sum(db)) / theta)).
TEST(Neuron, TwoInputsShareOneThreshold) {
  std::mt19937_64 rng(22);
  for (int trial = 0; trial < 10000; ++trial) {
    const NeuronParams p = randomParams(rng, 40);
    const int32_t m1 = int32_t(uniform(rng, 1, 1 << 30));
    const int32_t m2 = int32_t(uniform(rng, -(1 << 30), 1 << 30));
    const int64_t span =
        std::max<int64_t>(2, (int64_t(50) << p.thresholdShift) >> 30);
    I128 total = 0;
    std::vector<int64_t> currents;
    const int steps = int(uniform(rng, 1, 20));
    for (int t = 0; t < steps; ++t) {
      const int64_t a = uniform(rng, -span, span),
                    b = uniform(rng, -span, span);
      const int64_t c =
          *checkedAdd(*multiplyCurrent(m1, a), *multiplyCurrent(m2, b));
      currents.push_back(c);
      total += c;
    }
    const std::optional<PotentialRange> range =
        potentialRange(p, maxAbsPrefix(currents));
    ASSERT_TRUE(range.has_value());
    NeuronState s = initialState(p);
    runAndDrain(s, p, currents, *range);
    if (HasFatalFailure())
      return;
    ASSERT_EQ(s.n, expectedCount(p, total));
  }
}

TEST(Neuron, ExhaustiveSmall) {
  for (int32_t shift = 0; shift <= 3; ++shift)
    for (int32_t nmin = -3; nmin <= 0; ++nmin)
      for (int32_t nmax = 0; nmax <= 3; ++nmax)
        for (int32_t burst = 1; burst <= 3; ++burst)
          for (int32_t m : {1, 3, -2}) {
            const NeuronParams p{shift, nmin, nmax, burst};
            const Multiplier mul{m, shift};
            const PotentialRange range = *potentialRange(p, 600);
            for (int64_t total = -40; total <= 40; ++total) {
              const int64_t want = requantize(total, mul, nmin, nmax);
              for (int64_t first = -20; first <= 20; ++first) {
                NeuronState s = initialState(p);
                runAndDrain(s, p, {m * first, m * (total - first)}, range);
                if (HasFatalFailure())
                  return;
                ASSERT_EQ(s.n, want);
              }
            }
          }
}

TEST(Neuron, DrainBoundIsNearlyAttained) {
  const NeuronParams p{3, -5, 7, 1};
  NeuronState s = initialState(p);
  step(s, p, -1000); // n = -1
  for (int i = 0; i < 10; ++i)
    step(s, p, 0); // drain to n = nmin
  ASSERT_EQ(s.n, -5);
  ASSERT_TRUE(isQuiescent(s, p));
  step(s, p, int64_t(1) << 20); // n = -4, V huge
  int64_t drained = 0;
  while (!isQuiescent(s, p)) {
    step(s, p, 0);
    ++drained;
  }
  EXPECT_EQ(s.n, 7);
  EXPECT_EQ(drained, 11);
  EXPECT_EQ(maxDrainSteps(p), 12);
  EXPECT_EQ(maxDrainSteps(NeuronParams{3, -5, 7, 5}), 3);
  EXPECT_EQ(maxDrainSteps(NeuronParams{3, 0, 0, 1}), 0);
}

TEST(Neuron, LargeThresholds) {
  // Shifts 61 and 62 with a normalized multiplier: currents and potentials
  // near the int64 limit, still inside what potentialRange admits.
  std::mt19937_64 rng(23);
  for (const NeuronParams &p :
       {NeuronParams{61, -1, 1, 1}, NeuronParams{62, 0, 1, 1},
        NeuronParams{61, -1, 1, 2}}) {
    const Multiplier mul{(1 << 30) + 12345, p.thresholdShift};
    for (int trial = 0; trial < 2000; ++trial) {
      const int64_t lim = int64_t(1) << 31;
      const int64_t total = uniform(rng, -lim, lim);
      const int64_t a = uniform(rng, -lim, lim);
      const std::vector<int64_t> currents = {
          *multiplyCurrent(mul.m, a), *multiplyCurrent(mul.m, total - a)};
      const std::optional<PotentialRange> range =
          potentialRange(p, maxAbsPrefix(currents));
      ASSERT_TRUE(range.has_value());
      NeuronState s = initialState(p);
      runAndDrain(s, p, currents, *range);
      if (HasFatalFailure())
        return;
      ASSERT_EQ(s.n, requantize(total, mul, p.nmin, p.nmax));
    }
  }
}

TEST(Neuron, MultiplyCurrent) {
  EXPECT_EQ(*multiplyCurrent(3, -7), -21);
  EXPECT_EQ(
      *multiplyCurrent(std::numeric_limits<int32_t>::min(), int64_t(1) << 32),
      kMin);
  EXPECT_FALSE(
      multiplyCurrent(std::numeric_limits<int32_t>::min(), -(int64_t(1) << 32))
          .has_value());
  EXPECT_FALSE(
      multiplyCurrent(std::numeric_limits<int32_t>::max(), int64_t(1) << 33)
          .has_value());
  EXPECT_FALSE(multiplyCurrent(2, kMax).has_value());
}

TEST(Neuron, PotentialRange) {
  const NeuronParams p{10, -3, 5, 1};
  const PotentialRange zero = *potentialRange(p, 0);
  EXPECT_EQ(zero.lo, 512);
  EXPECT_EQ(zero.hi, 512);
  // b = 10000 = 9*1024 + 784: n in [-3, 5] (both limits bind).
  const PotentialRange r = *potentialRange(p, 10000);
  EXPECT_EQ(r.hi, 512 + 10000 + 3 * 1024);
  EXPECT_EQ(r.lo, 512 - 10000 - 5 * 1024);
  EXPECT_TRUE(potentialFitsSigned(p, 10000, 15));
  EXPECT_FALSE(potentialFitsSigned(p, 10000, 14));
  EXPECT_TRUE(potentialFitsSigned(p, 10000, 64));
  // b = 1000 < theta: n in [-1, 1] (0.98 + 0.5 rounds to 1 both ways).
  const PotentialRange s = *potentialRange(p, 1000);
  EXPECT_EQ(s.hi, 512 + 1000 + 1024);
  EXPECT_EQ(s.lo, 512 - 1000 - 1024);
  // b = 500: n stays 0.
  const PotentialRange t = *potentialRange(p, 500);
  EXPECT_EQ(t.hi, 1012);
  EXPECT_EQ(t.lo, 12);

  // int64 boundaries (theta = 1, theta/2 = 0).
  const uint64_t maxU = uint64_t(kMax);
  EXPECT_EQ(potentialRange(NeuronParams{0, 0, 0, 1}, maxU)->hi, kMax);
  EXPECT_EQ(potentialRange(NeuronParams{0, 0, 0, 1}, maxU)->lo, -kMax);
  EXPECT_EQ(potentialRange(NeuronParams{0, 0, 1, 1}, maxU)->lo, kMin);
  EXPECT_FALSE(potentialRange(NeuronParams{0, 0, 2, 1}, maxU).has_value());
  EXPECT_FALSE(potentialRange(NeuronParams{0, -1, 0, 1}, maxU).has_value());
  EXPECT_FALSE(potentialRange(NeuronParams{0, 0, 0, 1}, maxU + 1).has_value());
  EXPECT_FALSE(potentialRange(NeuronParams{62, -2, 2, 1}, uint64_t(1) << 62)
                   .has_value());
  EXPECT_FALSE(
      potentialFitsSigned(NeuronParams{62, -2, 2, 1}, uint64_t(1) << 62, 64));
  EXPECT_FALSE(potentialRange(NeuronParams{40, 0, 1 << 30, 1},
                              std::numeric_limits<uint64_t>::max())
                   .has_value());
}

namespace {
/// Extremes of V (before and after each reset) over a run.
PotentialRange observedRange(const NeuronParams &p,
                             const std::vector<int64_t> &currents) {
  NeuronState s = initialState(p);
  PotentialRange seen{s.v, s.v};
  for (int64_t c : currents) {
    const int32_t k = step(s, p, c);
    const int64_t before = s.v + int64_t(k) * p.threshold();
    seen.lo = std::min({seen.lo, before, s.v});
    seen.hi = std::max({seen.hi, before, s.v});
  }
  return seen;
}
} // namespace

// The bound is tight: at the rounding boundaries of the count limits
// (theta/2 + b hitting a multiple of theta) some input reaches it.
TEST(Neuron, PotentialRangeIsAttained) {
  const NeuronParams p{10, -3, 5, 1}; // theta 1024, V0 512
  const PotentialRange r512 = *potentialRange(p, 512);
  EXPECT_EQ(r512.lo, -1024); // 512 + 512 fires once, then P = -512
  EXPECT_EQ(r512.hi, 1024);  // -512 does not fire (V = 0), then P = 512
  EXPECT_EQ(observedRange(p, {512, -1024}).lo, -1024);
  EXPECT_EQ(observedRange(p, {-512, 1024}).hi, 1024);
  const PotentialRange r513 = *potentialRange(p, 513);
  EXPECT_EQ(r513.lo, -1025);
  EXPECT_EQ(r513.hi, 2049); // -513 fires -1 (V = -1), then P = 513
  EXPECT_EQ(observedRange(p, {513, -1026}).lo, -1025);
  EXPECT_EQ(observedRange(p, {-513, 1026}).hi, 2049);
}

TEST(Neuron, Wrapper) {
  STBIFNeuron neuron(NeuronParams{3, 0, 4, 1}); // theta 8, ReLU
  EXPECT_EQ(neuron.potential(), 4);
  EXPECT_EQ(neuron.step(-100), 0); // n = nmin = 0: clipped
  EXPECT_TRUE(neuron.isQuiescent());
  EXPECT_EQ(neuron.step(120), 1); // V = 24 -> 16: the clipped -100 was kept
  EXPECT_FALSE(neuron.isQuiescent());
  EXPECT_EQ(neuron.step(0), 1); // 16 -> 8
  EXPECT_EQ(neuron.step(0), 1); // 8 -> 0
  EXPECT_TRUE(neuron.isQuiescent());
  EXPECT_EQ(neuron.step(0), 0);
  // requantize(20) at theta 8: floor((4 + 20) / 8) = 3.
  EXPECT_EQ(neuron.count(), 3);
  EXPECT_EQ(neuron.potential(), 0);
  neuron.reset();
  EXPECT_EQ(neuron.count(), 0);
  EXPECT_EQ(neuron.potential(), 4);
  EXPECT_EQ(neuron.params().nmax, 4);
  EXPECT_EQ(neuron.state().n, 0);
}

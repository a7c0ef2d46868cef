//===- SpiNNakerTest.cpp - the SpiNNaker-like family against references --===//

#include "snnc/Arith/Neuron.h"
#include "snnc/Sim/Simulator.h"

#include "TestImage.h"

#include <gtest/gtest.h>

using namespace snnc;
using namespace snnc::sim;
using image::test::makeSpiNNakerImage;

namespace {
/// The image's network stepped directly with snnc-arith: encoder spikes of
/// step t and bias reach step t, neuron spikes the step after.
std::vector<int32_t> reference(int32_t x0, int32_t x1) {
  const arith::NeuronParams p{4, 0, 8, 1};
  std::vector<arith::NeuronState> s(4, arith::initialState(p));
  std::vector<int32_t> previous(2, 0);
  for (int t = 0; t < 64; ++t) {
    int64_t in[4] = {t < x0 ? 20 : 0, t < x1 ? -28 : 0, 4 * previous[0],
                     -4 * previous[0] + 1200 * previous[1] + (t == 0 ? 1 : 0)};
    for (int g = 0; g < 4; ++g) {
      int32_t k = arith::step(s[g], p, 3 * in[g]);
      if (g < 2)
        previous[g] = k;
    }
  }
  return {s[2].n, s[3].n};
}
} // namespace

TEST(SpiNNaker, MatchesArithReferenceAndRoutesOneHop) {
  const image::Image img = makeSpiNNakerImage();
  for (auto [x0, x1] : {std::pair{3, 2}, {4, 0}, {1, 4}, {0, 0}}) {
    Expected<Result> r = simulate(img, {{float(x0), float(x1)}});
    ASSERT_TRUE(bool(r)) << r.error().message();
    EXPECT_TRUE(r->stats.quiescent);
    EXPECT_EQ(r->counts[0], reference(x0, x1)) << x0 << ", " << x1;
    const SpiNNakerStats &s = r->stats.spinnaker;
    EXPECT_EQ(s.hostPackets, uint64_t(x0 + x1));
    // Core 0's packets go chip 0 -> NE -> chip 3, one hop each.
    EXPECT_EQ(s.chipHops, s.packets + s.payloadPackets);
    EXPECT_EQ(s.deliveries, s.packets + s.payloadPackets);
    EXPECT_EQ(s.dropped, 0u);
    EXPECT_EQ(s.overrunTicks, 0u);
  }
}

// Recording: every spike, and core 0's packets on the one chip link
// (0, 0) -> (1, 1) to the cores of chip 3; the run itself is unchanged.
TEST(SpiNNaker, RecordsSpikesAndTraffic) {
  const image::Image img = makeSpiNNakerImage();
  Expected<Result> plain = simulate(img, {{3.0f, 2.0f}});
  Expected<Simulator> sim = Simulator::create(img);
  ASSERT_TRUE(plain && sim);
  sim->setRecording({/*maxSpikeEvents=*/1000, /*traffic=*/true});
  Expected<Result> r = sim->run({{3.0f, 2.0f}});
  ASSERT_TRUE(bool(r)) << r.error().message();
  EXPECT_EQ(r->stats.toJSON(), plain->stats.toJSON());
  EXPECT_EQ(r->counts, plain->counts);
  const Recording &rec = r->recording;
  EXPECT_EQ(rec.spikes.size(), r->stats.spikes);
  EXPECT_FALSE(rec.spikesTruncated);
  const uint64_t packets =
      r->stats.spinnaker.packets + r->stats.spinnaker.payloadPackets;
  ASSERT_GT(packets, 0u);
  ASSERT_EQ(rec.links.size(), 1u);
  EXPECT_EQ(rec.links[0].fromX, 0u);
  EXPECT_EQ(rec.links[0].fromY, 0u);
  EXPECT_EQ(rec.links[0].toX, 1u);
  EXPECT_EQ(rec.links[0].toY, 1u);
  EXPECT_EQ(rec.links[0].messages, packets);
  uint64_t delivered = 0;
  for (const CoreTraffic &t : rec.cores) {
    EXPECT_EQ(t.from, 0u);
    EXPECT_EQ(img.cores[t.to].coord.chip, 3u);
    delivered += t.messages;
  }
  EXPECT_EQ(delivered, r->stats.spinnaker.deliveries);
}

TEST(SpiNNaker, CountsDropsOverrunsAndCycles) {
  image::Image img = makeSpiNNakerImage();
  // Without chip 0's entry, core 0's packets match nothing where they
  // start and are dropped.
  img.spinnaker.routers[0].clear();
  Expected<Result> r = simulate(img, {{3.0f, 0.0f}});
  ASSERT_TRUE(bool(r)) << r.error().message();
  EXPECT_GT(r->stats.spinnaker.dropped, 0u);
  EXPECT_EQ(r->stats.spinnaker.deliveries, 0u);

  // Tick 0 of core 0: 2 neurons x 100 + 2 host packets (steps 0 and 1 of
  // element 0 arrive before and during tick 0) x (50 + 16) cycles = 332.
  image::Image slow = makeSpiNNakerImage();
  slow.spinnaker.cost.tickCycles = 300;
  Expected<Result> s = simulate(slow, {{3.0f, 0.0f}});
  ASSERT_TRUE(bool(s)) << s.error().message();
  EXPECT_EQ(s->stats.spinnaker.maxCoreCycles, 332u);
  EXPECT_EQ(s->stats.spinnaker.maxCoreCyclesTick, 0u);
  EXPECT_GT(s->stats.spinnaker.overrunTicks, 0u);
  EXPECT_NE(s->stats.toJSON().find("\"overrun_ticks\""), std::string::npos);
}

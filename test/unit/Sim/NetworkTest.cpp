//===- NetworkTest.cpp - mesh routing, hops and link contention -----------===//

#include "snnc/Sim/Network.h"

#include <gtest/gtest.h>

using namespace snnc;
using namespace snnc::sim;

namespace {
image::CostModel cost() {
  image::CostModel c;
  c.cyclePs = 1000;
  c.hopEastWestPs = 4000;
  c.hopNorthSouthPs = 6000;
  return c;
}

TEST(Network, LocalMessagesUseNoLink) {
  Network net(cost(), {{0, 0}, {3, 3}});
  net.send({1, 1}, {1, 1});
  const Network::Drain d = net.drain();
  EXPECT_EQ(d.messages, 1u);
  EXPECT_EQ(d.timePs, 0u);
  EXPECT_EQ(d.hopsEastWest + d.hopsNorthSouth, 0u);
  EXPECT_EQ(d.maxQueue, 0u);
}

TEST(Network, RoutesXThenY) {
  Network net(cost(), {{0, 0}, {3, 3}});
  net.send({3, 0}, {0, 2}); // 3 hops west, then 2 north
  Network::Drain d = net.drain();
  EXPECT_EQ(d.hopsEastWest, 3u);
  EXPECT_EQ(d.hopsNorthSouth, 2u);
  EXPECT_EQ(d.timePs, 3 * 4000u + 2 * 6000u);
  // The state is cleared: the same message again takes the same time.
  net.send({0, 2}, {3, 0}); // 3 east, 2 south
  d = net.drain();
  EXPECT_EQ(d.timePs, 3 * 4000u + 2 * 6000u);
  EXPECT_EQ(d.maxQueue, 0u);
}

// Three messages share the first link: they leave one cycle apart and keep
// that spacing; the queue the third joins holds 2 (itself and the second).
TEST(Network, SerializesSharedLinks) {
  Network net(cost(), {{0, 0}, {2, 1}});
  for (int i = 0; i < 3; ++i)
    net.send({0, 0}, {2, 1});
  const Network::Drain d = net.drain();
  EXPECT_EQ(d.hopsEastWest, 6u);
  EXPECT_EQ(d.hopsNorthSouth, 3u);
  EXPECT_EQ(d.maxQueue, 2u);
  // Last message: starts at 2000, 2 E-W hops and 1 N-S hop.
  EXPECT_EQ(d.timePs, 2000u + 2 * 4000u + 6000u);
}

// Messages from different sources meet at a link: served in arrival order.
TEST(Network, ServesInArrivalOrder) {
  Network net(cost(), {{0, 0}, {2, 0}});
  net.send({1, 0}, {2, 0}); // one hop, arrives at 4000
  net.send({0, 0}, {2, 0}); // reaches (1,0) at 4000, then waits for nothing
  net.send({0, 0}, {2, 0}); // leaves at 1000, reaches (1,0) at 5000
  const Network::Drain d = net.drain();
  // Link (1,0)E carries message 0 at 0, message 1 at 4000, message 2 at
  // 5000: no waiting there; only message 2 waited at (0,0)E.
  EXPECT_EQ(d.maxQueue, 1u);
  EXPECT_EQ(d.timePs, 5000u + 4000u);
  EXPECT_EQ(d.hopsEastWest, 5u);
}

// Equal arrival times at a link are broken by send order.
TEST(Network, TiesFollowSendOrder) {
  image::CostModel c = cost();
  c.cyclePs = 500;
  Network net(c, {{0, 0}, {1, 0}});
  net.send({0, 0}, {1, 0});
  net.send({0, 0}, {1, 0});
  net.send({0, 0}, {1, 0});
  net.send({0, 0}, {1, 0});
  const Network::Drain d = net.drain();
  EXPECT_EQ(d.timePs, 3 * 500u + 4000u);
  EXPECT_EQ(d.maxQueue, 3u);
}

TEST(Network, ChipsTileTheGlobalGrid) {
  image::Mesh m;
  m.width = 8;
  m.height = 4;
  m.tileWidth = 2;
  m.tileHeight = 2;
  m.chips = 6;
  m.chipColumns = 3;
  // Chip 5 is in column 2, row 1 of the chip grid; 4 x 2 tiles per chip.
  const Network::Tile t = Network::tileOf(m, {5, 3, 3});
  EXPECT_EQ(t.x, 2 * 4 + 1u);
  EXPECT_EQ(t.y, 1 * 2 + 1u);
}
} // namespace

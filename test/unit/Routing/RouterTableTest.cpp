//===- RouterTableTest.cpp - router table minimization --------------------===//

#include "snnc/Routing/RouterTable.h"

#include <gtest/gtest.h>

#include <random>

using namespace snnc::routing;

namespace {

/// A table like the mapping produces: per (population, core) a key block of
/// 2^b neurons, orthogonal entries, routes drawn from a few link/core sets.
Table randomTable(std::mt19937 &rng, size_t n) {
  Table t;
  std::uniform_int_distribution<uint32_t> route(0, 5), bits(0, 6);
  std::vector<uint32_t> routes;
  for (int i = 0; i < 6; ++i)
    routes.push_back((1u << route(rng)) | (rng() % 3 ? 0 : 1u << (6 + i)));
  for (size_t i = 0; i < n; ++i) {
    Entry e;
    uint32_t b = bits(rng);
    e.mask = ~((1u << b) - 1);
    e.key = (uint32_t(i) << 8) & e.mask; // distinct blocks: orthogonal
    e.source = 1u << route(rng);
    e.route = routes[rng() % routes.size()];
    t.entries.push_back(e);
  }
  return t;
}

TEST(RouterTable, DefaultRouteIsTheOppositeLink) {
  EXPECT_EQ(defaultRoute(1u << 0), 1u << 3); // E -> W
  EXPECT_EQ(defaultRoute(1u << 2), 1u << 5); // N -> S
  EXPECT_EQ(defaultRoute(1u << 4), 1u << 1); // SW -> NE
  EXPECT_EQ(defaultRoute(0b11), 0u);         // two sources: no default
  EXPECT_EQ(defaultRoute(1u << 7), 0u);      // a core: no default
}

TEST(RouterTable, MinimizedTablesRouteEveryKeyAsBefore) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 60; ++trial) {
    Table t = randomTable(rng, 40 + trial * 10);
    Table m = minimize(t, /*capacity=*/t.entries.size() / 3);
    std::string error;
    EXPECT_TRUE(routesEquivalently(t, m, error))
        << "trial " << trial << ": " << error;
    EXPECT_LE(m.entries.size(), t.entries.size());
  }
}

TEST(RouterTable, MergesSameRouteBlocks) {
  // Four adjacent blocks with one route merge into one entry.
  Table t;
  for (uint32_t i = 0; i < 4; ++i)
    t.entries.push_back({i << 4, 0xFFFFFFF0u, 1u << 0, 1u << 6});
  t.entries.push_back({4u << 4, 0xFFFFFFF0u, 1u << 0, 1u << 7});
  Table m = minimize(t, 1);
  std::string error;
  ASSERT_TRUE(routesEquivalently(t, m, error)) << error;
  EXPECT_EQ(m.entries.size(), 2u);
}

TEST(RouterTable, DropsDefaultRoutedEntries) {
  Table t;
  t.entries.push_back({0x100, 0xFFFFFF00u, 1u << 0, 1u << 3}); // E in, W out
  t.entries.push_back({0x200, 0xFFFFFF00u, 1u << 0, 1u << 6});
  Table m = minimize(t, 10);
  ASSERT_EQ(m.entries.size(), 1u);
  std::string error;
  EXPECT_TRUE(routesEquivalently(t, m, error)) << error;
}

TEST(RouterTable, CheckerFindsAWrongRoute) {
  Table t;
  t.entries.push_back({0x100, 0xFFFFFF00u, 1u << 0, 1u << 6});
  t.entries.push_back({0x200, 0xFFFFFF00u, 1u << 0, 1u << 7});
  Table wrong = t;
  wrong.entries[1].route = 1u << 8;
  std::string error;
  EXPECT_FALSE(routesEquivalently(t, wrong, error));
  EXPECT_NE(error.find("key 0x000002"), std::string::npos) << error;
  // Dropping an entry whose route is not the default one is wrong too.
  Table dropped = t;
  dropped.entries.pop_back();
  EXPECT_FALSE(routesEquivalently(t, dropped, error));
  // An over-general merge that captures another route's keys is wrong.
  Table merged;
  merged.entries.push_back({0x000, 0xFFFFFC00u, 1u << 0, 1u << 6});
  EXPECT_FALSE(routesEquivalently(t, merged, error));
}

TEST(RouterTable, ReadWriteRoundTripAndTruncation) {
  std::mt19937 rng(3);
  std::vector<Table> tables{randomTable(rng, 5), randomTable(rng, 7)};
  tables[1].x = 3;
  std::vector<uint8_t> bytes = writeTables(tables);
  std::vector<Table> back;
  std::string error;
  ASSERT_TRUE(readTables(bytes.data(), bytes.size(), back, error)) << error;
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].x, 3);
  EXPECT_EQ(back[1].entries.size(), 7u);
  EXPECT_EQ(back[1].entries[6].route, tables[1].entries[6].route);
  for (size_t cut = 1; cut < bytes.size(); cut += 7) {
    std::vector<Table> partial;
    bool ok = readTables(bytes.data(), cut, partial, error);
    // Only cuts at a table boundary read cleanly.
    if (cut != 4 + 5 * 16)
      EXPECT_FALSE(ok) << cut;
  }
}

} // namespace

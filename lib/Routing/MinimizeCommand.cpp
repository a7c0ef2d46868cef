//===- MinimizeCommand.cpp - snnc minimize-routes -------------------------===//

#include "snnc/Image/File.h"
#include "snnc/Routing/RouterTable.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace snnc::routing;

int snnc::routing::runMinimizeRoutes(const std::string &input,
                                     const std::string &output, size_t capacity,
                                     bool verbose, bool quiet) {
  auto bytes = image::readFile(input);
  if (!bytes) {
    std::fprintf(stderr, "snnc: error: %s: %s\n", input.c_str(),
                 bytes.error().message().c_str());
    return 1;
  }
  std::vector<Table> tables;
  std::string error;
  if (!readTables(bytes->data(), bytes->size(), tables, error)) {
    std::fprintf(stderr, "snnc: error: %s: %s\n", input.c_str(), error.c_str());
    return 1;
  }
  std::vector<Table> minimized;
  size_t before = 0, after = 0, unfit = 0, largest = 0;
  double seconds = 0;
  for (const Table &t : tables) {
    auto start = std::chrono::steady_clock::now();
    Table m = minimize(t, capacity);
    seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    // The proof is not optional: a table that routes one key differently
    // would misdeliver spikes silently.
    if (!routesEquivalently(t, m, error)) {
      std::fprintf(stderr,
                   "snnc: error: %s: table of chip (%u, %u): minimization "
                   "changed a route (%s)\n",
                   input.c_str(), t.x, t.y, error.c_str());
      return 1;
    }
    before += t.entries.size();
    after += m.entries.size();
    largest = std::max(largest, m.entries.size());
    if (m.entries.size() > capacity) {
      ++unfit;
      std::fprintf(stderr,
                   "snnc: error: %s: table of chip (%u, %u): %zu entries "
                   "after minimization (from %zu), the router holds %zu\n",
                   input.c_str(), t.x, t.y, m.entries.size(), t.entries.size(),
                   capacity);
    }
    if (verbose)
      std::fprintf(stderr, "chip (%u, %u): %zu -> %zu entries\n", t.x, t.y,
                   t.entries.size(), m.entries.size());
    minimized.push_back(std::move(m));
  }
  if (unfit)
    return 1;
  if (image::Error err =
          image::writeFileAtomic(output, writeTables(minimized))) {
    std::fprintf(stderr, "snnc: error: %s: %s\n", output.c_str(),
                 err.message().c_str());
    return 1;
  }
  if (!quiet)
    std::printf("%zu tables, all fit %zu entries and route every key as "
                "before; %zu -> %zu entries (%.1f%%), largest %zu, %.3f s "
                "(%.2f ms per table)\n",
                tables.size(), capacity, before, after,
                before ? 100.0 * double(after) / double(before) : 100.0,
                largest, seconds,
                tables.empty() ? 0.0 : 1000.0 * seconds / tables.size());
  return 0;
}

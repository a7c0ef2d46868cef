//===- RouterTable.h - SpiNNaker-style multicast router tables --*- C++ -*-===//
//
// A router holds an ordered list of (key, mask) -> route entries; a packet
// with key k takes the route of the first entry with (k & mask) == key, and
// a packet no entry matches goes straight on (the default route: out of the
// link opposite the one it came in on). Tables must fit the router's TCAM
// (1,023 usable entries on SpiNNaker), so they are minimized: fewer entries
// that route every key the original routes exactly as it did.
//
// MLIR-free: the mapping passes and `snnc minimize-routes` share it.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_ROUTING_ROUTERTABLE_H
#define SNNC_ROUTING_ROUTERTABLE_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace snnc::routing {

/// Links in route and source bitmaps: bits 0-5 = E, NE, N, W, SW, S; bits
/// 6-23 the router's cores.
constexpr int kLinks = 6;
constexpr uint32_t kLinkMask = (1u << kLinks) - 1;

struct Entry {
  uint32_t key = 0;
  uint32_t mask = 0;
  uint32_t source = 0; ///< links/cores the packets arrive from
  uint32_t route = 0;
};

struct Table {
  uint8_t x = 0, y = 0; ///< chip coordinates
  std::vector<Entry> entries;
};

/// The benchmark file format (../shared/data/spinnaker-routing-tables):
/// tables back to back, little-endian `u8 x, u8 y, u16 n` then n x
/// `{u32 key, mask, source, route}`. Errors name the table and byte offset.
bool readTables(const uint8_t *data, size_t size, std::vector<Table> &out,
                std::string &error);
std::vector<uint8_t> writeTables(const std::vector<Table> &tables);

/// The default route of an entry: the single link opposite its single
/// source link, or 0 when the source is not exactly one link (then no
/// default route is the same for every packet).
uint32_t defaultRoute(uint32_t source);

/// Minimizes `table` to at most `capacity` entries if it can: removes
/// entries the default route makes redundant, then merges entries of equal
/// route by ordered covering (merged entries may overlap others; order
/// keeps every original key on its route). Returns the minimized table
/// (possibly still larger than `capacity`).
Table minimize(const Table &table, size_t capacity = 1023);

/// Proves that `minimized` routes every key `original` matches exactly as
/// `original` does, counting the default route for keys it no longer
/// matches; on failure sets `error` to a counterexample key.
bool routesEquivalently(const Table &original, const Table &minimized,
                        std::string &error);

/// `snnc minimize-routes IN -o OUT`: minimizes every table of IN to
/// `capacity` entries, proves each equivalent to its original, writes OUT
/// atomically, prints a summary (and per-table lines when `verbose`).
/// Returns the exit status: 0 when every table fits and is proven, 1
/// otherwise (errors as `snnc: error: <file>: <cause>` on stderr; no OUT).
int runMinimizeRoutes(const std::string &input, const std::string &output,
                      size_t capacity, bool verbose, bool quiet);

} // namespace snnc::routing

#endif // SNNC_ROUTING_ROUTERTABLE_H

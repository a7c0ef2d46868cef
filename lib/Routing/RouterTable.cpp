//===- RouterTable.cpp - SpiNNaker-style router table minimization --------===//
//
// Minimization follows ordered covering (Mundy, Heathcote and Garside,
// HPSR 2016): sort the entries by generality, then repeatedly replace the
// largest set of same-route entries whose covering entry neither steals keys
// from a more general entry of another route below it ("down check") nor
// hands a member's keys to another route's entry between the member and the
// covering entry's position ("up check"). Keys no original entry matches
// are don't-cares; keys routed by default are guarded so no merge captures
// them with another route.
//
//===----------------------------------------------------------------------===//

#include "snnc/Routing/RouterTable.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

using namespace snnc::routing;

namespace {

bool intersects(uint32_t k1, uint32_t m1, uint32_t k2, uint32_t m2) {
  return ((k1 ^ k2) & m1 & m2) == 0;
}
bool intersects(const Entry &a, const Entry &b) {
  return intersects(a.key, a.mask, b.key, b.mask);
}
/// Cube (k1, m1) inside cube (k2, m2).
bool contains(uint32_t k2, uint32_t m2, uint32_t k1, uint32_t m1) {
  return (m2 & ~m1) == 0 && ((k1 ^ k2) & m2) == 0;
}
int generality(const Entry &e) { return __builtin_popcount(~e.mask); }

uint32_t readU32(const uint8_t *p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 |
         uint32_t(p[3]) << 24;
}
void putU32(std::vector<uint8_t> &out, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out.push_back(uint8_t(v >> (8 * i)));
}

} // namespace

bool snnc::routing::readTables(const uint8_t *data, size_t size,
                               std::vector<Table> &out, std::string &error) {
  size_t pos = 0;
  while (pos < size) {
    if (size - pos < 4) {
      error = "table " + std::to_string(out.size()) + " at offset " +
              std::to_string(pos) + ": truncated header";
      return false;
    }
    Table t;
    t.x = data[pos];
    t.y = data[pos + 1];
    size_t n = size_t(data[pos + 2]) | size_t(data[pos + 3]) << 8;
    pos += 4;
    // Checked before allocating: the entries must be in the file.
    if ((size - pos) / 16 < n) {
      error = "table " + std::to_string(out.size()) + " (chip " +
              std::to_string(t.x) + "," + std::to_string(t.y) + ") at offset " +
              std::to_string(pos - 4) + ": " + std::to_string(n) +
              " entries do not fit in the " + std::to_string(size - pos) +
              " bytes left";
      return false;
    }
    t.entries.resize(n);
    for (Entry &e : t.entries) {
      e.key = readU32(data + pos);
      e.mask = readU32(data + pos + 4);
      e.source = readU32(data + pos + 8);
      e.route = readU32(data + pos + 12);
      pos += 16;
    }
    out.push_back(std::move(t));
  }
  return true;
}

std::vector<uint8_t>
snnc::routing::writeTables(const std::vector<Table> &tables) {
  std::vector<uint8_t> out;
  for (const Table &t : tables) {
    out.push_back(t.x);
    out.push_back(t.y);
    out.push_back(uint8_t(t.entries.size()));
    out.push_back(uint8_t(t.entries.size() >> 8));
    for (const Entry &e : t.entries) {
      putU32(out, e.key);
      putU32(out, e.mask);
      putU32(out, e.source);
      putU32(out, e.route);
    }
  }
  return out;
}

uint32_t snnc::routing::defaultRoute(uint32_t source) {
  if ((source & ~kLinkMask) != 0 || __builtin_popcount(source) != 1)
    return 0;
  int link = __builtin_ctz(source);
  return 1u << ((link + kLinks / 2) % kLinks);
}

namespace {

class OrderedCovering {
public:
  OrderedCovering(std::vector<Entry> table, std::vector<Entry> guards)
      : table(std::move(table)), guards(std::move(guards)) {}

  /// One merge step; false when no merge of two or more entries is valid.
  bool mergeOnce();
  size_t size() const { return table.size(); }
  std::vector<Entry> result() { return std::move(table); }

private:
  std::vector<Entry> table;  // sorted by generality
  std::vector<Entry> guards; // default-routed keys no merge may reroute

  /// Where an entry of generality g goes: after every entry as or less
  /// general, so those keep precedence.
  size_t insertionPoint(int g, const std::vector<bool> &inMerge) const {
    size_t p = 0;
    for (size_t i = 0; i < table.size(); ++i)
      if (!inMerge[i] && generality(table[i]) <= g)
        p = i + 1;
    return p;
  }
  std::vector<size_t> largestMerge(uint32_t route) const;
};

Entry covering(const std::vector<Entry> &table,
               const std::vector<size_t> &members) {
  Entry c = table[members[0]];
  uint32_t same = c.mask;
  for (size_t i : members) {
    same &= table[i].mask & ~(table[i].key ^ c.key);
    c.source |= table[i].source;
  }
  c.mask = same;
  c.key &= same;
  return c;
}

std::vector<size_t> OrderedCovering::largestMerge(uint32_t route) const {
  std::vector<size_t> members;
  for (size_t i = 0; i < table.size(); ++i)
    if (table[i].route == route)
      members.push_back(i);
  while (members.size() >= 2) {
    std::vector<bool> inMerge(table.size(), false);
    for (size_t i : members)
      inMerge[i] = true;
    Entry c = covering(table, members);
    size_t p = insertionPoint(generality(c), inMerge);

    // Down check: a more general entry of another route below the merged
    // entry (or a default-routed region) must not lose keys to it.
    const Entry *conflict = nullptr;
    for (size_t i = p; i < table.size() && !conflict; ++i)
      if (!inMerge[i] && table[i].route != route && intersects(table[i], c))
        conflict = &table[i];
    for (const Entry &g : guards)
      if (!conflict && g.route != route && intersects(g, c))
        conflict = &g;
    if (conflict) {
      // Fix one bit where the merge is X and the conflict is set, dropping
      // the members that keep it X; the cheapest bit wins.
      uint32_t candidates = ~c.mask & conflict->mask;
      if (!candidates)
        return {}; // the conflict contains the merge: no subset helps
      size_t bestCost = SIZE_MAX;
      uint32_t bestBit = 0;
      for (uint32_t bits = candidates; bits; bits &= bits - 1) {
        uint32_t bit = bits & -bits;
        uint32_t v = conflict->key & bit;
        size_t cost = 0;
        for (size_t i : members)
          cost += !(table[i].mask & bit) || (table[i].key & bit) == v;
        if (cost < bestCost) {
          bestCost = cost;
          bestBit = bit;
        }
      }
      uint32_t v = conflict->key & bestBit;
      members.erase(std::remove_if(members.begin(), members.end(),
                                   [&](size_t i) {
                                     return !(table[i].mask & bestBit) ||
                                            (table[i].key & bestBit) == v;
                                   }),
                    members.end());
      continue;
    }

    // Up check: a member's keys must not fall to another route's entry
    // that sits between the member and the merged entry.
    size_t before = members.size();
    members.erase(std::remove_if(members.begin(), members.end(),
                                 [&](size_t m) {
                                   for (size_t i = m + 1; i < p; ++i)
                                     if (!inMerge[i] &&
                                         table[i].route != route &&
                                         intersects(table[i], table[m]))
                                       return true;
                                   return false;
                                 }),
                  members.end());
    if (members.size() == before)
      return members;
  }
  return {};
}

bool OrderedCovering::mergeOnce() {
  std::vector<uint32_t> routes;
  for (const Entry &e : table)
    routes.push_back(e.route);
  std::sort(routes.begin(), routes.end());
  routes.erase(std::unique(routes.begin(), routes.end()), routes.end());
  std::vector<size_t> best;
  for (uint32_t r : routes) {
    std::vector<size_t> m = largestMerge(r);
    // Largest first; among equals the least general, which aliases fewer
    // keys and so blocks fewer later merges.
    if (m.size() > best.size() ||
        (m.size() == best.size() && m.size() >= 2 &&
         generality(covering(table, m)) < generality(covering(table, best))))
      best = std::move(m);
  }
  if (best.size() < 2)
    return false;
  std::vector<bool> inMerge(table.size(), false);
  for (size_t i : best)
    inMerge[i] = true;
  Entry c = covering(table, best);
  size_t p = insertionPoint(generality(c), inMerge);
  std::vector<Entry> next;
  next.reserve(table.size() - best.size() + 1);
  for (size_t i = 0; i <= table.size(); ++i) {
    if (i == p)
      next.push_back(c);
    if (i < table.size() && !inMerge[i])
      next.push_back(table[i]);
  }
  table = std::move(next);
  return true;
}

} // namespace

Table snnc::routing::minimize(const Table &input, size_t capacity) {
  Table out;
  out.x = input.x;
  out.y = input.y;
  // Entries with key bits outside their mask match nothing.
  std::vector<Entry> entries;
  for (const Entry &e : input.entries)
    if ((e.key & ~e.mask) == 0)
      entries.push_back(e);

  // Default-routed entries go when no later entry overlaps them: their keys
  // then fall through to the default route, which is theirs. Bottom up, so
  // removing one can free an earlier one.
  std::vector<Entry> guards;
  for (size_t i = entries.size(); i-- > 0;) {
    const Entry &e = entries[i];
    uint32_t d = defaultRoute(e.source);
    bool overlapped = false;
    for (size_t j = i + 1; j < entries.size() && !overlapped; ++j)
      overlapped = intersects(e, entries[j]);
    if (d != 0 && e.route == d && !overlapped) {
      guards.push_back(e);
      entries.erase(entries.begin() + i);
    }
  }

  // Reordering by generality is only sound when no two entries overlap.
  bool orthogonal = true;
  for (size_t i = 0; i < entries.size() && orthogonal; ++i)
    for (size_t j = i + 1; j < entries.size() && orthogonal; ++j)
      orthogonal = !intersects(entries[i], entries[j]);
  if (!orthogonal || entries.size() <= capacity) {
    out.entries = std::move(entries);
    return out;
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry &a, const Entry &b) {
                     return generality(a) < generality(b);
                   });
  OrderedCovering oc(std::move(entries), std::move(guards));
  // Stop once it fits: every further merge only adds aliasing.
  while (oc.size() > capacity && oc.mergeOnce()) {
  }
  out.entries = oc.result();
  return out;
}

namespace {

/// Walks the key space region by region: each region is split until one
/// original entry is its first match and the minimized table's first match
/// either contains it or is absent.
class Checker {
public:
  Checker(const Table &original, const Table &minimized)
      : original(original.entries), minimized(minimized.entries) {}

  bool check(uint32_t key, uint32_t mask, std::string &error) {
    const Entry *o = firstIntersecting(original, key, mask);
    if (!o)
      return true; // no original entry matches: any route is fine
    if (!contains(o->key, o->mask, key, mask))
      return split(key, mask, o->mask, error);
    const Entry *m = firstIntersecting(minimized, key, mask);
    if (m && !contains(m->key, m->mask, key, mask))
      return split(key, mask, m->mask, error);
    uint32_t got = m ? m->route : defaultRoute(o->source);
    if (got == o->route && (m || got != 0))
      return true;
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "key 0x%08x: original route 0x%06x, minimized %s 0x%06x", key,
                  o->route, m ? "route" : "default route", got);
    error = buf;
    return false;
  }

private:
  const std::vector<Entry> &original, &minimized;

  static const Entry *firstIntersecting(const std::vector<Entry> &t,
                                        uint32_t key, uint32_t mask) {
    for (const Entry &e : t)
      if ((e.key & ~e.mask) == 0 && intersects(e.key, e.mask, key, mask))
        return &e;
    return nullptr;
  }
  bool split(uint32_t key, uint32_t mask, uint32_t by, std::string &error) {
    uint32_t bit = by & ~mask;
    bit &= -bit; // lowest bit the entry fixes and the region leaves open
    return check(key, mask | bit, error) && check(key | bit, mask | bit, error);
  }
};

} // namespace

bool snnc::routing::routesEquivalently(const Table &original,
                                       const Table &minimized,
                                       std::string &error) {
  return Checker(original, minimized).check(0, 0, error);
}

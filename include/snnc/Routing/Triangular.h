//===- Triangular.h - SpiNNaker's six-link chip board -----------*- C++ -*-===//
//
// Chips of a triangular mesh and the shortest routes between them. Chip c
// of a board of N chips sits at (c % columns, c / columns) with columns =
// ceil(sqrt(N)); the board must be a full rectangle (N a multiple of
// columns), and it wraps into a torus when both sides are multiples of 12
// (SpiNNMachine's rule for multi-board machines). A chip's links, in router
// bit order (RouterTable.h), go E (+1, 0), NE (+1, +1), N (0, +1), W, SW, S;
// the link opposite l is (l + 3) mod 6.
//
// Header-only and MLIR-free: the mapping passes, the emitter and the
// simulator share one definition of distance and route.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_ROUTING_TRIANGULAR_H
#define SNNC_ROUTING_TRIANGULAR_H

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <vector>

namespace snnc::routing {

enum Link : uint8_t { East, NorthEast, North, West, SouthWest, South };
inline constexpr int kLinkDx[6] = {1, 1, 0, -1, -1, 0};
inline constexpr int kLinkDy[6] = {0, 1, 1, 0, -1, -1};
inline constexpr const char *kLinkNames[6] = {"E", "NE", "N", "W", "SW", "S"};
inline constexpr Link opposite(Link l) { return Link((l + 3) % 6); }

struct Board {
  int64_t columns = 1, rows = 1;
  bool torus = false;

  /// The board of `chips` chips; std::nullopt when they do not fill a
  /// rectangle of ceil(sqrt(chips)) columns.
  static std::optional<Board> of(int64_t chips) {
    if (chips < 1)
      return std::nullopt;
    int64_t columns = 1;
    while (columns * columns < chips)
      ++columns;
    if (chips % columns != 0)
      return std::nullopt;
    Board b;
    b.columns = columns;
    b.rows = chips / columns;
    b.torus = b.columns % 12 == 0 && b.rows % 12 == 0;
    return b;
  }

  int64_t x(int64_t chip) const { return chip % columns; }
  int64_t y(int64_t chip) const { return chip / columns; }

  /// The chip beyond `link`, if the board has one.
  std::optional<int64_t> neighbour(int64_t chip, Link link) const {
    int64_t nx = x(chip) + kLinkDx[link], ny = y(chip) + kLinkDy[link];
    if (torus) {
      nx = (nx + columns) % columns;
      ny = (ny + rows) % rows;
    } else if (nx < 0 || ny < 0 || nx >= columns || ny >= rows) {
      return std::nullopt;
    }
    return ny * columns + nx;
  }

  /// Hops of a displacement: diagonal steps cover equal-signed components.
  static int64_t hops(int64_t dx, int64_t dy) {
    if ((dx >= 0) == (dy >= 0))
      return std::max(std::abs(dx), std::abs(dy));
    return std::abs(dx) + std::abs(dy);
  }

  /// The shortest displacement from chip a to chip b (wrapping on a torus;
  /// ties prefer the unwrapped one, then the smaller dx, then dy).
  std::pair<int64_t, int64_t> displacement(int64_t a, int64_t b) const {
    int64_t dx = x(b) - x(a), dy = y(b) - y(a);
    if (!torus)
      return {dx, dy};
    std::pair<int64_t, int64_t> best = {dx, dy};
    for (int64_t wx : {0L, -columns, columns})
      for (int64_t wy : {0L, -rows, rows})
        if (hops(dx + wx, dy + wy) < hops(best.first, best.second))
          best = {dx + wx, dy + wy};
    return best;
  }

  int64_t distance(int64_t a, int64_t b) const {
    auto [dx, dy] = displacement(a, b);
    return hops(dx, dy);
  }

  /// A shortest route as links: diagonal (NE or SW) while both components
  /// share a sign, then along x, then along y. It stays inside the
  /// bounding box of its ends, so it never leaves a full board.
  std::vector<Link> route(int64_t a, int64_t b) const {
    auto [dx, dy] = displacement(a, b);
    std::vector<Link> links;
    for (; dx > 0 && dy > 0; --dx, --dy)
      links.push_back(NorthEast);
    for (; dx < 0 && dy < 0; ++dx, ++dy)
      links.push_back(SouthWest);
    for (; dx != 0; dx += dx > 0 ? -1 : 1)
      links.push_back(dx > 0 ? East : West);
    for (; dy != 0; dy += dy > 0 ? -1 : 1)
      links.push_back(dy > 0 ? North : South);
    return links;
  }
};

} // namespace snnc::routing

#endif // SNNC_ROUTING_TRIANGULAR_H

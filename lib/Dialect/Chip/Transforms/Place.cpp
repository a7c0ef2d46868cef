//===- Place.cpp - place cores on the mesh --------------------------------===//
//
// Partitioning emits cores layer by layer, so a snake through the mesh
// already puts each layer next to the one it talks to; the local search then
// pulls heavily connected cores together. Both are deterministic: positions
// and cores are visited in a fixed order and only strict improvements count.
//
//===----------------------------------------------------------------------===//

#include "MeshDistance.h"
#include "snnc/Dialect/Chip/ChipOps.h"
#include "snnc/Dialect/Chip/Transforms/Passes.h"

#include "llvm/ADT/DenseMap.h"

#include <cmath>
#include <random>

namespace snnc {
#define GEN_PASS_DEF_CHIPPLACE
#include "snnc/Dialect/Chip/Transforms/Passes.h.inc"
} // namespace snnc

using namespace mlir;
using namespace snnc;
using namespace snnc::chip;

namespace {

struct Position {
  int64_t chip;
  int64_t x;
  int64_t y;
};

struct Edge {
  unsigned other;
  int64_t axons;
};

class Placer {
public:
  Placer(MeshAttr mesh, unsigned cores)
      : mesh(mesh), adjacency(cores), positionOf(cores) {
    // Snake order: row by row, alternating direction, chip by chip.
    for (int64_t chip = 0; chip < mesh.getChips(); ++chip)
      for (int64_t y = 0; y < mesh.getHeight(); ++y)
        for (int64_t i = 0; i < mesh.getWidth(); ++i)
          positions.push_back(
              {chip, y % 2 == 0 ? i : mesh.getWidth() - 1 - i, y});
    occupant.assign(positions.size(), -1);
    for (unsigned core = 0; core < cores; ++core) {
      positionOf[core] = core;
      occupant[core] = core;
    }
  }

  void addRoute(unsigned source, unsigned target, int64_t axons) {
    // A core's route to itself costs nothing wherever it is.
    if (source == target)
      return;
    adjacency[source].push_back({target, axons});
    adjacency[target].push_back({source, axons});
  }

  /// One pass of local improvement over all cores; false if nothing moved.
  bool improve() {
    bool moved = false;
    for (unsigned core = 0; core < adjacency.size(); ++core) {
      int64_t bestDelta = 0;
      std::optional<size_t> best;
      size_t from = positionOf[core];
      for (size_t to = 0; to < positions.size(); ++to) {
        if (to == from)
          continue;
        int other = occupant[to];
        int64_t delta = moveDelta(core, from, to, other);
        if (other >= 0)
          delta += moveDelta(other, to, from, core);
        if (delta < bestDelta) {
          bestDelta = delta;
          best = to;
        }
      }
      if (!best)
        continue;
      int other = occupant[*best];
      occupant[from] = other;
      if (other >= 0)
        positionOf[other] = from;
      occupant[*best] = core;
      positionOf[core] = *best;
      moved = true;
    }
    return moved;
  }

  const Position &positionOfCore(unsigned core) const {
    return positions[positionOf[core]];
  }

  /// Σ axons × hops over all routes.
  int64_t cost() const {
    int64_t total = 0;
    for (unsigned core = 0; core < adjacency.size(); ++core)
      for (const Edge &edge : adjacency[core])
        if (edge.other > core)
          total +=
              edge.axons * distance(positionOf[core], positionOf[edge.other]);
    return total;
  }

  /// Cores on seeded random distinct positions.
  void scramble(std::mt19937 &rng) {
    std::vector<size_t> order(positions.size());
    for (size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    occupant.assign(positions.size(), -1);
    for (unsigned core = 0; core < positionOf.size(); ++core) {
      positionOf[core] = order[core];
      occupant[order[core]] = core;
    }
  }

  /// Simulated annealing: random moves or swaps, accepted when they lower
  /// the cost or with probability exp(-delta / temperature), cooling
  /// geometrically from the mean uphill step to 1% of it.
  void anneal(std::mt19937 &rng) {
    unsigned cores = positionOf.size();
    if (cores < 2)
      return;
    std::uniform_int_distribution<unsigned> pickCore(0, cores - 1);
    std::uniform_int_distribution<size_t> pickPos(0, positions.size() - 1);
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    auto delta = [&](unsigned core, size_t to) {
      size_t from = positionOf[core];
      int other = occupant[to];
      int64_t d = moveDelta(core, from, to, other);
      if (other >= 0)
        d += moveDelta(other, to, from, core);
      return d;
    };
    double uphill = 0;
    int samples = 0;
    for (int i = 0; i < 200; ++i) {
      int64_t d = delta(pickCore(rng), pickPos(rng));
      if (d > 0) {
        uphill += double(d);
        ++samples;
      }
    }
    double temperature = samples ? uphill / samples : 1.0;
    double final = temperature * 0.01;
    // A reference, not a product: enough moves per temperature for the
    // chain to settle, whatever it costs.
    size_t stepsPerTemperature = size_t(cores) * 400;
    while (temperature > final) {
      for (size_t i = 0; i < stepsPerTemperature; ++i) {
        unsigned core = pickCore(rng);
        size_t to = pickPos(rng);
        if (to == positionOf[core])
          continue;
        int64_t d = delta(core, to);
        if (d > 0 && coin(rng) >= std::exp(-double(d) / temperature))
          continue;
        size_t from = positionOf[core];
        int other = occupant[to];
        occupant[from] = other;
        if (other >= 0)
          positionOf[other] = from;
        occupant[to] = core;
        positionOf[core] = to;
      }
      temperature *= 0.95;
    }
  }

private:
  int64_t distance(size_t a, size_t b) const {
    const Position &p = positions[a], &q = positions[b];
    return meshDistance(mesh, p.chip, p.x, p.y, q.chip, q.x, q.y);
  }

  /// Cost change of moving `core` from `from` to `to`, leaving out its routes
  /// to `partner` (a swap keeps their distance).
  int64_t moveDelta(unsigned core, size_t from, size_t to, int partner) const {
    int64_t delta = 0;
    for (const Edge &edge : adjacency[core]) {
      if (int(edge.other) == partner)
        continue;
      size_t there = positionOf[edge.other];
      delta += edge.axons * (distance(to, there) - distance(from, there));
    }
    return delta;
  }

  MeshAttr mesh;
  std::vector<Position> positions;
  std::vector<SmallVector<Edge>> adjacency;
  std::vector<size_t> positionOf;
  std::vector<int> occupant;
};

struct ChipPlacePass : public snnc::impl::ChipPlaceBase<ChipPlacePass> {
  using ChipPlaceBase::ChipPlaceBase;

  void runOnOperation() override {
    ChipModuleOp module = getOperation();
    SmallVector<CoreOp> cores(module.getBody()->getOps<CoreOp>());
    // The verifier gives every core its own position on the mesh, so there
    // are at least as many positions as cores.
    Placer placer(module.getMesh(), cores.size());
    DenseMap<StringAttr, unsigned> indexOf;
    for (auto [index, core] : llvm::enumerate(cores))
      indexOf[core.getSymNameAttr()] = index;
    for (RouteOp route : module.getBody()->getOps<RouteOp>())
      placer.addRoute(indexOf.lookup(route.getSourceAttr().getAttr()),
                      indexOf.lookup(route.getTargetAttr().getAttr()),
                      route.getAxons());

    std::mt19937 rng(seed);
    if (algorithm == "constructive") {
      for (unsigned pass = 0; pass < maxPasses; ++pass)
        if (!placer.improve())
          break;
    } else if (algorithm == "annealing") {
      placer.scramble(rng);
      placer.anneal(rng);
    } else if (algorithm == "random") {
      placer.scramble(rng);
    } else {
      module.emitError("unknown placement algorithm '")
          << algorithm << "' (constructive, annealing or random)";
      return signalPassFailure();
    }
    if (report)
      module.emitRemark("placement cost ")
          << placer.cost() << " (axons x hops, " << algorithm << ")";

    MLIRContext *ctx = module.getContext();
    for (auto [index, core] : llvm::enumerate(cores)) {
      const Position &p = placer.positionOfCore(index);
      core.setCoordAttr(CoordAttr::get(ctx, p.chip, p.x, p.y));
    }
  }
};

} // namespace

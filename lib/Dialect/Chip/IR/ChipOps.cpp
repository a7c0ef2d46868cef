//===- ChipOps.cpp - chip operation verifiers -----------------------------===//

#include "snnc/Dialect/Chip/ChipOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"
#include <cstdlib>

using namespace mlir;
using namespace snnc::chip;

#define GET_OP_CLASSES
#include "snnc/Dialect/Chip/ChipOps.cpp.inc"

/// Resolves the `role` reference `ref` of `user` to a core of the enclosing
/// module; emits an error and returns null when it names nothing or no core.
static CoreOp lookupCore(Operation *user, SymbolTableCollection &symbolTable,
                         FlatSymbolRefAttr ref, StringRef role) {
  Operation *symbol = symbolTable.lookupNearestSymbolFrom(user, ref);
  if (!symbol) {
    user->emitOpError() << role << " " << ref
                        << " is not defined in the enclosing chip.module";
    return {};
  }
  auto core = dyn_cast<CoreOp>(symbol);
  if (!core)
    user->emitOpError() << role << " " << ref << " is a '" << symbol->getName()
                        << "', not a 'chip.core'";
  return core;
}

/// True if `core` holds neurons of `population`.
static bool holdsPopulation(CoreOp core, StringRef population) {
  return llvm::any_of(
      core.getSlices().getAsRange<SliceAttr>(),
      [&](SliceAttr slice) { return slice.getPopulation() == population; });
}

//===----------------------------------------------------------------------===//
// ChipModuleOp
//===----------------------------------------------------------------------===//

void ChipModuleOp::build(OpBuilder &builder, OperationState &state,
                         StringRef name, StringRef target, MeshAttr mesh,
                         CoreLimitsAttr limits) {
  Properties &props = state.getOrAddProperties<Properties>();
  props.setSymName(builder.getStringAttr(name));
  props.setTarget(builder.getStringAttr(target));
  props.setMesh(mesh);
  props.setLimits(limits);
  state.addRegion()->emplaceBlock();
}

LogicalResult ChipModuleOp::verify() {
  if (getTarget().empty())
    return emitOpError("'target' must name a target description, got an "
                       "empty string");
  return success();
}

namespace {
/// A slice of a population and the core that holds it; `rank` (program
/// order) breaks ties so that diagnostics do not depend on the sort.
struct PlacedSlice {
  SliceAttr slice;
  CoreOp core;
  size_t rank;
};
} // namespace

LogicalResult ChipModuleOp::verifyRegions() {
  DenseMap<CoordAttr, CoreOp> placed;
  llvm::MapVector<StringRef, SmallVector<PlacedSlice>> populations;
  DenseMap<std::pair<StringAttr, StringAttr>, RouteOp> routes;
  DenseMap<StringAttr, uint64_t> routedAxons;
  for (Operation &op : *getBody()) {
    if (auto core = dyn_cast<CoreOp>(op)) {
      auto [it, inserted] = placed.try_emplace(core.getCoord(), core);
      if (!inserted)
        return core.emitOpError()
               << "@" << core.getSymName() << " is placed at "
               << core.getCoord() << ", already taken by @"
               << it->second.getSymName();
      for (SliceAttr slice : core.getSlices().getAsRange<SliceAttr>()) {
        SmallVector<PlacedSlice> &slices = populations[slice.getPopulation()];
        slices.push_back({slice, core, slices.size()});
      }
    } else if (auto route = dyn_cast<RouteOp>(op)) {
      StringAttr target = route.getTargetAttr().getAttr();
      auto [it, inserted] =
          routes.try_emplace({route.getSourceAttr().getAttr(), target}, route);
      if (!inserted)
        return route.emitOpError()
               << "duplicates the route " << route.getSourceAttr() << " -> "
               << route.getTargetAttr() << "; merge their axons into one route";
      uint64_t &axons = routedAxons[target];
      axons = llvm::SaturatingAdd(axons, route.getAxons());
    } else if (!isa<PortOp>(op)) {
      // The emitter reads only chip ops; anything else would be lost.
      return emitOpError("may only contain chip.core, chip.route and "
                         "chip.port ops, found '")
             << op.getName() << "'";
    }
  }

  // Sorted by begin, the slices of a population partition [0, size) exactly
  // when each one begins where the ones before it end.
  for (auto &[population, slices] : populations) {
    llvm::sort(slices, [](const PlacedSlice &a, const PlacedSlice &b) {
      return std::make_pair(a.slice.getBegin(), a.rank) <
             std::make_pair(b.slice.getBegin(), b.rank);
    });
    PlacedSlice *previous = nullptr;
    int64_t covered = 0;
    for (PlacedSlice &placedSlice : slices) {
      SliceAttr slice = placedSlice.slice;
      if (slice.getBegin() < covered)
        return placedSlice.core.emitOpError()
               << "@" << placedSlice.core.getSymName() << " holds neurons ["
               << slice.getBegin() << ", " << slice.getEnd()
               << ") of population \"" << population
               << "\", which overlap neurons [" << previous->slice.getBegin()
               << ", " << previous->slice.getEnd() << ") on @"
               << previous->core.getSymName();
      if (slice.getBegin() > covered)
        return emitOpError("neurons [")
               << covered << ", " << slice.getBegin() << ") of population \""
               << population << "\" are on no core";
      covered = slice.getEnd();
      previous = &placedSlice;
    }
  }

  // Every routed axon lands on an input axon of the target core.
  for (CoreOp core : getBody()->getOps<CoreOp>()) {
    uint64_t received = routedAxons.lookup(core.getSymNameAttr());
    if (received > core.getInputAxons())
      return core.emitOpError()
             << "@" << core.getSymName() << " receives " << received
             << " axons over its routes but declares input_axons = "
             << core.getInputAxons();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// CoreOp
//===----------------------------------------------------------------------===//

LogicalResult CoreOp::verify() {
  auto module = cast<ChipModuleOp>((*this)->getParentOp());
  StringRef name = getSymName();

  MeshAttr mesh = module.getMesh();
  CoordAttr coord = getCoord();
  const std::tuple<StringRef, int64_t, StringRef, int64_t> extents[] = {
      {"chip", coord.getChip(), "chips", mesh.getChips()},
      {"x", coord.getX(), "width", mesh.getWidth()},
      {"y", coord.getY(), "height", mesh.getHeight()}};
  for (auto [axis, value, extentName, extent] : extents)
    if (value >= extent)
      return emitOpError() << "@" << name << " is outside the mesh: " << axis
                           << " = " << value << " but the mesh has "
                           << extentName << " = " << extent;

  CoreLimitsAttr limits = module.getLimits();
  const std::tuple<StringRef, IntegerAttr, int64_t> usage[] = {
      {"neurons", getNeuronsAttr(), limits.getNeurons()},
      {"synapse_words", getSynapseWordsAttr(), limits.getSynapseWords()},
      {"input_axons", getInputAxonsAttr(), limits.getInputAxons()},
      {"output_axons", getOutputAxonsAttr(), limits.getOutputAxons()}};
  for (auto [resource, attr, limit] : usage) {
    int64_t used = attr.getInt();
    if (used < 0)
      return emitOpError() << "'" << resource << "' must be non-negative, got "
                           << used;
    if (used > limit)
      return emitOpError() << "@" << name << " uses " << used << " " << resource
                           << " but the per-core limit is " << limit;
  }

  if (getSlices().empty())
    return emitOpError() << "@" << name << " holds no neuron slices";
  uint64_t held = 0;
  for (SliceAttr slice : getSlices().getAsRange<SliceAttr>())
    held = llvm::SaturatingAdd(held, static_cast<uint64_t>(slice.size()));
  if (held != getNeurons())
    return emitOpError() << "@" << name
                         << " declares neurons = " << getNeurons()
                         << " but its slices hold " << held;
  return success();
}

//===----------------------------------------------------------------------===//
// RouteOp
//===----------------------------------------------------------------------===//

LogicalResult RouteOp::verify() {
  int64_t axons = getAxonsAttr().getInt();
  if (axons < 1)
    return emitOpError("'axons' must be >= 1, got ") << axons;
  if (IntegerAttr hops = getHopsAttr(); hops && hops.getInt() < 0)
    return emitOpError("'hops' must be >= 0, got ") << hops.getInt();
  return success();
}

LogicalResult RouteOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  CoreOp source = lookupCore(*this, symbolTable, getSourceAttr(), "source");
  if (!source)
    return failure();
  CoreOp target = lookupCore(*this, symbolTable, getTargetAttr(), "target");
  if (!target)
    return failure();

  // Only dimension-order routing within a mesh2d chip fixes the path; other
  // topologies and chip-to-chip links leave the hop count to the router.
  std::optional<uint64_t> hops = getHops();
  MeshAttr mesh = cast<ChipModuleOp>((*this)->getParentOp()).getMesh();
  CoordAttr from = source.getCoord(), to = target.getCoord();
  if (!hops || mesh.getKind() != Topology::Mesh2D ||
      from.getChip() != to.getChip())
    return success();
  // Coordinates are non-negative, so the differences cannot overflow.
  uint64_t distance = static_cast<uint64_t>(std::abs(from.getX() - to.getX())) +
                      static_cast<uint64_t>(std::abs(from.getY() - to.getY()));
  if (*hops != distance)
    return emitOpError("'hops' is ")
           << *hops << " but the X-then-Y route from " << getSourceAttr()
           << " (x = " << from.getX() << ", y = " << from.getY() << ") to "
           << getTargetAttr() << " (x = " << to.getX() << ", y = " << to.getY()
           << ") takes " << distance;
  return success();
}

//===----------------------------------------------------------------------===//
// PortOp
//===----------------------------------------------------------------------===//

LogicalResult PortOp::verify() {
  if (getCores().empty())
    return emitOpError() << "@" << getSymName() << " connects no cores";
  llvm::SmallDenseSet<Attribute> seen;
  for (Attribute core : getCores())
    if (!seen.insert(core).second)
      return emitOpError() << "@" << getSymName() << " lists core " << core
                           << " twice";
  return success();
}

LogicalResult PortOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  StringRef population = getPopulation();
  for (auto ref : getCores().getAsRange<FlatSymbolRefAttr>()) {
    CoreOp core = lookupCore(*this, symbolTable, ref, "core");
    if (!core)
      return failure();
    if (!holdsPopulation(core, population))
      return emitOpError() << "@" << getSymName() << " connects " << ref
                           << ", which holds no neurons of population \""
                           << population << "\"";
  }
  // An input port must reach every neuron of its population and an output
  // port read every one, so it connects every core holding the population.
  auto module = cast<ChipModuleOp>((*this)->getParentOp());
  for (CoreOp core : module.getBody()->getOps<CoreOp>())
    if (holdsPopulation(core, population) &&
        !llvm::is_contained(getCores(),
                            FlatSymbolRefAttr::get(core.getSymNameAttr())))
      return emitOpError() << "@" << getSymName() << " does not connect @"
                           << core.getSymName()
                           << ", which holds neurons of population \""
                           << population << "\"";
  return success();
}

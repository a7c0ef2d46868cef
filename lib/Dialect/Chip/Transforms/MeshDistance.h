//===- MeshDistance.h - hop distance on a chip.module's mesh ----*- C++ -*-===//

#ifndef SNNC_LIB_DIALECT_CHIP_TRANSFORMS_MESHDISTANCE_H
#define SNNC_LIB_DIALECT_CHIP_TRANSFORMS_MESHDISTANCE_H

#include "snnc/Dialect/Chip/ChipOps.h"
#include "snnc/Routing/Triangular.h"

#include <cstdint>
#include <cstdlib>

namespace snnc::chip {

/// Hops of the X-then-Y route between two cores of a mesh whose chips sit in
/// one row (chip c spans columns [c·width, (c + 1)·width)), so a route
/// between chips runs along x across the chips in between, then along y.
/// Within a chip it is the Manhattan distance the route verifier demands.
inline int64_t meshDistance(int64_t width, int64_t chipA, int64_t xA,
                            int64_t yA, int64_t chipB, int64_t xB, int64_t yB) {
  return std::abs((chipA - chipB) * width + xA - xB) + std::abs(yA - yB);
}

/// Hops between two cores: on a triangular mesh the chip-to-chip hops of
/// the board (cores of a chip share its router; routing/Triangular.h), on a
/// 2-D mesh the X-then-Y distance above. The partitioner refuses triangular
/// chip counts that do not fill a board.
inline int64_t meshDistance(MeshAttr mesh, int64_t chipA, int64_t xA,
                            int64_t yA, int64_t chipB, int64_t xB, int64_t yB) {
  if (mesh.getKind() == Topology::Triangular)
    return routing::Board::of(mesh.getChips())->distance(chipA, chipB);
  return meshDistance(mesh.getWidth(), chipA, xA, yA, chipB, xB, yB);
}

inline int64_t meshDistance(MeshAttr mesh, CoordAttr a, CoordAttr b) {
  return meshDistance(mesh, a.getChip(), a.getX(), a.getY(), b.getChip(),
                      b.getX(), b.getY());
}

} // namespace snnc::chip

#endif // SNNC_LIB_DIALECT_CHIP_TRANSFORMS_MESHDISTANCE_H

//===- Image.cpp - image invariants, equality, synapse rows ---------------===//

#include "snnc/Image/Image.h"

#include "Validate.h"

#include "snnc/Arith/Neuron.h"
#include "snnc/Routing/Triangular.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <set>
#include <tuple>

using namespace snnc::image;
using snnc::image::detail::Issue;
using snnc::image::detail::kWholeSection;

const char *snnc::image::familyName(TargetFamily f) {
  switch (f) {
  case TargetFamily::Loihi:
    return "loihi";
  case TargetFamily::SpiNNaker:
    return "spinnaker";
  }
  return "unknown";
}

const char *snnc::image::encodingName(Encoding e) {
  switch (e) {
  case Encoding::Unary:
    return "unary";
  case Encoding::BitPlane:
    return "bitplane";
  case Encoding::Graded:
    return "graded";
  }
  return "unknown";
}

const char *snnc::image::windowPolicyName(WindowPolicy w) {
  switch (w) {
  case WindowPolicy::UntilQuiescent:
    return "until_quiescent";
  case WindowPolicy::Fixed:
    return "fixed";
  }
  return "unknown";
}

const char *snnc::image::meshKindName(MeshKind k) {
  switch (k) {
  case MeshKind::Mesh2D:
    return "mesh2d";
  case MeshKind::Triangular:
    return "triangular";
  }
  return "unknown";
}

const char *snnc::image::encoderKindName(EncoderKind k) {
  return k == EncoderKind::Unary ? "unary" : "unknown";
}

std::optional<uint64_t>
snnc::image::elementCount(const std::vector<int64_t> &shape) {
  uint64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0 || uint64_t(d) > kMaxElements)
      return std::nullopt;
    n *= uint64_t(d); // both factors <= 2^30: no wrap
    if (n > kMaxElements)
      return std::nullopt;
  }
  return n;
}

Expected<uint32_t>
snnc::image::appendSynapseRow(Core &core, uint32_t format, uint32_t firstNeuron,
                              const std::vector<int32_t> &mantissas) {
  if (format >= core.formats.size())
    return Error::failure("synapse format " + std::to_string(format) +
                          " does not exist");
  const unsigned bits = core.formats[format].weightBits;
  if (bits < kMinWeightBits || bits > kMaxWeightBits)
    return Error::failure("synapse format " + std::to_string(format) +
                          " has invalid weight bits");
  const int32_t lo = -(int32_t(1) << (bits - 1));
  const int32_t hi = (int32_t(1) << (bits - 1)) - 1;
  const uint64_t mask = (uint64_t(1) << bits) - 1;
  const uint32_t per = synapsesPerWord(bits);
  const uint64_t offset = core.synapseWords.size();
  if (offset > std::numeric_limits<uint32_t>::max() ||
      mantissas.size() > std::numeric_limits<uint32_t>::max())
    return Error::failure("synaptic memory too large");
  core.synapseWords.resize(offset + synapseRowWords(mantissas.size(), bits));
  for (size_t i = 0; i < mantissas.size(); ++i) {
    const int32_t m = mantissas[i];
    if (m < lo || m > hi) {
      core.synapseWords.resize(offset);
      return Error::failure("mantissa " + std::to_string(m) + " does not fit " +
                            std::to_string(bits) + " bits");
    }
    core.synapseWords[offset + i / per] |= (uint64_t(uint32_t(m)) & mask)
                                           << ((i % per) * bits);
  }
  core.inputAxons.push_back(
      {uint32_t(offset), uint32_t(mantissas.size()), format, firstNeuron});
  return uint32_t(core.inputAxons.size() - 1);
}

//===----------------------------------------------------------------------===//
// Invariants
//===----------------------------------------------------------------------===//

namespace {
std::string str(uint64_t v) { return std::to_string(v); }

Issue headerIssue(std::string msg) {
  return {SectionKind::Header, kWholeSection, std::move(msg)};
}

/// "`what` N exceeds the core limit L".
std::optional<std::string> overLimit(const char *what, uint64_t n,
                                     uint32_t limit) {
  if (n <= limit)
    return std::nullopt;
  return std::string(what) + " " + str(n) + " exceeds the core limit " +
         str(limit);
}

/// CSR offsets: n + 1 entries, starting at 0, non-decreasing, ending at
/// `total`.
std::optional<std::string> checkOffsets(const std::vector<uint32_t> &offsets,
                                        uint64_t n, uint64_t total,
                                        const char *what) {
  if (offsets.size() != n + 1)
    return std::string(what) + " offsets have " + str(offsets.size()) +
           " entries, expected " + str(n + 1);
  if (offsets[0] != 0)
    return std::string(what) + " offsets must start at 0";
  for (uint64_t i = 0; i < n; ++i)
    if (offsets[i + 1] < offsets[i])
      return std::string(what) + " offsets decrease at entry " + str(i + 1);
  if (offsets[n] != total)
    return std::string(what) + " offsets end at " + str(offsets[n]) +
           ", expected " + str(total);
  return std::nullopt;
}

std::optional<std::string> checkAxonRef(const Image &img, AxonRef ref) {
  if (ref.core >= img.cores.size())
    return "target core " + str(ref.core) + " out of range (" +
           str(img.cores.size()) + " cores)";
  if (img.header.family == TargetFamily::SpiNNaker) {
    const uint32_t rows = img.spinnaker.cores[ref.core].rowCount();
    if (ref.axon >= rows)
      return "target row " + str(ref.axon) + " out of range (core " +
             str(ref.core) + " has " + str(rows) + " synaptic rows)";
    return std::nullopt;
  }
  const Core &c = img.cores[ref.core];
  if (ref.axon >= c.inputAxons.size())
    return "target axon " + str(ref.axon) + " out of range (core " +
           str(ref.core) + " has " + str(c.inputAxons.size()) + " axons)";
  return std::nullopt;
}

std::optional<std::string> checkMesh(const Mesh &m, TargetFamily family) {
  const MeshKind kind = family == TargetFamily::SpiNNaker ? MeshKind::Triangular
                                                          : MeshKind::Mesh2D;
  if (m.kind != kind)
    return std::string("mesh kind ") + meshKindName(m.kind) + " (" +
           str(uint8_t(m.kind)) + "), the family's is " + meshKindName(kind);
  if (kind == MeshKind::Triangular) {
    if (m.tileWidth != m.width || m.tileHeight != m.height)
      return std::string("a triangular mesh's tile is the whole chip");
    // Processor 0 runs the monitor; route bits 6 + p reach 17 more.
    if (uint64_t(m.width) * m.height > kRouteBits - 7)
      return "chips of " + str(uint64_t(m.width) * m.height) +
             " core slots exceed the router's 17 application processors";
    const std::optional<snnc::routing::Board> board =
        snnc::routing::Board::of(m.chips);
    if (!board || uint64_t(board->columns) != m.chipColumns)
      return str(m.chips) + " chips in " + str(m.chipColumns) +
             " columns are not a full triangular board";
  }
  if (m.width == 0 || m.height == 0 || m.tileWidth == 0 || m.tileHeight == 0 ||
      m.chips == 0 || m.chipColumns == 0)
    return std::string("width, height, tile width, tile height, chips and "
                       "chip columns must be at least 1");
  if (m.width % m.tileWidth != 0 || m.height % m.tileHeight != 0)
    return "tiles of " + str(m.tileWidth) + " x " + str(m.tileHeight) +
           " cores do not divide the " + str(m.width) + " x " + str(m.height) +
           " chip";
  if (m.chipColumns > m.chips)
    return "chip columns " + str(m.chipColumns) + " exceed the chips " +
           str(m.chips);
  // The whole mesh, including the unused corner of a partial last chip row.
  const uint64_t chipRows =
      (uint64_t(m.chips) + m.chipColumns - 1) / m.chipColumns;
  const uint64_t perChip = uint64_t(m.width) * m.height;
  if (perChip > kMaxMeshCores ||
      perChip * m.chipColumns * chipRows > kMaxMeshCores)
    return "mesh of more than " + str(kMaxMeshCores) + " core positions";
  if (m.limits.stateBits < 2 || m.limits.stateBits > 64)
    return "state bits " + str(m.limits.stateBits) + " not in [2, 64]";
  return std::nullopt;
}

std::optional<std::string> checkCost(const CostModel &c) {
  if (c.cyclePs == 0)
    return std::string("cycle time must be at least 1 ps");
  for (uint64_t v :
       {c.cyclePs, c.synapticOpPs, c.neuronActivePs, c.neuronIdlePs,
        c.hopEastWestPs, c.hopNorthSouthPs, c.barrierChipPs,
        c.barrierMultiChipPs, c.synapticOpFj, c.neuronActiveFj, c.neuronIdleFj,
        c.spikeTileFj, c.hopEastWestFj, c.hopNorthSouthFj, c.staticPowerUw})
    if (v > kMaxCost)
      return "cost " + str(v) + " exceeds the cap " + str(kMaxCost);
  return std::nullopt;
}

/// The coordinate and the neuron tables, common to both families.
std::optional<std::string> checkNeurons(const Image &img, const Core &c) {
  const Mesh &m = img.mesh;
  const CoreLimits &lim = m.limits;
  if (c.coord.chip >= m.chips || c.coord.x >= m.width || c.coord.y >= m.height)
    return "coordinate (chip " + str(c.coord.chip) + ", x " + str(c.coord.x) +
           ", y " + str(c.coord.y) + ") outside the mesh";
  const uint64_t n = c.neuronCount;
  if (auto e = overLimit("neurons", n, lim.neurons))
    return e;
  if (auto e = overLimit("profiles", c.profiles.size(), lim.profiles))
    return e;
  if (c.neuronProfile.size() != n || c.bias.size() != n)
    return "per-neuron tables do not have " + str(n) + " entries";
  for (size_t i = 0; i < c.profiles.size(); ++i) {
    const NeuronProfile &p = c.profiles[i];
    if (!snnc::arith::isValid(snnc::arith::NeuronParams{
            p.thresholdShift, p.nmin, p.nmax, p.burst}))
      return "profile " + str(i) +
             ": needs threshold shift in [0, 62], nmin <= 0 <= nmax, "
             "burst >= 1";
    if (p.thresholdShift > int64_t(lim.stateBits) - 2)
      return "profile " + str(i) + ": threshold 2^" +
             std::to_string(p.thresholdShift) + " does not fit the " +
             str(lim.stateBits) + "-bit state";
  }
  for (uint64_t i = 0; i < n; ++i)
    if (c.neuronProfile[i] >= c.profiles.size())
      return "neuron " + str(i) + ": profile index " + str(c.neuronProfile[i]) +
             " out of range (" + str(c.profiles.size()) + " profiles)";
  return std::nullopt;
}

std::optional<std::string> checkCore(const Image &img, const Core &c) {
  const CoreLimits &lim = img.mesh.limits;
  if (auto e = checkNeurons(img, c))
    return e;
  const uint64_t n = c.neuronCount;
  if (auto e = overLimit("synapse formats", c.formats.size(), lim.formats))
    return e;
  if (auto e =
          overLimit("synapse words", c.synapseWords.size(), lim.synapseWords))
    return e;
  if (auto e = overLimit("input axons", c.inputAxons.size(), lim.inputAxons))
    return e;
  if (auto e = overLimit("output axons", c.outputAxons.size(), lim.outputAxons))
    return e;
  for (size_t i = 0; i < c.formats.size(); ++i) {
    const SynapseFormat &f = c.formats[i];
    if (f.weightBits < kMinWeightBits || f.weightBits > kMaxWeightBits ||
        f.exponent < kMinWeightExponent || f.exponent > kMaxWeightExponent)
      return "synapse format " + str(i) + ": weight bits " + str(f.weightBits) +
             " not in [1, 9] or exponent " + std::to_string(f.exponent) +
             " not in [-8, 7]";
  }
  for (size_t i = 0; i < c.inputAxons.size(); ++i) {
    const InputAxon &a = c.inputAxons[i];
    const std::string where = "input axon " + str(i) + ": ";
    if (a.format >= c.formats.size())
      return where + "format " + str(a.format) + " out of range (" +
             str(c.formats.size()) + " formats)";
    const uint64_t words =
        synapseRowWords(a.synapseCount, c.formats[a.format].weightBits);
    if (uint64_t(a.wordOffset) + words > c.synapseWords.size())
      return where + "row words [" + str(a.wordOffset) + ", " +
             str(a.wordOffset + words) + ") beyond the synaptic memory (" +
             str(c.synapseWords.size()) + " words)";
    if (uint64_t(a.firstNeuron) + a.synapseCount > n)
      return where + "targets neurons [" + str(a.firstNeuron) + ", " +
             str(uint64_t(a.firstNeuron) + a.synapseCount) +
             ") beyond the core's " + str(n) + " neurons";
  }
  if (auto e = checkOffsets(c.outputAxonOffsets, n, c.outputAxons.size(),
                            "output axon"))
    return e;
  for (size_t i = 0; i < c.outputAxons.size(); ++i)
    if (auto e = checkAxonRef(img, c.outputAxons[i]))
      return "output axon " + str(i) + ": " + *e;
  return std::nullopt;
}

std::optional<std::string> checkSpiNNakerMachine(const Image &img) {
  const SpiNNaker &s = img.spinnaker;
  const SynapseWordLayout &l = s.layout;
  if (l.delayBits < 1 || l.typeBits < 1 || l.indexBits < 1 ||
      l.delayBits + l.typeBits + l.indexBits > 16)
    return "synapse word fields of " + str(l.delayBits) + " delay, " +
           str(l.typeBits) + " type and " + str(l.indexBits) +
           " index bits: each needs 1 bit and together at most 16";
  if (img.mesh.limits.neurons > (uint64_t(1) << l.indexBits))
    return "a core's " + str(img.mesh.limits.neurons) + " neurons do not fit " +
           str(l.indexBits) + " index bits";
  if (s.dtcmBytes == 0 || s.routerEntries == 0)
    return std::string("DTCM bytes and router entries must be at least 1");
  const SpiNNakerCost &c = s.cost;
  if (c.cyclePs == 0 || c.tickCycles == 0)
    return std::string("cycle time and tick cycles must be at least 1");
  for (uint64_t v : {c.cyclePs, c.hopPs, c.tickCycles, c.packetCycles,
                     c.synapticEventCycles, c.neuronUpdateCycles, c.packetFj,
                     c.packetPayloadFj, c.staticPowerUw, c.activeCoreUw})
    if (v > kMaxCost)
      return "cost " + str(v) + " exceeds the cap " + str(kMaxCost);
  if (s.cores.size() != img.cores.size())
    return "SpiNNaker tables for " + str(s.cores.size()) +
           " cores, the image has " + str(img.cores.size());
  if (s.routers.size() != img.mesh.chips)
    return str(s.routers.size()) + " router tables for " + str(img.mesh.chips) +
           " chips";
  return std::nullopt;
}

bool contiguousHighOnes(uint32_t mask) {
  const uint32_t low = ~mask;
  return (low & (low + 1)) == 0;
}

std::optional<std::string> checkSpiNNakerCore(const Image &img, const Core &c,
                                              const SpiNNakerCore &s) {
  const CoreLimits &lim = img.mesh.limits;
  const SynapseWordLayout &l = img.spinnaker.layout;
  if (auto e = checkNeurons(img, c))
    return e;
  const uint64_t n = c.neuronCount;
  if (!c.formats.empty() || !c.synapseWords.empty() || !c.inputAxons.empty() ||
      !c.outputAxons.empty() ||
      c.outputAxonOffsets != std::vector<uint32_t>(n + 1, 0))
    return std::string("holds Loihi synapse or axon tables");
  if (auto e = overLimit("synapse types", s.typeShift.size(), lim.formats))
    return e;
  if (s.typeShift.size() > (uint64_t(1) << l.typeBits))
    return str(s.typeShift.size()) + " synapse types do not fit " +
           str(l.typeBits) + " type bits";
  for (size_t t = 0; t < s.typeShift.size(); ++t)
    if (s.typeShift[t] > kMaxTypeShift)
      return "synapse type " + str(t) + ": shift " + str(s.typeShift[t]) +
             " exceeds " + str(kMaxTypeShift);
  if (s.key & ((uint32_t(1) << l.indexBits) - 1))
    return "key " + hexNumber(s.key, 8) + " has nonzero neuron index bits";
  const uint64_t rows = s.rowCount();
  if (s.rowOffsets.empty())
    return std::string("row offsets are empty");
  if (auto e = overLimit("synaptic rows", rows, lim.inputAxons))
    return e;
  if (auto e = overLimit("synapse words",
                         s.synapses.size() + rows * kSynapseRowHeaderWords,
                         lim.synapseWords))
    return e;
  if (auto e = checkOffsets(s.rowOffsets, rows, s.synapses.size(), "row"))
    return e;
  for (size_t i = 0; i < s.synapses.size(); ++i) {
    const uint32_t w = s.synapses[i];
    if (synapseWordIndex(l, w) >= n ||
        synapseWordType(l, w) >= s.typeShift.size() ||
        synapseWordDelay(l, w) == 0)
      return "synapse word " + str(i) + " (" + hexNumber(w, 8) +
             "): neuron index not below " + str(n) + ", type not below " +
             str(s.typeShift.size()) + " or delay 0";
  }
  for (size_t i = 0; i < s.popTable.size(); ++i) {
    const PopulationEntry &p = s.popTable[i];
    const std::string where = "population table entry " + str(i) + ": ";
    if (!contiguousHighOnes(p.mask) || (p.key & ~p.mask) != 0)
      return where + "mask " + hexNumber(p.mask, 8) +
             " is not contiguous high ones covering key " + hexNumber(p.key, 8);
    if (p.rows == 0 || uint64_t(p.rows) - 1 > uint64_t(~p.mask) ||
        uint64_t(p.firstRow) + p.rows > rows)
      return where + "rows [" + str(p.firstRow) + ", " +
             str(uint64_t(p.firstRow) + p.rows) +
             ") empty, wider than its mask or beyond the core's " + str(rows) +
             " rows";
    if (i > 0) {
      const PopulationEntry &prev = s.popTable[i - 1];
      if (uint64_t(prev.key | ~prev.mask) >= p.key)
        return where + "key " + hexNumber(p.key, 8) +
               " is not above the previous entry's keys";
    }
  }
  const uint64_t dtcm = dtcmBytesUsed(c, s, l);
  if (dtcm > img.spinnaker.dtcmBytes)
    return "DTCM use of " + str(dtcm) + " bytes exceeds the core's " +
           str(img.spinnaker.dtcmBytes);
  return std::nullopt;
}

std::optional<std::string> checkRouter(const Image &img,
                                       const std::vector<RouterEntry> &table) {
  if (auto e = overLimit("router entries", table.size(),
                         img.spinnaker.routerEntries))
    return e;
  for (size_t i = 0; i < table.size(); ++i) {
    const RouterEntry &r = table[i];
    if ((r.key & ~r.mask) != 0 || (r.route >> kRouteBits) != 0)
      return "entry " + str(i) + ": key " + hexNumber(r.key, 8) +
             " has bits outside mask " + hexNumber(r.mask, 8) + " or route " +
             hexNumber(r.route, 8) + " beyond " + str(kRouteBits) + " bits";
  }
  return std::nullopt;
}

std::optional<std::string> checkShapeAndScale(const std::string &name,
                                              const std::vector<int64_t> &shape,
                                              float scale, uint64_t &elements) {
  if (name.empty() || name.size() > kMaxStringBytes)
    return "name must have 1 to " + str(kMaxStringBytes) + " bytes";
  if (shape.size() > kMaxRank)
    return "rank " + str(shape.size()) + " exceeds " + str(kMaxRank);
  const std::optional<uint64_t> count = elementCount(shape);
  if (!count)
    return "shape has a negative dimension or more than " + str(kMaxElements) +
           " elements";
  elements = *count;
  if (!std::isfinite(scale) || !(scale > 0.0f))
    return std::string("scale must be finite and positive");
  return std::nullopt;
}

std::optional<std::string> checkInput(const Image &img, const InputPort &p) {
  uint64_t elements = 0;
  if (auto e = checkShapeAndScale(p.name, p.shape, p.scale, elements))
    return e;
  if (p.qmin > p.qmax || p.qmin == std::numeric_limits<int32_t>::min())
    return "code range [" + std::to_string(p.qmin) + ", " +
           std::to_string(p.qmax) + "] is empty or includes INT32_MIN";
  if (p.encoder != EncoderKind::Unary)
    return "unknown encoder kind " + str(uint8_t(p.encoder));
  if (auto e =
          checkOffsets(p.targetOffsets, elements, p.targets.size(), "target"))
    return e;
  for (size_t i = 0; i < p.targets.size(); ++i)
    if (auto e = checkAxonRef(img, p.targets[i]))
      return "target " + str(i) + ": " + *e;
  return std::nullopt;
}

std::optional<std::string> checkOutput(const Image &img, const OutputPort &p) {
  uint64_t elements = 0;
  if (auto e = checkShapeAndScale(p.name, p.shape, p.scale, elements))
    return e;
  if (p.elements.size() != elements)
    return "has " + str(p.elements.size()) + " element neurons, shape needs " +
           str(elements);
  for (size_t i = 0; i < p.elements.size(); ++i) {
    const NeuronRef r = p.elements[i];
    if (r.core >= img.cores.size())
      return "element " + str(i) + ": core " + str(r.core) + " out of range (" +
             str(img.cores.size()) + " cores)";
    if (r.neuron >= img.cores[r.core].neuronCount)
      return "element " + str(i) + ": neuron " + str(r.neuron) +
             " out of range (core " + str(r.core) + " has " +
             str(img.cores[r.core].neuronCount) + " neurons)";
  }
  return std::nullopt;
}
} // namespace

std::optional<Issue> snnc::image::detail::findIssue(const Image &img) {
  const Header &h = img.header;
  const bool spinnaker = h.family == TargetFamily::SpiNNaker;
  if (h.family != TargetFamily::Loihi && !spinnaker)
    return headerIssue("unknown target family " + str(uint8_t(h.family)));
  if (h.target.size() > kMaxStringBytes ||
      h.compilerVersion.size() > kMaxStringBytes)
    return headerIssue("string longer than " + str(kMaxStringBytes) + " bytes");
  if (uint8_t(h.encoding) > uint8_t(Encoding::Graded))
    return headerIssue("unknown encoding " + str(uint8_t(h.encoding)));
  if (uint8_t(h.window) > uint8_t(WindowPolicy::Fixed))
    return headerIssue("unknown window policy " + str(uint8_t(h.window)));
  if (h.maxSteps == 0)
    return headerIssue("max steps must be at least 1");

  const SectionKind meshSection =
      spinnaker ? SectionKind::SpiNNakerMachine : SectionKind::LoihiMesh;
  const SectionKind coreSection =
      spinnaker ? SectionKind::SpiNNakerCores : SectionKind::LoihiCores;
  if (auto e = checkMesh(img.mesh, h.family))
    return Issue{meshSection, kWholeSection, *e};
  if (spinnaker) {
    if (!(img.cost == CostModel()))
      return Issue{meshSection, kWholeSection, "holds a Loihi cost model"};
    if (auto e = checkSpiNNakerMachine(img))
      return Issue{meshSection, kWholeSection, *e};
    for (uint32_t i = 0; i < img.spinnaker.routers.size(); ++i)
      if (auto e = checkRouter(img, img.spinnaker.routers[i]))
        return Issue{SectionKind::SpiNNakerRouters, i,
                     "chip " + str(i) + ": " + *e};
  } else {
    if (auto e = checkCost(img.cost))
      return Issue{SectionKind::LoihiCost, kWholeSection, *e};
    if (!(img.spinnaker == SpiNNaker()))
      return Issue{meshSection, kWholeSection,
                   "a Loihi image holds SpiNNaker tables"};
  }

  // Every core, then one core per position.
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>> positions;
  positions.reserve(img.cores.size());
  for (uint32_t i = 0; i < img.cores.size(); ++i) {
    if (auto e = spinnaker ? checkSpiNNakerCore(img, img.cores[i],
                                                img.spinnaker.cores[i])
                           : checkCore(img, img.cores[i]))
      return Issue{coreSection, i, "core " + str(i) + ": " + *e};
    const CoreCoord &c = img.cores[i].coord;
    positions.emplace_back(c.chip, c.y, c.x, i);
  }
  std::sort(positions.begin(), positions.end());
  for (size_t i = 0; i + 1 < positions.size(); ++i) {
    const auto &[chip, y, x, first] = positions[i];
    const auto &[nextChip, nextY, nextX, second] = positions[i + 1];
    if (chip == nextChip && y == nextY && x == nextX)
      return Issue{coreSection, second,
                   "core " + str(second) + ": same position as core " +
                       str(first)};
  }

  std::set<std::string> names;
  for (uint32_t i = 0; i < img.inputs.size(); ++i) {
    if (auto e = checkInput(img, img.inputs[i]))
      return Issue{SectionKind::Inputs, i, "input " + str(i) + ": " + *e};
    if (!names.insert(img.inputs[i].name).second)
      return Issue{SectionKind::Inputs, i,
                   "input " + str(i) + ": duplicate name"};
  }
  names.clear();
  for (uint32_t i = 0; i < img.outputs.size(); ++i) {
    if (auto e = checkOutput(img, img.outputs[i]))
      return Issue{SectionKind::Outputs, i, "output " + str(i) + ": " + *e};
    if (!names.insert(img.outputs[i].name).second)
      return Issue{SectionKind::Outputs, i,
                   "output " + str(i) + ": duplicate name"};
  }
  return std::nullopt;
}

Error snnc::image::validate(const Image &image) {
  std::optional<Issue> issue = detail::findIssue(image);
  if (!issue)
    return Error::success();
  return Error::failure(std::string(sectionName(uint32_t(issue->section))) +
                        ": " + issue->message);
}

//===----------------------------------------------------------------------===//
// Equality
//===----------------------------------------------------------------------===//

namespace {
uint32_t bitsOf(float f) {
  uint32_t b;
  std::memcpy(&b, &f, sizeof b);
  return b;
}
} // namespace

bool snnc::image::operator==(const Header &a, const Header &b) {
  return std::tie(a.family, a.target, a.targetDescriptionSha256,
                  a.compilerVersion, a.encoding, a.timesteps, a.bits, a.seed,
                  a.window, a.maxSteps) ==
         std::tie(b.family, b.target, b.targetDescriptionSha256,
                  b.compilerVersion, b.encoding, b.timesteps, b.bits, b.seed,
                  b.window, b.maxSteps);
}

bool snnc::image::operator==(const CoreLimits &a, const CoreLimits &b) {
  return std::tie(a.neurons, a.synapseWords, a.inputAxons, a.outputAxons,
                  a.profiles, a.formats, a.stateBits) ==
         std::tie(b.neurons, b.synapseWords, b.inputAxons, b.outputAxons,
                  b.profiles, b.formats, b.stateBits);
}

bool snnc::image::operator==(const Mesh &a, const Mesh &b) {
  return std::tie(a.kind, a.width, a.height, a.tileWidth, a.tileHeight, a.chips,
                  a.chipColumns) == std::tie(b.kind, b.width, b.height,
                                             b.tileWidth, b.tileHeight, b.chips,
                                             b.chipColumns) &&
         a.limits == b.limits;
}

bool snnc::image::operator==(const CostModel &a, const CostModel &b) {
  return std::tie(a.cyclePs, a.synapticOpPs, a.neuronActivePs, a.neuronIdlePs,
                  a.hopEastWestPs, a.hopNorthSouthPs, a.barrierChipPs,
                  a.barrierMultiChipPs, a.synapticOpFj, a.neuronActiveFj,
                  a.neuronIdleFj, a.spikeTileFj, a.hopEastWestFj,
                  a.hopNorthSouthFj, a.staticPowerUw) ==
         std::tie(b.cyclePs, b.synapticOpPs, b.neuronActivePs, b.neuronIdlePs,
                  b.hopEastWestPs, b.hopNorthSouthPs, b.barrierChipPs,
                  b.barrierMultiChipPs, b.synapticOpFj, b.neuronActiveFj,
                  b.neuronIdleFj, b.spikeTileFj, b.hopEastWestFj,
                  b.hopNorthSouthFj, b.staticPowerUw);
}

bool snnc::image::operator==(const CoreCoord &a, const CoreCoord &b) {
  return std::tie(a.chip, a.x, a.y) == std::tie(b.chip, b.x, b.y);
}

bool snnc::image::operator==(const NeuronProfile &a, const NeuronProfile &b) {
  return std::tie(a.thresholdShift, a.nmin, a.nmax, a.burst, a.multiplier) ==
         std::tie(b.thresholdShift, b.nmin, b.nmax, b.burst, b.multiplier);
}

bool snnc::image::operator==(const SynapseFormat &a, const SynapseFormat &b) {
  return a.weightBits == b.weightBits && a.exponent == b.exponent;
}

bool snnc::image::operator==(const InputAxon &a, const InputAxon &b) {
  return std::tie(a.wordOffset, a.synapseCount, a.format, a.firstNeuron) ==
         std::tie(b.wordOffset, b.synapseCount, b.format, b.firstNeuron);
}

bool snnc::image::operator==(const AxonRef &a, const AxonRef &b) {
  return a.core == b.core && a.axon == b.axon;
}

bool snnc::image::operator==(const NeuronRef &a, const NeuronRef &b) {
  return a.core == b.core && a.neuron == b.neuron;
}

bool snnc::image::operator==(const Core &a, const Core &b) {
  return a.coord == b.coord && a.neuronCount == b.neuronCount &&
         a.profiles == b.profiles && a.neuronProfile == b.neuronProfile &&
         a.bias == b.bias && a.formats == b.formats &&
         a.synapseWords == b.synapseWords && a.inputAxons == b.inputAxons &&
         a.outputAxonOffsets == b.outputAxonOffsets &&
         a.outputAxons == b.outputAxons;
}

bool snnc::image::operator==(const InputPort &a, const InputPort &b) {
  return a.name == b.name && a.shape == b.shape &&
         bitsOf(a.scale) == bitsOf(b.scale) && a.qmin == b.qmin &&
         a.qmax == b.qmax && a.encoder == b.encoder &&
         a.targetOffsets == b.targetOffsets && a.targets == b.targets;
}

bool snnc::image::operator==(const OutputPort &a, const OutputPort &b) {
  return a.name == b.name && a.shape == b.shape &&
         bitsOf(a.scale) == bitsOf(b.scale) && a.elements == b.elements;
}

bool snnc::image::operator==(const PopulationEntry &a,
                             const PopulationEntry &b) {
  return std::tie(a.key, a.mask, a.firstRow, a.rows) ==
         std::tie(b.key, b.mask, b.firstRow, b.rows);
}

bool snnc::image::operator==(const SpiNNakerCore &a, const SpiNNakerCore &b) {
  return a.key == b.key && a.sends == b.sends && a.typeShift == b.typeShift &&
         a.popTable == b.popTable && a.rowOffsets == b.rowOffsets &&
         a.synapses == b.synapses;
}

bool snnc::image::operator==(const RouterEntry &a, const RouterEntry &b) {
  return std::tie(a.key, a.mask, a.route) == std::tie(b.key, b.mask, b.route);
}

bool snnc::image::operator==(const SpiNNakerCost &a, const SpiNNakerCost &b) {
  return std::tie(a.cyclePs, a.hopPs, a.tickCycles, a.packetCycles,
                  a.synapticEventCycles, a.neuronUpdateCycles, a.packetFj,
                  a.packetPayloadFj, a.staticPowerUw, a.activeCoreUw) ==
         std::tie(b.cyclePs, b.hopPs, b.tickCycles, b.packetCycles,
                  b.synapticEventCycles, b.neuronUpdateCycles, b.packetFj,
                  b.packetPayloadFj, b.staticPowerUw, b.activeCoreUw);
}

bool snnc::image::operator==(const SpiNNaker &a, const SpiNNaker &b) {
  return a.dtcmBytes == b.dtcmBytes && a.routerEntries == b.routerEntries &&
         a.layout.delayBits == b.layout.delayBits &&
         a.layout.typeBits == b.layout.typeBits &&
         a.layout.indexBits == b.layout.indexBits && a.cost == b.cost &&
         a.cores == b.cores && a.routers == b.routers;
}

bool snnc::image::operator==(const Image &a, const Image &b) {
  return a.header == b.header && a.mesh == b.mesh && a.cost == b.cost &&
         a.cores == b.cores && a.inputs == b.inputs && a.outputs == b.outputs &&
         a.spinnaker == b.spinnaker;
}

uint64_t snnc::image::dtcmBytesUsed(const Core &core, const SpiNNakerCore &spin,
                                    const SynapseWordLayout &layout) {
  const uint64_t slots = uint64_t(1) << (layout.delayBits + layout.typeBits);
  return uint64_t(core.neuronCount) * (4 + 4 + 2 + 8 + 4 * slots) +
         core.profiles.size() * 24 + spin.popTable.size() * 16;
}

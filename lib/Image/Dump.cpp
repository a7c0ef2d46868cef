//===- Dump.cpp - human- and machine-readable image summaries -------------===//
//
// Numbers are formatted with std::to_string / std::to_chars only, which do
// not depend on the C++ locale, so the dumps are byte-stable.
//
//===----------------------------------------------------------------------===//

#include "snnc/Image/Dump.h"

#include "snnc/Image/JSON.h"

#include <algorithm>
#include <charconv>
#include <cstring>

using namespace snnc::image;

namespace {
/// Routing summary of one core's output axon table.
struct CoreRouting {
  std::vector<uint32_t> destinations; ///< distinct destination cores, sorted
  uint32_t maxFanout = 0;             ///< largest entry count of one neuron
};

CoreRouting routingOf(const Core &c) {
  CoreRouting r;
  for (const AxonRef &ref : c.outputAxons)
    r.destinations.push_back(ref.core);
  std::sort(r.destinations.begin(), r.destinations.end());
  r.destinations.erase(
      std::unique(r.destinations.begin(), r.destinations.end()),
      r.destinations.end());
  for (size_t i = 0; i + 1 < c.outputAxonOffsets.size(); ++i)
    r.maxFanout = std::max(r.maxFanout,
                           c.outputAxonOffsets[i + 1] - c.outputAxonOffsets[i]);
  return r;
}

bool sameTile(const Mesh &m, const CoreCoord &a, const CoreCoord &b) {
  return a.chip == b.chip && a.x / m.tileWidth == b.x / m.tileWidth &&
         a.y / m.tileHeight == b.y / m.tileHeight;
}

std::string str(uint64_t v) { return std::to_string(v); }

std::string floatStr(float f) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, f);
  return std::string(buf, r.ptr);
}

std::string floatBits(float f) {
  uint32_t b;
  std::memcpy(&b, &f, sizeof b);
  return hexNumber(b, 8);
}

/// "n/limit (p.p%)", percentage truncated to one decimal.
std::string occupancy(uint64_t n, uint32_t limit) {
  std::string s = str(n) + "/" + str(limit);
  if (limit == 0)
    return s;
  const uint64_t permille = n * 1000 / limit;
  return s + " (" + str(permille / 10) + "." + str(permille % 10) + "%)";
}

std::string shapeStr(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string padLeft(std::string s, size_t width) {
  if (s.size() < width)
    s.insert(0, width - s.size(), ' ');
  return s;
}

std::string padRight(std::string s, size_t width) {
  if (s.size() < width)
    s.append(width - s.size(), ' ');
  return s;
}

std::string sectionDisplayName(uint32_t kind) {
  const char *name = sectionName(kind);
  return name ? name : "unknown";
}

/// Core-to-core links (distinct source/destination pairs) and how many of
/// them stay within a tile.
void countLinks(const Image &image, const std::vector<CoreRouting> &routing,
                uint64_t &links, uint64_t &withinTile) {
  links = withinTile = 0;
  for (size_t c = 0; c < image.cores.size(); ++c)
    for (uint32_t d : routing[c].destinations) {
      ++links;
      withinTile +=
          sameTile(image.mesh, image.cores[c].coord, image.cores[d].coord);
    }
}
} // namespace

std::string snnc::image::dumpText(const Image &image, const FileInfo &info) {
  const Header &h = image.header;
  const Mesh &m = image.mesh;
  const CostModel &k = image.cost;
  std::string out;
  auto line = [&](const std::string &s) { out += s + "\n"; };

  line("snnc image, format " + str(info.major) + "." + str(info.minor) + ", " +
       str(info.size) + " bytes");
  line("sha256    " + toHex(info.sha256));
  line("target    " + h.target + " (family " + familyName(h.family) +
       "), description sha256 " + toHex(h.targetDescriptionSha256));
  line("compiler  " + h.compilerVersion);
  line(std::string("options   encoding ") + encodingName(h.encoding) +
       ", timesteps " + str(h.timesteps) + ", bits " + str(h.bits) + ", seed " +
       str(h.seed));
  line(std::string("window    ") + windowPolicyName(h.window) + ", max " +
       str(h.maxSteps) + " steps");
  line(std::string("mesh      ") + meshKindName(m.kind) + ", " + str(m.width) +
       " x " + str(m.height) + " cores per chip in tiles of " +
       str(m.tileWidth) + " x " + str(m.tileHeight) + ", " + str(m.chips) +
       " chip(s), " + str(m.chipColumns) + " per row");
  line("limits    per core: " + str(m.limits.neurons) + " neurons, " +
       str(m.limits.synapseWords) + " synapse words, " +
       str(m.limits.inputAxons) + " input axons, " + str(m.limits.outputAxons) +
       " output axons, " + str(m.limits.profiles) + " profiles, " +
       str(m.limits.formats) + " formats, " + str(m.limits.stateBits) +
       "-bit state");
  line("cost      cycle " + str(k.cyclePs) + " ps; synaptic op " +
       str(k.synapticOpPs) + " ps, " + str(k.synapticOpFj) +
       " fJ; neuron update active " + str(k.neuronActivePs) + " ps, " +
       str(k.neuronActiveFj) + " fJ, idle " + str(k.neuronIdlePs) + " ps, " +
       str(k.neuronIdleFj) + " fJ");
  line("          hop E-W " + str(k.hopEastWestPs) + " ps, " +
       str(k.hopEastWestFj) + " fJ, N-S " + str(k.hopNorthSouthPs) + " ps, " +
       str(k.hopNorthSouthFj) + " fJ; spike in tile " + str(k.spikeTileFj) +
       " fJ; barrier " + str(k.barrierChipPs) + " ps (one chip), " +
       str(k.barrierMultiChipPs) + " ps (multi-chip); static " +
       str(k.staticPowerUw) + " uW per chip");

  line("");
  line("sections (" + str(info.sections.size()) + "):");
  line("  kind    name        flags       offset        size  crc32c");
  for (const SectionInfo &s : info.sections)
    line("  " + hexNumber(s.kind, 4) + "  " +
         padRight(sectionDisplayName(s.kind), 12) +
         ((s.flags & kSectionRequired) ? "required" : "optional") +
         padLeft(str(s.offset), 11) + padLeft(str(s.size), 12) + "  " +
         hexNumber(s.crc32c, 8));

  std::vector<CoreRouting> routing;
  routing.reserve(image.cores.size());
  for (const Core &c : image.cores)
    routing.push_back(routingOf(c));

  line("");
  line("cores (" + str(image.cores.size()) + "):");
  for (size_t i = 0; i < image.cores.size(); ++i) {
    const Core &c = image.cores[i];
    const CoreLimits &l = m.limits;
    line("  core " + str(i) + " at chip " + str(c.coord.chip) + " (" +
         str(c.coord.x) + ", " + str(c.coord.y) + "): neurons " +
         occupancy(c.neuronCount, l.neurons) + ", synapse words " +
         occupancy(c.synapseWords.size(), l.synapseWords) + ", input axons " +
         occupancy(c.inputAxons.size(), l.inputAxons) + ", output axons " +
         occupancy(c.outputAxons.size(), l.outputAxons) + ", profiles " +
         occupancy(c.profiles.size(), l.profiles) + ", formats " +
         occupancy(c.formats.size(), l.formats) + "; sends to " +
         str(routing[i].destinations.size()) + " core(s), max fan-out " +
         str(routing[i].maxFanout));
  }

  uint64_t entries = 0, links = 0, withinTile = 0;
  for (const Core &c : image.cores)
    entries += c.outputAxons.size();
  countLinks(image, routing, links, withinTile);
  line("");
  line("routing   " + str(entries) + " output axon entries, " + str(links) +
       " core-to-core links (" + str(withinTile) + " within a tile)");

  line("");
  line("inputs (" + str(image.inputs.size()) + "):");
  for (const InputPort &p : image.inputs)
    line("  " + p.name + " " + shapeStr(p.shape) + ", scale " +
         floatStr(p.scale) + " (" + floatBits(p.scale) + "), codes [" +
         std::to_string(p.qmin) + ", " + std::to_string(p.qmax) +
         "], encoder " + encoderKindName(p.encoder) + ", " +
         str(p.targets.size()) + " axon targets");
  line("outputs (" + str(image.outputs.size()) + "):");
  for (const OutputPort &p : image.outputs)
    line("  " + p.name + " " + shapeStr(p.shape) + ", scale " +
         floatStr(p.scale) + " (" + floatBits(p.scale) + ")");
  return out;
}

std::string snnc::image::dumpJSON(const Image &image, const FileInfo &info) {
  const Header &h = image.header;
  const Mesh &m = image.mesh;
  const CostModel &k = image.cost;
  JSONWriter j;
  j.beginObject();

  j.key("file").beginObject();
  j.member("format_major", info.major).member("format_minor", info.minor);
  j.member("size", info.size).member("sha256", toHex(info.sha256));
  j.endObject();

  j.key("header").beginObject();
  j.member("family", familyName(h.family)).member("target", h.target);
  j.member("target_description_sha256", toHex(h.targetDescriptionSha256));
  j.member("compiler_version", h.compilerVersion);
  j.member("encoding", encodingName(h.encoding));
  j.member("timesteps", h.timesteps).member("bits", h.bits);
  j.member("seed", h.seed);
  j.member("window", windowPolicyName(h.window));
  j.member("max_steps", h.maxSteps);
  j.endObject();

  j.key("mesh").beginObject();
  j.member("kind", meshKindName(m.kind)).member("width", m.width);
  j.member("height", m.height).member("tile_width", m.tileWidth);
  j.member("tile_height", m.tileHeight);
  j.member("chips", m.chips).member("chip_columns", m.chipColumns);
  j.key("limits").beginObject();
  j.member("neurons", m.limits.neurons);
  j.member("synapse_words", m.limits.synapseWords);
  j.member("input_axons", m.limits.inputAxons);
  j.member("output_axons", m.limits.outputAxons);
  j.member("profiles", m.limits.profiles);
  j.member("formats", m.limits.formats);
  j.member("state_bits", m.limits.stateBits);
  j.endObject();
  j.endObject();

  j.key("cost").beginObject();
  j.member("cycle_ps", k.cyclePs).member("synaptic_op_ps", k.synapticOpPs);
  j.member("neuron_active_ps", k.neuronActivePs);
  j.member("neuron_idle_ps", k.neuronIdlePs);
  j.member("hop_east_west_ps", k.hopEastWestPs);
  j.member("hop_north_south_ps", k.hopNorthSouthPs);
  j.member("barrier_chip_ps", k.barrierChipPs);
  j.member("barrier_multi_chip_ps", k.barrierMultiChipPs);
  j.member("synaptic_op_fj", k.synapticOpFj);
  j.member("neuron_active_fj", k.neuronActiveFj);
  j.member("neuron_idle_fj", k.neuronIdleFj);
  j.member("spike_tile_fj", k.spikeTileFj);
  j.member("hop_east_west_fj", k.hopEastWestFj);
  j.member("hop_north_south_fj", k.hopNorthSouthFj);
  j.member("static_power_uw", k.staticPowerUw);
  j.endObject();

  j.key("sections").beginArray();
  for (const SectionInfo &s : info.sections) {
    j.beginObject();
    j.member("kind", s.kind).member("name", sectionDisplayName(s.kind));
    j.member("required", (s.flags & kSectionRequired) != 0);
    j.member("offset", s.offset).member("size", s.size);
    j.member("crc32c", hexNumber(s.crc32c, 8));
    j.endObject();
  }
  j.endArray();

  std::vector<CoreRouting> routing;
  routing.reserve(image.cores.size());
  j.key("cores").beginArray();
  for (size_t i = 0; i < image.cores.size(); ++i) {
    const Core &c = image.cores[i];
    routing.push_back(routingOf(c));
    j.beginObject();
    j.member("index", i).member("chip", c.coord.chip);
    j.member("x", c.coord.x).member("y", c.coord.y);
    j.member("neurons", c.neuronCount);
    j.member("synapse_words", c.synapseWords.size());
    j.member("input_axons", c.inputAxons.size());
    j.member("output_axons", c.outputAxons.size());
    j.member("profiles", c.profiles.size());
    j.member("formats", c.formats.size());
    j.member("max_fanout", routing.back().maxFanout);
    j.key("destination_cores").beginArray(JSONWriter::Layout::Compact);
    for (uint32_t d : routing.back().destinations)
      j.value(d);
    j.endArray();
    j.endObject();
  }
  j.endArray();

  uint64_t entries = 0, links = 0, withinTile = 0;
  for (const Core &c : image.cores)
    entries += c.outputAxons.size();
  countLinks(image, routing, links, withinTile);
  j.key("routing").beginObject();
  j.member("output_axon_entries", entries);
  j.member("core_links", links).member("within_tile_links", withinTile);
  j.endObject();

  auto shape = [&](const std::vector<int64_t> &dims) {
    j.key("shape").beginArray(JSONWriter::Layout::Compact);
    for (int64_t d : dims)
      j.value(d);
    j.endArray();
  };
  j.key("inputs").beginArray();
  for (const InputPort &p : image.inputs) {
    j.beginObject();
    j.member("name", p.name);
    shape(p.shape);
    j.member("scale", p.scale).member("scale_bits", floatBits(p.scale));
    j.member("qmin", p.qmin).member("qmax", p.qmax);
    j.member("encoder", encoderKindName(p.encoder));
    j.member("axon_targets", p.targets.size());
    j.endObject();
  }
  j.endArray();
  j.key("outputs").beginArray();
  for (const OutputPort &p : image.outputs) {
    j.beginObject();
    j.member("name", p.name);
    shape(p.shape);
    j.member("scale", p.scale).member("scale_bits", floatBits(p.scale));
    j.endObject();
  }
  j.endArray();

  j.endObject();
  return j.str() + "\n";
}

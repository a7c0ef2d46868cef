//===- Format.cpp - container and image codec -----------------------------===//
//
// Byte layout: docs/image-format.md. The reader checks the container
// (magic, version, CRCs, layout, SHA-256) before it interprets any payload,
// so corruption is always reported as a checksum failure of the section that
// holds the damaged byte; the payload parser then only has to be safe
// against well-checksummed hostile files: every count is checked against the
// remaining bytes and a cap before anything is allocated.
//
//===----------------------------------------------------------------------===//

#include "snnc/Image/Format.h"

#include "Bytes.h"
#include "Validate.h"

#include "snnc/Image/File.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <limits>

using namespace snnc::image;
using snnc::image::detail::ByteReader;
using snnc::image::detail::ByteWriter;

namespace {
constexpr uint8_t kMagic[8] = {0x89, 'S', 'N', 'N', 'C', '\r', '\n', 0x1A};
constexpr uint32_t kMaxPorts = uint32_t(1) << 16;
constexpr uint64_t kMaxU32 = std::numeric_limits<uint32_t>::max();
// File bytes per record of each table (docs/image-format.md).
constexpr uint64_t kCoreDescriptorBytes = 36;
constexpr uint64_t kProfileBytes = 24;
constexpr uint64_t kFormatBytes = 2;
constexpr uint64_t kAxonBytes = 16;
constexpr uint64_t kRefBytes = 8;
constexpr uint64_t kSpiNNakerCoreDescriptorBytes = 41;
constexpr uint64_t kPopEntryBytes = 16;
constexpr uint64_t kRouterEntryBytes = 12;

uint64_t loadLE(const uint8_t *p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i)
    v |= uint64_t(p[i]) << (8 * i);
  return v;
}

std::string hex32(uint32_t v) { return hexNumber(v, 8); }

/// "section 'cores'" or "section 0x0207" for a kind this reader lacks.
std::string sectionLabel(uint32_t kind) {
  if (const char *name = sectionName(kind))
    return std::string("section '") + name + "'";
  return "section " + hexNumber(kind, 4);
}

Error failAt(const std::string &label, uint64_t offset,
             const std::string &message) {
  return Error::failure(label + " at offset " + std::to_string(offset) + ": " +
                        message);
}

const std::string kPreamble = "section 'preamble'";
const std::string kTable = "section 'section table'";
const std::string kTrailer = "section 'sha256'";
} // namespace

const char *snnc::image::sectionName(uint32_t kind) {
  switch (SectionKind(kind)) {
  case SectionKind::Header:
    return "header";
  case SectionKind::Inputs:
    return "inputs";
  case SectionKind::Outputs:
    return "outputs";
  case SectionKind::LoihiMesh:
    return "mesh";
  case SectionKind::LoihiCost:
    return "cost";
  case SectionKind::LoihiCores:
    return "cores";
  case SectionKind::SpiNNakerMachine:
    return "machine";
  case SectionKind::SpiNNakerCores:
    return "spinnaker cores";
  case SectionKind::SpiNNakerRouters:
    return "routers";
  }
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Container
//===----------------------------------------------------------------------===//

std::vector<uint8_t>
snnc::image::writeContainer(uint16_t major, uint16_t minor,
                            const std::vector<SectionData> &sections) {
  const uint64_t tableEnd =
      kPreambleBytes + sections.size() * kSectionEntryBytes + 4;
  uint64_t fileSize = tableEnd + kTrailerBytes;
  for (const SectionData &s : sections)
    fileSize += s.payload.size();

  std::vector<uint8_t> out;
  out.reserve(fileSize);
  ByteWriter w(out);
  w.bytes(kMagic, sizeof kMagic);
  w.u16(major);
  w.u16(minor);
  w.u32(uint32_t(sections.size()));
  w.u64(fileSize);
  w.u32(crc32c(out.data(), out.size()));

  uint64_t offset = tableEnd;
  for (const SectionData &s : sections) {
    w.u32(s.kind);
    w.u32(s.flags);
    w.u64(offset);
    w.u64(s.payload.size());
    w.u32(crc32c(s.payload.data(), s.payload.size()));
    offset += s.payload.size();
  }
  w.u32(crc32c(out.data() + kPreambleBytes, out.size() - kPreambleBytes));
  for (const SectionData &s : sections)
    w.bytes(s.payload.data(), s.payload.size());
  const Digest digest = sha256(out.data(), out.size());
  w.bytes(digest.data(), digest.size());
  return out;
}

Expected<FileInfo> snnc::image::readContainer(const uint8_t *data,
                                              size_t size) {
  for (size_t i = 0; i < sizeof kMagic && i < size; ++i)
    if (data[i] != kMagic[i])
      return failAt(kPreamble, i, "bad magic: not an snnc image");
  if (size < 12)
    return failAt(kPreamble, size,
                  "file truncated (" + std::to_string(size) + " bytes)");
  FileInfo info;
  info.major = uint16_t(loadLE(data + 8, 2));
  info.minor = uint16_t(loadLE(data + 10, 2));
  const std::string version =
      std::to_string(info.major) + "." + std::to_string(info.minor);
  const std::string ours =
      std::to_string(kFormatMajor) + "." + std::to_string(kFormatMinor);
  if (info.major > kFormatMajor)
    return failAt(kPreamble, 8,
                  "image format " + version +
                      " is newer than this reader supports (" + ours +
                      "); use a newer snnc");
  if (info.major < kFormatMajor)
    return failAt(kPreamble, 8,
                  "image format " + version + " is no longer supported (" +
                      ours + "); recompile the model");
  if (size < kPreambleBytes)
    return failAt(kPreamble, size,
                  "file truncated (" + std::to_string(size) + " bytes)");
  const uint32_t storedCrc = uint32_t(loadLE(data + 24, 4));
  const uint32_t crc = crc32c(data, 24);
  if (crc != storedCrc)
    return failAt(kPreamble, 0,
                  "CRC-32C mismatch (stored " + hex32(storedCrc) +
                      ", computed " + hex32(crc) + ")");

  const uint32_t count = uint32_t(loadLE(data + 12, 4));
  info.size = loadLE(data + 16, 8);
  if (count > kMaxSections)
    return failAt(kPreamble, 12,
                  std::to_string(count) + " sections exceed the cap " +
                      std::to_string(kMaxSections));
  const uint64_t tableEnd = kPreambleBytes + count * kSectionEntryBytes + 4;
  if (info.size < tableEnd + kTrailerBytes)
    return failAt(kPreamble, 16,
                  "declared size " + std::to_string(info.size) +
                      " cannot hold the section table and trailer");
  if (size > info.size)
    return failAt(kTrailer, info.size,
                  std::to_string(size - info.size) +
                      " unexpected bytes after the end of the image");
  const std::string truncated = "file truncated (" + std::to_string(size) +
                                " of " + std::to_string(info.size) + " bytes)";
  if (size < tableEnd)
    return failAt(kTable, size, truncated);
  const uint32_t storedTableCrc = uint32_t(loadLE(data + tableEnd - 4, 4));
  const uint32_t tableCrc =
      crc32c(data + kPreambleBytes, tableEnd - 4 - kPreambleBytes);
  if (tableCrc != storedTableCrc)
    return failAt(kTable, kPreambleBytes,
                  "CRC-32C mismatch (stored " + hex32(storedTableCrc) +
                      ", computed " + hex32(tableCrc) + ")");

  // Sections are contiguous, in table order, between the table and trailer.
  const uint64_t payloadEnd = info.size - kTrailerBytes;
  uint64_t expected = tableEnd;
  for (uint32_t i = 0; i < count; ++i) {
    const uint8_t *e = data + kPreambleBytes + i * kSectionEntryBytes;
    SectionInfo s;
    s.kind = uint32_t(loadLE(e, 4));
    s.flags = uint32_t(loadLE(e + 4, 4));
    s.offset = loadLE(e + 8, 8);
    s.size = loadLE(e + 16, 8);
    s.crc32c = uint32_t(loadLE(e + 24, 4));
    const uint64_t at = kPreambleBytes + i * kSectionEntryBytes;
    if (s.offset != expected)
      return failAt(kTable, at + 8,
                    sectionLabel(s.kind) + " starts at " +
                        std::to_string(s.offset) + ", expected " +
                        std::to_string(expected));
    if (s.size > payloadEnd - expected)
      return failAt(kTable, at + 16,
                    sectionLabel(s.kind) + " of " + std::to_string(s.size) +
                        " bytes runs past the trailer at " +
                        std::to_string(payloadEnd));
    expected += s.size;
    info.sections.push_back(s);
  }
  if (expected != payloadEnd)
    return failAt(kTable, kPreambleBytes,
                  "sections end at " + std::to_string(expected) +
                      ", the trailer starts at " + std::to_string(payloadEnd));

  if (size < info.size) {
    for (const SectionInfo &s : info.sections)
      if (size < s.offset + s.size)
        return failAt(sectionLabel(s.kind), size, truncated);
    return failAt(kTrailer, size, truncated);
  }
  for (const SectionInfo &s : info.sections) {
    const uint32_t c = crc32c(data + s.offset, s.size);
    if (c != s.crc32c)
      return failAt(sectionLabel(s.kind), s.offset,
                    "CRC-32C mismatch (stored " + hex32(s.crc32c) +
                        ", computed " + hex32(c) + ")");
  }
  info.sha256 = sha256(data, payloadEnd);
  if (std::memcmp(info.sha256.data(), data + payloadEnd, kTrailerBytes) != 0)
    return failAt(kTrailer, payloadEnd,
                  "SHA-256 mismatch (stored " +
                      toHex(data + payloadEnd, kTrailerBytes) + ", computed " +
                      toHex(info.sha256) + ")");
  return info;
}

//===----------------------------------------------------------------------===//
// Section payloads: writing
//===----------------------------------------------------------------------===//

namespace {
std::vector<uint8_t> writeHeader(const Header &h) {
  std::vector<uint8_t> out;
  ByteWriter w(out);
  w.u8(uint8_t(h.family));
  w.str(h.target);
  w.bytes(h.targetDescriptionSha256.data(), h.targetDescriptionSha256.size());
  w.str(h.compilerVersion);
  w.u8(uint8_t(h.encoding));
  w.u32(h.timesteps);
  w.u32(h.bits);
  w.u64(h.seed);
  w.u8(uint8_t(h.window));
  w.u32(h.maxSteps);
  return out;
}

std::vector<uint8_t> writeMesh(const Mesh &m) {
  std::vector<uint8_t> out;
  ByteWriter w(out);
  w.u8(uint8_t(m.kind));
  for (uint32_t v : {m.width, m.height, m.tileWidth, m.tileHeight, m.chips,
                     m.chipColumns, m.limits.neurons, m.limits.synapseWords,
                     m.limits.inputAxons, m.limits.outputAxons,
                     m.limits.profiles, m.limits.formats, m.limits.stateBits})
    w.u32(v);
  return out;
}

/// The cost fields in file order.
template <typename CostT> auto costFields(CostT &c) {
  return std::array<decltype(&c.cyclePs), 15>{
      &c.cyclePs,        &c.synapticOpPs,       &c.neuronActivePs,
      &c.neuronIdlePs,   &c.hopEastWestPs,      &c.hopNorthSouthPs,
      &c.barrierChipPs,  &c.barrierMultiChipPs, &c.synapticOpFj,
      &c.neuronActiveFj, &c.neuronIdleFj,       &c.spikeTileFj,
      &c.hopEastWestFj,  &c.hopNorthSouthFj,    &c.staticPowerUw};
}

std::vector<uint8_t> writeCost(const CostModel &c) {
  std::vector<uint8_t> out;
  ByteWriter w(out);
  for (const uint64_t *field : costFields(c))
    w.u64(*field);
  return out;
}

std::vector<uint8_t> writeCores(const std::vector<Core> &cores) {
  std::vector<uint8_t> out;
  ByteWriter w(out);
  w.u32(uint32_t(cores.size()));
  for (const Core &c : cores)
    for (uint32_t v :
         {c.coord.chip, c.coord.x, c.coord.y, c.neuronCount,
          uint32_t(c.profiles.size()), uint32_t(c.formats.size()),
          uint32_t(c.synapseWords.size()), uint32_t(c.inputAxons.size()),
          uint32_t(c.outputAxons.size())})
      w.u32(v);
  for (const Core &c : cores) {
    for (const NeuronProfile &p : c.profiles) {
      w.i32(p.thresholdShift);
      w.i32(p.nmin);
      w.i32(p.nmax);
      w.i32(p.burst);
      w.i64(p.multiplier);
    }
    for (uint16_t p : c.neuronProfile)
      w.u16(p);
    for (int64_t b : c.bias)
      w.i64(b);
    for (const SynapseFormat &f : c.formats) {
      w.u8(f.weightBits);
      w.i8(f.exponent);
    }
    for (uint64_t word : c.synapseWords)
      w.u64(word);
    for (const InputAxon &a : c.inputAxons) {
      w.u32(a.wordOffset);
      w.u32(a.synapseCount);
      w.u32(a.format);
      w.u32(a.firstNeuron);
    }
    for (uint32_t o : c.outputAxonOffsets)
      w.u32(o);
    for (const AxonRef &r : c.outputAxons) {
      w.u32(r.core);
      w.u32(r.axon);
    }
  }
  return out;
}

/// SpiNNaker cost fields in file order.
template <typename CostT> auto spinnakerCostFields(CostT &c) {
  return std::array<decltype(&c.cyclePs), 10>{&c.cyclePs,
                                              &c.hopPs,
                                              &c.tickCycles,
                                              &c.packetCycles,
                                              &c.synapticEventCycles,
                                              &c.neuronUpdateCycles,
                                              &c.packetFj,
                                              &c.packetPayloadFj,
                                              &c.staticPowerUw,
                                              &c.activeCoreUw};
}

std::vector<uint8_t> writeMachine(const Mesh &m, const SpiNNaker &s) {
  std::vector<uint8_t> out;
  ByteWriter w(out);
  w.u8(uint8_t(m.kind));
  for (uint32_t v :
       {m.width, m.height, m.chips, m.chipColumns, m.limits.neurons,
        m.limits.synapseWords, m.limits.inputAxons, m.limits.profiles,
        m.limits.formats, m.limits.stateBits, s.dtcmBytes, s.routerEntries})
    w.u32(v);
  w.u8(s.layout.delayBits);
  w.u8(s.layout.typeBits);
  w.u8(s.layout.indexBits);
  for (const uint64_t *field : spinnakerCostFields(s.cost))
    w.u64(*field);
  return out;
}

void writeNeuronTables(ByteWriter &w, const Core &c) {
  for (const NeuronProfile &p : c.profiles) {
    w.i32(p.thresholdShift);
    w.i32(p.nmin);
    w.i32(p.nmax);
    w.i32(p.burst);
    w.i64(p.multiplier);
  }
  for (uint16_t p : c.neuronProfile)
    w.u16(p);
  for (int64_t b : c.bias)
    w.i64(b);
}

std::vector<uint8_t> writeSpiNNakerCores(const std::vector<Core> &cores,
                                         const SpiNNaker &spin) {
  std::vector<uint8_t> out;
  ByteWriter w(out);
  w.u32(uint32_t(cores.size()));
  for (size_t i = 0; i < cores.size(); ++i) {
    const Core &c = cores[i];
    const SpiNNakerCore &s = spin.cores[i];
    for (uint32_t v :
         {c.coord.chip, c.coord.x, c.coord.y, c.neuronCount,
          uint32_t(c.profiles.size()), uint32_t(s.typeShift.size()),
          uint32_t(s.popTable.size()), s.rowCount(),
          uint32_t(s.synapses.size()), s.key})
      w.u32(v);
    w.u8(s.sends ? 1 : 0);
  }
  for (size_t i = 0; i < cores.size(); ++i) {
    const SpiNNakerCore &s = spin.cores[i];
    writeNeuronTables(w, cores[i]);
    for (uint8_t shift : s.typeShift)
      w.u8(shift);
    for (const PopulationEntry &p : s.popTable)
      for (uint32_t v : {p.key, p.mask, p.firstRow, p.rows})
        w.u32(v);
    for (uint32_t o : s.rowOffsets)
      w.u32(o);
    for (uint32_t word : s.synapses)
      w.u32(word);
  }
  return out;
}

std::vector<uint8_t>
writeRouters(const std::vector<std::vector<RouterEntry>> &routers) {
  std::vector<uint8_t> out;
  ByteWriter w(out);
  w.u32(uint32_t(routers.size()));
  for (const std::vector<RouterEntry> &table : routers)
    w.u32(uint32_t(table.size()));
  for (const std::vector<RouterEntry> &table : routers)
    for (const RouterEntry &e : table)
      for (uint32_t v : {e.key, e.mask, e.route})
        w.u32(v);
  return out;
}

void writeShape(ByteWriter &w, const std::vector<int64_t> &shape) {
  w.u32(uint32_t(shape.size()));
  for (int64_t d : shape)
    w.i64(d);
}

std::vector<uint8_t> writeInputs(const std::vector<InputPort> &ports) {
  std::vector<uint8_t> out;
  ByteWriter w(out);
  w.u32(uint32_t(ports.size()));
  for (const InputPort &p : ports) {
    w.str(p.name);
    writeShape(w, p.shape);
    w.f32(p.scale);
    w.i32(p.qmin);
    w.i32(p.qmax);
    w.u8(uint8_t(p.encoder));
    for (uint32_t o : p.targetOffsets)
      w.u32(o);
    w.u32(uint32_t(p.targets.size()));
    for (const AxonRef &r : p.targets) {
      w.u32(r.core);
      w.u32(r.axon);
    }
  }
  return out;
}

std::vector<uint8_t> writeOutputs(const std::vector<OutputPort> &ports) {
  std::vector<uint8_t> out;
  ByteWriter w(out);
  w.u32(uint32_t(ports.size()));
  for (const OutputPort &p : ports) {
    w.str(p.name);
    writeShape(w, p.shape);
    w.f32(p.scale);
    for (const NeuronRef &r : p.elements) {
      w.u32(r.core);
      w.u32(r.neuron);
    }
  }
  return out;
}
} // namespace

Expected<std::vector<uint8_t>> snnc::image::encodeImage(const Image &image) {
  if (Error e = validate(image))
    return e;
  auto section = [](SectionKind kind, std::vector<uint8_t> payload) {
    return SectionData{uint32_t(kind), kSectionRequired, std::move(payload)};
  };
  if (image.header.family == TargetFamily::SpiNNaker)
    return writeContainer(
        kFormatMajor, 1,
        {section(SectionKind::Header, writeHeader(image.header)),
         section(SectionKind::SpiNNakerMachine,
                 writeMachine(image.mesh, image.spinnaker)),
         section(SectionKind::SpiNNakerCores,
                 writeSpiNNakerCores(image.cores, image.spinnaker)),
         section(SectionKind::SpiNNakerRouters,
                 writeRouters(image.spinnaker.routers)),
         section(SectionKind::Inputs, writeInputs(image.inputs)),
         section(SectionKind::Outputs, writeOutputs(image.outputs))});
  // Loihi-like images are format 1.0, unchanged since it was introduced.
  return writeContainer(
      kFormatMajor, 0,
      {section(SectionKind::Header, writeHeader(image.header)),
       section(SectionKind::LoihiMesh, writeMesh(image.mesh)),
       section(SectionKind::LoihiCost, writeCost(image.cost)),
       section(SectionKind::LoihiCores, writeCores(image.cores)),
       section(SectionKind::Inputs, writeInputs(image.inputs)),
       section(SectionKind::Outputs, writeOutputs(image.outputs))});
}

//===----------------------------------------------------------------------===//
// Section payloads: reading
//===----------------------------------------------------------------------===//

namespace {
/// File offsets of records, to locate validation issues.
struct RecordOffsets {
  std::vector<uint64_t> cores, inputs, outputs, routers;
};

void readHeader(ByteReader &r, Header &h) {
  h.family = TargetFamily(r.u8());
  h.target = r.str(kMaxStringBytes);
  h.targetDescriptionSha256 = r.digest();
  h.compilerVersion = r.str(kMaxStringBytes);
  h.encoding = Encoding(r.u8());
  h.timesteps = r.u32();
  h.bits = r.u32();
  h.seed = r.u64();
  h.window = WindowPolicy(r.u8());
  h.maxSteps = r.u32();
}

void readMesh(ByteReader &r, Mesh &m) {
  m.kind = MeshKind(r.u8());
  for (uint32_t *v :
       {&m.width, &m.height, &m.tileWidth, &m.tileHeight, &m.chips,
        &m.chipColumns, &m.limits.neurons, &m.limits.synapseWords,
        &m.limits.inputAxons, &m.limits.outputAxons, &m.limits.profiles,
        &m.limits.formats, &m.limits.stateBits})
    *v = r.u32();
}

void readCost(ByteReader &r, CostModel &c) {
  for (uint64_t *field : costFields(c))
    *field = r.u64();
}

void readCores(ByteReader &r, std::vector<Core> &cores,
               std::vector<uint64_t> &offsets) {
  const uint64_t at = r.offset();
  const uint32_t n = r.u32();
  if (!r.expect(n, kCoreDescriptorBytes, kMaxMeshCores, "core", at))
    return;
  struct Counts {
    uint32_t profiles, formats, words, inputAxons, outputAxons;
  };
  std::vector<Counts> counts(n);
  cores.resize(n);
  offsets.resize(n);
  uint64_t bodyBytes = 0; // < 2^20 cores * 2^40: no overflow
  for (uint32_t i = 0; i < n; ++i) {
    Core &c = cores[i];
    Counts &k = counts[i];
    offsets[i] = r.offset();
    c.coord.chip = r.u32();
    c.coord.x = r.u32();
    c.coord.y = r.u32();
    c.neuronCount = r.u32();
    k.profiles = r.u32();
    k.formats = r.u32();
    k.words = r.u32();
    k.inputAxons = r.u32();
    k.outputAxons = r.u32();
    const uint64_t neurons = c.neuronCount;
    bodyBytes += k.profiles * kProfileBytes + neurons * (2 + 8) +
                 k.formats * kFormatBytes + uint64_t(k.words) * 8 +
                 k.inputAxons * kAxonBytes + (neurons + 1) * 4 +
                 k.outputAxons * kRefBytes;
  }
  // Every table size is now known: one check bounds all allocations below
  // by the section size.
  if (r.ok() && bodyBytes != r.remaining()) {
    r.fail(at, "core tables need " + std::to_string(bodyBytes) +
                   " bytes, the section holds " +
                   std::to_string(r.remaining()));
    return;
  }
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Core &c = cores[i];
    const Counts &k = counts[i];
    c.profiles.resize(k.profiles);
    for (NeuronProfile &p : c.profiles) {
      p.thresholdShift = r.i32();
      p.nmin = r.i32();
      p.nmax = r.i32();
      p.burst = r.i32();
      p.multiplier = r.i64();
    }
    c.neuronProfile.resize(c.neuronCount);
    for (uint16_t &p : c.neuronProfile)
      p = r.u16();
    c.bias.resize(c.neuronCount);
    for (int64_t &b : c.bias)
      b = r.i64();
    c.formats.resize(k.formats);
    for (SynapseFormat &f : c.formats) {
      f.weightBits = r.u8();
      f.exponent = r.i8();
    }
    c.synapseWords.resize(k.words);
    for (uint64_t &word : c.synapseWords)
      word = r.u64();
    c.inputAxons.resize(k.inputAxons);
    for (InputAxon &a : c.inputAxons) {
      a.wordOffset = r.u32();
      a.synapseCount = r.u32();
      a.format = r.u32();
      a.firstNeuron = r.u32();
    }
    c.outputAxonOffsets.resize(uint64_t(c.neuronCount) + 1);
    for (uint32_t &o : c.outputAxonOffsets)
      o = r.u32();
    c.outputAxons.resize(k.outputAxons);
    for (AxonRef &ref : c.outputAxons) {
      ref.core = r.u32();
      ref.axon = r.u32();
    }
  }
}

void readMachine(ByteReader &r, Mesh &m, SpiNNaker &s) {
  m.kind = MeshKind(r.u8());
  for (uint32_t *v :
       {&m.width, &m.height, &m.chips, &m.chipColumns, &m.limits.neurons,
        &m.limits.synapseWords, &m.limits.inputAxons, &m.limits.profiles,
        &m.limits.formats, &m.limits.stateBits, &s.dtcmBytes, &s.routerEntries})
    *v = r.u32();
  // The chip's cores share one router: the tile is the chip.
  m.tileWidth = m.width;
  m.tileHeight = m.height;
  s.layout.delayBits = r.u8();
  s.layout.typeBits = r.u8();
  s.layout.indexBits = r.u8();
  for (uint64_t *field : spinnakerCostFields(s.cost))
    *field = r.u64();
}

void readSpiNNakerCores(ByteReader &r, std::vector<Core> &cores,
                        std::vector<SpiNNakerCore> &spin,
                        std::vector<uint64_t> &offsets) {
  const uint64_t at = r.offset();
  const uint32_t n = r.u32();
  if (!r.expect(n, kSpiNNakerCoreDescriptorBytes, kMaxMeshCores, "core", at))
    return;
  struct Counts {
    uint32_t profiles, types, entries, rows, synapses;
  };
  std::vector<Counts> counts(n);
  cores.resize(n);
  spin.resize(n);
  offsets.resize(n);
  uint64_t bodyBytes = 0; // < 2^20 cores * 2^40: no overflow
  for (uint32_t i = 0; i < n; ++i) {
    Core &c = cores[i];
    Counts &k = counts[i];
    offsets[i] = r.offset();
    c.coord.chip = r.u32();
    c.coord.x = r.u32();
    c.coord.y = r.u32();
    c.neuronCount = r.u32();
    k.profiles = r.u32();
    k.types = r.u32();
    k.entries = r.u32();
    k.rows = r.u32();
    k.synapses = r.u32();
    spin[i].key = r.u32();
    spin[i].sends = r.u8() != 0;
    bodyBytes += k.profiles * kProfileBytes + uint64_t(c.neuronCount) * 10 +
                 k.types + k.entries * kPopEntryBytes +
                 (uint64_t(k.rows) + 1) * 4 + uint64_t(k.synapses) * 4;
  }
  if (r.ok() && bodyBytes != r.remaining()) {
    r.fail(at, "core tables need " + std::to_string(bodyBytes) +
                   " bytes, the section holds " +
                   std::to_string(r.remaining()));
    return;
  }
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Core &c = cores[i];
    SpiNNakerCore &s = spin[i];
    const Counts &k = counts[i];
    c.profiles.resize(k.profiles);
    for (NeuronProfile &p : c.profiles) {
      p.thresholdShift = r.i32();
      p.nmin = r.i32();
      p.nmax = r.i32();
      p.burst = r.i32();
      p.multiplier = r.i64();
    }
    c.neuronProfile.resize(c.neuronCount);
    for (uint16_t &p : c.neuronProfile)
      p = r.u16();
    c.bias.resize(c.neuronCount);
    for (int64_t &b : c.bias)
      b = r.i64();
    c.outputAxonOffsets.assign(uint64_t(c.neuronCount) + 1, 0);
    s.typeShift.resize(k.types);
    for (uint8_t &shift : s.typeShift)
      shift = r.u8();
    s.popTable.resize(k.entries);
    for (PopulationEntry &p : s.popTable) {
      p.key = r.u32();
      p.mask = r.u32();
      p.firstRow = r.u32();
      p.rows = r.u32();
    }
    s.rowOffsets.resize(uint64_t(k.rows) + 1);
    for (uint32_t &o : s.rowOffsets)
      o = r.u32();
    s.synapses.resize(k.synapses);
    for (uint32_t &word : s.synapses)
      word = r.u32();
  }
}

void readRouters(ByteReader &r, std::vector<std::vector<RouterEntry>> &routers,
                 std::vector<uint64_t> &offsets) {
  const uint64_t at = r.offset();
  const uint32_t n = r.u32();
  if (!r.expect(n, 4, kMaxMeshCores, "router table", at))
    return;
  std::vector<uint32_t> sizes(n);
  uint64_t bodyBytes = 0;
  for (uint32_t &size : sizes) {
    size = r.u32();
    bodyBytes += size * kRouterEntryBytes;
  }
  if (r.ok() && bodyBytes != r.remaining()) {
    r.fail(at, "router tables need " + std::to_string(bodyBytes) +
                   " bytes, the section holds " +
                   std::to_string(r.remaining()));
    return;
  }
  routers.resize(n);
  offsets.resize(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    offsets[i] = r.offset();
    routers[i].resize(sizes[i]);
    for (RouterEntry &e : routers[i]) {
      e.key = r.u32();
      e.mask = r.u32();
      e.route = r.u32();
    }
  }
}

/// Reads the rank and dimensions; returns the element count (0 on failure).
uint64_t readShape(ByteReader &r, std::vector<int64_t> &shape) {
  const uint64_t at = r.offset();
  const uint32_t rank = r.u32();
  if (!r.expect(rank, 8, kMaxRank, "dimension", at))
    return 0;
  shape.resize(rank);
  for (int64_t &d : shape)
    d = r.i64();
  const std::optional<uint64_t> n = elementCount(shape);
  if (r.ok() && !n)
    r.fail(at, "shape has a negative dimension or more than " +
                   std::to_string(kMaxElements) + " elements");
  return n.value_or(0);
}

void readInputs(ByteReader &r, std::vector<InputPort> &ports,
                std::vector<uint64_t> &offsets) {
  const uint64_t at = r.offset();
  const uint32_t n = r.u32();
  // Smallest port: empty name and shape, scale, range, encoder, one offset
  // and the target count.
  if (!r.expect(n, 4 + 4 + 4 + 8 + 1 + 4 + 4, kMaxPorts, "input port", at))
    return;
  ports.resize(n);
  offsets.resize(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    InputPort &p = ports[i];
    offsets[i] = r.offset();
    p.name = r.str(kMaxStringBytes);
    const uint64_t elements = readShape(r, p.shape);
    p.scale = r.f32();
    p.qmin = r.i32();
    p.qmax = r.i32();
    p.encoder = EncoderKind(r.u8());
    if (!r.expect(elements + 1, 4, kMaxElements + 1, "target offset",
                  r.offset()))
      return;
    p.targetOffsets.resize(elements + 1);
    for (uint32_t &o : p.targetOffsets)
      o = r.u32();
    const uint64_t targetsAt = r.offset();
    const uint32_t targets = r.u32();
    if (!r.expect(targets, kRefBytes, kMaxU32, "target", targetsAt))
      return;
    p.targets.resize(targets);
    for (AxonRef &ref : p.targets) {
      ref.core = r.u32();
      ref.axon = r.u32();
    }
  }
}

void readOutputs(ByteReader &r, std::vector<OutputPort> &ports,
                 std::vector<uint64_t> &offsets) {
  const uint64_t at = r.offset();
  const uint32_t n = r.u32();
  // Smallest port: empty name and shape, and the scale.
  if (!r.expect(n, 4 + 4 + 4, kMaxPorts, "output port", at))
    return;
  ports.resize(n);
  offsets.resize(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    OutputPort &p = ports[i];
    offsets[i] = r.offset();
    p.name = r.str(kMaxStringBytes);
    const uint64_t elements = readShape(r, p.shape);
    p.scale = r.f32();
    if (!r.expect(elements, kRefBytes, kMaxElements, "element", r.offset()))
      return;
    p.elements.resize(elements);
    for (NeuronRef &ref : p.elements) {
      ref.core = r.u32();
      ref.neuron = r.u32();
    }
  }
}
} // namespace

Expected<Image> snnc::image::decodeImage(const uint8_t *data, size_t size,
                                         FileInfo *infoOut) {
  Expected<FileInfo> info = readContainer(data, size);
  if (!info)
    return info.error();

  // The known sections, each at most once; unknown ones are skipped unless
  // marked required. The header's family then says which must be present.
  constexpr SectionKind kAll[] = {
      SectionKind::Header,           SectionKind::Inputs,
      SectionKind::Outputs,          SectionKind::LoihiMesh,
      SectionKind::LoihiCost,        SectionKind::LoihiCores,
      SectionKind::SpiNNakerMachine, SectionKind::SpiNNakerCores,
      SectionKind::SpiNNakerRouters};
  const SectionInfo *found[std::size(kAll)] = {};
  auto slot = [&](SectionKind kind) -> const SectionInfo *& {
    return found[std::find(std::begin(kAll), std::end(kAll), kind) -
                 std::begin(kAll)];
  };
  for (size_t i = 0; i < info->sections.size(); ++i) {
    const SectionInfo &s = info->sections[i];
    const uint64_t entry = kPreambleBytes + i * kSectionEntryBytes;
    if (!sectionName(s.kind)) {
      if (s.flags & kSectionRequired)
        return failAt(sectionLabel(s.kind), s.offset,
                      "required section unknown to this reader (format " +
                          std::to_string(info->major) + "." +
                          std::to_string(info->minor) + "); use a newer snnc");
      continue;
    }
    const SectionInfo *&f = slot(SectionKind(s.kind));
    if (f)
      return failAt(kTable, entry, "duplicate " + sectionLabel(s.kind));
    f = &s;
  }
  auto missing = [&](SectionKind kind) {
    return failAt(kTable, kPreambleBytes,
                  "missing " + sectionLabel(uint32_t(kind)));
  };
  if (!slot(SectionKind::Header))
    return missing(SectionKind::Header);

  Image image;
  RecordOffsets records;
  auto parse = [&](SectionKind kind, auto &&body) -> Error {
    const SectionInfo &s = *slot(kind);
    ByteReader r(data + s.offset, s.size, s.offset, sectionLabel(s.kind));
    body(r);
    r.finish();
    return r.error();
  };
  if (Error e = parse(SectionKind::Header,
                      [&](ByteReader &r) { readHeader(r, image.header); }))
    return e;
  const bool spinnaker = image.header.family == TargetFamily::SpiNNaker;
  const std::vector<SectionKind> loihiKinds = {
      SectionKind::LoihiMesh, SectionKind::LoihiCost, SectionKind::LoihiCores};
  const std::vector<SectionKind> spinnakerKinds = {
      SectionKind::SpiNNakerMachine, SectionKind::SpiNNakerCores,
      SectionKind::SpiNNakerRouters};
  for (SectionKind kind : spinnaker ? spinnakerKinds : loihiKinds)
    if (!slot(kind))
      return missing(kind);
  for (SectionKind kind : spinnaker ? loihiKinds : spinnakerKinds)
    if (const SectionInfo *s = slot(kind))
      return failAt(sectionLabel(s->kind), s->offset,
                    std::string("does not belong in an image of family ") +
                        familyName(image.header.family));
  for (SectionKind kind : {SectionKind::Inputs, SectionKind::Outputs})
    if (!slot(kind))
      return missing(kind);

  if (spinnaker) {
    if (Error e = parse(SectionKind::SpiNNakerMachine, [&](ByteReader &r) {
          readMachine(r, image.mesh, image.spinnaker);
        }))
      return e;
    if (Error e = parse(SectionKind::SpiNNakerCores, [&](ByteReader &r) {
          readSpiNNakerCores(r, image.cores, image.spinnaker.cores,
                             records.cores);
        }))
      return e;
    if (Error e = parse(SectionKind::SpiNNakerRouters, [&](ByteReader &r) {
          readRouters(r, image.spinnaker.routers, records.routers);
        }))
      return e;
  } else {
    if (Error e = parse(SectionKind::LoihiMesh,
                        [&](ByteReader &r) { readMesh(r, image.mesh); }))
      return e;
    if (Error e = parse(SectionKind::LoihiCost,
                        [&](ByteReader &r) { readCost(r, image.cost); }))
      return e;
    if (Error e = parse(SectionKind::LoihiCores, [&](ByteReader &r) {
          readCores(r, image.cores, records.cores);
        }))
      return e;
  }
  if (Error e = parse(SectionKind::Inputs, [&](ByteReader &r) {
        readInputs(r, image.inputs, records.inputs);
      }))
    return e;
  if (Error e = parse(SectionKind::Outputs, [&](ByteReader &r) {
        readOutputs(r, image.outputs, records.outputs);
      }))
    return e;

  if (std::optional<detail::Issue> issue = detail::findIssue(image)) {
    const SectionInfo *s = slot(issue->section);
    uint64_t offset = s->offset;
    if (issue->record != detail::kWholeSection) {
      const std::vector<uint64_t> &table =
          issue->section == SectionKind::Inputs             ? records.inputs
          : issue->section == SectionKind::Outputs          ? records.outputs
          : issue->section == SectionKind::SpiNNakerRouters ? records.routers
                                                            : records.cores;
      offset = table[issue->record];
    }
    return failAt(sectionLabel(s->kind), offset, issue->message);
  }
  if (infoOut)
    *infoOut = std::move(*info);
  return image;
}

Error snnc::image::writeImageFile(const Image &image, const std::string &path) {
  Expected<std::vector<uint8_t>> bytes = encodeImage(image);
  if (!bytes)
    return bytes.error();
  return writeFileAtomic(path, *bytes);
}

Expected<Image> snnc::image::readImageFile(const std::string &path,
                                           FileInfo *info) {
  Expected<std::vector<uint8_t>> bytes = readFile(path);
  if (!bytes)
    return bytes.error();
  return decodeImage(bytes->data(), bytes->size(), info);
}

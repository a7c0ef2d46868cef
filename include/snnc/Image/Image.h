//===- Image.h - in-memory chip image ---------------------------*- C++ -*-===//
//
// The contract between the compiler's emitter, the image file
// (docs/image-format.md) and the simulator: everything a Loihi-like chip
// holds to run one compiled model, plus the provenance, window policy and
// cost model, so that the simulator needs nothing but the image.
//
// Units: weights and biases are in dendritic accumulator units (the Δa of
// the ST-BIF neuron, semantics.md); times are integer picoseconds, energies
// integer femtojoules, static power integer microwatts, so every derived
// statistic is an exact, reproducible integer.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_IMAGE_IMAGE_H
#define SNNC_IMAGE_IMAGE_H

#include "snnc/Arith/Rounding.h"
#include "snnc/Image/Checksum.h"
#include "snnc/Image/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace snnc::image {

/// The format this library writes. A reader accepts every minor version of
/// its major version and refuses newer majors. Minor 1 added the
/// SpiNNaker-like sections; Loihi-like images are still written as 1.0, byte
/// for byte as before.
inline constexpr uint16_t kFormatMajor = 1;
inline constexpr uint16_t kFormatMinor = 1;

/// Caps that keep a hostile file from requesting absurd allocations; they
/// sit far above what any target holds.
inline constexpr uint32_t kMaxStringBytes = 4096;
inline constexpr uint32_t kMaxRank = 16;
inline constexpr uint64_t kMaxElements = uint64_t(1) << 30;
inline constexpr uint64_t kMaxMeshCores = uint64_t(1) << 20;

/// Synapse formats: signed two's-complement mantissas of 1..9 bits and a
/// shared exponent in [-8, 7]; weight = mantissa * 2^(exponent + 8)
/// accumulator units (Loihi's mantissa * 2^(6 + exp) with two more fraction
/// bits, so every exponent is an exact integer; exponent -8 means weight ==
/// mantissa).
inline constexpr int kMinWeightBits = 1;
inline constexpr int kMaxWeightBits = 9;
inline constexpr int kMinWeightExponent = -8;
inline constexpr int kMaxWeightExponent = 7;

enum class TargetFamily : uint8_t { Loihi = 1, SpiNNaker = 2 };
enum class Encoding : uint8_t { Unary = 0, BitPlane = 1, Graded = 2 };
/// UntilQuiescent: run until nothing can change any more, at most maxSteps
/// steps. Fixed: run exactly maxSteps steps (the window T_window).
enum class WindowPolicy : uint8_t { UntilQuiescent = 0, Fixed = 1 };
enum class MeshKind : uint8_t { Mesh2D = 0, Triangular = 1 };
/// Unary: element code c is sent as sign(c) on |c| consecutive steps from
/// step 0.
enum class EncoderKind : uint8_t { Unary = 0 };

/// Names used in dumps and messages; "unknown" for out-of-range values.
const char *familyName(TargetFamily f);
const char *encodingName(Encoding e);
const char *windowPolicyName(WindowPolicy w);
const char *meshKindName(MeshKind k);
const char *encoderKindName(EncoderKind k);

/// Provenance and run policy.
struct Header {
  TargetFamily family = TargetFamily::Loihi;
  std::string target;               ///< target name, e.g. "loihi"
  Digest targetDescriptionSha256{}; ///< SHA-256 of the description file
  std::string compilerVersion;
  // Options that shaped the image.
  Encoding encoding = Encoding::Unary;
  uint32_t timesteps = 0; ///< T
  uint32_t bits = 0;      ///< B (bit-plane)
  uint64_t seed = 0;
  // Window policy.
  WindowPolicy window = WindowPolicy::UntilQuiescent;
  uint32_t maxSteps = 0; ///< >= 1
};

/// Per-core capacities of the target, so the reader can check occupancy
/// without the target description.
struct CoreLimits {
  uint32_t neurons = 0;
  uint32_t synapseWords = 0;
  uint32_t inputAxons = 0;
  uint32_t outputAxons = 0; ///< fan-out entries (output axon table size)
  uint32_t profiles = 0;
  uint32_t formats = 0;
  /// Signed width of the membrane potential; the simulator reports a value
  /// outside it (the compiler legalizes M so it cannot happen). 2..64.
  uint32_t stateBits = 0;
};

/// A 2-D mesh of width x height core positions per chip (the chip IR's
/// coordinates). tileWidth x tileHeight blocks of cores share a tile and its
/// router, the unit messages hop between. Chips tile a larger 2-D mesh,
/// chipColumns per row: chip c sits at column c % chipColumns and row
/// c / chipColumns.
struct Mesh {
  MeshKind kind = MeshKind::Mesh2D;
  uint32_t width = 0;      ///< cores per chip along x
  uint32_t height = 0;     ///< cores per chip along y
  uint32_t tileWidth = 0;  ///< divides width
  uint32_t tileHeight = 0; ///< divides height
  uint32_t chips = 0;
  uint32_t chipColumns = 0;
  CoreLimits limits;
};

/// Event costs copied from the target description; each at most kMaxCost.
inline constexpr uint64_t kMaxCost = uint64_t(1) << 32;
struct CostModel {
  uint64_t cyclePs = 0; ///< nominal cycle; a link carries one message per cycle
  uint64_t synapticOpPs = 0;
  uint64_t neuronActivePs = 0;
  uint64_t neuronIdlePs = 0;
  uint64_t hopEastWestPs = 0;
  uint64_t hopNorthSouthPs = 0;
  uint64_t barrierChipPs = 0;      ///< one chip
  uint64_t barrierMultiChipPs = 0; ///< several chips
  uint64_t synapticOpFj = 0;
  uint64_t neuronActiveFj = 0;
  uint64_t neuronIdleFj = 0;
  uint64_t spikeTileFj = 0; ///< per message, delivery into its tile
  uint64_t hopEastWestFj = 0;
  uint64_t hopNorthSouthFj = 0;
  uint64_t staticPowerUw = 0; ///< per chip
};

/// Position of a core on its chip; at most one core per position.
struct CoreCoord {
  uint32_t chip = 0;
  uint32_t x = 0;
  uint32_t y = 0;
};

/// ST-BIF parameters (snnc::arith::NeuronParams) and the input multiplier:
/// V += multiplier * Δa each step, threshold 2^thresholdShift. The threshold
/// must be reachable in the core's state: thresholdShift <= stateBits - 2.
struct NeuronProfile {
  int32_t thresholdShift = 0;
  int32_t nmin = 0;
  int32_t nmax = 0;
  int32_t burst = 1;
  int64_t multiplier = 0;
};

struct SynapseFormat {
  uint8_t weightBits = 8;
  int8_t exponent = -8;
};

/// A dense synapse row: synapse i (0 <= i < synapseCount) targets neuron
/// firstNeuron + i with the i-th mantissa of the packed row that starts at
/// word wordOffset (layout: see synapseMantissa).
struct InputAxon {
  uint32_t wordOffset = 0;
  uint32_t synapseCount = 0;
  uint32_t format = 0;
  uint32_t firstNeuron = 0;
};

/// Destination of a spike message: input axon `axon` of core `core`.
struct AxonRef {
  uint32_t core = 0;
  uint32_t axon = 0;
};

struct NeuronRef {
  uint32_t core = 0;
  uint32_t neuron = 0;
};

/// One neurocore's memory contents.
struct Core {
  CoreCoord coord;
  uint32_t neuronCount = 0;
  std::vector<NeuronProfile> profiles;
  std::vector<uint16_t> neuronProfile; ///< per neuron, index into profiles
  std::vector<int64_t> bias;           ///< per neuron, Δa added at step 0
  std::vector<SynapseFormat> formats;
  std::vector<uint64_t> synapseWords;
  std::vector<InputAxon> inputAxons;
  /// Output axon table: neuron i sends to outputAxons[outputAxonOffsets[i]
  /// .. outputAxonOffsets[i + 1]); neuronCount + 1 entries, starting at 0.
  std::vector<uint32_t> outputAxonOffsets{0};
  std::vector<AxonRef> outputAxons;
};

/// A graph input: element e (row-major) is quantized with quantizeInput and
/// its spikes drive targets[targetOffsets[e] .. targetOffsets[e + 1]).
struct InputPort {
  std::string name;
  std::vector<int64_t> shape;
  float scale = 1.0f; ///< real value of one code step
  int32_t qmin = 0;
  int32_t qmax = 0;
  EncoderKind encoder = EncoderKind::Unary;
  std::vector<uint32_t> targetOffsets{0}; ///< elements + 1 entries
  std::vector<AxonRef> targets;
};

/// A graph output: element e is the final spike count of elements[e],
/// decoded with dequantizeOutput(count, scale).
struct OutputPort {
  std::string name;
  std::vector<int64_t> shape;
  float scale = 1.0f;
  std::vector<NeuronRef> elements;
};

//===----------------------------------------------------------------------===//
// SpiNNaker-like family (format 1.1)
//
// mesh.kind is Triangular: chips form the board of snnc/Routing/Triangular.h
// (chipColumns = ceil(sqrt(chips))), each with width x height application
// core slots sharing the chip's router; slot s is processor s + 1 (0 runs
// the monitor), bit 7 + s of a route. image.cost is unused (zero); the
// costs are in SpiNNaker::cost. A core keeps its neuron tables (profiles,
// neuronProfile, bias) in image::Core, whose Loihi synapse and axon tables
// stay empty (outputAxonOffsets: neuronCount + 1 zeros); its synapses,
// master population table and key are in SpiNNaker::cores[i].
//===----------------------------------------------------------------------===//

/// A master population table entry: a packet whose key k has (k & mask) ==
/// key is processed with row firstRow + (k & ~mask), which must be below
/// firstRow + rows. Masks are contiguous high ones; entries are sorted by key
/// and disjoint, so a core finds its entry by binary search.
struct PopulationEntry {
  uint32_t key = 0;
  uint32_t mask = 0;
  uint32_t firstRow = 0;
  uint32_t rows = 0;
};

/// A synapse word, most significant bits first: weight (16, signed), delay
/// (delayBits), synapse type (typeBits), target neuron (indexBits).
struct SynapseWordLayout {
  uint8_t delayBits = 1;
  uint8_t typeBits = 1;
  uint8_t indexBits = 8;
};
inline constexpr uint32_t kSynapseRowHeaderWords = 3;
inline constexpr unsigned kMaxTypeShift = 15;

constexpr uint32_t packSynapse(const SynapseWordLayout &l, int32_t weight,
                               uint32_t delay, uint32_t type, uint32_t index) {
  return (uint32_t(weight) << 16) | (delay << (l.typeBits + l.indexBits)) |
         (type << l.indexBits) | index;
}
constexpr int32_t synapseWordWeight(uint32_t word) {
  return int32_t(int16_t(uint16_t(word >> 16)));
}
constexpr uint32_t synapseWordDelay(const SynapseWordLayout &l, uint32_t w) {
  return (w >> (l.typeBits + l.indexBits)) & ((1u << l.delayBits) - 1);
}
constexpr uint32_t synapseWordType(const SynapseWordLayout &l, uint32_t w) {
  return (w >> l.indexBits) & ((1u << l.typeBits) - 1);
}
constexpr uint32_t synapseWordIndex(const SynapseWordLayout &l, uint32_t w) {
  return w & ((1u << l.indexBits) - 1);
}

struct SpiNNakerCore {
  /// Neuron i sends packets with key `key | i` (its low indexBits are 0);
  /// a core with `sends` false sends nothing.
  uint32_t key = 0;
  bool sends = false;
  /// Per synapse type, the left shift of its weights into accumulator
  /// units (snnc's exponent + 8), at most kMaxTypeShift.
  std::vector<uint8_t> typeShift;
  std::vector<PopulationEntry> popTable;
  /// Synaptic rows: row r is synapses[rowOffsets[r] .. rowOffsets[r + 1]);
  /// rows + 1 entries starting at 0. In memory each row also has a
  /// kSynapseRowHeaderWords header, counted against synapse_words.
  std::vector<uint32_t> rowOffsets{0};
  std::vector<uint32_t> synapses;

  uint32_t rowCount() const { return uint32_t(rowOffsets.size() - 1); }
};

/// A router TCAM entry: a packet whose key k has (k & mask) == key leaves
/// by every set bit of `route` (bits 0-5 links E, NE, N, W, SW, S; bit 6 + p
/// processor p). A packet that matches no entry goes straight on (out of
/// the link opposite its input); one from a local core is dropped.
struct RouterEntry {
  uint32_t key = 0;
  uint32_t mask = 0;
  uint32_t route = 0;
};
inline constexpr uint32_t kRouteBits = 24;

/// Cycle budget and costs of a SpiNNaker-like machine.
struct SpiNNakerCost {
  uint64_t cyclePs = 0; ///< processor clock
  uint64_t hopPs = 0;   ///< router latency per chip hop
  uint64_t tickCycles = 0;
  uint64_t packetCycles = 0; ///< per received packet
  uint64_t synapticEventCycles = 0;
  uint64_t neuronUpdateCycles = 0;
  uint64_t packetFj = 0;        ///< 40-bit packet
  uint64_t packetPayloadFj = 0; ///< 72-bit packet
  uint64_t staticPowerUw = 0;   ///< per chip, idle
  uint64_t activeCoreUw = 0;    ///< per core holding neurons
};

struct SpiNNaker {
  uint32_t dtcmBytes = 0;
  uint32_t routerEntries = 0; ///< per chip
  SynapseWordLayout layout;
  SpiNNakerCost cost;
  std::vector<SpiNNakerCore> cores;              ///< parallel to Image::cores
  std::vector<std::vector<RouterEntry>> routers; ///< per chip
};

/// DTCM a SpiNNaker-like core uses: per neuron its state (V 4 B, count 4 B,
/// profile index 2 B, bias 8 B) and 2^(delayBits + typeBits) ring-buffer
/// slots of 4 B; 24 B per profile, 16 B per population table entry.
uint64_t dtcmBytesUsed(const Core &core, const SpiNNakerCore &spin,
                       const SynapseWordLayout &layout);

struct Image {
  Header header;
  Mesh mesh;
  CostModel cost;
  std::vector<Core> cores;
  std::vector<InputPort> inputs;
  std::vector<OutputPort> outputs;
  /// Family SpiNNaker only (empty otherwise). Input port targets then name
  /// (core, row): the host writes an encoder spike for step t into that row
  /// as a packet received in tick t - 1.
  SpiNNaker spinnaker;
};

/// Checks every invariant the reader checks (ranges, cross references,
/// occupancy against mesh.limits). The writer and the simulator call it.
Error validate(const Image &image);

// Value equality (floats compared by bit pattern).
bool operator==(const Header &a, const Header &b);
bool operator==(const CoreLimits &a, const CoreLimits &b);
bool operator==(const Mesh &a, const Mesh &b);
bool operator==(const CostModel &a, const CostModel &b);
bool operator==(const CoreCoord &a, const CoreCoord &b);
bool operator==(const NeuronProfile &a, const NeuronProfile &b);
bool operator==(const SynapseFormat &a, const SynapseFormat &b);
bool operator==(const InputAxon &a, const InputAxon &b);
bool operator==(const AxonRef &a, const AxonRef &b);
bool operator==(const NeuronRef &a, const NeuronRef &b);
bool operator==(const Core &a, const Core &b);
bool operator==(const InputPort &a, const InputPort &b);
bool operator==(const OutputPort &a, const OutputPort &b);
bool operator==(const PopulationEntry &a, const PopulationEntry &b);
bool operator==(const SpiNNakerCore &a, const SpiNNakerCore &b);
bool operator==(const RouterEntry &a, const RouterEntry &b);
bool operator==(const SpiNNakerCost &a, const SpiNNakerCost &b);
bool operator==(const SpiNNaker &a, const SpiNNaker &b);
bool operator==(const Image &a, const Image &b);
inline bool operator!=(const Image &a, const Image &b) { return !(a == b); }

/// Product of the dimensions; std::nullopt for a negative dimension or more
/// than kMaxElements elements.
std::optional<uint64_t> elementCount(const std::vector<int64_t> &shape);

// Synaptic memory layout: a row's mantissas are packed 64 / weightBits per
// 64-bit word, synapse i in word i / perWord at bits [slot*bits,
// slot*bits + bits), slot = i % perWord (little end first); a row starts on
// a word boundary and unused high bits are zero.
constexpr uint32_t synapsesPerWord(unsigned weightBits) {
  return 64 / weightBits;
}
constexpr uint64_t synapseRowWords(uint64_t synapseCount, unsigned weightBits) {
  const uint64_t per = synapsesPerWord(weightBits);
  return (synapseCount + per - 1) / per;
}
/// Sign-extended mantissa of synapse `index` of the row starting at `row`.
inline int32_t synapseMantissa(const uint64_t *row, uint32_t index,
                               unsigned weightBits) {
  const uint32_t per = synapsesPerWord(weightBits);
  const uint64_t raw = row[index / per] >> ((index % per) * weightBits);
  // Move the field's sign bit to bit 63 and shift back arithmetically.
  const unsigned up = 64 - weightBits;
  return int32_t(arith::bitsToSigned(raw << up) >> up);
}
/// Weight in accumulator units.
constexpr int64_t synapseWeight(int32_t mantissa, int exponent) {
  return int64_t(mantissa) * (int64_t(1) << (exponent + 8));
}
/// Appends a row of mantissas (each must fit format's weightBits) to the
/// core's synaptic memory and an input axon for it; returns the axon index.
Expected<uint32_t> appendSynapseRow(Core &core, uint32_t format,
                                    uint32_t firstNeuron,
                                    const std::vector<int32_t> &mantissas);

} // namespace snnc::image

#endif // SNNC_IMAGE_IMAGE_H

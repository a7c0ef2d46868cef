//===- TargetDescription.h - target description files -----------*- C++ -*-===//
//
// The declarative description of a target (targets/<name>/<name>.json, see
// docs/targets.md): mesh, per-core limits, number formats, capabilities and
// the timing/energy model. The partitioner, the chip verifiers (through the
// limits copied into chip.module), the emitter and the simulator all read
// this one file, so a user makes a variant by copying it, not by editing C++.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_TARGET_TARGETDESCRIPTION_H
#define SNNC_TARGET_TARGETDESCRIPTION_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace snnc::target {

/// Where a constant comes from (research/hardware.md): a measurement on
/// silicon, a paper's figure, a vendor or reference code base, or an
/// assumption of ours.
enum class Grade { Measured, Paper, Code, Assumed };

/// "measured", "paper", "code" or "assumed".
llvm::StringRef gradeName(Grade grade);

/// One integer constant with its unit and evidence.
struct Constant {
  int64_t value = 0;
  std::string unit;
  Grade grade = Grade::Assumed;
  std::string source;
};

/// The cores of a chip and how chips connect. "mesh2d": one router position
/// per core in the chip IR; `tileWidth` x `tileHeight` blocks of cores share
/// a tile, the unit the image and the simulator count hops in; chips sit in
/// one row. "triangular": `width` x `height` are the application core slots
/// of a chip, which all share the chip's router (the tile is the chip);
/// chips form the six-link board of snnc/Routing/Triangular.h.
struct Mesh {
  std::string kind; ///< "mesh2d" or "triangular"
  Constant width, height, tileWidth, tileHeight, chips;
};

/// Per-core limits. `dtcmBytes` and `routerEntries` (per chip) are read for
/// the spinnaker family only and stay zero otherwise.
struct Limits {
  Constant neurons, synapseWords, synapseWordBits, inputAxons, outputAxons,
      neuronProfiles, synapseFormats;
  Constant dtcmBytes, routerEntries;
};

/// Weights are signed `weightMantissaBits`-bit mantissas with a shared
/// exponent e in [weightExponentMin, weightExponentMax]: weight =
/// mantissa * 2^(e + 8) accumulator units (the image library's convention,
/// Loihi's mantissa * 2^(6 + e) with two more fraction bits, so e = -8 means
/// weight == mantissa). The membrane potential is `stateBits` wide (signed,
/// saturating) and a graded spike carries `spikePayloadBits`.
struct Formats {
  Constant weightMantissaBits, weightExponentMin, weightExponentMax, stateBits,
      spikePayloadBits;
};

/// Spike encodings the target transports ("unary", "graded", "bitplane").
struct Capabilities {
  std::vector<std::string> encodings;
  Grade grade = Grade::Assumed;
  std::string source;
};

/// Per-event latencies in ps (loihi); for spinnaker, the clock `cycle`, a
/// hop's latency and the cycle budget of a tick and its per-event costs.
struct Timing {
  Constant cycle, synapticOp, neuronActive, neuronIdle, hopEastWest,
      hopNorthSouth, barrierChip, barrierMultiChip;
  Constant hop, tickCycles, packetCycles, synapticEventCycles,
      neuronUpdateCycles;
};

/// Per-event energies in fJ; for spinnaker a 40-bit multicast packet and a
/// 72-bit one with payload, all hops included.
struct Energy {
  Constant synapticOp, neuronActive, neuronIdle, spikeTile, hopEastWest,
      hopNorthSouth;
  Constant packet, packetPayload;
};

/// Power in uW: static (idle) per chip; `activeCore` (spinnaker) per core
/// holding neurons.
struct Power {
  Constant staticPerChip, activeCore;
};

struct TargetDescription {
  std::string name;
  std::string family;
  std::string summary;
  Mesh mesh;
  Limits limits;
  Formats formats;
  Capabilities capabilities;
  Timing timing;
  Energy energy;
  Power power;

  /// The file it was read from and the SHA-256 of its bytes, which the
  /// image records so a simulator can tell which description it runs.
  std::string path;
  std::array<uint8_t, 32> sha256{};

  bool supportsEncoding(llvm::StringRef encoding) const;
  bool isSpiNNaker() const { return family == "spinnaker"; }
  /// Worst-case cycles a core spends in one tick, when every source neuron
  /// of its `inputRows` rows spikes once and all `synapses` and `neurons`
  /// are processed (spinnaker; 0 elsewhere).
  int64_t tickCycles(int64_t inputRows, int64_t synapses,
                     int64_t neurons) const;
  /// Lower-case hexadecimal SHA-256.
  std::string sha256Hex() const;
};

/// Parses and validates a description from JSON text; `path` only names the
/// file in messages and in the result. Errors read
/// "<path>: limits.neurons: expected a positive integer".
llvm::Expected<TargetDescription> parseTargetDescription(llvm::StringRef json,
                                                         llvm::StringRef path);

/// The directory holding targets/<name>/<name>.json: $SNNC_TARGETS_DIR when
/// set, otherwise the source tree's targets/ directory.
std::string targetsDirectory();

/// Loads a description given either a file path (contains '/' or ends in
/// ".json") or a target name resolved under targetsDirectory(). A named
/// description must carry that name, so a copied file is not mistaken for
/// its original.
llvm::Expected<TargetDescription>
loadTargetDescription(llvm::StringRef nameOrPath);

} // namespace snnc::target

#endif // SNNC_TARGET_TARGETDESCRIPTION_H

//===- VerifyReport.h - the results and verdict of snnc verify --*- C++ -*-===//
//
// `snnc verify` runs one model at every level -- float reference, integer
// reference and functional spiking interpreter (both as legalized for the
// target), and its image on the cycle-accurate simulator -- and reports how
// far each level is from the float model (and from recorded outputs), and
// whether the levels that must agree bit for bit do. This part holds the
// results, the verdict and the two renderings (table, JSON); it needs no
// MLIR, so the verdict is unit-tested on hand-made results.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_DRIVER_VERIFYREPORT_H
#define SNNC_DRIVER_VERIFYREPORT_H

#include "snnc/Sim/Simulator.h"
#include "snnc/Tensor/Tensor.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace snnc {

enum class Level { Float, Integer, Spiking, Simulator };
inline constexpr size_t kNumLevels = 4;

/// "float", "integer", "spiking", "simulator".
const char *levelName(Level level);

/// What one level computed, one tensor per graph output.
struct LevelOutputs {
  /// The real outputs (the float model's, or the decoded counts).
  std::vector<Tensor> values;
  /// The integer output counts (i64); empty for the float level.
  std::vector<Tensor> counts;
};

struct VerifyResults {
  std::vector<std::string> outputNames;
  std::array<LevelOutputs, kNumLevels> levels;
  /// Recorded outputs to compare with as well (e.g. PyTorch's); may be empty.
  std::vector<Tensor> expected;

  LevelOutputs &operator[](Level l) { return levels[size_t(l)]; }
  const LevelOutputs &operator[](Level l) const { return levels[size_t(l)]; }
};

/// One output of two levels that must agree bit for bit.
struct ExactnessCheck {
  Level lhs, rhs;
  size_t output;
  bool valuesIdentical; ///< the decoded floats, byte for byte
  bool countsIdentical; ///< the integer counts
  bool ok() const { return valuesIdentical && countsIdentical; }
};

/// integer == spiking and spiking == simulator for every graph output; an
/// output a level lacks fails its checks.
std::vector<ExactnessCheck> checkExactness(const VerifyResults &results);

/// The exit status of `snnc verify`: 0 when every exactness check passes,
/// 1 otherwise. Errors against float or the expected outputs never fail it:
/// they measure the quantization, not a bug.
int verifyExitStatus(const VerifyResults &results);

/// Everything the report shows beyond the results.
struct VerifyReport {
  std::string model;
  std::string target;
  unsigned timesteps = 0;
  std::string encoding;
  std::vector<std::string> inputs;   ///< files, or the names of the inputs
  std::vector<std::string> expected; ///< files of VerifyResults::expected
  VerifyResults results;
  /// Of the one simulator run (one inference on the inputs).
  sim::Statistics stats;
};

/// The table `snnc verify` prints.
std::string formatVerifyTable(const VerifyReport &report);

/// The same as deterministic JSON (--json).
std::string verifyReportJSON(const VerifyReport &report);

} // namespace snnc

#endif // SNNC_DRIVER_VERIFYREPORT_H

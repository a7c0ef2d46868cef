//===- ErrorAttribution.h - per-op error of `snnc run` ----------*- C++ -*-===//
//
// Which ops lose accuracy: for every xf op whose value has codes of its own
// in the snn program (the carrier the converter marks with snn.origin and
// snn.scale), its quantization error (dequantized integer codes against the
// float value) and its spiking error (elements whose spiking counts differ
// from the integer codes). docs/semantics.md, "Error attribution".
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_LIB_DRIVER_ERRORATTRIBUTION_H
#define SNNC_LIB_DRIVER_ERRORATTRIBUTION_H

#include "snnc/Interp/FloatInterpreter.h"
#include "snnc/Tensor/Metrics.h"

#include "llvm/ADT/StringMap.h"

#include <optional>
#include <string>
#include <vector>

namespace snnc {

struct OpError {
  /// The ONNX node name (snn.origin).
  std::string name;
  /// The xf op, e.g. xf.linear.
  std::string kind;
  std::vector<int64_t> shape;
  double scale = 0;
  Deviation quantization;
  /// Elements whose spiking count differs from the integer code; absent
  /// without a spiking run.
  std::optional<int64_t> spikingDiffers;
};

/// Collects the values of one run at every level through the interpreters'
/// observers, then pairs them by name.
class ErrorAttribution {
public:
  /// For runFloat on the xf function, before conversion.
  ValueObserver floatObserver();
  /// For runInteger and runSpiking on the converted function.
  ValueObserver integerObserver();
  ValueObserver spikingObserver();

  /// The ops seen at the float and integer levels, in program order.
  std::vector<OpError> errors() const;

private:
  struct Entry {
    std::string name, kind;
    Tensor value;
  };
  std::vector<Entry> floats;
  llvm::StringMap<unsigned> floatNameUses;
  llvm::StringMap<std::pair<Tensor, double>> codes;
  llvm::StringMap<Tensor> counts;
};

/// The table `snnc run -v` prints: the `limit` ops with the largest
/// quantization rel L2 first.
std::string formatErrorTable(const std::vector<OpError> &errors, size_t limit);

/// All ops in program order, deterministic; docs/user-guide.md.
std::string errorAttributionJSON(const std::vector<OpError> &errors,
                                 const std::string &model,
                                 const std::string &mode, unsigned timesteps);

} // namespace snnc

#endif // SNNC_LIB_DRIVER_ERRORATTRIBUTION_H

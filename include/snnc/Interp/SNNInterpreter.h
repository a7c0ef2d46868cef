//===- SNNInterpreter.h - integer and spiking interpreters of snn *- C++
//-*-===//
//
// Two meanings of one snn program, built on snnc-arith:
//  - runInteger: the normative integer meaning of every op (semantics.md),
//    the "integer reference" of `snnc run --mode int`;
//  - runSpiking: the time-stepped functional spiking interpreter of
//    `snnc run --mode spiking`, run until every population is quiescent.
// At quiescence the two agree exactly; the tests check it.
//
// Inputs are integer codes or token ids (one i64 tensor per argument),
// outputs the final counts (one i64 tensor per result). Timing follows the
// cycle-accurate simulator: source spikes reach their synapses in the step
// they are emitted, neuron and functional-unit spikes in the next step,
// biases enter at step 0 (docs/semantics.md).
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_INTERP_SNNINTERPRETER_H
#define SNNC_INTERP_SNNINTERPRETER_H

#include "snnc/Interp/FloatInterpreter.h"
#include "snnc/Tensor/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LogicalResult.h"

#include <cstdint>
#include <vector>

namespace snnc {

/// `observe`, when given, sees every op result's integer value (codes,
/// counts or currents) as it is computed.
mlir::FailureOr<std::vector<Tensor>>
runInteger(mlir::func::FuncOp func, const std::vector<Tensor> &codes,
           const ValueObserver &observe = nullptr);

struct SpikingStats {
  int64_t steps = 0;
  /// Spikes (sum of |spike|) emitted per population, in program order of the
  /// sources (snn.encode, snn.embed), snn.neurons and functional units
  /// (snn.lut, snn.softmax, snn.norm).
  std::vector<int64_t> populationSpikes;
  int64_t synapticEvents = 0;
};

/// The number of steps within which the semantics guarantee quiescence:
/// the sources' longest trains, then for each population (neurons and
/// functional units) its drain bound after its last input plus one step of
/// spike delay. The image records it as the window's maximum.
int64_t quiescenceBound(mlir::func::FuncOp func);

/// Runs until quiescent. Fails with a diagnostic when the network is still
/// active after the bound the semantics guarantees (a broken invariant).
/// `observe`, when given, sees the final counts of every spike train once
/// the network is quiescent.
mlir::FailureOr<std::vector<Tensor>>
runSpiking(mlir::func::FuncOp func, const std::vector<Tensor> &codes,
           SpikingStats *stats = nullptr,
           const ValueObserver &observe = nullptr);

} // namespace snnc

#endif // SNNC_INTERP_SNNINTERPRETER_H

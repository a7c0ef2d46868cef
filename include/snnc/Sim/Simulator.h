//===- Simulator.h - cycle-accurate Loihi-like simulator --------*- C++ -*-===//
//
// Runs an image (and nothing else: no target description, no MLIR) on
// barrier-synchronized timesteps. Step t:
//  (a) synaptic phase: every spike delivered to an input axon this step
//      (sent at t - 1, or from the input encoders at t) walks its synapse
//      row: Δa[neuron] += weight * spike, one synaptic op per synapse;
//  (b) at t = 0 each neuron's bias is added to its Δa;
//  (c) neuron phase: neurons that received a synaptic event (or bias) or are
//      not quiescent are updated with V += M * Δa and the ST-BIF step of
//      snnc-arith (active updates); every other neuron costs an idle update
//      and no work;
//  (d) emitted spikes go through the neuron's output axon table as messages,
//      in order of core index, then neuron index, then table order, over
//      the mesh (Network.h), to be delivered at t + 1;
//  (e) the step lasts max over cores (synaptic + neuron phase) + the
//      network drain + the barrier (one-chip or multi-chip).
// The window policy decides the end: until quiescent (no message in flight,
// encoders exhausted, every neuron quiescent), at most maxSteps steps, or
// exactly maxSteps steps. Stopping before quiescence is reported in the
// statistics and by checkQuiescent(), since only quiescent counts are the
// normative integers.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_SIM_SIMULATOR_H
#define SNNC_SIM_SIMULATOR_H

#include "snnc/Image/Error.h"
#include "snnc/Image/Image.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace snnc::sim {

using image::Error;
using image::Expected;

/// Energy by component, femtojoules. SpiNNaker-like: `neuron` is the active
/// cores' power over the run, `network` the packets, `synaptic` 0.
struct Energy {
  uint64_t synaptic = 0;
  uint64_t neuron = 0;
  uint64_t network = 0; ///< per-message tile delivery + hops, or packets
  uint64_t staticEnergy = 0;
  uint64_t total = 0;
};

struct CoreStats {
  uint32_t neurons = 0;
  double neuronUtilization = 0; ///< neurons / the core limit
  uint64_t spikes = 0;
  uint64_t synapticOps = 0;
  uint64_t activeUpdates = 0;
  uint64_t busyPs = 0;     ///< sum over steps of synaptic + neuron phase
  double busyFraction = 0; ///< busyPs / total time
};

struct PortStats {
  std::string name;
  uint64_t spikes = 0; ///< spike events of the port's neurons
};

/// SpiNNaker-like runs: multicast traffic and the tick budget. A core
/// overruns a tick when its cycles (packets received, synaptic events,
/// neuron updates) exceed the budget; real time then needs the tick slowed
/// by maxCoreCycles / tickCycles.
struct SpiNNakerStats {
  uint64_t tickCycles = 0;     ///< the budget
  uint64_t packets = 0;        ///< injected by neurons, 40-bit
  uint64_t payloadPackets = 0; ///< injected by neurons, 72-bit (spike != 1)
  uint64_t hostPackets = 0;    ///< encoder spikes written by the host
  uint64_t deliveries = 0;     ///< packets arriving at a core
  uint64_t dropped = 0;        ///< matched no entry where they started
  uint64_t chipHops = 0;
  uint64_t maxPacketHops = 0;
  uint64_t overrunTicks = 0; ///< (core, tick) pairs over the budget
  uint64_t maxCoreCycles = 0;
  uint64_t maxCoreCyclesTick = 0;
};

/// Deterministic integer counts (the two ratios are exact IEEE quotients).
/// Counters saturate at 2^64 - 1.
struct Statistics {
  std::string family; ///< image::familyName of the image
  uint64_t steps = 0;
  bool quiescent = false;
  uint64_t timePs = 0;
  uint64_t cycles = 0; ///< ceil(timePs / cyclePs)
  uint64_t maxStepPs = 0;
  uint64_t maxStep = 0;     ///< first step that took maxStepPs
  uint64_t inputSpikes = 0; ///< encoder spikes (one per element per step)
  uint64_t spikes = 0;      ///< neuron spike events
  uint64_t messages = 0;    ///< output axon messages
  uint64_t synapticOps = 0;
  uint64_t neuronUpdatesActive = 0;
  uint64_t neuronUpdatesIdle = 0;
  uint64_t hopsEastWest = 0;
  uint64_t hopsNorthSouth = 0;
  uint64_t linkMaxQueue = 0;
  Energy energyFj;
  std::vector<PortStats> outputs;
  std::vector<CoreStats> cores;
  std::vector<uint64_t> stepPs;     ///< per step
  std::vector<uint64_t> stepSpikes; ///< per step
  SpiNNakerStats spinnaker;         ///< family spinnaker only

  std::string toJSON() const;
};

/// Opt-in recording for reports and debugging. Off by default, so a plain
/// run does no extra work; recording never changes outputs or statistics.
struct RecordOptions {
  uint64_t maxSpikeEvents = 0; ///< spike events to keep; 0 records none
  bool traffic = false;        ///< count messages per link and core pair
};

/// A neuron's spike: `value` is the ST-BIF output (sign and burst count).
struct SpikeEvent {
  uint64_t step = 0;
  uint32_t core = 0;
  uint32_t neuron = 0; ///< index within the core
  int32_t value = 0;
};

/// Messages that crossed one directed physical link over the run, between
/// neighbouring nodes of the global grid: tiles (Loihi-like, Network.h) or
/// chips (SpiNNaker-like, snnc/Routing/Triangular.h).
struct LinkTraffic {
  uint32_t fromX = 0, fromY = 0, toX = 0, toY = 0;
  uint64_t messages = 0;
};

/// Neuron messages from one core to another (the logical links of the
/// output axon tables or multicast routes), whatever path they took.
struct CoreTraffic {
  uint32_t from = 0, to = 0;
  uint64_t messages = 0;
};

struct Recording {
  /// In step, core, neuron order; the first maxSpikeEvents of the run.
  std::vector<SpikeEvent> spikes;
  bool spikesTruncated = false; ///< more spikes happened than were kept
  /// Sorted by (fromY, fromX, toY, toX); links with messages only.
  std::vector<LinkTraffic> links;
  /// Sorted by (from, to); pairs with messages only.
  std::vector<CoreTraffic> cores;
};

struct Result {
  /// Per output port, row-major: dequantizeOutput(count, scale).
  std::vector<std::vector<float>> outputs;
  /// Per output port, the final spike counts (the integer codes).
  std::vector<std::vector<int32_t>> counts;
  Statistics stats;
  /// What RecordOptions asked for; empty by default.
  Recording recording;

  /// Fails with an explanation when the run stopped before quiescence.
  Error checkQuiescent() const;
};

class Simulator {
public:
  /// Validates the image and builds the run-time tables. The image must
  /// outlive the simulator.
  static Expected<Simulator> create(const image::Image &image);

  Simulator(Simulator &&) noexcept;
  Simulator &operator=(Simulator &&) noexcept;
  ~Simulator();

  /// One inference from the initial state. `inputs` holds one flat
  /// row-major tensor per input port, in port order. Fails on inputs of the
  /// wrong number or size, and when an accumulator or the membrane potential
  /// leaves its range (the compiler's legalization must prevent that).
  Expected<Result> run(const std::vector<std::vector<float>> &inputs);

  /// Records what `options` asks for in every later run's Result.
  void setRecording(const RecordOptions &options);

private:
  struct Impl;
  explicit Simulator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Simulator::create + run.
Expected<Result> simulate(const image::Image &image,
                          const std::vector<std::vector<float>> &inputs);

} // namespace snnc::sim

#endif // SNNC_SIM_SIMULATOR_H

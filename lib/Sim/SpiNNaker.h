//===- SpiNNaker.h - the SpiNNaker-like family's run loop -------*- C++ -*-===//

#ifndef SNNC_LIB_SIM_SPINNAKER_H
#define SNNC_LIB_SIM_SPINNAKER_H

#include "snnc/Sim/Simulator.h"

#include <map>
#include <utility>

namespace snnc::sim::detail {

/// One inference of a validated SpiNNaker-family image (Simulator.h).
Expected<Result> runSpiNNaker(const image::Image &image,
                              const std::vector<std::vector<float>> &inputs,
                              const RecordOptions &record);

// Recording, shared by both families' run loops.

/// Messages per (from, to) pair; ordered, so conversions are deterministic.
using PairCounts = std::map<std::pair<uint32_t, uint32_t>, uint64_t>;

inline void recordSpike(Recording &r, const RecordOptions &o,
                        const SpikeEvent &e) {
  if (!o.maxSpikeEvents)
    return;
  if (r.spikes.size() < o.maxSpikeEvents)
    r.spikes.push_back(e);
  else
    r.spikesTruncated = true;
}

inline std::vector<CoreTraffic> coreTrafficOf(const PairCounts &counts) {
  std::vector<CoreTraffic> out;
  for (const auto &[pair, n] : counts)
    out.push_back({pair.first, pair.second, n});
  return out;
}

} // namespace snnc::sim::detail

#endif // SNNC_LIB_SIM_SPINNAKER_H

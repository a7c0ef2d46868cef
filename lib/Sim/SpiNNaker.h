//===- SpiNNaker.h - the SpiNNaker-like family's run loop -------*- C++ -*-===//

#ifndef SNNC_LIB_SIM_SPINNAKER_H
#define SNNC_LIB_SIM_SPINNAKER_H

#include "snnc/Sim/Simulator.h"

namespace snnc::sim::detail {

/// One inference of a validated SpiNNaker-family image (Simulator.h).
Expected<Result> runSpiNNaker(const image::Image &image,
                              const std::vector<std::vector<float>> &inputs);

} // namespace snnc::sim::detail

#endif // SNNC_LIB_SIM_SPINNAKER_H

//===- ImageFuzzer.cpp - fuzz the chip-image reader -----------------------===//
//
// Bytes -> decode + validate -> text and JSON dumps -> (small images) one
// simulated inference. Any crash, leak, sanitizer report or hang is a bug:
// hostile images must only ever produce an error.
//
//===----------------------------------------------------------------------===//

#include "snnc/Image/Dump.h"
#include "snnc/Image/Format.h"
#include "snnc/Sim/Simulator.h"

#include <cstdint>
#include <vector>

using namespace snnc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  image::FileInfo info;
  auto img = image::decodeImage(data, size, &info);
  if (!img)
    return 0;
  (void)image::dumpText(*img, info);
  (void)image::dumpJSON(*img, info);
  // Simulate only images small enough to run in milliseconds: a valid but
  // huge image is slow by design, not a bug.
  uint64_t neurons = 0;
  for (const image::Core &c : img->cores)
    neurons += c.neuronCount;
  if (img->header.maxSteps > 256 || neurons > 4096)
    return 0;
  std::vector<std::vector<float>> inputs;
  for (const image::InputPort &p : img->inputs) {
    auto n = image::elementCount(p.shape);
    if (!n || *n > 4096)
      return 0;
    inputs.emplace_back(*n, 0.5f);
  }
  (void)sim::simulate(*img, inputs);
  return 0;
}

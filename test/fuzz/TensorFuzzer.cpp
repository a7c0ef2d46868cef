//===- TensorFuzzer.cpp - fuzz the .pb tensor reader ----------------------===//

#include "snnc/Tensor/TensorIO.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  snnc::Tensor t;
  std::string error, name;
  if (snnc::parseTensor(data, size, t, error, &name)) {
    // A parsed tensor must be self-consistent.
    size_t n = t.dtype == snnc::DType::F32 ? t.f32.size() : t.i64.size();
    if (int64_t(n) != t.numElements())
      __builtin_trap();
  }
  return 0;
}

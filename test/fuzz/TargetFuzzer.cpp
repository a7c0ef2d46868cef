//===- TargetFuzzer.cpp - fuzz the target description reader --------------===//

#include "snnc/Target/TargetDescription.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto desc = snnc::target::parseTargetDescription(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.json");
  if (!desc)
    llvm::consumeError(desc.takeError());
  return 0;
}

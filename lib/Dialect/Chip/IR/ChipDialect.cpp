//===- ChipDialect.cpp - chip dialect registration ----------------------===//

#include "snnc/Dialect/Chip/ChipDialect.h"
#include "snnc/Dialect/Chip/ChipOps.h"

using namespace mlir;
using namespace snnc::chip;

#include "snnc/Dialect/Chip/ChipDialect.cpp.inc"

void ChipDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "snnc/Dialect/Chip/ChipOps.cpp.inc"
      >();
}

//===- SNNDialect.cpp - snn dialect registration --------------------------===//

#include "snnc/Dialect/SNN/SNNDialect.h"
#include "snnc/Dialect/SNN/SNNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"

using namespace mlir;
using namespace snnc::snn;

#include "snnc/Dialect/SNN/SNNDialect.cpp.inc"
#include "snnc/Dialect/SNN/SNNEnums.cpp.inc"

void SNNDialect::initialize() {
  registerAttributes();
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "snnc/Dialect/SNN/SNNOps.cpp.inc"
      >();
}

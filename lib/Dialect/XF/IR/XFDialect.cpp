//===- XFDialect.cpp - xf dialect registration ----------------------------===//

#include "snnc/Dialect/XF/XFDialect.h"
#include "snnc/Dialect/XF/XFOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace snnc::xf;

#include "snnc/Dialect/XF/XFDialect.cpp.inc"
#include "snnc/Dialect/XF/XFEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "snnc/Dialect/XF/XFAttrs.cpp.inc"

void XFDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "snnc/Dialect/XF/XFAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "snnc/Dialect/XF/XFOps.cpp.inc"
      >();
}

//===- SNNOps.h - snn types, attributes and operations --------*- C++ -*-===//

#ifndef SNNC_DIALECT_SNN_SNNOPS_H
#define SNNC_DIALECT_SNN_SNNOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "snnc/Dialect/SNN/SNNDialect.h"
#include <optional>

#include "snnc/Dialect/SNN/SNNEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "snnc/Dialect/SNN/SNNAttrs.h.inc"

#define GET_TYPEDEF_CLASSES
#include "snnc/Dialect/SNN/SNNTypes.h.inc"

#define GET_OP_CLASSES
#include "snnc/Dialect/SNN/SNNOps.h.inc"

#endif // SNNC_DIALECT_SNN_SNNOPS_H

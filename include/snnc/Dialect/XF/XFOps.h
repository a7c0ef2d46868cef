//===- XFOps.h - xf operations ----------------------------------*- C++ -*-===//

#ifndef SNNC_DIALECT_XF_XFOPS_H
#define SNNC_DIALECT_XF_XFOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "snnc/Dialect/XF/XFDialect.h"

#include "snnc/Dialect/XF/XFEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "snnc/Dialect/XF/XFAttrs.h.inc"

#define GET_OP_CLASSES
#include "snnc/Dialect/XF/XFOps.h.inc"

#endif // SNNC_DIALECT_XF_XFOPS_H

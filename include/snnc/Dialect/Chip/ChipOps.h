//===- ChipOps.h - chip attributes and operations ---------------*- C++ -*-===//

#ifndef SNNC_DIALECT_CHIP_CHIPOPS_H
#define SNNC_DIALECT_CHIP_CHIPOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "snnc/Dialect/Chip/ChipDialect.h"

#include "snnc/Dialect/Chip/ChipEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "snnc/Dialect/Chip/ChipAttrs.h.inc"

#define GET_OP_CLASSES
#include "snnc/Dialect/Chip/ChipOps.h.inc"

#endif // SNNC_DIALECT_CHIP_CHIPOPS_H

//===- ChipDialect.h - chip dialect -----------------------------*- C++ -*-===//

#ifndef SNNC_DIALECT_CHIP_CHIPDIALECT_H
#define SNNC_DIALECT_CHIP_CHIPDIALECT_H

#include "mlir/IR/Dialect.h"

#include "snnc/Dialect/Chip/ChipDialect.h.inc"

#endif // SNNC_DIALECT_CHIP_CHIPDIALECT_H

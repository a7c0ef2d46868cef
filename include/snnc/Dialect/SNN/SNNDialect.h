//===- SNNDialect.h - snn dialect -----------------------------*- C++ -*-===//

#ifndef SNNC_DIALECT_SNN_SNNDIALECT_H
#define SNNC_DIALECT_SNN_SNNDIALECT_H

#include "mlir/IR/Dialect.h"

#include "snnc/Dialect/SNN/SNNDialect.h.inc"

#endif // SNNC_DIALECT_SNN_SNNDIALECT_H

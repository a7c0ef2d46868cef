//===- XFDialect.h - xf tensor-graph dialect --------------------*- C++ -*-===//

#ifndef SNNC_DIALECT_XF_XFDIALECT_H
#define SNNC_DIALECT_XF_XFDIALECT_H

#include "mlir/IR/Dialect.h"

#include "snnc/Dialect/XF/XFDialect.h.inc"

#endif // SNNC_DIALECT_XF_XFDIALECT_H

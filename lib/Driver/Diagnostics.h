//===- Diagnostics.h - snnc's one-line error format -------------*- C++ -*-===//

#ifndef SNNC_LIB_DRIVER_DIAGNOSTICS_H
#define SNNC_LIB_DRIVER_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <string>

namespace snnc {

/// Prints MLIR diagnostics as `snnc: error: <file>:<node>: <cause>`, the
/// format of docs/cli.md, for as long as it lives.
class CLIDiagnosticHandler {
public:
  explicit CLIDiagnosticHandler(mlir::MLIRContext *ctx);
  ~CLIDiagnosticHandler();
  unsigned numErrors() const { return errors; }

private:
  mlir::MLIRContext *ctx;
  mlir::DiagnosticEngine::HandlerID id;
  unsigned errors = 0;
};

/// Prints `snnc: error: <where>: <message>` for errors found outside MLIR.
void reportError(const std::string &where, const std::string &message);

} // namespace snnc

#endif // SNNC_LIB_DRIVER_DIAGNOSTICS_H

//===- Diagnostics.cpp - snnc's one-line error format ---------------------===//

#include "Diagnostics.h"
#include "Progress.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace snnc;

/// "file:node" for ONNX node locations, "file" for whole-file errors,
/// "file:line:col" for text positions.
static std::string describe(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    std::string inner = describe(name.getChildLoc());
    return (inner.empty() ? "" : inner + ":") + name.getName().str();
  }
  if (auto file = dyn_cast<FileLineColLoc>(loc)) {
    std::string s = file.getFilename().str();
    if (file.getLine() != 0)
      s += ":" + std::to_string(file.getLine()) + ":" +
           std::to_string(file.getColumn());
    return s;
  }
  if (auto fused = dyn_cast<FusedLoc>(loc))
    return fused.getLocations().empty() ? ""
                                        : describe(fused.getLocations()[0]);
  if (auto callsite = dyn_cast<CallSiteLoc>(loc))
    return describe(callsite.getCallee());
  return "";
}

static void print(const char *kind, Location loc, StringRef message) {
  Progress::clearLine();
  std::string where = describe(loc);
  llvm::errs() << "snnc: " << kind << ": "
               << (where.empty() ? "" : where + ": ") << message << "\n";
}

CLIDiagnosticHandler::CLIDiagnosticHandler(MLIRContext *ctx) : ctx(ctx) {
  id = ctx->getDiagEngine().registerHandler([this](Diagnostic &diag) {
    const char *kind = diag.getSeverity() == DiagnosticSeverity::Error ? "error"
                       : diag.getSeverity() == DiagnosticSeverity::Warning
                           ? "warning"
                           : "note";
    if (diag.getSeverity() == DiagnosticSeverity::Error)
      ++errors;
    print(kind, diag.getLocation(), diag.str());
    for (Diagnostic &note : diag.getNotes())
      print("note", note.getLocation(), note.str());
    return success();
  });
}

CLIDiagnosticHandler::~CLIDiagnosticHandler() {
  ctx->getDiagEngine().eraseHandler(id);
}

void snnc::reportError(const std::string &where, const std::string &message) {
  Progress::clearLine();
  llvm::errs() << "snnc: error: " << (where.empty() ? "" : where + ": ")
               << message << "\n";
}

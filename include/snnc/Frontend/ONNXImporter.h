//===- ONNXImporter.h - ONNX to xf ------------------------------*- C++ -*-===//
//
// Imports an ONNX model (as torch.onnx.export writes it, opsets 13-17) into a
// module with one `func.func @main` in the xf dialect. ONNX's own checker and
// shape inference run first; initializers become `xf.constant`; every op's
// location is its ONNX node name, so later diagnostics name the node.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_FRONTEND_ONNXIMPORTER_H
#define SNNC_FRONTEND_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace snnc {

struct ImportOptions {
  /// Static shapes for graph inputs whose dims are symbolic: name -> dims.
  std::map<std::string, std::vector<int64_t>> inputShapes;
  /// Shapes of the tensors a run feeds the graph inputs, in order: they fix
  /// the symbolic dims of inputs that inputShapes does not name.
  std::vector<std::vector<int64_t>> feedShapes;
};

/// The opsets of the default ONNX domain the importer accepts.
constexpr int64_t kMinOpset = 13, kMaxOpset = 17;

/// Imports the model in `path`. Returns null after emitting diagnostics on the
/// context (located at the file, or at the failing node).
mlir::OwningOpRef<mlir::ModuleOp> importONNXFile(llvm::StringRef path,
                                                 const ImportOptions &options,
                                                 mlir::MLIRContext *context);

/// Same, from the serialized model bytes; `fileName` is used in locations.
mlir::OwningOpRef<mlir::ModuleOp> importONNXBytes(llvm::StringRef bytes,
                                                  llvm::StringRef fileName,
                                                  const ImportOptions &options,
                                                  mlir::MLIRContext *context);

/// ONNX op types the importer handles (sorted), for `snnc --list-ops`.
std::vector<std::string> supportedONNXOps();

/// Parses "NAME=1x8x64" into `options`; false with `error` set otherwise.
bool parseInputShape(llvm::StringRef spec, ImportOptions &options,
                     std::string &error);

} // namespace snnc

#endif // SNNC_FRONTEND_ONNXIMPORTER_H

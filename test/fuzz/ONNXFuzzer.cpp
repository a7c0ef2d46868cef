//===- ONNXFuzzer.cpp - fuzz the ONNX importer ----------------------------===//
//
// Bytes -> ModelProto -> checker and shape inference -> import into xf ->
// verify. Diagnostics are expected; crashes are not.
//
//===----------------------------------------------------------------------===//

#include "snnc/Dialect/XF/XFDialect.h"
#include "snnc/Frontend/ONNXImporter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::MLIRContext ctx;
  ctx.loadDialect<snnc::xf::XFDialect, mlir::func::FuncDialect>();
  mlir::ScopedDiagnosticHandler quiet(
      &ctx, [](mlir::Diagnostic &) { return mlir::success(); });
  auto module = snnc::importONNXBytes(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.onnx",
      {}, &ctx);
  if (module && mlir::failed(mlir::verify(*module)))
    __builtin_trap(); // the importer must only build valid IR
  return 0;
}

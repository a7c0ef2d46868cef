//===- Driver.cpp - snnc subcommands --------------------------------------===//

#include "snnc/Driver/Driver.h"
#include "Diagnostics.h"
#include "snnc/Config.h"
#include "snnc/Dialect/Chip/ChipDialect.h"
#include "snnc/Dialect/SNN/SNNDialect.h"
#include "snnc/Dialect/XF/XFDialect.h"
#include "snnc/Frontend/ONNXImporter.h"
#include "snnc/Interp/FloatInterpreter.h"
#include "snnc/Tensor/TensorIO.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace snnc;

namespace {

void loadDialects(MLIRContext &ctx) {
  ctx.loadDialect<xf::XFDialect, snn::SNNDialect, chip::ChipDialect,
                  func::FuncDialect>();
}

/// Imports the model with the --input-shape options applied; null after
/// printing errors.
OwningOpRef<ModuleOp> importModel(const ModelArgs &args, MLIRContext &ctx) {
  ImportOptions options;
  for (const std::string &spec : args.inputShapes) {
    std::string error;
    if (!parseInputShape(spec, options, error)) {
      reportError("--input-shape", error);
      return nullptr;
    }
  }
  return importONNXFile(args.model, options, &ctx);
}

/// The given inputs, or test_data_set_0/input_K.pb beside the model.
bool loadInputs(const ModelArgs &args, func::FuncOp func,
                std::vector<Tensor> &inputs) {
  std::vector<std::string> paths = args.inputs;
  if (paths.empty()) {
    llvm::SmallString<256> dir(llvm::sys::path::parent_path(args.model));
    llvm::sys::path::append(dir, "test_data_set_0");
    for (unsigned i = 0; i < func.getNumArguments(); ++i) {
      llvm::SmallString<256> p(dir);
      llvm::sys::path::append(p, "input_" + std::to_string(i) + ".pb");
      if (!llvm::sys::fs::exists(p)) {
        reportError(args.model,
                    "no --input given and no " + std::string(p.str()) +
                        " beside the model; pass the model's inputs with "
                        "--input IN.pb (one per graph input)");
        return false;
      }
      paths.push_back(std::string(p.str()));
    }
  }
  for (const std::string &p : paths) {
    Tensor t;
    std::string error;
    if (!readTensorFile(p, t, error)) {
      reportError(p, error);
      return false;
    }
    inputs.push_back(std::move(t));
  }
  return true;
}

void printTensor(llvm::raw_ostream &os, const std::string &name,
                 const Tensor &t) {
  os << "output '" << name << "' " << t.describe() << ":";
  if (t.dtype == DType::F32)
    for (float v : t.f32)
      os << " " << llvm::format("%.9g", v);
  else
    for (int64_t v : t.i64)
      os << " " << v;
  os << "\n";
}

} // namespace

int snnc::runImportCommand(const ModelArgs &args, const std::string &output,
                           const CommonOptions &) {
  MLIRContext ctx;
  loadDialects(ctx);
  CLIDiagnosticHandler diag(&ctx);
  OwningOpRef<ModuleOp> module = importModel(args, ctx);
  if (!module)
    return ExitInputError;
  if (output.empty() || output == "-") {
    module->print(llvm::outs());
    return ExitSuccess;
  }
  std::string error;
  // ToolOutputFile deletes the file unless keep() is reached.
  auto file = mlir::openOutputFile(output, &error);
  if (!file) {
    reportError(output, error);
    return ExitInputError;
  }
  module->print(file->os());
  file->os().flush();
  if (file->os().has_error()) {
    reportError(output, "cannot write: " + file->os().error().message());
    file->os().clear_error();
    return ExitInputError;
  }
  file->keep();
  return ExitSuccess;
}

int snnc::runRunCommand(const ModelArgs &args, const std::string &mode,
                        const std::vector<std::string> &outputs,
                        const CommonOptions &common) {
  if (mode != "float") {
    reportError("", "'run --mode " + mode + "' is not available yet in snnc " +
                        SNNC_VERSION +
                        " (see the Status section of README.md)");
    return ExitInputError;
  }
  MLIRContext ctx;
  loadDialects(ctx);
  CLIDiagnosticHandler diag(&ctx);
  OwningOpRef<ModuleOp> module = importModel(args, ctx);
  if (!module)
    return ExitInputError;
  auto func = module->lookupSymbol<func::FuncOp>("main");
  std::vector<Tensor> inputs;
  if (!loadInputs(args, func, inputs))
    return ExitInputError;
  auto results = runFloat(func, inputs);
  if (failed(results))
    return ExitInputError;
  if (!outputs.empty() && outputs.size() != results->size()) {
    reportError("--output", "the model has " + std::to_string(results->size()) +
                                " outputs; give one --output per output (" +
                                std::to_string(outputs.size()) + " given)");
    return ExitUsageError;
  }
  for (size_t i = 0; i < results->size(); ++i) {
    auto nameAttr = func.getResultAttrOfType<StringAttr>(i, "onnx.name");
    std::string name =
        nameAttr ? nameAttr.str() : "output_" + std::to_string(i);
    if (outputs.empty()) {
      if (!common.quiet)
        printTensor(llvm::outs(), name, (*results)[i]);
      continue;
    }
    std::string error;
    if (!writeTensorFile(outputs[i], (*results)[i], name, error)) {
      reportError(outputs[i], error);
      return ExitInputError;
    }
  }
  return ExitSuccess;
}

int snnc::runListOpsCommand(const std::string &target, const CommonOptions &) {
  if (!target.empty()) {
    reportError("--target", "per-target op support is not available yet; "
                            "run snnc --list-ops without --target");
    return ExitInputError;
  }
  llvm::outs() << "ONNX ops imported by snnc " << SNNC_VERSION << " (opsets "
               << kMinOpset << "-" << kMaxOpset << "):\n";
  for (const std::string &op : supportedONNXOps())
    llvm::outs() << "  " << op << "\n";
  return ExitSuccess;
}

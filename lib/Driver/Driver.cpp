//===- Driver.cpp - snnc subcommands --------------------------------------===//

#include "snnc/Driver/Driver.h"
#include "Diagnostics.h"
#include "snnc/Config.h"
#include "snnc/Conversion/Passes.h"
#include "snnc/Dialect/Chip/ChipDialect.h"
#include "snnc/Dialect/SNN/SNNDialect.h"
#include "snnc/Dialect/XF/XFDialect.h"
#include "snnc/Frontend/ONNXImporter.h"
#include "snnc/Image/PortCodec.h"
#include "snnc/Interp/FloatInterpreter.h"
#include "snnc/Interp/SNNInterpreter.h"
#include "snnc/Quant/Calibration.h"
#include "snnc/Tensor/TensorIO.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace snnc;

namespace {

void loadDialects(MLIRContext &ctx) {
  // Diagnostics name the ONNX node; dumping the whole function helps nobody.
  ctx.printOpOnDiagnostic(false);
  ctx.loadDialect<xf::XFDialect, snn::SNNDialect, chip::ChipDialect,
                  func::FuncDialect>();
}

/// Imports the model with the --input-shape options applied and symbolic
/// dims taken from `feeds`, the tensors the run gives; null after printing
/// errors.
OwningOpRef<ModuleOp> importModel(const ModelArgs &args, MLIRContext &ctx,
                                  const std::vector<Tensor> &feeds = {}) {
  ImportOptions options;
  for (const std::string &spec : args.inputShapes) {
    std::string error;
    if (!parseInputShape(spec, options, error)) {
      reportError("--input-shape", error);
      return nullptr;
    }
  }
  for (const Tensor &t : feeds)
    options.feedShapes.push_back(t.shape);
  return importONNXFile(args.model, options, &ctx);
}

/// Reads a list of tensor files; false after reporting the failing file.
bool readTensors(const std::vector<std::string> &paths,
                 std::vector<Tensor> &out) {
  for (const std::string &p : paths) {
    Tensor t;
    std::string error;
    if (!readTensorFile(p, t, error)) {
      reportError(p, error);
      return false;
    }
    out.push_back(std::move(t));
  }
  return true;
}

llvm::SmallString<256> defaultInputPath(const ModelArgs &args, unsigned i) {
  llvm::SmallString<256> p(llvm::sys::path::parent_path(args.model));
  llvm::sys::path::append(p, "test_data_set_0",
                          "input_" + std::to_string(i) + ".pb");
  return p;
}

bool hasDefaultInputs(const ModelArgs &args) {
  return llvm::sys::fs::exists(defaultInputPath(args, 0));
}

/// The given inputs, or test_data_set_0/input_K.pb beside the model.
bool loadInputs(const ModelArgs &args, std::vector<Tensor> &inputs) {
  std::vector<std::string> paths = args.inputs;
  if (paths.empty()) {
    for (unsigned i = 0; llvm::sys::fs::exists(defaultInputPath(args, i)); ++i)
      paths.push_back(std::string(defaultInputPath(args, i).str()));
  }
  return readTensors(paths, inputs);
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

/// Calibrates `func` and converts the module to snn. Calibration uses the
/// --calibrate files, taken in groups of one tensor per graph input, or the
/// inputs of this run; sets of other shapes get their own import.
LogicalResult buildSpikingProgram(const ModelArgs &args, ModuleOp module,
                                  func::FuncOp func,
                                  const std::vector<Tensor> &inputs) {
  if (args.encoding != "unary") {
    reportError("--encoding", "the '" + args.encoding +
                                  "' encoding is not available yet; use "
                                  "unary");
    return failure();
  }
  RangeCollector ranges;
  if (args.calibrate.empty()) {
    if (failed(ranges.observe(func, inputs)))
      return failure();
  } else {
    size_t n = func.getNumArguments();
    if (args.calibrate.size() % n) {
      reportError("--calibrate", "give the calibration tensors in groups of " +
                                     std::to_string(n) +
                                     " (one per graph input); got " +
                                     std::to_string(args.calibrate.size()));
      return failure();
    }
    std::vector<Tensor> all;
    if (!readTensors(args.calibrate, all))
      return failure();
    for (size_t i = 0; i < all.size(); i += n) {
      std::vector<Tensor> set(all.begin() + i, all.begin() + i + n);
      OwningOpRef<ModuleOp> shaped =
          importModel(args, *module->getContext(), set);
      if (!shaped)
        return failure();
      if (failed(
              ranges.observe(shaped->lookupSymbol<func::FuncOp>("main"), set)))
        return failure();
    }
  }
  if (failed(ranges.annotate(func)))
    return failure();
  PassManager pm(module->getContext());
  ConvertXFToSNNOptions options;
  options.timesteps = args.timesteps;
  pm.addPass(createConvertXFToSNN(options));
  return pm.run(module);
}

} // namespace

int snnc::runImportCommand(const ModelArgs &args, const std::string &output,
                           const CommonOptions &) {
  MLIRContext ctx;
  loadDialects(ctx);
  CLIDiagnosticHandler diag(&ctx);
  // Symbolic dims default to the shapes of the model's own test data.
  std::vector<Tensor> feeds;
  ModelArgs quiet = args;
  quiet.inputs.clear();
  if (!hasDefaultInputs(args) || !loadInputs(quiet, feeds))
    feeds.clear();
  OwningOpRef<ModuleOp> module = importModel(args, ctx, feeds);
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
  if (!args.target.empty()) {
    reportError("--target", "running the program as legalized for a target "
                            "is not available yet in snnc " SNNC_VERSION);
    return ExitInputError;
  }
  MLIRContext ctx;
  loadDialects(ctx);
  CLIDiagnosticHandler diag(&ctx);
  std::vector<Tensor> inputs;
  if (!loadInputs(args, inputs))
    return ExitInputError;
  OwningOpRef<ModuleOp> module = importModel(args, ctx, inputs);
  if (!module)
    return ExitInputError;
  auto func = module->lookupSymbol<func::FuncOp>("main");
  if (inputs.empty() && func.getNumArguments() != 0) {
    reportError(args.model, "no --input given and no " +
                                std::string(defaultInputPath(args, 0).str()) +
                                " beside the model; pass the model's inputs "
                                "with --input IN.pb (one per graph input)");
    return ExitInputError;
  }
  FailureOr<std::vector<Tensor>> results;
  if (mode == "float") {
    results = runFloat(func, inputs);
  } else {
    if (failed(buildSpikingProgram(args, *module, func, inputs)))
      return ExitInputError;
    // Real inputs become codes, counts become real outputs, through the
    // same functions the simulator uses.
    std::vector<Tensor> codes;
    for (auto [i, t] : llvm::enumerate(inputs)) {
      auto scale = func.getArgAttrOfType<FloatAttr>(i, "snn.scale");
      auto qmin = func.getArgAttrOfType<IntegerAttr>(i, "snn.qmin");
      auto qmax = func.getArgAttrOfType<IntegerAttr>(i, "snn.qmax");
      std::vector<int64_t> c;
      for (float x : t.f32)
        c.push_back(image::quantizeInput(x, float(scale.getValueAsDouble()),
                                         int32_t(qmin.getInt()),
                                         int32_t(qmax.getInt())));
      codes.push_back(Tensor::ints(t.shape, std::move(c)));
    }
    SpikingStats stats;
    auto counts = mode == "int" ? runInteger(func, codes)
                                : runSpiking(func, codes, &stats);
    if (failed(counts))
      return ExitInputError;
    if (mode == "spiking" && common.verbose) {
      llvm::errs() << "spiking: quiescent after " << stats.steps << " steps, "
                   << stats.synapticEvents
                   << " synaptic events, spikes per population:";
      for (int64_t n : stats.populationSpikes)
        llvm::errs() << " " << n;
      llvm::errs() << "\n";
    }
    std::vector<Tensor> real;
    for (auto [i, t] : llvm::enumerate(*counts)) {
      float scale = float(func.getResultAttrOfType<FloatAttr>(i, "snn.scale")
                              .getValueAsDouble());
      std::vector<float> v;
      for (int64_t n : t.i64)
        v.push_back(image::dequantizeOutput(n, scale));
      real.push_back(Tensor::floats(t.shape, std::move(v)));
    }
    results = std::move(real);
  }
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

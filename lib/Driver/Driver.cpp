//===- Driver.cpp - snnc subcommands --------------------------------------===//

#include "snnc/Driver/Driver.h"
#include "Diagnostics.h"
#include "ErrorAttribution.h"
#include "Progress.h"
#include "snnc/Config.h"
#include "snnc/Conversion/Passes.h"
#include "snnc/Dialect/Chip/ChipDialect.h"
#include "snnc/Dialect/Chip/Transforms/Passes.h"
#include "snnc/Dialect/SNN/SNNDialect.h"
#include "snnc/Dialect/SNN/Transforms/Passes.h"
#include "snnc/Dialect/XF/Transforms/Passes.h"
#include "snnc/Dialect/XF/XFDialect.h"
#include "snnc/Driver/VerifyReport.h"
#include "snnc/Frontend/ONNXImporter.h"
#include "snnc/Image/Dump.h"
#include "snnc/Image/File.h"
#include "snnc/Image/Format.h"
#include "snnc/Image/PortCodec.h"
#include "snnc/Interp/FloatInterpreter.h"
#include "snnc/Interp/SNNInterpreter.h"
#include "snnc/Quant/Calibration.h"
#include "snnc/Sim/Simulator.h"
#include "snnc/Target/Emitter.h"
#include "snnc/Target/TargetDescription.h"
#include "snnc/Tensor/TensorIO.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

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
  OwningOpRef<ModuleOp> module = importONNXFile(args.model, options, &ctx);
  if (!module)
    return nullptr;
  // Every later stage wants the named ops, not the exporter's decompositions.
  PassManager pm(&ctx);
  pm.addPass(createXFRaise());
  if (failed(pm.run(*module)))
    return nullptr;
  return module;
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

/// The given input files, or test_data_set_0/input_K.pb beside the model.
std::vector<std::string> inputPaths(const ModelArgs &args) {
  std::vector<std::string> paths = args.inputs;
  if (paths.empty()) {
    for (unsigned i = 0; llvm::sys::fs::exists(defaultInputPath(args, i)); ++i)
      paths.push_back(std::string(defaultInputPath(args, i).str()));
  }
  return paths;
}

bool loadInputs(const ModelArgs &args, std::vector<Tensor> &inputs) {
  return readTensors(inputPaths(args), inputs);
}

/// Fails with a hint when the model takes inputs and none were found.
bool checkInputsGiven(const ModelArgs &args, func::FuncOp func,
                      const std::vector<Tensor> &inputs) {
  if (!inputs.empty() || func.getNumArguments() == 0)
    return true;
  reportError(args.model, "no --input given and no " +
                              std::string(defaultInputPath(args, 0).str()) +
                              " beside the model; pass the model's inputs "
                              "with --input IN.pb (one per graph input)");
  return false;
}

/// The ONNX name of result `i`.
std::string outputName(func::FuncOp func, unsigned i) {
  auto nameAttr = func.getResultAttrOfType<StringAttr>(i, "onnx.name");
  return nameAttr ? nameAttr.str() : "output_" + std::to_string(i);
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

/// Loads --target (a name under targets/ or a description file); null after
/// reporting why.
std::shared_ptr<const target::TargetDescription>
loadTarget(const std::string &nameOrPath) {
  auto desc = target::loadTargetDescription(nameOrPath);
  if (!desc) {
    reportError("--target", llvm::toString(desc.takeError()));
    return nullptr;
  }
  return std::make_shared<const target::TargetDescription>(std::move(*desc));
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
      // The calibration tensors fix every symbolic dim themselves.
      ModelArgs shapedArgs = args;
      shapedArgs.inputShapes.clear();
      OwningOpRef<ModuleOp> shaped =
          importModel(shapedArgs, *module->getContext(), set);
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

/// Rewrites the snn program in `desc`'s formats and state widths, as its
/// image holds it.
LogicalResult
legalizeForTarget(ModuleOp module,
                  std::shared_ptr<const target::TargetDescription> desc) {
  PassManager pm(module->getContext());
  pm.addPass(createSNNLegalizeTarget(std::move(desc)));
  return pm.run(module);
}

/// The output of the integer reference or the spiking interpreter: the
/// counts and the real values they decode to.
struct QuantizedRun {
  std::vector<Tensor> counts;
  std::vector<Tensor> values;
};

/// The snn program's input codes for real inputs, quantized as the
/// simulator quantizes them.
std::vector<Tensor> inputCodes(func::FuncOp func,
                               const std::vector<Tensor> &inputs) {
  std::vector<Tensor> codes;
  for (auto [i, t] : llvm::enumerate(inputs)) {
    auto scale = func.getArgAttrOfType<FloatAttr>(i, "snn.scale");
    // Token ids (embedding inputs) have no scale: they pass as they are.
    if (!scale) {
      codes.push_back(t);
      continue;
    }
    auto qmin = func.getArgAttrOfType<IntegerAttr>(i, "snn.qmin");
    auto qmax = func.getArgAttrOfType<IntegerAttr>(i, "snn.qmax");
    std::vector<int64_t> c;
    for (float x : t.f32)
      c.push_back(image::quantizeInput(x, float(scale.getValueAsDouble()),
                                       int32_t(qmin.getInt()),
                                       int32_t(qmax.getInt())));
    codes.push_back(Tensor::ints(t.shape, std::move(c)));
  }
  return codes;
}

/// Runs the snn program on real inputs. Inputs become codes and counts
/// become real outputs through the functions the simulator uses.
FailureOr<QuantizedRun> runQuantized(func::FuncOp func,
                                     const std::vector<Tensor> &inputs,
                                     bool spiking, SpikingStats *stats,
                                     const ValueObserver &observe = nullptr) {
  std::vector<Tensor> codes = inputCodes(func, inputs);
  auto counts = spiking ? runSpiking(func, codes, stats, observe)
                        : runInteger(func, codes, observe);
  if (failed(counts))
    return failure();
  QuantizedRun run;
  for (auto [i, t] : llvm::enumerate(*counts)) {
    float scale = float(
        func.getResultAttrOfType<FloatAttr>(i, "snn.scale").getValueAsDouble());
    std::vector<float> v;
    for (int64_t n : t.i64)
      v.push_back(image::dequantizeOutput(n, scale));
    run.values.push_back(Tensor::floats(t.shape, std::move(v)));
  }
  run.counts = std::move(*counts);
  return run;
}

/// Legalizes the snn program for `desc` and maps it onto its cores
/// (partition, place, route), reporting each pass as a step.
LogicalResult mapToChip(ModuleOp module, const target::TargetDescription &desc,
                        unsigned chips, Progress &progress) {
  PassManager pm(module->getContext());
  pm.addInstrumentation(progress.passSteps());
  buildMappingPipeline(pm, desc, chips);
  return pm.run(module);
}

FailureOr<image::Image> emitImageOf(func::FuncOp func,
                                    const target::TargetDescription &desc) {
  target::EmitOptions options;
  options.compilerVersion = "snnc " SNNC_VERSION;
  return target::emitImage(func, desc, options);
}

/// Runs `img` (named `where` in messages) on the cycle-accurate simulator
/// until quiescence; nullopt after reporting. `paths` name the tensors.
std::optional<sim::Result>
simulateImage(const image::Image &img, const std::string &where,
              const std::vector<Tensor> &tensors,
              const std::vector<std::string> &paths) {
  if (tensors.size() != img.inputs.size()) {
    reportError(where, "the image has " + std::to_string(img.inputs.size()) +
                           " input ports, " + std::to_string(tensors.size()) +
                           " --input given");
    return std::nullopt;
  }
  std::vector<std::vector<float>> feeds;
  for (auto [i, t] : llvm::enumerate(tensors)) {
    const image::InputPort &port = img.inputs[i];
    if (t.dtype != DType::F32 || t.shape != port.shape) {
      Tensor want = Tensor::floats(port.shape, {});
      reportError(paths[i], "is " + t.describe() + ", but input port '" +
                                port.name + "' takes " + want.describe());
      return std::nullopt;
    }
    feeds.push_back(t.f32);
  }
  auto sim = sim::Simulator::create(img);
  if (!sim) {
    reportError(where, sim.error().message());
    return std::nullopt;
  }
  auto result = sim->run(feeds);
  if (!result) {
    reportError(where, result.error().message());
    return std::nullopt;
  }
  if (image::Error err = result->checkQuiescent()) {
    reportError(where, err.message());
    return std::nullopt;
  }
  return std::move(*result);
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
                        const std::string &errorJson,
                        const CommonOptions &common) {
  if (mode == "float" && !errorJson.empty()) {
    reportError("--error-json", "the float model has no quantization or "
                                "spiking error; use --mode int or spiking");
    return ExitUsageError;
  }
  std::shared_ptr<const target::TargetDescription> desc;
  if (!args.target.empty()) {
    if (mode == "float") {
      reportError("--target", "the float model does not depend on a target; "
                              "use --mode int or spiking");
      return ExitUsageError;
    }
    desc = loadTarget(args.target);
    if (!desc)
      return ExitInputError;
  }
  MLIRContext ctx;
  loadDialects(ctx);
  CLIDiagnosticHandler diag(&ctx);
  Progress progress(common, mode == "float" ? 2 : desc ? 4 : 3);
  progress.stage("import");
  std::vector<Tensor> inputs;
  if (!loadInputs(args, inputs))
    return ExitInputError;
  OwningOpRef<ModuleOp> module = importModel(args, ctx, inputs);
  if (!module)
    return ExitInputError;
  auto func = module->lookupSymbol<func::FuncOp>("main");
  if (!checkInputsGiven(args, func, inputs))
    return ExitInputError;
  FailureOr<std::vector<Tensor>> results;
  if (mode == "float") {
    progress.stage("run");
    results = runFloat(func, inputs);
  } else {
    progress.stage("convert");
    // Attribution needs every op's float value, which only the xf function
    // computes, so it runs before conversion replaces it.
    bool attribute = common.verbose || !errorJson.empty();
    ErrorAttribution attribution;
    if (attribute &&
        failed(runFloat(func, inputs, attribution.floatObserver())))
      return ExitInputError;
    if (attribute)
      func->setAttr("snn.record_origins", UnitAttr::get(&ctx));
    if (failed(buildSpikingProgram(args, *module, func, inputs)))
      return ExitInputError;
    // As the target's image holds it: its formats and state widths.
    if (desc) {
      progress.stage("legalize");
      if (failed(legalizeForTarget(*module, desc)))
        return ExitInputError;
    }
    progress.stage("run");
    bool spiking = mode == "spiking";
    if (attribute && spiking &&
        failed(runInteger(func, inputCodes(func, inputs),
                          attribution.integerObserver())))
      return ExitInputError;
    SpikingStats stats;
    auto run = runQuantized(func, inputs, spiking, &stats,
                            !attribute ? nullptr
                            : spiking  ? attribution.spikingObserver()
                                       : attribution.integerObserver());
    if (failed(run))
      return ExitInputError;
    if (spiking && common.verbose) {
      llvm::errs() << "spiking: quiescent after " << stats.steps << " steps, "
                   << stats.synapticEvents
                   << " synaptic events, spikes per population:";
      for (int64_t n : stats.populationSpikes)
        llvm::errs() << " " << n;
      llvm::errs() << "\n";
    }
    if (attribute) {
      std::vector<OpError> errors = attribution.errors();
      if (common.verbose)
        llvm::errs() << formatErrorTable(errors, /*limit=*/20);
      if (!errorJson.empty()) {
        std::string json =
            errorAttributionJSON(errors, args.model, mode, args.timesteps);
        if (image::Error err = image::writeFileAtomic(
                errorJson, reinterpret_cast<const uint8_t *>(json.data()),
                json.size())) {
          reportError(errorJson, err.message());
          return ExitInputError;
        }
      }
    }
    results = std::move(run->values);
  }
  if (failed(results))
    return ExitInputError;
  progress.finish();
  if (!outputs.empty() && outputs.size() != results->size()) {
    reportError("--output", "the model has " + std::to_string(results->size()) +
                                " outputs; give one --output per output (" +
                                std::to_string(outputs.size()) + " given)");
    return ExitUsageError;
  }
  for (size_t i = 0; i < results->size(); ++i) {
    std::string name = outputName(func, i);
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

int snnc::runCompileCommand(const ModelArgs &args, const std::string &output,
                            const std::string &emit, unsigned chips,
                            const CommonOptions &common) {
  if (emit.empty() && output.empty()) {
    reportError("", "give the image file with -o IMAGE (or --emit xf|snn|chip "
                    "to print the program instead)");
    return ExitUsageError;
  }
  auto desc = loadTarget(args.target);
  if (!desc)
    return ExitInputError;
  MLIRContext ctx;
  loadDialects(ctx);
  CLIDiagnosticHandler diag(&ctx);
  Progress progress(common, emit == "xf"     ? 1
                            : emit == "snn"  ? 2
                            : emit == "chip" ? 3
                                             : 5);
  progress.stage("import");

  // The program's shapes follow --input, else the model's test data; both
  // also serve as calibration inputs when --calibrate is absent.
  std::vector<Tensor> feeds;
  if (!args.inputs.empty() || hasDefaultInputs(args)) {
    if (!loadInputs(args, feeds))
      return ExitInputError;
  } else if (args.calibrate.empty()) {
    reportError(args.model, "no calibration data: pass --calibrate IN.pb (one "
                            "per graph input), or keep the model's "
                            "test_data_set_0 beside it");
    return ExitInputError;
  }
  OwningOpRef<ModuleOp> module = importModel(args, ctx, feeds);
  if (!module)
    return ExitInputError;
  auto func = module->lookupSymbol<func::FuncOp>("main");
  if (emit == "xf") {
    progress.finish();
    module->print(llvm::outs());
    return ExitSuccess;
  }
  progress.stage("convert");
  if (feeds.empty()) {
    // Without test data, the first calibration set stands in for the run's
    // inputs.
    if (!readTensors(
            {args.calibrate.begin(),
             args.calibrate.begin() + std::min<size_t>(args.calibrate.size(),
                                                       func.getNumArguments())},
            feeds))
      return ExitInputError;
  }
  if (failed(buildSpikingProgram(args, *module, func, feeds)))
    return ExitInputError;
  if (emit == "snn") {
    progress.finish();
    module->print(llvm::outs());
    return ExitSuccess;
  }
  progress.stage("map");
  if (failed(mapToChip(*module, *desc, chips, progress)))
    return ExitInputError;
  if (emit == "chip") {
    progress.finish();
    module->print(llvm::outs());
    return ExitSuccess;
  }
  progress.stage("emit");
  auto img = emitImageOf(func, *desc);
  if (failed(img))
    return ExitInputError;
  progress.stage("write");
  if (image::Error err = image::writeImageFile(*img, output)) {
    reportError(output, err.message());
    return ExitInputError;
  }
  return ExitSuccess;
}

int snnc::runSimulateCommand(const std::string &imagePath,
                             const std::vector<std::string> &inputPaths,
                             const std::vector<std::string> &outputs,
                             const std::string &statsPath,
                             const CommonOptions &common) {
  Progress progress(common, 3);
  progress.stage("read");
  image::FileInfo info;
  auto img = image::readImageFile(imagePath, &info);
  if (!img) {
    reportError(imagePath, img.error().message());
    return ExitInputError;
  }
  // Inputs default to test_data_set_0 beside the image.
  std::vector<std::string> paths = inputPaths;
  if (paths.empty())
    for (unsigned i = 0; i < img->inputs.size(); ++i) {
      llvm::SmallString<256> p(llvm::sys::path::parent_path(imagePath));
      llvm::sys::path::append(p, "test_data_set_0",
                              "input_" + std::to_string(i) + ".pb");
      paths.push_back(std::string(p.str()));
    }
  std::vector<Tensor> tensors;
  if (!readTensors(paths, tensors))
    return ExitInputError;
  progress.stage("simulate");
  std::optional<sim::Result> result =
      simulateImage(*img, imagePath, tensors, paths);
  if (!result)
    return ExitInputError;
  progress.stage("write");
  if (!outputs.empty() && outputs.size() != img->outputs.size()) {
    reportError("--output", "the image has " +
                                std::to_string(img->outputs.size()) +
                                " output ports; give one --output per port (" +
                                std::to_string(outputs.size()) + " given)");
    return ExitUsageError;
  }
  if (!statsPath.empty()) {
    std::string json = result->stats.toJSON();
    if (image::Error err = image::writeFileAtomic(
            statsPath, reinterpret_cast<const uint8_t *>(json.data()),
            json.size())) {
      reportError(statsPath, err.message());
      return ExitInputError;
    }
  }
  if (outputs.empty())
    progress.finish();
  for (auto [i, port] : llvm::enumerate(img->outputs)) {
    Tensor t = Tensor::floats(port.shape, result->outputs[i]);
    if (outputs.empty()) {
      if (!common.quiet)
        printTensor(llvm::outs(), port.name, t);
      continue;
    }
    std::string error;
    if (!writeTensorFile(outputs[i], t, port.name, error)) {
      reportError(outputs[i], error);
      return ExitInputError;
    }
  }
  return ExitSuccess;
}

namespace {
/// output_K.pb beside the inputs when they are the input_K.pb files of one
/// directory (ONNX's test layout) and every output has one; else none.
std::vector<std::string>
defaultExpectedPaths(const std::vector<std::string> &inputs,
                     unsigned numOutputs) {
  if (inputs.empty())
    return {};
  llvm::StringRef dir = llvm::sys::path::parent_path(inputs[0]);
  for (auto [i, p] : llvm::enumerate(inputs))
    if (llvm::sys::path::parent_path(p) != dir ||
        llvm::sys::path::filename(p) != "input_" + std::to_string(i) + ".pb")
      return {};
  std::vector<std::string> paths;
  for (unsigned k = 0; k < numOutputs; ++k) {
    llvm::SmallString<256> p(dir);
    llvm::sys::path::append(p, "output_" + std::to_string(k) + ".pb");
    if (!llvm::sys::fs::exists(p))
      return {};
    paths.push_back(std::string(p.str()));
  }
  return paths;
}
} // namespace

int snnc::buildVerifyReport(const ModelArgs &args,
                            const std::vector<std::string> &expected,
                            const CommonOptions &common, VerifyReport &report,
                            image::Image &img, std::vector<Tensor> &inputs) {
  auto desc = loadTarget(args.target);
  if (!desc)
    return ExitInputError;
  MLIRContext ctx;
  loadDialects(ctx);
  CLIDiagnosticHandler diag(&ctx);
  Progress progress(common, 9);
  report.model = args.model;
  report.target = desc->name;
  report.timesteps = args.timesteps;
  report.encoding = args.encoding;
  VerifyResults &results = report.results;

  progress.stage("import");
  report.inputs = inputPaths(args);
  if (!readTensors(report.inputs, inputs))
    return ExitInputError;
  OwningOpRef<ModuleOp> module = importModel(args, ctx, inputs);
  if (!module)
    return ExitInputError;
  auto func = module->lookupSymbol<func::FuncOp>("main");
  if (!checkInputsGiven(args, func, inputs))
    return ExitInputError;
  unsigned numOutputs = func.getNumResults();
  for (unsigned i = 0; i < numOutputs; ++i)
    results.outputNames.push_back(outputName(func, i));
  report.expected = expected.empty()
                        ? defaultExpectedPaths(report.inputs, numOutputs)
                        : expected;
  if (report.expected.size() != numOutputs && !expected.empty()) {
    reportError("--expected", "the model has " + std::to_string(numOutputs) +
                                  " outputs; give one --expected per output (" +
                                  std::to_string(expected.size()) + " given)");
    return ExitUsageError;
  }
  if (!readTensors(report.expected, results.expected))
    return ExitInputError;

  progress.stage("float");
  auto floats = runFloat(func, inputs);
  if (failed(floats))
    return ExitInputError;
  for (auto [i, t] : llvm::enumerate(results.expected)) {
    const Tensor &ref = (*floats)[i];
    if (t.dtype != ref.dtype || t.shape != ref.shape) {
      reportError(report.expected[i], "is " + t.describe() + ", but output '" +
                                          results.outputNames[i] + "' is " +
                                          ref.describe());
      return ExitInputError;
    }
  }
  results[Level::Float].values = std::move(*floats);

  progress.stage("convert");
  if (failed(buildSpikingProgram(args, *module, func, inputs)))
    return ExitInputError;
  // The image gets the same program through compile's own pipeline, which
  // legalizes it afresh; the interpreters run `run --target`'s legalization.
  OwningOpRef<ModuleOp> chipModule = module->clone();

  progress.stage("legalize");
  if (failed(legalizeForTarget(*module, desc)))
    return ExitInputError;
  for (Level level : {Level::Integer, Level::Spiking}) {
    progress.stage(levelName(level));
    auto run = runQuantized(func, inputs, level == Level::Spiking, nullptr);
    if (failed(run))
      return ExitInputError;
    results[level] = {std::move(run->values), std::move(run->counts)};
  }

  progress.stage("map");
  if (failed(mapToChip(*chipModule, *desc, /*chips=*/0, progress)))
    return ExitInputError;
  progress.stage("emit");
  auto emitted =
      emitImageOf(chipModule->lookupSymbol<func::FuncOp>("main"), *desc);
  if (failed(emitted))
    return ExitInputError;
  // Simulate what an image file holds: the encoded bytes, read back. Nothing
  // touches the disk, so nothing is left behind.
  auto bytes = image::encodeImage(*emitted);
  if (!bytes) {
    reportError(args.model, bytes.error().message());
    return ExitInputError;
  }
  auto decoded = image::decodeImage(bytes->data(), bytes->size());
  if (!decoded) {
    reportError(args.model, decoded.error().message());
    return ExitInputError;
  }
  progress.stage("simulate");
  std::optional<sim::Result> sim =
      simulateImage(*decoded, args.model, inputs, report.inputs);
  if (!sim)
    return ExitInputError;
  LevelOutputs &simulated = results[Level::Simulator];
  for (auto [i, port] : llvm::enumerate(decoded->outputs)) {
    simulated.values.push_back(Tensor::floats(port.shape, sim->outputs[i]));
    simulated.counts.push_back(Tensor::ints(
        port.shape, {sim->counts[i].begin(), sim->counts[i].end()}));
  }
  report.stats = std::move(sim->stats);
  img = std::move(*decoded);
  progress.finish();
  return ExitSuccess;
}

int snnc::runVerifyCommand(const ModelArgs &args,
                           const std::vector<std::string> &expected,
                           const std::string &jsonPath,
                           const CommonOptions &common) {
  VerifyReport report;
  image::Image img;
  std::vector<Tensor> inputs;
  if (int status =
          buildVerifyReport(args, expected, common, report, img, inputs))
    return status;
  const VerifyResults &results = report.results;

  if (!common.quiet)
    llvm::outs() << formatVerifyTable(report);
  if (!jsonPath.empty()) {
    std::string json = verifyReportJSON(report);
    if (image::Error err = image::writeFileAtomic(
            jsonPath, reinterpret_cast<const uint8_t *>(json.data()),
            json.size())) {
      reportError(jsonPath, err.message());
      return ExitInputError;
    }
  }
  for (const ExactnessCheck &c : checkExactness(results)) {
    if (c.ok())
      continue;
    std::string what = !c.valuesIdentical && !c.countsIdentical
                           ? "values and counts"
                       : c.valuesIdentical ? "counts"
                                           : "values";
    reportError(args.model,
                std::string("not bit-exact: ") + levelName(c.lhs) + " and " +
                    levelName(c.rhs) + " differ on output '" +
                    results.outputNames[c.output] + "' (" + what + ")");
  }
  return verifyExitStatus(results);
}

int snnc::runInspectCommand(const std::string &imagePath, bool json,
                            const CommonOptions &) {
  image::FileInfo info;
  auto img = image::readImageFile(imagePath, &info);
  if (!img) {
    reportError(imagePath, img.error().message());
    return ExitInputError;
  }
  llvm::outs() << (json ? image::dumpJSON(*img, info)
                        : image::dumpText(*img, info));
  return ExitSuccess;
}

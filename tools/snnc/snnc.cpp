//===- snnc.cpp - the snnc command line -----------------------------------===//
//
// Parses the command line of docs/cli.md and hands each subcommand to the
// driver library. Exit status: 0 success, 1 error in the input (model, image,
// tensor, option values), 2 usage error.
//
//===----------------------------------------------------------------------===//

#include "snnc/Config.h"
#include "snnc/Driver/Driver.h"
#include "snnc/Routing/RouterTable.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace snnc;

namespace {

/// Options that mean the same in every subcommand that runs or compiles a
/// model.
void addModelOptions(CLI::App *cmd, ModelArgs &o, bool needsTarget) {
  cmd->add_option("model", o.model, "ONNX model")->required();
  cmd->add_option("--input", o.inputs,
                  "Input tensors (.pb) in graph-input order; default: "
                  "test_data_set_0 beside the model");
  cmd->add_option("--input-shape", o.inputShapes,
                  "Static shape of a graph input with symbolic dims, "
                  "NAME=1x8x64");
  cmd->add_option("--calibrate", o.calibrate,
                  "Calibration inputs (.pb); default: the given inputs");
  cmd->add_option("--timesteps,-T", o.timesteps,
                  "Timesteps of the unary encoding")
      ->check(CLI::Range(1u, 1u << 20));
  cmd->add_option("--encoding", o.encoding, "Spike encoding")
      ->check(CLI::IsMember({"unary", "bitplane", "graded"}));
  cmd->add_option("--bits", o.bits, "Bits of the bitplane encoding")
      ->check(CLI::Range(2u, 16u));
  auto *target = cmd->add_option(
      "--target", o.target,
      "Target: loihi, spinnaker, fpga or a target description file");
  if (needsTarget)
    target->required();
}

int notAvailable(const std::string &what) {
  fmt::print(stderr,
             "snnc: error: '{}' is not available yet in snnc {} (see the "
             "Status section of README.md)\n",
             what, SNNC_VERSION);
  return ExitInputError;
}

} // namespace

int main(int argc, char **argv) {
  CLI::App app{"snnc: compiles transformer graphs (ONNX) into chip images for "
               "neuromorphic targets"};
  app.set_version_flag("--version", std::string("snnc ") + SNNC_VERSION +
                                        " (LLVM/MLIR " + SNNC_LLVM_VERSION +
                                        ")");
  app.require_subcommand(0, 1);
  // -q, -v and friends may follow the subcommand.
  app.fallthrough();
  CommonOptions common;
  bool listOps = false;
  std::string listOpsTarget;
  app.add_flag("-q,--quiet", common.quiet, "Print nothing but errors");
  app.add_flag("-v,--verbose", common.verbose,
               "Explain each stage with its time");
  app.add_flag("--list-ops", listOps, "Print the supported-op matrix");
  app.add_option("--target", listOpsTarget, "With --list-ops: one target");

  ModelArgs model;
  std::string output, image, stats, json, html, emit, mode, errorJson;
  std::vector<std::string> outputs, expected;
  unsigned chips = 0;

  auto *import = app.add_subcommand(
      "import", "Import an ONNX model into the raised xf dialect");
  import->add_option("model", model.model, "ONNX model")->required();
  import->add_option("-o,--output", output, "Output .mlir (default: stdout)");
  import->add_option("--input-shape", model.inputShapes,
                     "Static shape of a graph input, NAME=1x8x64");

  auto *run = app.add_subcommand(
      "run", "Run a model in float, integer or spiking form");
  run->add_option("--mode", mode, "float | int | spiking")
      ->required()
      ->check(CLI::IsMember({"float", "int", "spiking"}));
  run->add_option("--output", outputs,
                  "Output tensors (.pb), one per graph output; default: "
                  "print them");
  run->add_option("--error-json", errorJson,
                  "With --mode int or spiking: write each op's quantization "
                  "and spiking error as JSON");
  addModelOptions(run, model, /*needsTarget=*/false);

  auto *compile =
      app.add_subcommand("compile", "Compile a model into a chip image");
  compile->add_option("-o,--output", output, "Output image");
  compile->add_option("--chips", chips, "Number of chips (default: automatic)");
  compile->add_option("--emit", emit, "Stop early and print MLIR")
      ->check(CLI::IsMember({"xf", "snn", "chip"}));
  addModelOptions(compile, model, /*needsTarget=*/true);

  auto *simulate = app.add_subcommand(
      "simulate", "Run an image on the cycle-accurate simulator");
  simulate->add_option("image", image, "Chip image")->required();
  simulate->add_option("--input", model.inputs, "Input tensors (.pb)");
  simulate->add_option("--output", outputs, "Output tensors (.pb)");
  simulate->add_option("--stats", stats, "Statistics (JSON)");

  auto *verify = app.add_subcommand(
      "verify", "Run every level and compare (float, int, spiking, image)");
  verify->add_option("--expected", expected,
                     "Recorded outputs (.pb) to compare with as well; "
                     "default: output_K.pb beside the inputs");
  verify->add_option("--json", json, "Also write the report as JSON");
  addModelOptions(verify, model, /*needsTarget=*/true);

  auto *inspect = app.add_subcommand("inspect", "Dump a chip image");
  inspect->add_option("image", image, "Chip image")->required();
  bool inspectJson = false;
  inspect->add_flag("--json", inspectJson, "Print JSON");

  auto *minimize = app.add_subcommand("minimize-routes",
                                      "Minimize SpiNNaker-style router tables");
  minimize->add_option("tables", image, "Router tables (.bin)")->required();
  minimize->add_option("-o,--output", output, "Minimized tables (.bin)")
      ->required();

  auto *report = app.add_subcommand(
      "report", "Write an HTML report (rasters, utilization, energy)");
  report->add_option("--html", html, "Output HTML")->required();
  // The positional is a model or an image; an image needs no --target.
  addModelOptions(report, model, /*needsTarget=*/false);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    // --help and --version arrive here too, with exit code 0.
    return app.exit(e) == 0 ? ExitSuccess : ExitUsageError;
  }

  if (listOps)
    return runListOpsCommand(listOpsTarget, common);
  if (import->parsed())
    return runImportCommand(model, output, common);
  if (run->parsed())
    return runRunCommand(model, mode, outputs, errorJson, common);
  if (compile->parsed())
    return runCompileCommand(model, output, emit, chips, common);
  if (simulate->parsed())
    return runSimulateCommand(image, model.inputs, outputs, stats, common);
  if (verify->parsed())
    return runVerifyCommand(model, expected, json, common);
  if (minimize->parsed())
    return routing::runMinimizeRoutes(image, output, /*capacity=*/1023,
                                      common.verbose, common.quiet);
  if (inspect->parsed())
    return runInspectCommand(image, inspectJson, common);
  if (report->parsed())
    return runReportCommand(model, html, common);
  // Missing or unreadable files are input errors (status 1), reported by each
  // stage with the file name, not usage errors.
  for (CLI::App *sub : app.get_subcommands())
    return notAvailable(sub->get_name());
  std::fputs(app.help().c_str(), stdout);
  return ExitUsageError;
}

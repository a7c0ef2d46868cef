//===- snnc.cpp - the snnc command line -----------------------------------===//
//
// The user-facing driver: one subcommand per stage of docs/cli.md. Exit
// status: 0 success, 1 error in the input (model, image, tensor, options),
// 2 usage error.
//
//===----------------------------------------------------------------------===//

#include "snnc/Config.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <string>
#include <vector>

namespace {

enum ExitCode { Success = 0, InputError = 1, UsageError = 2 };

/// Options shared by the subcommands that run or compile a model; the same
/// meaning has the same name everywhere.
struct ModelOptions {
  std::string model;
  std::vector<std::string> inputs;
  std::vector<std::string> calibrate;
  std::vector<std::string> inputShapes;
  std::string target;
  std::string encoding = "unary";
  unsigned timesteps = 16;
  unsigned bits = 8;
};

void addModelOptions(CLI::App *cmd, ModelOptions &o, bool needsTarget) {
  cmd->add_option("--input", o.inputs,
                  "Input tensors (.pb), graph-input order");
  cmd->add_option("--calibrate", o.calibrate,
                  "Calibration inputs (.pb); default: the given inputs");
  cmd->add_option("--timesteps,-T", o.timesteps,
                  "Timesteps of the unary encoding")
      ->check(CLI::Range(1u, 1u << 20));
  cmd->add_option("--encoding", o.encoding, "Spike encoding")
      ->check(CLI::IsMember({"unary", "bitplane", "graded"}));
  cmd->add_option("--bits", o.bits, "Bits of the bitplane encoding")
      ->check(CLI::Range(2u, 16u));
  auto *target = cmd->add_option("--target", o.target,
                                 "Target: loihi, spinnaker, fpga or a "
                                 "description file");
  if (needsTarget)
    target->required();
}

int notAvailable(const std::string &what) {
  fmt::print(stderr,
             "snnc: error: '{}' is not available yet in snnc {} (see the "
             "Status section of README.md)\n",
             what, SNNC_VERSION);
  return InputError;
}

} // namespace

int main(int argc, char **argv) {
  CLI::App app{"snnc: compiles transformer graphs (ONNX) into chip images for "
               "neuromorphic targets"};
  app.set_version_flag("--version", std::string("snnc ") + SNNC_VERSION +
                                        " (LLVM/MLIR " + SNNC_LLVM_VERSION +
                                        ")");
  app.require_subcommand(0, 1);
  bool quiet = false, verbose = false, listOps = false;
  std::string listOpsTarget;
  app.add_flag("-q,--quiet", quiet, "Print nothing but errors");
  app.add_flag("-v,--verbose", verbose, "Explain each stage with its time");
  app.add_flag("--list-ops", listOps, "Print the supported-op matrix");

  ModelOptions opts;
  std::string output, image, stats, json, html, emit;
  std::vector<std::string> expected;
  unsigned chips = 0;
  std::string mode;

  auto *import = app.add_subcommand(
      "import", "Import an ONNX model into the raised xf dialect");
  import->add_option("model", opts.model, "ONNX model")->required();
  import->add_option("-o,--output", output, "Output .mlir (default: stdout)");
  import->add_option("--input-shape", opts.inputShapes,
                     "Static shape of a graph input, NAME=1x8x64");

  auto *run = app.add_subcommand(
      "run", "Run a model in float, integer or spiking form");
  run->add_option("model", opts.model, "ONNX model")->required();
  run->add_option("--mode", mode, "float | int | spiking")
      ->required()
      ->check(CLI::IsMember({"float", "int", "spiking"}));
  run->add_option("--output", output, "Output tensor (.pb)");
  addModelOptions(run, opts, /*needsTarget=*/false);

  auto *compile =
      app.add_subcommand("compile", "Compile a model into a chip image");
  compile->add_option("model", opts.model, "ONNX model")->required();
  compile->add_option("-o,--output", output, "Output image");
  compile->add_option("--chips", chips, "Number of chips (default: automatic)");
  compile->add_option("--emit", emit, "Stop early and print MLIR")
      ->check(CLI::IsMember({"xf", "snn", "chip"}));
  addModelOptions(compile, opts, /*needsTarget=*/true);

  auto *simulate = app.add_subcommand(
      "simulate", "Run an image on the cycle-accurate simulator");
  simulate->add_option("image", image, "Chip image")->required();
  simulate->add_option("--input", opts.inputs, "Input tensors (.pb)");
  simulate->add_option("--output", output, "Output tensor (.pb)");
  simulate->add_option("--stats", stats, "Statistics (JSON)");

  auto *verify = app.add_subcommand(
      "verify", "Run every level and compare (float, int, spiking, image)");
  verify->add_option("model", opts.model, "ONNX model")->required();
  verify->add_option("--expected", expected, "Expected outputs (.pb)");
  verify->add_option("--json", json, "Report (JSON)");
  addModelOptions(verify, opts, /*needsTarget=*/true);

  auto *inspect = app.add_subcommand("inspect", "Dump a chip image");
  inspect->add_option("image", image, "Chip image")->required();
  inspect->add_flag("--json", "Print JSON");

  auto *minimize = app.add_subcommand("minimize-routes",
                                      "Minimize SpiNNaker-style router tables");
  minimize->add_option("tables", image, "Router tables (.bin)")->required();
  minimize->add_option("-o,--output", output, "Minimized tables (.bin)")
      ->required();

  auto *report = app.add_subcommand(
      "report", "Write an HTML report (rasters, utilization, energy)");
  report->add_option("input", opts.model, "ONNX model or image")->required();
  report->add_option("--target", opts.target, "Target");
  report->add_option("--html", html, "Output HTML")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    // --help and --version are "errors" with exit code 0.
    int code = app.exit(e);
    return code == 0 ? Success : UsageError;
  }

  if (listOps)
    return notAvailable("--list-ops");
  // Missing or unreadable files are input errors (status 1), reported by each
  // stage with the file name, not usage errors.
  for (CLI::App *sub : app.get_subcommands())
    return notAvailable(sub->get_name());
  std::fputs(app.help().c_str(), stdout);
  return UsageError;
}

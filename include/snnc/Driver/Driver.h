//===- Driver.h - snnc subcommands ------------------------------*- C++ -*-===//
//
// The work behind each `snnc` subcommand, separate from command-line parsing
// (tools/snnc) so it builds the LLVM way and can be called from tests.
// Every function returns the process exit status of docs/cli.md.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_DRIVER_DRIVER_H
#define SNNC_DRIVER_DRIVER_H

#include <string>
#include <vector>

namespace snnc {

struct Tensor;
struct VerifyReport;
namespace image {
struct Image;
} // namespace image

enum ExitCode { ExitSuccess = 0, ExitInputError = 1, ExitUsageError = 2 };

struct CommonOptions {
  bool quiet = false;
  bool verbose = false;
};

struct ModelArgs {
  std::string model;
  std::vector<std::string> inputShapes; // NAME=1x8x64
  std::vector<std::string> inputs;      // .pb, graph-input order
  std::vector<std::string> calibrate;
  std::string target;
  std::string encoding = "unary";
  unsigned timesteps = 16;
  unsigned bits = 8;
};

/// `snnc import`: prints (or writes to `output`) the raised xf module.
int runImportCommand(const ModelArgs &args, const std::string &output,
                     const CommonOptions &common);

/// `snnc run`: runs the model in `mode` (float | int | spiking) and writes
/// one .pb per graph output (or prints them when `outputs` is empty). In int
/// and spiking mode, -v prints the per-op error attribution and `errorJson`,
/// when given, receives it as JSON.
int runRunCommand(const ModelArgs &args, const std::string &mode,
                  const std::vector<std::string> &outputs,
                  const std::string &errorJson, const CommonOptions &common);

/// `snnc compile`: writes the chip image to `output` (atomically), or with
/// `emit` = xf | snn | chip prints the module at that stage instead.
int runCompileCommand(const ModelArgs &args, const std::string &output,
                      const std::string &emit, unsigned chips,
                      const CommonOptions &common);

/// `snnc simulate`: runs an image on the cycle-accurate simulator.
int runSimulateCommand(const std::string &image,
                       const std::vector<std::string> &inputs,
                       const std::vector<std::string> &outputs,
                       const std::string &stats, const CommonOptions &common);

/// `snnc verify`: runs the model at every level (float, integer and spiking
/// as legalized for the target, its image on the cycle-accurate simulator)
/// on its test data, prints the error table and writes it as JSON to `json`
/// when given. 1 when a level that must equal another bit for bit does not.
/// `expected`: recorded outputs to compare with; default output_K.pb beside
/// the inputs.
int runVerifyCommand(const ModelArgs &args,
                     const std::vector<std::string> &expected,
                     const std::string &json, const CommonOptions &common);

/// The work of `snnc verify` before its rendering: fills `report` (results
/// and simulator statistics) and returns the image that was simulated and
/// the inputs it ran on. ExitSuccess, or the status of an error it reported.
int buildVerifyReport(const ModelArgs &args,
                      const std::vector<std::string> &expected,
                      const CommonOptions &common, VerifyReport &report,
                      image::Image &image, std::vector<Tensor> &inputs);

/// `snnc report`: writes a self-contained HTML report (spike rasters, core
/// utilization, link traffic, energy and latency, error table) of a model
/// compiled for args.target, or of an image (args.model), to `html`.
int runReportCommand(const ModelArgs &args, const std::string &html,
                     const CommonOptions &common);

/// `snnc inspect`: dumps an image as text or JSON.
int runInspectCommand(const std::string &image, bool json,
                      const CommonOptions &common);

/// `snnc --list-ops`: the supported ONNX ops.
int runListOpsCommand(const std::string &target, const CommonOptions &common);

} // namespace snnc

#endif // SNNC_DRIVER_DRIVER_H

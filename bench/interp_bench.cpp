//===- interp_bench.cpp - times runSpiking on one snn program -------------===//
//
// Used by bench/interpreter_speed.sh, not a tool:
//   snnc-interp-bench program.mlir codes.txt repeats
// Runs the functional spiking interpreter `repeats` times on the codes
// (whitespace-separated integers for the function's single argument), checks
// the result against the integer reference, and prints the steps, the spikes
// per population, the best wall time of runSpiking (including its per-run
// weight preparation) and the synaptic events as spikes x fan-out.
//
//===----------------------------------------------------------------------===//

#include "snnc/Dialect/SNN/SNNOps.h"
#include "snnc/Interp/SNNInterpreter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdlib>
#include <fstream>

using namespace mlir;
using namespace snnc;

int main(int argc, char **argv) {
  if (argc != 4) {
    llvm::errs() << "usage: snnc-interp-bench program.mlir codes.txt repeats\n";
    return 2;
  }
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect, func::FuncDialect>();
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(argv[1], &ctx);
  if (!module)
    return 1;
  auto func = *module->getOps<func::FuncOp>().begin();
  auto type = cast<RankedTensorType>(func.getArgument(0).getType());
  std::vector<int64_t> codes;
  std::ifstream in(argv[2]);
  for (int64_t c; in >> c;)
    codes.push_back(c);
  std::vector<Tensor> inputs = {
      Tensor::ints({type.getShape().begin(), type.getShape().end()}, codes)};

  SpikingStats stats;
  FailureOr<std::vector<Tensor>> spiking;
  double best = 0;
  for (int r = 0, repeats = std::atoi(argv[3]); r < repeats; ++r) {
    stats = SpikingStats();
    auto start = std::chrono::steady_clock::now();
    spiking = runSpiking(func, inputs, &stats);
    double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    if (failed(spiking))
      return 1;
    best = r == 0 ? s : std::min(best, s);
  }
  FailureOr<std::vector<Tensor>> integer = runInteger(func, inputs);
  if (failed(integer) || (*integer)[0].i64 != (*spiking)[0].i64) {
    llvm::errs() << "spiking != int\n";
    return 1;
  }

  // Spikes of each population (sources and snn.neurons, in program order)
  // times the fan-out of every synapse it feeds.
  llvm::DenseMap<Value, int64_t> spikes;
  int64_t population = 0, events = 0;
  for (Operation &op : func.getBody().front()) {
    if (isa<snn::EncodeOp, snn::NeuronsOp>(op))
      spikes[op.getResult(0)] = stats.populationSpikes[population++];
    if (auto s = dyn_cast<snn::SynapseOp>(op))
      events += spikes.lookup(s.getInput()) * s.getType().getShape().back();
  }
  llvm::outs() << "steps " << stats.steps << "\nspikes";
  for (int64_t n : stats.populationSpikes)
    llvm::outs() << " " << n;
  llvm::outs() << "\nevents " << events << "\nseconds "
               << llvm::format("%.6f", best) << "\n";
  return 0;
}

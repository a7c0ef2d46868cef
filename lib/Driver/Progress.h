//===- Progress.h - stage reporting of long commands ------------*- C++ -*-===//
//
// What compile, simulate and verify tell the user while they work, on
// stderr (docs/cli.md): on a terminal one line "[3/5] map: snn-partition"
// rewritten in place and erased at the end; with -v one line per stage and
// per pass with its wall time, wherever stderr goes; with -q, or off a
// terminal without -v, nothing -- so pipes and tests see only results and
// errors.
//
//===----------------------------------------------------------------------===//

#ifndef SNNC_LIB_DRIVER_PROGRESS_H
#define SNNC_LIB_DRIVER_PROGRESS_H

#include "snnc/Driver/Driver.h"

#include "mlir/Pass/PassInstrumentation.h"
#include "llvm/ADT/StringRef.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

namespace snnc {

class Progress {
public:
  /// `stages` is how many times stage() will be called, for "[k/n]".
  Progress(const CommonOptions &common, unsigned stages);
  ~Progress();
  Progress(const Progress &) = delete;
  Progress &operator=(const Progress &) = delete;

  /// Ends the current stage (reporting its time) and starts `name`.
  void stage(llvm::StringRef name);
  /// Starts a step within the current stage, ending the previous step.
  void step(llvm::StringRef name);
  /// Ends the current step.
  void stepDone();
  /// Ends the current stage and erases the terminal line; call it before
  /// printing results to stdout, which may be the same terminal.
  void finish();

  /// Reports every pass a PassManager runs as a step (thread-safe).
  std::unique_ptr<mlir::PassInstrumentation> passSteps();

  /// Erases the terminal line of the live Progress, if any, so that an
  /// error message starts at the beginning of a line.
  static void clearLine();

private:
  using Clock = std::chrono::steady_clock;
  void closeStep();
  void closeStage();
  void draw();
  void erase();
  void report(const std::string &what, Clock::time_point start);

  bool bar = false;     // a line rewritten in place
  bool verbose = false; // timed lines
  unsigned stages;
  unsigned index = 0;
  std::string stageName, stepName;
  Clock::time_point stageStart, stepStart;
  size_t drawn = 0; // characters on the terminal line
  std::mutex mutex;
};

} // namespace snnc

#endif // SNNC_LIB_DRIVER_PROGRESS_H

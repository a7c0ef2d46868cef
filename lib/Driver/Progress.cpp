//===- Progress.cpp - stage reporting of long commands --------------------===//

#include "Progress.h"

#include "mlir/Pass/Pass.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace snnc;

// The one Progress that may own the terminal line (commands run one at a
// time), for error messages to erase it.
static Progress *live = nullptr;

Progress::Progress(const CommonOptions &common, unsigned stages)
    : stages(stages) {
  if (common.quiet)
    return;
  verbose = common.verbose;
  // Timed lines replace the bar: both on one terminal would garble it.
  bar = !verbose && llvm::sys::Process::StandardErrIsDisplayed();
  if (bar)
    live = this;
}

Progress::~Progress() {
  finish();
  if (live == this)
    live = nullptr;
}

void Progress::report(const std::string &what, Clock::time_point start) {
  double ms =
      std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  llvm::errs() << "snnc: " << what << " "
               << (ms < 1000 ? llvm::format("%.1f ms", ms)
                             : llvm::format("%.2f s", ms / 1000))
               << "\n";
}

void Progress::closeStep() {
  if (stepName.empty())
    return;
  if (verbose)
    report("[" + std::to_string(index) + "/" + std::to_string(stages) + "] " +
               stageName + ": " + stepName,
           stepStart);
  stepName.clear();
}

void Progress::closeStage() {
  closeStep();
  if (stageName.empty())
    return;
  if (verbose)
    report("[" + std::to_string(index) + "/" + std::to_string(stages) + "] " +
               stageName,
           stageStart);
  stageName.clear();
}

void Progress::erase() {
  if (!drawn)
    return;
  llvm::errs() << "\r" << std::string(drawn, ' ') << "\r";
  drawn = 0;
}

void Progress::draw() {
  if (!bar)
    return;
  std::string line = "[" + std::to_string(index) + "/" +
                     std::to_string(stages) + "] " + stageName;
  if (!stepName.empty())
    line += ": " + stepName;
  line += " ...";
  // Overwrite rather than erase first, so the line does not flicker.
  llvm::errs() << (drawn ? "\r" : "") << line;
  if (line.size() < drawn)
    llvm::errs() << std::string(drawn - line.size(), ' ');
  drawn = std::max(drawn, line.size());
}

void Progress::stage(llvm::StringRef name) {
  std::lock_guard<std::mutex> lock(mutex);
  closeStage();
  ++index;
  stageName = name.str();
  stageStart = Clock::now();
  draw();
}

void Progress::step(llvm::StringRef name) {
  std::lock_guard<std::mutex> lock(mutex);
  closeStep();
  stepName = name.str();
  stepStart = Clock::now();
  draw();
}

void Progress::stepDone() {
  std::lock_guard<std::mutex> lock(mutex);
  closeStep();
  draw();
}

void Progress::finish() {
  std::lock_guard<std::mutex> lock(mutex);
  closeStage();
  erase();
}

void Progress::clearLine() {
  if (!live)
    return;
  std::lock_guard<std::mutex> lock(live->mutex);
  live->erase();
}

namespace {
class PassSteps : public mlir::PassInstrumentation {
public:
  explicit PassSteps(Progress &progress) : progress(progress) {}
  // Pass managers nested under an op run as adaptor passes without an
  // argument; only the passes they hold are steps.
  void runBeforePass(mlir::Pass *pass, mlir::Operation *) override {
    if (!pass->getArgument().empty())
      progress.step(pass->getArgument());
  }
  void runAfterPass(mlir::Pass *pass, mlir::Operation *) override {
    if (!pass->getArgument().empty())
      progress.stepDone();
  }
  void runAfterPassFailed(mlir::Pass *pass, mlir::Operation *op) override {
    runAfterPass(pass, op);
  }

private:
  Progress &progress;
};
} // namespace

std::unique_ptr<mlir::PassInstrumentation> Progress::passSteps() {
  return std::make_unique<PassSteps>(*this);
}

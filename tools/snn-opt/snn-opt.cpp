//===- snn-opt.cpp - mlir-opt for snnc's dialects and passes --------------===//
//
// The driver compiler engineers and lit tests use to run any snnc pass on any
// snnc IR: the three dialects, func/arith for surrounding code, upstream
// generic transforms (canonicalize, cse, ...) and snnc's own passes.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "snnc/Conversion/Passes.h"
#include "snnc/Dialect/Chip/ChipDialect.h"
#include "snnc/Dialect/Chip/Transforms/Passes.h"
#include "snnc/Dialect/SNN/SNNDialect.h"
#include "snnc/Dialect/XF/Transforms/Passes.h"
#include "snnc/Dialect/XF/XFDialect.h"

int main(int argc, char **argv) {
  mlir::registerTransformsPasses();
  snnc::registerConversionPasses();
  snnc::registerMappingPasses();
  snnc::registerXFPasses();

  mlir::DialectRegistry registry;
  registry.insert<snnc::xf::XFDialect, snnc::snn::SNNDialect,
                  snnc::chip::ChipDialect, mlir::func::FuncDialect,
                  mlir::arith::ArithDialect>();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "snnc optimizer and pass driver\n", registry));
}

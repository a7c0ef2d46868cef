//===- ConversionTest.cpp - converted transformer blocks, int == spiking --===//
//
// The acceptance check of the spiking conversion: transformer blocks written
// in xf (a causal attention head, a LayerNorm + GELU MLP with a residual, an
// RMSNorm + SwiGLU block, an embedding with positions) are calibrated on
// random inputs, converted at T = 8 ... 128, and run by the integer
// reference and the functional spiking interpreter on fresh inputs: the
// outputs must be identical. The error against the float model must also
// shrink as T grows, so the integers are the model's, not just each other's.
//
//===----------------------------------------------------------------------===//

#include "snnc/Conversion/Passes.h"
#include "snnc/Dialect/SNN/SNNOps.h"
#include "snnc/Dialect/XF/XFDialect.h"
#include "snnc/Image/PortCodec.h"
#include "snnc/Interp/FloatInterpreter.h"
#include "snnc/Interp/SNNInterpreter.h"
#include "snnc/Quant/Calibration.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <iostream>
#include <random>
#include <sstream>

using namespace mlir;
using namespace snnc;

namespace {

/// `dense<...> : tensor<...xf32>` with values uniform in [-scale, scale].
std::string dense(std::vector<int64_t> shape, double scale,
                  std::mt19937_64 &rng) {
  std::uniform_real_distribution<double> u(-scale, scale);
  std::ostringstream os;
  // Nested brackets, one level per dimension.
  std::function<void(size_t)> emit = [&](size_t dim) {
    os << "[";
    for (int64_t i = 0; i < shape[dim]; ++i) {
      os << (i ? ", " : "");
      if (dim + 1 == shape.size())
        os << u(rng);
      else
        emit(dim + 1);
    }
    os << "]";
  };
  os << "dense<";
  emit(0);
  os << "> : tensor<";
  for (int64_t d : shape)
    os << d << "x";
  os << "f32>";
  return os.str();
}

struct Block {
  const char *name;
  std::string source;
};

std::vector<Block> transformerBlocks() {
  std::mt19937_64 rng(11);
  std::vector<Block> blocks;
  blocks.push_back({"attention", R"(
func.func @main(%q: tensor<1x6x8xf32>, %k: tensor<1x6x8xf32>, %v: tensor<1x6x8xf32>) -> tensor<1x6x8xf32> {
  %kt = xf.transpose %k, [0, 2, 1] : (tensor<1x6x8xf32>) -> tensor<1x8x6xf32>
  %s = xf.matmul %q, %kt : (tensor<1x6x8xf32>, tensor<1x8x6xf32>) -> tensor<1x6x6xf32>
  %d = xf.constant dense<2.828427> : tensor<f32>
  %sd = xf.div %s, %d : (tensor<1x6x6xf32>, tensor<f32>) -> tensor<1x6x6xf32>
  %m = xf.causal_mask %sd : tensor<1x6x6xf32>
  %p = xf.softmax %m : tensor<1x6x6xf32>
  %o = xf.matmul %p, %v : (tensor<1x6x6xf32>, tensor<1x6x8xf32>) -> tensor<1x6x8xf32>
  return %o : tensor<1x6x8xf32>
})"});
  blocks.push_back({"layernorm-gelu-mlp", R"(
func.func @main(%x: tensor<2x4x8xf32>) -> tensor<2x4x8xf32> {
  %w = xf.constant )" + dense({8}, 1.5, rng) + R"(
  %b = xf.constant )" + dense({8}, 0.5, rng) + R"(
  %n = xf.layer_norm %x scale %w bias %b {epsilon = 1.0e-5 : f64} : (tensor<2x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
  %w1 = xf.constant )" + dense({16, 8}, 0.5, rng) +
                                              R"(
  %b1 = xf.constant )" + dense({16}, 0.2, rng) +
                                              R"(
  %h = xf.linear %n, %w1, %b1 : (tensor<2x4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<2x4x16xf32>
  %g = xf.gelu %h : tensor<2x4x16xf32>
  %w2 = xf.constant )" + dense({8, 16}, 0.4, rng) +
                                              R"(
  %o = xf.linear %g, %w2 : (tensor<2x4x16xf32>, tensor<8x16xf32>) -> tensor<2x4x8xf32>
  %y = xf.add %x, %o : (tensor<2x4x8xf32>, tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
  return %y : tensor<2x4x8xf32>
})"});
  blocks.push_back({"rmsnorm-swiglu", R"(
func.func @main(%x: tensor<3x8xf32>) -> tensor<3x8xf32> {
  %w = xf.constant )" + dense({8}, 1.5, rng) +
                                          R"(
  %n = xf.rms_norm %x scale %w {epsilon = 1.0e-6 : f64} : (tensor<3x8xf32>, tensor<8xf32>) -> tensor<3x8xf32>
  %wg = xf.constant )" + dense({12, 8}, 0.5, rng) +
                                          R"(
  %wu = xf.constant )" + dense({8, 12}, 0.5, rng) +
                                          R"(
  %a = xf.linear %n, %wg : (tensor<3x8xf32>, tensor<12x8xf32>) -> tensor<3x12xf32>
  %u = xf.matmul %n, %wu : (tensor<3x8xf32>, tensor<8x12xf32>) -> tensor<3x12xf32>
  %s = xf.silu %a : tensor<3x12xf32>
  %m = xf.mul %s, %u : (tensor<3x12xf32>, tensor<3x12xf32>) -> tensor<3x12xf32>
  %wd = xf.constant )" + dense({8, 12}, 0.4, rng) +
                                          R"(
  %d = xf.linear %m, %wd : (tensor<3x12xf32>, tensor<8x12xf32>) -> tensor<3x8xf32>
  %y = xf.add %x, %d : (tensor<3x8xf32>, tensor<3x8xf32>) -> tensor<3x8xf32>
  return %y : tensor<3x8xf32>
})"});
  blocks.push_back({"embedding-positions", R"(
func.func @main(%ids: tensor<1x5xi64>) -> (tensor<1x5x6xf32>, tensor<1x5x6xf32>) {
  %t = xf.constant )" + dense({10, 6}, 1.0, rng) +
                                               R"(
  %e = xf.embedding %ids, %t : (tensor<1x5xi64>, tensor<10x6xf32>) -> tensor<1x5x6xf32>
  %pos = xf.constant )" + dense({5, 6}, 0.3, rng) +
                                               R"(
  %x = xf.add %e, %pos : (tensor<1x5x6xf32>, tensor<5x6xf32>) -> tensor<1x5x6xf32>
  %n = xf.layer_norm %x {epsilon = 1.0e-5 : f64} : (tensor<1x5x6xf32>) -> tensor<1x5x6xf32>
  %h = xf.tanh %n : tensor<1x5x6xf32>
  %s = xf.sigmoid %x : tensor<1x5x6xf32>
  %r = xf.sub %h, %s : (tensor<1x5x6xf32>, tensor<1x5x6xf32>) -> tensor<1x5x6xf32>
  %c = xf.constant dense<-0.5> : tensor<f32>
  %z = xf.mul %r, %c : (tensor<1x5x6xf32>, tensor<f32>) -> tensor<1x5x6xf32>
  return %n, %z : tensor<1x5x6xf32>, tensor<1x5x6xf32>
})"});
  return blocks;
}

/// Random inputs for `func`: normal floats, ids below 10.
std::vector<Tensor> randomInputs(func::FuncOp func, std::mt19937_64 &rng) {
  std::vector<Tensor> inputs;
  for (BlockArgument arg : func.getArguments()) {
    auto type = cast<RankedTensorType>(arg.getType());
    std::vector<int64_t> shape(type.getShape().begin(), type.getShape().end());
    int64_t n = type.getNumElements();
    if (isa<FloatType>(type.getElementType())) {
      std::normal_distribution<float> g(0.0f, 1.0f);
      std::vector<float> v(n);
      for (float &x : v)
        x = g(rng);
      inputs.push_back(Tensor::floats(shape, v));
    } else {
      std::vector<int64_t> v(n);
      for (int64_t &x : v)
        x = std::uniform_int_distribution<int64_t>(0, 9)(rng);
      inputs.push_back(Tensor::ints(shape, v));
    }
  }
  return inputs;
}

/// Relative L2 error of `approx` against `exact`.
double relativeError(const std::vector<float> &approx,
                     const std::vector<float> &exact) {
  double num = 0, den = 0;
  for (size_t i = 0; i < exact.size(); ++i) {
    num += (approx[i] - exact[i]) * (approx[i] - exact[i]);
    den += exact[i] * exact[i];
  }
  return std::sqrt(num / den);
}

TEST(SpikingConversion, TransformerBlocksSpikeExactlyTheIntegers) {
  DialectRegistry registry;
  registry.insert<xf::XFDialect, snn::SNNDialect, func::FuncDialect>();
  MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  int64_t runs = 0, counts = 0, longest = 0;
  for (const Block &block : transformerBlocks()) {
    std::vector<double> errors;
    for (unsigned T : {8u, 16u, 32u, 64u, 128u}) {
      OwningOpRef<ModuleOp> reference =
          parseSourceString<ModuleOp>(block.source, &ctx);
      ASSERT_TRUE(reference) << block.name;
      OwningOpRef<ModuleOp> module = reference->clone();
      auto floatFunc = reference->lookupSymbol<func::FuncOp>("main");
      auto func = module->lookupSymbol<func::FuncOp>("main");

      // Calibrated on the inputs it runs, as `snnc run` does by default:
      // ranges from other samples would clip, an error T cannot remove.
      std::mt19937_64 rng(T);
      std::vector<std::vector<Tensor>> samples;
      RangeCollector ranges;
      for (int i = 0; i < 4; ++i) {
        samples.push_back(randomInputs(func, rng));
        ASSERT_TRUE(succeeded(ranges.observe(func, samples.back())));
      }
      ASSERT_TRUE(succeeded(ranges.annotate(func)));
      // Fresh inputs saturate somewhere: still identical, not measured.
      for (int i = 0; i < 4; ++i)
        samples.push_back(randomInputs(func, rng));
      PassManager pm(&ctx);
      ConvertXFToSNNOptions options;
      options.timesteps = T;
      pm.addPass(createConvertXFToSNN(options));
      ASSERT_TRUE(succeeded(pm.run(*module))) << block.name << " T = " << T;

      double worst = 0;
      for (auto [index, inputs] : llvm::enumerate(samples)) {
        auto expected = runFloat(floatFunc, inputs);
        ASSERT_TRUE(succeeded(expected));
        std::vector<Tensor> codes;
        for (auto [i, t] : llvm::enumerate(inputs)) {
          auto scale = func.getArgAttrOfType<FloatAttr>(i, "snn.scale");
          if (!scale) { // ids pass through
            codes.push_back(t);
            continue;
          }
          int32_t qmin =
              func.getArgAttrOfType<IntegerAttr>(i, "snn.qmin").getInt();
          int32_t qmax =
              func.getArgAttrOfType<IntegerAttr>(i, "snn.qmax").getInt();
          std::vector<int64_t> c;
          for (float x : t.f32)
            c.push_back(image::quantizeInput(x, float(scale.getValueAsDouble()),
                                             qmin, qmax));
          codes.push_back(Tensor::ints(t.shape, c));
        }
        auto ints = runInteger(func, codes);
        SpikingStats stats;
        auto spikes = runSpiking(func, codes, &stats);
        ASSERT_TRUE(succeeded(ints) && succeeded(spikes))
            << block.name << " T = " << T;
        for (size_t r = 0; r < ints->size(); ++r) {
          ASSERT_EQ((*ints)[r].i64, (*spikes)[r].i64)
              << block.name << " T = " << T << " result " << r;
          float scale =
              float(func.getResultAttrOfType<FloatAttr>(r, "snn.scale")
                        .getValueAsDouble());
          std::vector<float> real;
          for (int64_t n : (*ints)[r].i64)
            real.push_back(image::dequantizeOutput(n, scale));
          if (index < 4)
            worst = std::max(worst, relativeError(real, (*expected)[r].f32));
          counts += real.size();
        }
        longest = std::max(longest, stats.steps);
        ++runs;
      }
      errors.push_back(worst);
    }
    std::cout << "[          ] " << block.name
              << ": relative L2 error vs float at T = 8..128:";
    for (double e : errors)
      std::cout << " " << e;
    std::cout << "\n";
    // Quantization error falls with T: 16 times the levels, at least 4
    // times less error (it is O(1/T) up to calibration clipping).
    EXPECT_LT(errors.back() * 4, errors.front()) << block.name;
    EXPECT_LT(errors.back(), 0.1) << block.name;
  }
  std::cout << "[          ] " << runs << " runs, " << counts
            << " output counts identical; longest run " << longest
            << " steps\n";
}

} // namespace

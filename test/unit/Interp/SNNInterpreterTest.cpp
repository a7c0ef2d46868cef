//===- SNNInterpreterTest.cpp - spiking == integer on random networks -----===//
//
// The ST-BIF theorem says the spiking interpreter's counts at quiescence
// equal the integer reference, whatever the weights, biases, multipliers,
// thresholds and input codes. These tests build random snn programs
// (layered, with residual populations fed by two currents) and check it.
//
//===----------------------------------------------------------------------===//

#include "snnc/Dialect/SNN/SNNOps.h"
#include "snnc/Interp/SNNInterpreter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"

#include <gtest/gtest.h>

#include <random>

using namespace mlir;
using namespace snnc;

namespace {

struct Net {
  OwningOpRef<ModuleOp> module;
  func::FuncOp func;
  int64_t inputWidth;
  int64_t levels;
};

/// A random network: an encoder, 1-3 synapse+neuron layers, sometimes a
/// population integrating two currents (a residual add).
Net randomNet(MLIRContext &ctx, std::mt19937_64 &rng) {
  auto uni = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  OpBuilder b(&ctx);
  Location loc = b.getUnknownLoc();
  Net net;
  net.module = ModuleOp::create(loc);
  net.levels = uni(1, 24);
  net.inputWidth = uni(1, 12);
  b.setInsertionPointToEnd(net.module->getBody());
  auto inType = RankedTensorType::get({1, net.inputWidth}, b.getI32Type());
  auto spikes = [&](int64_t w) {
    return snn::SpikesType::get(&ctx, {1, w}, snn::Encoding::Unary,
                                net.levels);
  };
  int64_t layers = uni(1, 3);
  // Output width fixed up front so the function type is known.
  std::vector<int64_t> widths{net.inputWidth};
  for (int64_t l = 0; l < layers; ++l)
    widths.push_back(uni(1, 16));
  auto outType = RankedTensorType::get({1, widths.back()}, b.getI32Type());
  net.func = b.create<func::FuncOp>(loc, "main",
                                    b.getFunctionType({inType}, {outType}));
  Block *body = net.func.addEntryBlock();
  b.setInsertionPointToEnd(body);
  Value x = b.create<snn::EncodeOp>(loc, spikes(net.inputWidth),
                                    body->getArgument(0));

  auto synapse = [&](Value in, int64_t inW, int64_t outW) -> Value {
    std::vector<int8_t> w(outW * inW);
    for (int8_t &v : w)
      v = int8_t(uni(-127, 127));
    std::vector<int32_t> bias(outW);
    for (int32_t &v : bias)
      v = int32_t(uni(-3000, 3000));
    return b.create<snn::SynapseOp>(
        loc, snn::CurrentType::get(&ctx, {1, outW}), in,
        DenseIntElementsAttr::get(
            RankedTensorType::get({outW, inW}, b.getIntegerType(8)),
            ArrayRef<int8_t>(w)),
        DenseIntElementsAttr::get(
            RankedTensorType::get({outW}, b.getI32Type()),
            ArrayRef<int32_t>(bias)),
        snn::STDPAttr());
  };

  for (int64_t l = 0; l < layers; ++l) {
    int64_t inW = widths[l], outW = widths[l + 1];
    SmallVector<Value> currents{synapse(x, inW, outW)};
    // A residual-style second current from the encoder when shapes allow.
    if (l > 0 && uni(0, 2) == 0)
      currents.push_back(synapse(body->getParent()->front().front().getResult(0),
                                 net.inputWidth, outW));
    bool perChannel = uni(0, 1);
    SmallVector<int64_t> mult;
    size_t count = perChannel ? currents.size() * outW : currents.size();
    for (size_t i = 0; i < count; ++i)
      mult.push_back(uni(1, (int64_t(1) << 31) - 1));
    int64_t shift = uni(28, 44);
    int64_t nmin = uni(0, 1) ? 0 : -uni(0, net.levels);
    int64_t nmax = uni(0, net.levels);
    x = b.create<snn::NeuronsOp>(
        loc, spikes(outW), currents,
        snn::STBIFAttr::get(&ctx, shift, nmin, nmax, 1),
        b.getDenseI64ArrayAttr(mult));
  }
  Value out = b.create<snn::DecodeOp>(loc, outType, x);
  b.create<func::ReturnOp>(loc, out);
  return net;
}

TEST(SNNInterpreter, SpikingEqualsIntegerOnRandomNetworks) {
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect, func::FuncDialect>();
  std::mt19937_64 rng(20261125);
  int checked = 0;
  for (int trial = 0; trial < 300; ++trial) {
    Net net = randomNet(ctx, rng);
    ASSERT_TRUE(succeeded(verify(*net.module))) << "trial " << trial;
    for (int sample = 0; sample < 4; ++sample) {
      // Codes slightly beyond the train's range exercise saturation.
      std::vector<int64_t> codes(net.inputWidth);
      for (int64_t &c : codes)
        c = std::uniform_int_distribution<int64_t>(-net.levels - 3,
                                                   net.levels + 3)(rng);
      std::vector<Tensor> in{Tensor::ints({1, net.inputWidth}, codes)};
      auto ref = runInteger(net.func, in);
      SpikingStats stats;
      auto spk = runSpiking(net.func, in, &stats);
      ASSERT_TRUE(succeeded(ref) && succeeded(spk)) << "trial " << trial;
      ASSERT_EQ((*ref)[0].i64, (*spk)[0].i64)
          << "trial " << trial << " sample " << sample;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 1200);
}

/// The check has teeth: a spiking run cut short of quiescence would differ.
TEST(SNNInterpreter, CountsNeedTheWholeWindow) {
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect, func::FuncDialect>();
  std::mt19937_64 rng(7);
  bool sawMultiStep = false;
  for (int trial = 0; trial < 50 && !sawMultiStep; ++trial) {
    Net net = randomNet(ctx, rng);
    std::vector<Tensor> in{Tensor::ints(
        {1, net.inputWidth}, std::vector<int64_t>(net.inputWidth, 1))};
    SpikingStats stats;
    ASSERT_TRUE(succeeded(runSpiking(net.func, in, &stats)));
    sawMultiStep = stats.steps > 2;
  }
  EXPECT_TRUE(sawMultiStep);
}

} // namespace

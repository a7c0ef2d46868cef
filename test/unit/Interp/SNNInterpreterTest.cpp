//===- SNNInterpreterTest.cpp - spiking == integer on random programs -----===//
//
// The ST-BIF theorem, the spike-product identity and the difference form of
// the functional units say that the spiking interpreter's counts at
// quiescence equal the integer reference, whatever the constants and the
// input codes. These tests build random snn programs and check it on every
// value of the program, not only its outputs.
//
//===----------------------------------------------------------------------===//

#include "snnc/Interp/SNNInterpreter.h"
#include "snnc/Arith/FunctionalUnits.h"
#include "snnc/Dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <map>
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
    return snn::SpikesType::get(&ctx, {1, w}, snn::Encoding::Unary, net.levels);
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
        DenseIntElementsAttr::get(RankedTensorType::get({outW}, b.getI32Type()),
                                  ArrayRef<int32_t>(bias)),
        snn::STDPAttr());
  };

  for (int64_t l = 0; l < layers; ++l) {
    int64_t inW = widths[l], outW = widths[l + 1];
    SmallVector<Value> currents{synapse(x, inW, outW)};
    // A residual-style second current from the encoder when shapes allow.
    if (l > 0 && uni(0, 2) == 0)
      currents.push_back(
          synapse(body->getParent()->front().front().getResult(0),
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

//===----------------------------------------------------------------------===//
// Random programs over every op
//===----------------------------------------------------------------------===//

/// Builds a random program: an encoder and an embedding source, then random
/// ops drawing their operands from every train built so far (products,
/// residual adds with constants, LUTs, softmax with causal masks, norms,
/// views, graded populations). Every train is returned, so the test
/// compares every value of the program.
class ProgramBuilder {
public:
  ProgramBuilder(MLIRContext &ctx, std::mt19937_64 &rng,
                 std::map<std::string, int> &coverage)
      : ctx(ctx), rng(rng), b(&ctx), loc(b.getUnknownLoc()),
        coverage(coverage) {}

  OwningOpRef<ModuleOp> module;
  func::FuncOp func;
  int64_t levels = 0, rows = 0, inputWidth = 0, vocab = 0;

  void build() {
    module = ModuleOp::create(loc);
    levels = uni(1, 20);
    rows = uni(1, 4);
    inputWidth = uni(1, 6);
    vocab = uni(1, 5);
    b.setInsertionPointToEnd(module->getBody());
    auto codesType = RankedTensorType::get({rows, inputWidth}, b.getI32Type());
    auto idsType = RankedTensorType::get({rows}, b.getI64Type());
    func = b.create<func::FuncOp>(loc, "main",
                                  b.getFunctionType({codesType, idsType}, {}));
    Block *body = func.addEntryBlock();
    b.setInsertionPointToEnd(body);
    add(b.create<snn::EncodeOp>(loc, unary({rows, inputWidth}),
                                body->getArgument(0)));
    int64_t dim = uni(1, 5);
    std::vector<int32_t> table(vocab * dim);
    for (int32_t &v : table)
      v = int32_t(uni(-levels, levels));
    add(b.create<snn::EmbedOp>(
        loc, unary({rows, dim}), body->getArgument(1),
        DenseIntElementsAttr::get(
            RankedTensorType::get({vocab, dim}, b.getI32Type()),
            ArrayRef(table))));
    for (int64_t i = 0, e = uni(2, 9); i < e; ++i)
      randomOp();

    SmallVector<Value> results;
    SmallVector<Type> types;
    for (Value t : trains) {
      auto shape = cast<snn::SpikesType>(t.getType()).getShape();
      types.push_back(RankedTensorType::get(shape, b.getI32Type()));
      results.push_back(b.create<snn::DecodeOp>(loc, types.back(), t));
    }
    b.create<func::ReturnOp>(loc, results);
    func.setType(b.getFunctionType(body->getArgumentTypes(), types));
  }

private:
  MLIRContext &ctx;
  std::mt19937_64 &rng;
  OpBuilder b;
  Location loc;
  std::map<std::string, int> &coverage;
  SmallVector<Value> trains;

  int64_t uni(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  }
  snn::SpikesType unary(ArrayRef<int64_t> shape, int64_t window = 0) {
    return snn::SpikesType::get(&ctx, shape, snn::Encoding::Unary,
                                window ? window : levels);
  }
  static snn::SpikesType typeOf(Value v) {
    return cast<snn::SpikesType>(v.getType());
  }
  static int64_t maxCode(Value v) {
    return typeOf(v).getMaxCode().value_or(int64_t(1) << 31);
  }
  void add(Value train) { trains.push_back(train); }
  Value pick() { return trains[uni(0, trains.size() - 1)]; }
  /// A train of the program's own encoding (unary, T = levels), for products.
  std::optional<Value> pickUnary() {
    SmallVector<Value> candidates;
    for (Value t : trains)
      if (typeOf(t) == unary(typeOf(t).getShape()))
        candidates.push_back(t);
    if (candidates.empty())
      return std::nullopt;
    return candidates[uni(0, candidates.size() - 1)];
  }
  void count(StringRef what) { ++coverage[what.str()]; }

  template <typename T> DenseIntElementsAttr vector(ArrayRef<T> values) {
    return DenseIntElementsAttr::get(
        RankedTensorType::get({int64_t(values.size())},
                              b.getIntegerType(sizeof(T) * 8)),
        values);
  }

  /// A population over `currents` with typical magnitudes `scales`: random
  /// multipliers at a shift that maps those magnitudes to a few levels, and
  /// a unary or graded output.
  Value population(ArrayRef<Value> currents, ArrayRef<double> scales) {
    auto shape = cast<snn::CurrentType>(currents[0].getType()).getShape();
    int64_t channels = shape.back();
    bool perChannel = uni(0, 1);
    double biggest = 1;
    for (double s : scales)
      biggest = std::max(biggest, s);
    int64_t shift = std::clamp<int64_t>(
        int64_t(std::log2(double(int64_t(1) << 30) * biggest /
                          std::max<int64_t>(1, levels / 2))) +
            uni(-2, 2),
        1, 62);
    SmallVector<int64_t> mult;
    for (double s : scales)
      for (int64_t c = 0; c < (perChannel ? channels : 1); ++c)
        mult.push_back(
            std::clamp<int64_t>(int64_t(double(int64_t(1) << 30) * biggest / s *
                                        std::exp2(double(uni(-8, 0)) / 8.0)),
                                1, (int64_t(1) << 31) - 1));
    bool graded = uni(0, 3) == 0;
    int64_t burst = graded ? uni(2, 4) : 1;
    int64_t window = graded ? uni(1, levels) : levels;
    int64_t top = burst * window;
    int64_t nmin = uni(0, 1) ? 0 : -uni(0, top);
    int64_t nmax = uni(0, top);
    auto type = snn::SpikesType::get(
        &ctx, shape, graded ? snn::Encoding::Graded : snn::Encoding::Unary,
        window);
    count(graded ? "neurons (graded)" : "neurons");
    return b.create<snn::NeuronsOp>(
        loc, type, currents,
        snn::STBIFAttr::get(&ctx, shift, nmin, nmax, burst),
        b.getDenseI64ArrayAttr(mult));
  }

  Value relay(Value train, bool negate) {
    count(negate ? "relay (negated)" : "relay");
    return b.create<snn::RelayOp>(
        loc, snn::CurrentType::get(&ctx, typeOf(train).getShape()), train,
        negate);
  }

  void randomOp() {
    switch (uni(0, 9)) {
    case 0: { // linear layer
      Value x = pick();
      auto shape = typeOf(x).getShape();
      int64_t in = shape.back(), out = uni(1, 6);
      std::vector<int8_t> w(out * in);
      for (int8_t &v : w)
        v = int8_t(uni(-127, 127));
      std::vector<int32_t> bias(out);
      for (int32_t &v : bias)
        v = int32_t(uni(-500, 500));
      SmallVector<int64_t> outShape(shape.drop_back());
      outShape.push_back(out);
      Value c = b.create<snn::SynapseOp>(
          loc, snn::CurrentType::get(&ctx, outShape), x,
          DenseIntElementsAttr::get(
              RankedTensorType::get({out, in}, b.getIntegerType(8)),
              ArrayRef(w)),
          vector(ArrayRef(bias)), snn::STDPAttr());
      count("synapse");
      add(population({c}, {double(in) * 40 * double(maxCode(x))}));
      return;
    }
    case 1: { // residual add / subtraction of two trains and a constant
      Value x = pick();
      auto shape = typeOf(x).getShape();
      SmallVector<Value> same;
      for (Value t : trains)
        if (typeOf(t).getShape() == shape)
          same.push_back(t);
      Value y = same[uni(0, same.size() - 1)];
      SmallVector<Value> currents{relay(x, false), relay(y, uni(0, 1))};
      SmallVector<double> scales{double(maxCode(x)), double(maxCode(y))};
      if (uni(0, 1)) {
        std::vector<int32_t> k(shape[0] * shape[1]);
        for (int32_t &v : k)
          v = int32_t(uni(-40, 40));
        currents.push_back(b.create<snn::BiasOp>(
            loc, snn::CurrentType::get(&ctx, shape),
            DenseIntElementsAttr::get(
                RankedTensorType::get(shape, b.getI32Type()), ArrayRef(k))));
        scales.push_back(40);
        count("bias");
      }
      add(population(currents, scales));
      return;
    }
    case 2: { // spike×spike matrix product, with transposes and batches
      std::optional<Value> a = pickUnary(), c = pickUnary();
      if (!a)
        return;
      auto as = typeOf(*a).getShape();
      auto cs = typeOf(*c).getShape();
      if (as.back() != cs.back()) {
        // [n, k] · [m, k]ᵀ needs a shared k: view c as [cs0 * cs1 / k, k].
        if ((cs[0] * cs[1]) % as.back())
          return;
        *c = b.create<snn::ReshapeOp>(
            loc, unary({cs[0] * cs[1] / as.back(), as.back()}), *c);
        count("reshape");
        cs = typeOf(*c).getShape();
      }
      Value rhs = b.create<snn::TransposeOp>(loc, unary({cs[1], cs[0]}), *c,
                                             b.getDenseI64ArrayAttr({1, 0}));
      count("transpose");
      Value lhs = *a;
      SmallVector<int64_t> product{as[0], cs[0]};
      if (uni(0, 1)) {
        // A batch of 2: the lhs broadcast, the rhs reshaped to [1, k, m].
        int64_t batch = 2;
        lhs =
            b.create<snn::BroadcastOp>(loc, unary({batch, as[0], as[1]}), lhs);
        rhs = b.create<snn::ReshapeOp>(loc, unary({1, cs[1], cs[0]}), rhs);
        count("reshape");
        rhs =
            b.create<snn::BroadcastOp>(loc, unary({batch, cs[1], cs[0]}), rhs);
        count("broadcast");
        product.insert(product.begin(), batch);
      }
      Value current = b.create<snn::SpikeMatMulOp>(
          loc, snn::CurrentType::get(&ctx, product), lhs, rhs);
      count("spike_matmul");
      Value p = population(
          {current}, {double(as[1]) * double(levels) * double(levels) / 4});
      if (product.size() == 3)
        p = b.create<snn::ReshapeOp>(
            loc,
            snn::SpikesType::get(&ctx, {2 * as[0], cs[0]},
                                 typeOf(p).getEncoding(),
                                 typeOf(p).getWindow()),
            p);
      add(p);
      return;
    }
    case 3: { // elementwise spike product
      std::optional<Value> a = pickUnary();
      if (!a)
        return;
      SmallVector<Value> same;
      for (Value t : trains)
        if (t.getType() == a->getType())
          same.push_back(t);
      Value c = same[uni(0, same.size() - 1)];
      Value current = b.create<snn::SpikeMulOp>(
          loc, snn::CurrentType::get(&ctx, typeOf(*a).getShape()), *a, c);
      count("spike_mul");
      add(population({current}, {double(levels) * double(levels) / 4}));
      return;
    }
    case 4: { // LUT
      Value x = pick();
      int64_t window = uni(1, 2 * levels);
      bool graded = uni(0, 3) == 0;
      int64_t size = uni(1, 2 * levels + 3);
      std::vector<int32_t> table(size);
      for (int32_t &v : table)
        v = int32_t(uni(-window, window));
      auto type = snn::SpikesType::get(
          &ctx, typeOf(x).getShape(),
          graded ? snn::Encoding::Graded : snn::Encoding::Unary, window);
      add(b.create<snn::LutOp>(
          loc, type, x, snn::LutKindAttr::get(&ctx, snn::LutKind::Custom),
          vector(ArrayRef(table)),
          b.getIntegerAttr(b.getIntegerType(64, true), uni(-levels - 2, 0))));
      count("lut");
      return;
    }
    case 5: { // softmax, sometimes causal
      Value x = pick();
      auto shape = typeOf(x).getShape();
      int64_t size = uni(1, 2 * levels + 2);
      std::vector<int32_t> table(size);
      int64_t e = 0;
      for (int32_t &v : table) {
        e += uni(0, 1 << 14);
        v = int32_t(e);
      }
      table.back() = std::max<int32_t>(table.back(), 1);
      int64_t window = uni(1, 2 * levels);
      IntegerAttr offset;
      if (uni(0, 1)) {
        offset = b.getI64IntegerAttr(uni(-shape[0] - 1, shape[1] + 1));
        count("softmax (causal)");
      }
      add(b.create<snn::SoftmaxOp>(
          loc, unary(shape, window), x, vector(ArrayRef(table)),
          b.getI64IntegerAttr(uni(1, 3 * window)), offset));
      count("softmax");
      return;
    }
    case 6: { // layer or RMS norm
      Value x = pick();
      if (!typeOf(x).getMaxCode())
        return; // graded codes are too wide for 64-bit statistics
      auto shape = typeOf(x).getShape();
      int64_t n = shape.back();
      arith::NormParams p;
      p.center = uni(0, 1);
      p.epsilon = uni(0, 1) ? 0 : uni(0, 1000);
      p.fracBits = int32_t(uni(0, 16));
      p.gainShift = int32_t(uni(0, 16));
      int64_t window = uni(1, 2 * levels);
      std::vector<int64_t> gain(n), bias(n);
      int64_t maxGain = 0, maxBias = 0;
      for (int64_t j = 0; j < n; ++j) {
        int64_t one = int64_t(1) << p.gainShift;
        gain[j] = uni(-3 * window, 3 * window) * one / 2;
        bias[j] = uni(-window, window) * one / 2;
        maxGain = std::max(maxGain, std::abs(gain[j]));
        maxBias = std::max(maxBias, std::abs(bias[j]));
      }
      if (!arith::normFitsInt64(n, maxCode(x), p, maxGain, maxBias))
        return;
      add(b.create<snn::NormOp>(
          loc, unary(shape, window), x,
          snn::NormKindAttr::get(&ctx, p.center ? snn::NormKind::Layer
                                                : snn::NormKind::RMS),
          vector(ArrayRef(gain)), vector(ArrayRef(bias)),
          b.getI64IntegerAttr(p.epsilon), b.getI64IntegerAttr(p.fracBits),
          b.getI64IntegerAttr(p.gainShift)));
      count(p.center ? "norm (layer)" : "norm (rms)");
      return;
    }
    case 7: { // a view feeding a population
      Value x = pick();
      auto shape = typeOf(x).getShape();
      Value v = b.create<snn::TransposeOp>(
          loc,
          snn::SpikesType::get(&ctx, {shape[1], shape[0]},
                               typeOf(x).getEncoding(), typeOf(x).getWindow()),
          x, b.getDenseI64ArrayAttr({1, 0}));
      count("transpose");
      add(population({relay(v, uni(0, 1))}, {double(maxCode(x))}));
      return;
    }
    default: { // a plain population on one train, maybe with a bias
      Value x = pick();
      add(population({relay(x, false)}, {double(maxCode(x))}));
      return;
    }
    }
  }
};

TEST(SNNInterpreter, SpikingEqualsIntegerOnRandomPrograms) {
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect, func::FuncDialect>();
  std::mt19937_64 rng(20260601);
  std::map<std::string, int> coverage;
  int checked = 0, values = 0;
  int64_t longest = 0, nonzero = 0, elements = 0;
  for (int trial = 0; trial < 400; ++trial) {
    ProgramBuilder p(ctx, rng, coverage);
    p.build();
    ASSERT_TRUE(succeeded(verify(*p.module))) << "trial " << trial;
    for (int sample = 0; sample < 3; ++sample) {
      std::vector<int64_t> codes(p.rows * p.inputWidth), ids(p.rows);
      for (int64_t &c : codes)
        c = std::uniform_int_distribution<int64_t>(-p.levels - 2,
                                                   p.levels + 2)(rng);
      for (int64_t &id : ids)
        id = std::uniform_int_distribution<int64_t>(-p.vocab, p.vocab - 1)(rng);
      std::vector<Tensor> in{Tensor::ints({p.rows, p.inputWidth}, codes),
                             Tensor::ints({p.rows}, ids)};
      auto ref = runInteger(p.func, in);
      SpikingStats stats;
      auto spk = runSpiking(p.func, in, &stats);
      ASSERT_TRUE(succeeded(ref) && succeeded(spk)) << "trial " << trial;
      ASSERT_EQ(ref->size(), spk->size());
      for (size_t v = 0; v < ref->size(); ++v)
        ASSERT_EQ((*ref)[v].i64, (*spk)[v].i64)
            << "trial " << trial << " sample " << sample << " value " << v;
      for (const Tensor &t : *ref)
        for (int64_t v : t.i64)
          nonzero += v != 0, elements += 1;
      values += ref->size();
      longest = std::max(longest, stats.steps);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 1200);
  // Every op kind was exercised, most of them often.
  for (const char *op :
       {"synapse", "relay", "relay (negated)", "bias", "neurons",
        "neurons (graded)", "spike_matmul", "spike_mul", "lut", "softmax",
        "softmax (causal)", "norm (layer)", "norm (rms)", "transpose",
        "reshape", "broadcast"})
    EXPECT_GE(coverage[op], 40) << op;
  // The values are not trivially equal: most counts are nonzero.
  EXPECT_GT(nonzero, elements / 2);
  std::cout << "[          ] " << checked << " programs x inputs, " << values
            << " values (" << elements << " counts, " << nonzero
            << " nonzero) equal; longest run " << longest << " steps\n";
  for (auto &[op, n] : coverage)
    std::cout << "[          ]   " << op << ": " << n << "\n";
}

/// An embedding id outside the table fails in both interpreters.
TEST(SNNInterpreter, EmbeddingIdOutOfRange) {
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect, func::FuncDialect>();
  std::mt19937_64 rng(3);
  std::map<std::string, int> coverage;
  ProgramBuilder p(ctx, rng, coverage);
  p.build();
  std::vector<Tensor> in{
      Tensor::ints({p.rows, p.inputWidth},
                   std::vector<int64_t>(p.rows * p.inputWidth, 0)),
      Tensor::ints({p.rows}, std::vector<int64_t>(p.rows, p.vocab))};
  ScopedDiagnosticHandler quiet(&ctx, [](Diagnostic &) { return success(); });
  EXPECT_TRUE(failed(runInteger(p.func, in)));
  EXPECT_TRUE(failed(runSpiking(p.func, in)));
}

/// Bitplane trains have an integer meaning but no spiking schedule yet: the
/// integer reference runs them, the spiking interpreter says why it cannot.
TEST(SNNInterpreter, BitplaneTrainsAreIntegerOnly) {
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect, func::FuncDialect>();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(R"(
    func.func @main(%x: tensor<3xi32>) -> tensor<3xi32> {
      %s = snn.encode %x : tensor<3xi32> -> !snn.spikes<3, unary, T = 2>
      %e = snn.lut <exp> %s {input_min = -2 : si64, table = dense<[1, 3, 7, 20, 54]> : tensor<5xi32>}
          : !snn.spikes<3, unary, T = 2> -> !snn.spikes<3, bitplane, T = 8>
      %c = snn.decode %e : !snn.spikes<3, bitplane, T = 8> -> tensor<3xi32>
      return %c : tensor<3xi32>
    })",
                                                             &ctx);
  ASSERT_TRUE(module);
  auto func = module->lookupSymbol<func::FuncOp>("main");
  std::vector<Tensor> in{Tensor::ints({3}, {-5, 0, 1})};
  auto ref = runInteger(func, in);
  ASSERT_TRUE(succeeded(ref));
  EXPECT_EQ((*ref)[0].i64, (std::vector<int64_t>{1, 7, 20}));
  std::string message;
  ScopedDiagnosticHandler capture(&ctx, [&](Diagnostic &d) {
    message = d.str();
    return success();
  });
  EXPECT_TRUE(failed(runSpiking(func, in)));
  EXPECT_EQ(message, "'snn.lut' op bitplane spike trains are not supported "
                     "by the spiking interpreter yet");
}

} // namespace

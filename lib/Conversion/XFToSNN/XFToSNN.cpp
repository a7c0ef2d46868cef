//===- XFToSNN.cpp - quantize xf and convert it to spikes -----------------===//
//
// A whole-function rewrite rather than per-op conversion patterns: every
// value's quantization depends on its own calibrated range and on its
// consumers (a ReLU fuses into the producing population), so values are
// converted in program order with their quantization carried along.
//
//===----------------------------------------------------------------------===//

#include "snnc/Arith/Requant.h"
#include "snnc/Conversion/Passes.h"
#include "snnc/Dialect/SNN/SNNOps.h"
#include "snnc/Dialect/XF/XFOps.h"
#include "snnc/Quant/Calibration.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

namespace snnc {
#define GEN_PASS_DEF_CONVERTXFTOSNN
#include "snnc/Conversion/Passes.h.inc"
} // namespace snnc

using namespace mlir;
using namespace snnc;

namespace {

/// Codes c ∈ [qmin, qmax] represent c·scale.
struct QuantInfo {
  float scale = 1.0f;
  int64_t qmin = 0, qmax = 0;
};

/// Round half up, the rounding of semantics.md, at compile time.
double roundHalfUp(double x) { return std::floor(x + 0.5); }

class Converter {
public:
  Converter(func::FuncOp func, unsigned timesteps)
      : func(func), b(func.getContext()), levels(timesteps) {}

  LogicalResult run();

private:
  func::FuncOp func;
  OpBuilder b;
  int64_t levels;
  llvm::DenseMap<Value, Value> spikes;
  llvm::DenseMap<Value, QuantInfo> quant;

  snn::SpikesType spikesType(ArrayRef<int64_t> shape) {
    return snn::SpikesType::get(b.getContext(), shape, snn::Encoding::Unary,
                                levels);
  }
  FailureOr<QuantInfo> quantFor(Value v, Operation *rangeOwner, Location loc);
  LogicalResult convertLinear(xf::LinearOp op);
};

/// The scale and code range of a value from its calibrated range.
FailureOr<QuantInfo> Converter::quantFor(Value v, Operation *rangeOwner,
                                         Location loc) {
  DenseF64ArrayAttr range;
  if (auto arg = dyn_cast<BlockArgument>(v))
    range = func.getArgAttrOfType<DenseF64ArrayAttr>(arg.getArgNumber(),
                                                     kRangeAttrName);
  else
    range = rangeOwner->getAttrOfType<DenseF64ArrayAttr>(kRangeAttrName);
  if (!range || range.size() != 2)
    return emitError(loc) << "has no calibrated range (" << kRangeAttrName
                          << "); run calibration first";
  double lo = range[0], hi = range[1];
  double absmax = std::max(std::fabs(lo), std::fabs(hi));
  QuantInfo q;
  // The scale is a float32: the image stores it so, and the encoder and
  // decoder of every level must use the very same value.
  q.scale = absmax > 0 ? float(absmax / double(levels)) : 1.0f;
  if (!(q.scale > 0) || !std::isfinite(q.scale))
    return emitError(loc) << "range [" << lo << ", " << hi
                          << "] gives no usable scale";
  q.qmin = lo >= 0 ? 0 : -levels;
  q.qmax = levels;
  return q;
}

LogicalResult Converter::convertLinear(xf::LinearOp op) {
  Location loc = op.getLoc();
  auto constantOf = [](Value v) -> DenseElementsAttr {
    if (!v)
      return {};
    auto c = v.getDefiningOp<xf::ConstantOp>();
    return c ? dyn_cast<DenseElementsAttr>(c.getValue()) : DenseElementsAttr();
  };
  DenseElementsAttr weights = constantOf(op.getWeight());
  if (!weights)
    return op.emitError("linear layer with a non-constant weight has no "
                        "spiking form yet");
  DenseElementsAttr bias = constantOf(op.getBias());
  if (op.getBias() && !bias)
    return op.emitError("linear layer with a non-constant bias has no "
                        "spiking form yet");
  Value input = op.getInput();
  auto in = spikes.find(input);
  if (in == spikes.end())
    return op.emitError("input is not a converted spike train");
  QuantInfo qin = quant[input];

  // A ReLU that only this layer feeds becomes the population's lower bound.
  Value out = op.getResult();
  Operation *rangeOwner = op;
  bool relu = false;
  if (out.hasOneUse())
    if (auto r = dyn_cast<xf::ReluOp>(*out.getUsers().begin())) {
      relu = true;
      out = r.getResult();
      rangeOwner = r;
    }
  auto qoutOr = quantFor(out, rangeOwner, rangeOwner->getLoc());
  if (failed(qoutOr))
    return failure();
  QuantInfo qout = *qoutOr;
  if (relu)
    qout.qmin = 0;

  auto wType = cast<RankedTensorType>(weights.getType());
  int64_t outF = wType.getDimSize(0), inF = wType.getDimSize(1);
  std::vector<float> w;
  for (APFloat v : weights.getValues<APFloat>()) {
    bool lost;
    v.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &lost);
    w.push_back(v.convertToFloat());
  }
  std::vector<float> bv(outF, 0.0f);
  if (bias) {
    int64_t i = 0;
    for (APFloat v : bias.getValues<APFloat>()) {
      bool lost;
      v.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &lost);
      bv[i++] = v.convertToFloat();
    }
  }

  // Per-output-channel int8 weights; the channel scale folds into the
  // multiplier, so no precision is shared across channels.
  std::vector<int8_t> wq(w.size());
  std::vector<int32_t> bq(outF);
  std::vector<double> ratio(outF);
  double maxRatio = 0;
  for (int64_t o = 0; o < outF; ++o) {
    double maxAbs = 0;
    for (int64_t k = 0; k < inF; ++k)
      maxAbs = std::max(maxAbs, std::fabs(double(w[o * inF + k])));
    double sw = maxAbs > 0 ? maxAbs / 127.0 : 1.0;
    for (int64_t k = 0; k < inF; ++k)
      wq[o * inF + k] =
          int8_t(std::clamp(roundHalfUp(w[o * inF + k] / sw), -127.0, 127.0));
    double acc = double(qin.scale) * sw;
    double bcode = roundHalfUp(bv[o] / acc);
    if (std::fabs(bcode) > 2147483647.0)
      return op.emitError("bias of output channel ")
             << o << " is " << bcode
             << " accumulator units, beyond 32 bits; the input scale is too "
             << "small for it (calibrate with representative inputs)";
    bq[o] = int32_t(bcode);
    ratio[o] = acc / double(qout.scale);
    maxRatio = std::max(maxRatio, ratio[o]);
  }
  auto normalized = arith::quantizeMultiplier(maxRatio);
  if (!normalized || normalized->m == 0)
    return op.emitError("requantization ratio ")
           << maxRatio << " cannot be represented (needs (0, 2^31))";
  int32_t shift = normalized->shift;
  if (shift < 1)
    return op.emitError("requantization ratio ")
           << maxRatio << " needs a threshold below 2 (shift " << shift
           << "); the output range is far smaller than the input's";
  SmallVector<int64_t> multipliers;
  for (double r : ratio) {
    auto m = arith::quantizeMultiplierAtShift(r, shift);
    // A channel whose ratio rounds to zero still needs a positive multiplier;
    // 1 keeps it (correctly) near zero.
    multipliers.push_back(m && *m > 0 ? *m : 1);
  }

  b.setInsertionPoint(op);
  SmallVector<int64_t> outShape(
      cast<RankedTensorType>(op.getType()).getShape());
  auto weightAttr = DenseIntElementsAttr::get(
      RankedTensorType::get({outF, inF}, b.getIntegerType(8)),
      ArrayRef<int8_t>(wq));
  auto biasAttr = DenseIntElementsAttr::get(
      RankedTensorType::get({outF}, b.getIntegerType(32)),
      ArrayRef<int32_t>(bq));
  auto synapse = b.create<snn::SynapseOp>(
      loc, snn::CurrentType::get(b.getContext(), outShape), in->second,
      weightAttr, biasAttr, /*plasticity=*/snn::STDPAttr());
  auto model = snn::STBIFAttr::get(b.getContext(), shift, qout.qmin, qout.qmax,
                                   /*maxBurst=*/1);
  auto neurons = b.create<snn::NeuronsOp>(
      rangeOwner->getLoc(), spikesType(outShape), ValueRange{synapse}, model,
      b.getDenseI64ArrayAttr(multipliers));
  spikes[out] = neurons;
  quant[out] = qout;
  return success();
}

LogicalResult Converter::run() {
  if (!func.getBody().hasOneBlock())
    return func.emitError("expected a single-block function");
  Block &body = func.getBody().front();
  Location loc = func.getLoc();

  b.setInsertionPointToStart(&body);
  SmallVector<Type> argTypes;
  for (BlockArgument arg : body.getArguments()) {
    auto type = cast<RankedTensorType>(arg.getType());
    if (!isa<FloatType>(type.getElementType()))
      return func.emitError("argument #")
             << arg.getArgNumber() << " of type " << type
             << " has no spiking encoder yet (float inputs only)";
    auto q = quantFor(arg, nullptr, loc);
    if (failed(q))
      return failure();
    auto codes = RankedTensorType::get(type.getShape(), b.getI32Type());
    arg.setType(codes);
    argTypes.push_back(codes);
    auto enc = b.create<snn::EncodeOp>(loc, spikesType(type.getShape()), arg);
    spikes[arg] = enc;
    quant[arg] = *q;
    unsigned i = arg.getArgNumber();
    func.removeArgAttr(i, kRangeAttrName);
    func.setArgAttr(i, "snn.scale", b.getF64FloatAttr(q->scale));
    func.setArgAttr(i, "snn.qmin", b.getI64IntegerAttr(q->qmin));
    func.setArgAttr(i, "snn.qmax", b.getI64IntegerAttr(q->qmax));
  }

  SmallVector<Operation *> toErase;
  for (Operation &op : llvm::make_early_inc_range(body)) {
    if (isa<snn::EncodeOp>(op))
      continue;
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      b.setInsertionPoint(ret);
      SmallVector<Value> results;
      SmallVector<Type> resultTypes;
      for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
        auto s = spikes.find(v);
        if (s == spikes.end())
          return ret.emitError("result #")
                 << i << " is not a converted spike train";
        auto shape = cast<ShapedType>(v.getType()).getShape();
        auto counts = RankedTensorType::get(shape, b.getI32Type());
        results.push_back(
            b.create<snn::DecodeOp>(ret.getLoc(), counts, s->second));
        resultTypes.push_back(counts);
      }
      b.create<func::ReturnOp>(ret.getLoc(), results);
      func.setType(b.getFunctionType(argTypes, resultTypes));
      for (auto [i, v] : llvm::enumerate(ret.getOperands()))
        func.setResultAttr(i, "snn.scale", b.getF64FloatAttr(quant[v].scale));
      toErase.push_back(ret);
      continue;
    }
    LogicalResult result =
        llvm::TypeSwitch<Operation *, LogicalResult>(&op)
            .Case([&](xf::ConstantOp) { return success(); })
            .Case([&](xf::LinearOp lin) { return convertLinear(lin); })
            .Case([&](xf::ReluOp r) -> LogicalResult {
              if (spikes.count(r.getResult()))
                return success(); // fused into its producer
              return r.emitError("a ReLU that does not follow a linear "
                                 "layer has no spiking form yet");
            })
            .Default([&](Operation *other) {
              return other->emitError("'")
                     << other->getName()
                     << "' has no spiking form yet (snnc converts linear "
                     << "layers and ReLU so far)";
            });
    if (failed(result))
      return failure();
    toErase.push_back(&op);
  }
  // Erase users before producers.
  for (Operation *op : llvm::reverse(toErase)) {
    op->dropAllUses();
    op->erase();
  }
  return success();
}

struct ConvertXFToSNNPass
    : public snnc::impl::ConvertXFToSNNBase<ConvertXFToSNNPass> {
  using ConvertXFToSNNBase::ConvertXFToSNNBase;

  void runOnOperation() override {
    if (timesteps < 1) {
      getOperation().emitError("timesteps must be at least 1");
      return signalPassFailure();
    }
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      bool hasXF = false;
      func.walk([&](Operation *op) {
        hasXF |= isa<xf::XFDialect>(op->getDialect());
      });
      if (!hasXF)
        continue;
      if (failed(Converter(func, timesteps).run()))
        return signalPassFailure();
    }
  }
};

} // namespace

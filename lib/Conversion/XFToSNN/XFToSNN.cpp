//===- XFToSNN.cpp - quantize xf and convert it to spikes -----------------===//
//
// A whole-function rewrite rather than per-op conversion patterns: every
// value's quantization depends on its own calibrated range and on its
// consumers, so values are converted in program order with their
// quantization carried along.
//
// Ops whose spiking form is a population of ST-BIF neurons (linear layers,
// products, additions) first become a Pending population: its input currents
// are built, but its requantization waits until the value is used. A single
// user that is linear in it (ReLU, a residual add, a scale by a constant)
// then folds into the same population instead of requantizing twice; any
// other user makes the population real, quantized with the calibrated range
// of the last value folded into it.
//
//===----------------------------------------------------------------------===//

#include "snnc/Arith/FunctionalUnits.h"
#include "snnc/Arith/Requant.h"
#include "snnc/Conversion/Passes.h"
#include "snnc/Dialect/SNN/SNNOps.h"
#include "snnc/Dialect/XF/XFOps.h"
#include "snnc/Quant/Calibration.h"
#include "snnc/Support/ShapeUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <functional>

namespace snnc {
#define GEN_PASS_DEF_CONVERTXFTOSNN
#include "snnc/Conversion/Passes.h.inc"
} // namespace snnc

using namespace mlir;
using namespace snnc;

namespace {

/// Fraction bits of the softmax exp table: exp(0) = 2^20. The ratios
/// e_j / z keep ~20 significant bits, far below the output step 1/levels.
constexpr int kExpFracBits = 20;

/// Codes c ∈ [qmin, qmax] represent c·scale.
struct QuantInfo {
  float scale = 1.0f;
  int64_t qmin = 0, qmax = 0;
};

/// Round half up, the rounding of semantics.md, at compile time.
double roundHalfUp(double x) { return std::floor(x + 0.5); }

int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

/// For each element of `to`, the element of `from` that NumPy broadcasting
/// reads (`from` must broadcast to `to`).
std::vector<int64_t> broadcastSource(ArrayRef<int64_t> from,
                                     ArrayRef<int64_t> to) {
  std::vector<int64_t> source(numElements(to));
  size_t lead = to.size() - from.size();
  SmallVector<int64_t> step(to.size(), 0);
  int64_t stride = 1;
  for (size_t d = from.size(); d-- > 0;) {
    step[lead + d] = from[d] == 1 ? 0 : stride;
    stride *= from[d];
  }
  SmallVector<int64_t> idx(to.size(), 0);
  int64_t src = 0;
  for (int64_t &s : source) {
    s = src;
    for (size_t d = to.size(); d-- > 0;) {
      ++idx[d];
      src += step[d];
      if (idx[d] < to[d])
        break;
      src -= step[d] * to[d];
      idx[d] = 0;
    }
  }
  return source;
}

/// A tensor known at compile time (weights, biases, scale factors).
struct ConstTensor {
  SmallVector<int64_t> shape;
  std::vector<double> values;

  /// The values broadcast to `to`.
  std::vector<double> broadcastTo(ArrayRef<int64_t> to) const {
    std::vector<double> out;
    for (int64_t s : broadcastSource(shape, to))
      out.push_back(values[s]);
    return out;
  }

  /// One factor, or one per channel (the last dimension of size
  /// `channels`), when the other dimensions are all 1.
  std::optional<std::vector<double>> perChannel(int64_t channels) const {
    for (size_t d = 0; d + 1 < shape.size(); ++d)
      if (shape[d] != 1)
        return std::nullopt;
    if (values.size() != 1 && int64_t(values.size()) != channels)
      return std::nullopt;
    return values;
  }
};

/// Whether factors (one, or one per channel) scale a population through its
/// multipliers alone: a nonzero scalar, or positive factors.
bool scalesInPlace(ArrayRef<double> factors) {
  if (factors.size() == 1)
    return factors[0] != 0;
  return llvm::all_of(factors, [](double f) { return f > 0; });
}

ConstTensor constantFromAttr(ElementsAttr attr) {
  ConstTensor c;
  auto type = cast<ShapedType>(attr.getType());
  c.shape.assign(type.getShape().begin(), type.getShape().end());
  auto dense = cast<DenseElementsAttr>(attr);
  if (isa<FloatType>(type.getElementType())) {
    for (APFloat v : dense.getValues<APFloat>()) {
      bool lost;
      v.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &lost);
      c.values.push_back(v.convertToDouble());
    }
  } else {
    for (const APInt &v : dense.getValues<APInt>())
      c.values.push_back(double(v.getSExtValue()));
  }
  return c;
}

/// One input current of a population: its window sum times `unit` (one
/// value, or one per channel) is its real contribution.
struct Term {
  Value current;
  SmallVector<double> unit;
  /// The previous term relays the same train with the other sign, so the
  /// pair's net multiplier per channel is the difference of theirs.
  bool twinOfPrevious = false;
};

/// A population whose currents exist but whose requantization waits for its
/// users (see the file comment).
struct Pending {
  SmallVector<int64_t> shape;
  SmallVector<Term> terms;
  /// Real values added to the population (result shape), injected as an
  /// snn.bias once its multiplier is known.
  std::optional<std::vector<double>> constant;
  /// Counts are clamped at 0 (a fused ReLU); nothing may be added after it.
  bool relu = false;
  /// The op whose calibrated range quantizes the population.
  Operation *owner = nullptr;
};

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
  llvm::DenseMap<Value, Pending> pending;
  llvm::DenseMap<Value, ConstTensor> constants;

  snn::SpikesType spikesType(ArrayRef<int64_t> shape) {
    return snn::SpikesType::get(b.getContext(), shape, snn::Encoding::Unary,
                                levels);
  }
  snn::CurrentType currentType(ArrayRef<int64_t> shape) {
    return snn::CurrentType::get(b.getContext(), shape);
  }
  FailureOr<QuantInfo> quantFor(Value v, Operation *rangeOwner, Location loc);

  // Operands.
  FailureOr<Value> trainOf(Value v, Operation *user);
  FailureOr<Value> trainAs(Value v, ArrayRef<int64_t> shape, Operation *user);
  FailureOr<Pending> takePending(Value v, ArrayRef<int64_t> shape,
                                 Operation *user);
  const ConstTensor *constantOf(Value v) {
    auto it = constants.find(v);
    return it == constants.end() ? nullptr : &it->second;
  }

  // Populations.
  bool fuses(Value v, const Pending &p);
  LogicalResult finish(Value v, Pending p);
  FailureOr<Value> materialize(Value v, Pending p);
  FailureOr<Value> populate(Pending p, QuantInfo q);
  LogicalResult negate(Pending &p);
  LogicalResult foldIntoSynapseBias(Pending &p, ArrayRef<double> values,
                                    bool negated);
  FailureOr<Pending> negateOrRelay(Value v, Pending p, Operation *user);
  FailureOr<Term> synapseTerm(Operation *op, Value input,
                              const std::vector<double> &weights, int64_t outF,
                              int64_t inF, const std::vector<double> *bias,
                              ArrayRef<int64_t> outShape);

  // Ops.
  void foldConstants();
  LogicalResult convertArguments();
  LogicalResult convertLinear(xf::LinearOp op);
  LogicalResult convertMatMul(xf::MatMulOp op);
  LogicalResult convertAddSub(Operation *op, bool subtract);
  LogicalResult convertMul(xf::MulOp op);
  LogicalResult convertDiv(xf::DivOp op);
  LogicalResult convertScale(Operation *op, Value input,
                             std::vector<double> factors);
  LogicalResult convertElementwiseScale(Operation *op, Value input,
                                        const ConstTensor &c, bool reciprocal);
  LogicalResult convertNeg(xf::NegOp op);
  LogicalResult convertRelu(xf::ReluOp op);
  LogicalResult convertLut(Operation *op, snn::LutKind kind,
                           std::function<double(double)> f);
  LogicalResult convertSoftmax(xf::SoftmaxOp op);
  LogicalResult convertCausalMask(xf::CausalMaskOp op);
  LogicalResult convertNorm(Operation *op, Value input, Value scale, Value bias,
                            int64_t axis, double epsilon, bool center);
  LogicalResult convertEmbedding(xf::EmbeddingOp op);
  LogicalResult convertReshape(xf::ReshapeOp op);
  LogicalResult convertTranspose(xf::TransposeOp op);
  LogicalResult convertSlice(xf::SliceOp op);
  LogicalResult convertSplit(xf::SplitOp op);
  LogicalResult convertConcat(xf::ConcatOp op);
  LogicalResult convertReturn(func::ReturnOp ret,
                              SmallVectorImpl<Type> &argTypes);
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

//===----------------------------------------------------------------------===//
// Operands
//===----------------------------------------------------------------------===//

FailureOr<Value> Converter::trainOf(Value v, Operation *user) {
  auto it = spikes.find(v);
  if (it != spikes.end())
    return it->second;
  if (constants.count(v))
    return user->emitError("a constant operand here has no spiking form yet");
  return user->emitError("operand is not a converted spike train");
}

/// The train of `v`, broadcast to `shape` when it is smaller.
FailureOr<Value> Converter::trainAs(Value v, ArrayRef<int64_t> shape,
                                    Operation *user) {
  FailureOr<Value> train = trainOf(v, user);
  if (failed(train) || shapeOf(v) == shape)
    return train;
  return b.create<snn::BroadcastOp>(user->getLoc(), spikesType(shape), *train)
      .getResult();
}

/// The pending population of `v`, or a new one relaying its train.
FailureOr<Pending> Converter::takePending(Value v, ArrayRef<int64_t> shape,
                                          Operation *user) {
  auto it = pending.find(v);
  if (it != pending.end()) {
    Pending p = std::move(it->second);
    pending.erase(it);
    return p;
  }
  FailureOr<Value> train = trainAs(v, shape, user);
  if (failed(train))
    return failure();
  Pending p;
  p.shape.assign(shape.begin(), shape.end());
  Value relay =
      b.create<snn::RelayOp>(user->getLoc(), currentType(shape), *train,
                             /*negate=*/false);
  p.terms.push_back({relay, {double(quant[v].scale)}});
  return p;
}

//===----------------------------------------------------------------------===//
// Populations
//===----------------------------------------------------------------------===//

/// Whether `v`'s only user folds into its population `p`.
bool Converter::fuses(Value v, const Pending &p) {
  if (!v.hasOneUse())
    return false;
  Operation *user = *v.getUsers().begin();
  if (user->getNumResults() != 1 ||
      shapeOf(user->getResult(0)) != ArrayRef<int64_t>(p.shape))
    return false;
  if (isa<xf::ReluOp>(user))
    return true;
  if (isa<xf::AddOp, xf::SubOp, xf::NegOp>(user))
    return !p.relu;
  // A scale by constant factors, positive after a ReLU.
  if (!isa<xf::MulOp, xf::DivOp>(user))
    return false;
  Value other =
      user->getOperand(0) == v ? user->getOperand(1) : user->getOperand(0);
  if (isa<xf::DivOp>(user) && other == user->getOperand(0))
    return false;
  const ConstTensor *c = constantOf(other);
  if (!c)
    return false;
  std::optional<std::vector<double>> factors =
      c->perChannel(p.shape.empty() ? 1 : p.shape.back());
  if (!factors)
    return false;
  if (!scalesInPlace(*factors))
    return false;
  return !p.relu || llvm::all_of(*factors, [](double f) { return f > 0; });
}

LogicalResult Converter::finish(Value v, Pending p) {
  if (fuses(v, p)) {
    pending[v] = std::move(p);
    return success();
  }
  return materialize(v, std::move(p));
}

/// Builds the ST-BIF population of `p`, quantized with `v`'s range: every
/// current's multiplier M / 2^sh approximates its unit over the output
/// scale, all at the shift of the largest ratio.
FailureOr<Value> Converter::materialize(Value v, Pending p) {
  auto q = quantFor(v, p.owner, p.owner->getLoc());
  if (failed(q))
    return failure();
  if (p.relu)
    q->qmin = 0;
  FailureOr<Value> neurons = populate(std::move(p), *q);
  if (failed(neurons))
    return failure();
  spikes[v] = *neurons;
  quant[v] = *q;
  return neurons;
}

/// The ST-BIF population of `p` with output quantization `q`.
FailureOr<Value> Converter::populate(Pending p, QuantInfo q) {
  Operation *owner = p.owner;
  double sOut = q.scale;
  int64_t channels = p.shape.empty() ? 1 : p.shape.back();
  bool perChannel =
      llvm::any_of(p.terms, [](const Term &t) { return t.unit.size() > 1; });
  double maxRatio = 0;
  for (const Term &t : p.terms)
    for (double u : t.unit)
      maxRatio = std::max(maxRatio, u / sOut);
  auto normalized = arith::quantizeMultiplier(maxRatio);
  if (!normalized || normalized->m == 0)
    return owner->emitError("requantization ratio ")
           << maxRatio << " cannot be represented (needs (0, 2^31))";
  int32_t shift = normalized->shift;
  if (shift < 1)
    return owner->emitError("requantization ratio ")
           << maxRatio << " needs a threshold below 2 (shift " << shift
           << "); the output range is far smaller than the input's";

  b.setInsertionPoint(owner);
  SmallVector<Value> currents;
  SmallVector<int64_t> multipliers;
  int64_t width = perChannel ? channels : 1;
  for (const Term &t : p.terms) {
    currents.push_back(t.current);
    for (int64_t c = 0; c < width; ++c) {
      double r = t.unit[t.unit.size() > 1 ? c : 0] / sOut;
      auto m = arith::quantizeMultiplierAtShift(r, shift);
      // A ratio that rounds to zero still needs a positive multiplier; 1
      // keeps it (correctly) near zero.
      multipliers.push_back(m && *m > 0 ? *m : 1);
    }
    // Where one of two twins has a zero unit, its multiplier 1 is cancelled
    // by one more on the other, so their difference is the rounded ratio.
    if (!t.twinOfPrevious)
      continue;
    int64_t *cur = multipliers.end() - width, *prev = cur - width;
    const Term &other = *(&t - 1);
    for (int64_t c = 0; c < width; ++c) {
      if (t.unit[t.unit.size() > 1 ? c : 0] == 0)
        ++prev[c];
      if (other.unit[other.unit.size() > 1 ? c : 0] == 0)
        ++cur[c];
    }
  }
  if (p.constant) {
    // A power-of-two multiplier 2^j makes the bias unit s_out·2^(j−sh),
    // finer than the output step and as fine as the inputs' accumulators.
    int32_t j = std::min(shift, 30);
    double unit = std::ldexp(sOut, j - shift);
    std::vector<int32_t> codes;
    for (double x : *p.constant) {
      double k = roundHalfUp(x / unit);
      if (std::fabs(k) > 2147483647.0)
        return owner->emitError("added constant ")
               << x << " is " << k
               << " accumulator units, beyond 32 bits (calibrate with "
                  "representative inputs)";
      codes.push_back(int32_t(k));
    }
    auto value = DenseIntElementsAttr::get(
        RankedTensorType::get(p.shape, b.getI32Type()), ArrayRef(codes));
    currents.push_back(
        b.create<snn::BiasOp>(owner->getLoc(), currentType(p.shape), value));
    for (int64_t c = 0; c < (perChannel ? channels : 1); ++c)
      multipliers.push_back(int64_t(1) << j);
  }
  auto model = snn::STBIFAttr::get(b.getContext(), shift, q.qmin, q.qmax,
                                   /*maxBurst=*/1);
  return b
      .create<snn::NeuronsOp>(owner->getLoc(), spikesType(p.shape), currents,
                              model, b.getDenseI64ArrayAttr(multipliers))
      .getResult();
}

/// Negates every current of `p` in place; fails for spike products, whose
/// sign only a negative multiplier could flip.
LogicalResult Converter::negate(Pending &p) {
  for (const Term &t : p.terms)
    if (!t.current.getDefiningOp<snn::SynapseOp>() &&
        !t.current.getDefiningOp<snn::RelayOp>())
      return failure();
  for (const Term &t : p.terms) {
    if (auto relay = t.current.getDefiningOp<snn::RelayOp>()) {
      relay.setNegate(!relay.getNegate());
      continue;
    }
    // Symmetric int8 weights and i32 biases negate without overflow.
    auto synapse = t.current.getDefiningOp<snn::SynapseOp>();
    auto neg = [](DenseIntElementsAttr attr) {
      return cast<DenseIntElementsAttr>(attr.mapValues(
          attr.getElementType(), [](const APInt &x) { return -x; }));
    };
    synapse.setWeightsAttr(neg(synapse.getWeights()));
    if (DenseIntElementsAttr bias = synapse.getBiasAttr())
      synapse.setBiasAttr(neg(bias));
  }
  if (p.constant)
    for (double &x : *p.constant)
      x = -x;
  return success();
}

/// `p` negated; when its currents cannot be, the population of `v` is made
/// real and relayed with the opposite sign.
FailureOr<Pending> Converter::negateOrRelay(Value v, Pending p,
                                            Operation *user) {
  if (succeeded(negate(p)))
    return p;
  SmallVector<int64_t> shape = p.shape;
  if (failed(materialize(v, std::move(p))))
    return failure();
  b.setInsertionPoint(user);
  FailureOr<Pending> relayed = takePending(v, shape, user);
  if (succeeded(relayed))
    relayed->terms.front().current.getDefiningOp<snn::RelayOp>().setNegate(
        true);
  return relayed;
}

/// Adds `values` (one, or one per channel; negated with `negated`) to the
/// bias of the only synapse among `p`'s currents. Fails, changing nothing,
/// when there is no single synapse or a bias leaves 32 bits.
LogicalResult Converter::foldIntoSynapseBias(Pending &p,
                                             ArrayRef<double> values,
                                             bool negated) {
  Term *synapseTerm = nullptr;
  for (Term &t : p.terms)
    if (t.current.getDefiningOp<snn::SynapseOp>()) {
      if (synapseTerm)
        return failure();
      synapseTerm = &t;
    }
  if (!synapseTerm)
    return failure();
  auto synapse = synapseTerm->current.getDefiningOp<snn::SynapseOp>();
  SmallVector<int32_t> bias;
  for (auto [o, v] :
       llvm::enumerate(synapse.getBiasAttr().getValues<int32_t>())) {
    double unit = synapseTerm->unit[synapseTerm->unit.size() > 1 ? o : 0];
    double x = values[values.size() > 1 ? o : 0];
    double code = double(v) + roundHalfUp((negated ? -x : x) / unit);
    if (std::fabs(code) > 2147483647.0)
      return failure();
    bias.push_back(int32_t(code));
  }
  synapse.setBiasAttr(DenseIntElementsAttr::get(synapse.getBiasAttr().getType(),
                                                ArrayRef<int32_t>(bias)));
  return success();
}

/// A synapse with int8 weights quantized per output channel
/// (s_w = max|W_o| / 127, round half up) and the bias in accumulator units.
FailureOr<Term> Converter::synapseTerm(Operation *op, Value input,
                                       const std::vector<double> &weights,
                                       int64_t outF, int64_t inF,
                                       const std::vector<double> *bias,
                                       ArrayRef<int64_t> outShape) {
  FailureOr<Value> train = trainOf(input, op);
  if (failed(train))
    return failure();
  QuantInfo qin = quant[input];
  std::vector<int8_t> wq(weights.size());
  std::vector<int32_t> bq(outF);
  SmallVector<double> unit(outF);
  for (int64_t o = 0; o < outF; ++o) {
    double maxAbs = 0;
    for (int64_t k = 0; k < inF; ++k)
      maxAbs = std::max(maxAbs, std::fabs(weights[o * inF + k]));
    double sw = maxAbs > 0 ? maxAbs / 127.0 : 1.0;
    for (int64_t k = 0; k < inF; ++k)
      wq[o * inF + k] = int8_t(
          std::clamp(roundHalfUp(weights[o * inF + k] / sw), -127.0, 127.0));
    unit[o] = double(qin.scale) * sw;
    double bcode = bias ? roundHalfUp((*bias)[o] / unit[o]) : 0.0;
    if (std::fabs(bcode) > 2147483647.0)
      return op->emitError("bias of output channel ")
             << o << " is " << bcode
             << " accumulator units, beyond 32 bits; the input scale is too "
             << "small for it (calibrate with representative inputs)";
    bq[o] = int32_t(bcode);
  }
  b.setInsertionPoint(op);
  auto weightAttr = DenseIntElementsAttr::get(
      RankedTensorType::get({outF, inF}, b.getIntegerType(8)), ArrayRef(wq));
  auto biasAttr = DenseIntElementsAttr::get(
      RankedTensorType::get({outF}, b.getI32Type()), ArrayRef(bq));
  Value synapse = b.create<snn::SynapseOp>(op->getLoc(), currentType(outShape),
                                           *train, weightAttr, biasAttr,
                                           /*plasticity=*/snn::STDPAttr());
  return Term{synapse, unit};
}

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

LogicalResult Converter::convertLinear(xf::LinearOp op) {
  const ConstTensor *w = constantOf(op.getWeight());
  if (!w)
    return op.emitError("linear layer with a non-constant weight has no "
                        "spiking form yet");
  const ConstTensor *bias = op.getBias() ? constantOf(op.getBias()) : nullptr;
  if (op.getBias() && !bias)
    return op.emitError("linear layer with a non-constant bias has no "
                        "spiking form yet");
  Pending p;
  p.shape.assign(shapeOf(op).begin(), shapeOf(op).end());
  p.owner = op;
  FailureOr<Term> term =
      synapseTerm(op, op.getInput(), w->values, w->shape[0], w->shape[1],
                  bias ? &bias->values : nullptr, p.shape);
  if (failed(term))
    return failure();
  p.terms.push_back(*term);
  return finish(op, std::move(p));
}

LogicalResult Converter::convertMatMul(xf::MatMulOp op) {
  Value lhs = op.getLhs(), rhs = op.getRhs();
  if (constantOf(lhs))
    return op.emitError("matrix product with a constant left operand has no "
                        "spiking form yet");
  if (const ConstTensor *w = constantOf(rhs)) {
    // x·W is a linear layer with weight Wᵀ.
    if (w->shape.size() != 2 || shapeOf(lhs).size() < 2)
      return op.emitError("matrix product with a constant right operand "
                          "needs ranks >= 2 and 2 (a linear layer)");
    int64_t k = w->shape[0], m = w->shape[1];
    std::vector<double> wt(k * m);
    for (int64_t i = 0; i < k; ++i)
      for (int64_t j = 0; j < m; ++j)
        wt[j * k + i] = w->values[i * m + j];
    Pending p;
    p.shape.assign(shapeOf(op).begin(), shapeOf(op).end());
    p.owner = op;
    FailureOr<Term> term = synapseTerm(op, lhs, wt, m, k, nullptr, p.shape);
    if (failed(term))
      return failure();
    p.terms.push_back(*term);
    return finish(op, std::move(p));
  }

  // Spike×spike: rank-1 operands become a row / a column, batch dimensions
  // broadcast, and the product's extra unit dimensions are dropped by a
  // reshape of the population.
  FailureOr<Value> a = trainOf(lhs, op), bt = trainOf(rhs, op);
  if (failed(a) || failed(bt))
    return failure();
  b.setInsertionPoint(op);
  SmallVector<int64_t> as(shapeOf(lhs)), bs(shapeOf(rhs));
  auto view = [&](Value train, ArrayRef<int64_t> from, ArrayRef<int64_t> to,
                  bool broadcast) -> Value {
    if (from == to)
      return train;
    if (broadcast)
      return b.create<snn::BroadcastOp>(op.getLoc(), spikesType(to), train);
    return b.create<snn::ReshapeOp>(op.getLoc(), spikesType(to), train);
  };
  if (as.size() == 1) {
    *a = view(*a, as, {1, as[0]}, false);
    as = {1, as[0]};
  }
  if (bs.size() == 1) {
    *bt = view(*bt, bs, {bs[0], 1}, false);
    bs = {bs[0], 1};
  }
  // xf.matmul's verifier checked that the batch dimensions broadcast.
  SmallVector<int64_t> batch =
      *broadcastShapes(ArrayRef(as).drop_back(2), ArrayRef(bs).drop_back(2));
  SmallVector<int64_t> aFull(batch), bFull(batch), product(batch);
  aFull.append({as[as.size() - 2], as.back()});
  bFull.append({bs[bs.size() - 2], bs.back()});
  product.append({as[as.size() - 2], bs.back()});
  *a = view(*a, as, aFull, true);
  *bt = view(*bt, bs, bFull, true);
  Value current =
      b.create<snn::SpikeMatMulOp>(op.getLoc(), currentType(product), *a, *bt);
  Pending p;
  p.shape = product;
  p.owner = op;
  p.terms.push_back(
      {current, {double(quant[lhs].scale) * double(quant[rhs].scale)}});
  if (ArrayRef<int64_t>(product) == shapeOf(op))
    return finish(op, std::move(p));
  FailureOr<Value> population = materialize(op, std::move(p));
  if (failed(population))
    return failure();
  spikes[op] = b.create<snn::ReshapeOp>(op.getLoc(), spikesType(shapeOf(op)),
                                        *population);
  return success();
}

/// Residual add / subtraction: the currents of both operands into one
/// population; a constant operand becomes an snn.bias.
LogicalResult Converter::convertAddSub(Operation *op, bool subtract) {
  Value result = op->getResult(0);
  ArrayRef<int64_t> shape = shapeOf(result);
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  const ConstTensor *lc = constantOf(lhs), *rc = constantOf(rhs);
  if (lc && rc)
    return op->emitError("arithmetic on two constants has no spiking form "
                         "(fold it before conversion)");
  b.setInsertionPoint(op);
  auto operand = [&](Value v, bool negated) -> FailureOr<Pending> {
    FailureOr<Pending> p = takePending(v, shape, op);
    if (failed(p) || !negated)
      return p;
    return negateOrRelay(v, std::move(*p), op);
  };
  std::optional<std::vector<double>> constant;
  FailureOr<Pending> p = failure();
  if (lc || rc) {
    constant = (lc ? lc : rc)->broadcastTo(shape);
    // c − x = −(x − c): negate the train, keep the constant.
    bool negateTrain = subtract && lc;
    if (subtract && rc)
      for (double &x : *constant)
        x = -x;
    p = operand(lc ? rhs : lhs, negateTrain);
    // A per-channel constant joins the bias of a synapse feeding the
    // population, in its accumulator units (the linear layer's own bias).
    std::optional<std::vector<double>> perChannel =
        (lc ? lc : rc)->perChannel(shape.empty() ? 1 : shape.back());
    if (succeeded(p) && perChannel &&
        succeeded(foldIntoSynapseBias(*p, *perChannel, subtract && rc)))
      constant.reset();
  } else {
    p = operand(lhs, false);
    if (failed(p))
      return failure();
    FailureOr<Pending> q = operand(rhs, subtract);
    if (failed(q))
      return failure();
    p->terms.append(q->terms);
    constant = std::move(q->constant);
  }
  if (failed(p))
    return failure();
  if (constant) {
    if (!p->constant)
      p->constant = std::vector<double>(constant->size(), 0.0);
    for (auto [x, y] : llvm::zip(*p->constant, *constant))
      x += y;
  }
  p->owner = op;
  return finish(result, std::move(*p));
}

/// Scale by constant factors (one, or one per channel): the multipliers
/// absorb them; a negative scalar flips the currents' signs.
LogicalResult Converter::convertScale(Operation *op, Value input,
                                      std::vector<double> factors) {
  Value result = op->getResult(0);
  ArrayRef<int64_t> shape = shapeOf(result);
  if (shapeOf(input) != shape)
    return op->emitError("scaling that broadcasts its input has no spiking "
                         "form yet");
  bool negative = factors.size() == 1 && factors[0] < 0;
  b.setInsertionPoint(op);
  FailureOr<Pending> p = takePending(input, shape, op);
  if (succeeded(p) && negative) {
    p = negateOrRelay(input, std::move(*p), op);
    factors[0] = -factors[0];
  }
  if (failed(p))
    return failure();
  for (Term &t : p->terms) {
    SmallVector<double> unit;
    for (size_t c = 0; c < std::max(t.unit.size(), factors.size()); ++c)
      unit.push_back(t.unit[t.unit.size() > 1 ? c : 0] *
                     factors[factors.size() > 1 ? c : 0]);
    t.unit = unit;
  }
  if (p->constant)
    for (size_t i = 0; i < p->constant->size(); ++i)
      (*p->constant)[i] *= factors[factors.size() > 1 ? i % shape.back() : 0];
  p->owner = op;
  return finish(result, std::move(*p));
}

LogicalResult Converter::convertMul(xf::MulOp op) {
  Value lhs = op.getLhs(), rhs = op.getRhs();
  const ConstTensor *lc = constantOf(lhs), *rc = constantOf(rhs);
  ArrayRef<int64_t> shape = shapeOf(op);
  if (lc && rc)
    return op.emitError("arithmetic on two constants has no spiking form "
                        "(fold it before conversion)");
  if (lc || rc) {
    std::optional<std::vector<double>> factors =
        (lc ? lc : rc)->perChannel(shape.empty() ? 1 : shape.back());
    if (!factors || !scalesInPlace(*factors))
      return convertElementwiseScale(op, lc ? rhs : lhs, *(lc ? lc : rc),
                                     /*reciprocal=*/false);
    return convertScale(op, lc ? rhs : lhs, *factors);
  }
  // Elementwise spike×spike product (SwiGLU gate·up).
  b.setInsertionPoint(op);
  FailureOr<Value> a = trainAs(lhs, shape, op), c = trainAs(rhs, shape, op);
  if (failed(a) || failed(c))
    return failure();
  Value current =
      b.create<snn::SpikeMulOp>(op.getLoc(), currentType(shape), *a, *c);
  Pending p;
  p.shape.assign(shape.begin(), shape.end());
  p.owner = op;
  p.terms.push_back(
      {current, {double(quant[lhs].scale) * double(quant[rhs].scale)}});
  return finish(op, std::move(p));
}

LogicalResult Converter::convertDiv(xf::DivOp op) {
  const ConstTensor *divisor = constantOf(op.getRhs());
  if (!divisor || constantOf(op.getLhs()))
    return op.emitError("division by a spike train has no spiking form; only "
                        "division of a train by constants");
  ArrayRef<int64_t> shape = shapeOf(op);
  if (llvm::is_contained(divisor->values, 0.0))
    return op.emitError("division by zero");
  std::optional<std::vector<double>> factors =
      divisor->perChannel(shape.empty() ? 1 : shape.back());
  if (!factors || !scalesInPlace(*factors))
    return convertElementwiseScale(op, op.getLhs(), *divisor,
                                   /*reciprocal=*/true);
  for (double &f : *factors)
    f = 1.0 / f;
  return convertScale(op, op.getLhs(), *factors);
}

/// Scale by a factor per element, or per channel with mixed signs or zeros.
/// The trailing dimensions the factors vary over become the channel
/// dimension of a population fed by a relay with the factors' positive part
/// and a negated twin with their negative part (multipliers are positive).
LogicalResult Converter::convertElementwiseScale(Operation *op, Value input,
                                                 const ConstTensor &c,
                                                 bool reciprocal) {
  Value result = op->getResult(0);
  SmallVector<int64_t> shape(shapeOf(result));
  if (shapeOf(input) != ArrayRef<int64_t>(shape) || shape.empty())
    return op->emitError("scaling that broadcasts its input has no spiking "
                         "form yet");
  FailureOr<Value> train = trainOf(input, op);
  if (failed(train))
    return failure();
  int64_t rank = shape.size();
  int64_t first = rank - 1;
  for (int64_t d = rank - int64_t(c.shape.size()); d < rank - 1; ++d)
    if (c.shape[d - (rank - int64_t(c.shape.size()))] != 1) {
      first = d;
      break;
    }
  int64_t channels = numElements(ArrayRef(shape).drop_front(first));
  std::vector<double> factors = c.broadcastTo(shape);
  factors.resize(channels);
  if (reciprocal)
    for (double &f : factors)
      f = 1.0 / f;
  SmallVector<int64_t> flat(ArrayRef(shape).take_front(first));
  flat.push_back(channels);

  b.setInsertionPoint(op);
  Value x = *train;
  if (flat != shape)
    x = b.create<snn::ReshapeOp>(op->getLoc(), spikesType(flat), x);
  double s = quant[input].scale;
  Pending p;
  p.shape = flat;
  p.owner = op;
  for (bool negated : {false, true}) {
    SmallVector<double> unit;
    for (double f : factors)
      unit.push_back(s * std::max(negated ? -f : f, 0.0));
    if (llvm::all_of(unit, [](double u) { return u == 0; }))
      continue;
    Value relay =
        b.create<snn::RelayOp>(op->getLoc(), currentType(flat), x, negated);
    p.terms.push_back({relay, unit, /*twinOfPrevious=*/!p.terms.empty()});
  }
  if (p.terms.empty())
    return op->emitError("scaling by zero has no spiking form (fold it)");
  if (flat == shape)
    return finish(result, std::move(p));
  FailureOr<Value> population = materialize(result, std::move(p));
  if (failed(population))
    return failure();
  spikes[result] =
      b.create<snn::ReshapeOp>(op->getLoc(), spikesType(shape), *population);
  return success();
}

/// −x folds into a pending population; of a train it is a negated relay
/// into a population at the train's own scale, whose multiplier 2^30 at
/// shift 30 copies the codes exactly.
LogicalResult Converter::convertNeg(xf::NegOp op) {
  Value input = op.getInput();
  if (pending.count(input))
    return convertScale(op, input, {-1.0});
  b.setInsertionPoint(op);
  FailureOr<Pending> p = takePending(input, shapeOf(op), op);
  if (failed(p))
    return failure();
  p->terms.front().current.getDefiningOp<snn::RelayOp>().setNegate(true);
  p->owner = op;
  if (fuses(op, *p))
    return finish(op, std::move(*p));
  QuantInfo q = quant[input];
  q.qmin = -levels;
  FailureOr<Value> neurons = populate(std::move(*p), q);
  if (failed(neurons))
    return failure();
  spikes[op] = *neurons;
  quant[op] = q;
  return success();
}

LogicalResult Converter::convertRelu(xf::ReluOp op) {
  b.setInsertionPoint(op);
  FailureOr<Pending> p = takePending(op.getInput(), shapeOf(op), op);
  if (failed(p))
    return failure();
  p->relu = true;
  p->owner = op;
  return finish(op, std::move(*p));
}

/// An elementwise nonlinearity as a table over the input's codes:
/// table[c − qmin] = clamp(round(f(c·s_in) / s_out), qmin_out, qmax_out).
LogicalResult Converter::convertLut(Operation *op, snn::LutKind kind,
                                    std::function<double(double)> f) {
  Value input = op->getOperand(0), result = op->getResult(0);
  FailureOr<Value> train = trainOf(input, op);
  if (failed(train))
    return failure();
  auto qout = quantFor(result, op, op->getLoc());
  if (failed(qout))
    return failure();
  QuantInfo qin = quant[input];
  std::vector<int32_t> table;
  for (int64_t c = qin.qmin; c <= qin.qmax; ++c)
    table.push_back(int32_t(
        std::clamp(roundHalfUp(f(double(c) * qin.scale) / double(qout->scale)),
                   double(qout->qmin), double(qout->qmax))));
  b.setInsertionPoint(op);
  auto tableAttr = DenseIntElementsAttr::get(
      RankedTensorType::get({int64_t(table.size())}, b.getI32Type()),
      ArrayRef(table));
  spikes[result] = b.create<snn::LutOp>(
      op->getLoc(), spikesType(shapeOf(result)), *train,
      snn::LutKindAttr::get(b.getContext(), kind), tableAttr,
      b.getIntegerAttr(b.getIntegerType(64, /*isSigned=*/true), qin.qmin));
  quant[result] = *qout;
  return success();
}

/// A causal mask becomes part of the softmax it feeds.
LogicalResult Converter::convertCausalMask(xf::CausalMaskOp op) {
  Value result = op.getResult();
  if (result.hasOneUse())
    if (auto softmax = dyn_cast<xf::SoftmaxOp>(*result.getUsers().begin()))
      if (normalizeAxis(softmax.getAxis(), shapeOf(op).size()) ==
          int64_t(shapeOf(op).size()) - 1)
        return success();
  return op.emitError("a causal mask has a spiking form only as the input of "
                      "a softmax along the last axis");
}

/// ISOFTMAX with an exp table over code differences; the output scale is
/// 1/levels with levels = floor(T / max p), so the calibrated largest
/// probability reaches the top code.
LogicalResult Converter::convertSoftmax(xf::SoftmaxOp op) {
  Value input = op.getInput();
  std::optional<int64_t> causalOffset;
  if (auto mask = input.getDefiningOp<xf::CausalMaskOp>()) {
    causalOffset = mask.getOffset();
    input = mask.getInput();
  }
  FailureOr<Value> train = trainOf(input, op);
  if (failed(train))
    return failure();
  SmallVector<int64_t> shape(shapeOf(op));
  int64_t rank = shape.size();
  int64_t axis = *normalizeAxis(op.getAxis(), rank);

  DenseF64ArrayAttr range =
      op->getAttrOfType<DenseF64ArrayAttr>(kRangeAttrName);
  if (!range || range.size() != 2)
    return op.emitError() << "has no calibrated range (" << kRangeAttrName
                          << "); run calibration first";
  // The largest probability of a row is at least 1/n.
  double maxP = std::clamp(range[1], 1.0 / double(shape[axis]), 1.0);
  int64_t outLevels = int64_t(std::floor(double(levels) / maxP));
  QuantInfo qout{float(1.0 / double(outLevels)), 0, levels};

  QuantInfo qin = quant[input];
  int64_t span = qin.qmax - qin.qmin;
  std::vector<int32_t> table;
  for (int64_t d = -span; d <= 0; ++d) {
    double e =
        roundHalfUp(std::ldexp(std::exp(double(d) * qin.scale), kExpFracBits));
    // Differences below the first zero entry saturate to it: keep one.
    if (e == 0 && !table.empty() && table.back() == 0)
      continue;
    if (e == 0)
      table.assign(1, 0);
    else
      table.push_back(int32_t(e));
  }

  b.setInsertionPoint(op);
  SmallVector<int64_t> perm;
  for (int64_t d = 0; d < rank; ++d)
    perm.push_back(d);
  std::swap(perm[axis], perm.back());
  SmallVector<int64_t> moved;
  for (int64_t d : perm)
    moved.push_back(shape[d]);
  Value x = *train;
  if (axis != rank - 1)
    x = b.create<snn::TransposeOp>(op.getLoc(), spikesType(moved), x,
                                   b.getDenseI64ArrayAttr(perm));
  auto tableAttr = DenseIntElementsAttr::get(
      RankedTensorType::get({int64_t(table.size())}, b.getI32Type()),
      ArrayRef(table));
  Value y = b.create<snn::SoftmaxOp>(
      op.getLoc(), spikesType(moved), x, tableAttr,
      b.getI64IntegerAttr(outLevels),
      causalOffset ? b.getI64IntegerAttr(*causalOffset) : IntegerAttr());
  if (axis != rank - 1)
    y = b.create<snn::TransposeOp>(op.getLoc(), spikesType(shape), y,
                                   b.getDenseI64ArrayAttr(perm));
  spikes[op] = y;
  quant[op] = qout;
  return success();
}

/// INORM over the trailing dimensions [axis, rank), flattened into one row.
/// The fraction bits F of the root and G of the gains are the largest (up to
/// 16 and 24) for which every intermediate provably fits int64.
LogicalResult Converter::convertNorm(Operation *op, Value input, Value scale,
                                     Value bias, int64_t axis, double epsilon,
                                     bool center) {
  Value result = op->getResult(0);
  FailureOr<Value> train = trainOf(input, op);
  if (failed(train))
    return failure();
  SmallVector<int64_t> shape(shapeOf(result));
  int64_t rank = shape.size();
  int64_t first = *normalizeAxis(axis, rank);
  int64_t n = numElements(ArrayRef(shape).drop_front(first));
  const ConstTensor *w = scale ? constantOf(scale) : nullptr;
  const ConstTensor *beta = bias ? constantOf(bias) : nullptr;
  if ((scale && !w) || (bias && !beta))
    return op->emitError("normalization with a non-constant scale or bias "
                         "has no spiking form yet");
  auto qout = quantFor(result, op, op->getLoc());
  if (failed(qout))
    return failure();
  QuantInfo qin = quant[input];
  int64_t maxCode = std::max(-qin.qmin, qin.qmax);
  double sIn = qin.scale, sOut = qout->scale;
  // epsilon in units of the squared input codes, times n².
  double eps = double(n) * double(n) * epsilon / (sIn * sIn);
  if (!(eps < 4.0e18))
    return op->emitError("epsilon ")
           << epsilon << " is too large for the input scale " << sIn;

  arith::NormParams params;
  params.center = center;
  std::vector<int64_t> gain(n), shiftBias(n);
  bool found = false;
  for (int f = 16; f >= 0 && !found; --f) {
    double epsCode = roundHalfUp(std::ldexp(eps, 2 * f));
    if (!(epsCode < 4.0e18))
      continue;
    params.epsilon = int64_t(epsCode);
    for (int g = 24; g >= 0 && !found; --g) {
      int64_t maxGain = 0, maxBias = 0;
      bool fits = true;
      for (int64_t j = 0; j < n && fits; ++j) {
        double gj = std::ldexp((w ? w->values[j] : 1.0) / sOut, g);
        double bj = std::ldexp((beta ? beta->values[j] : 0.0) / sOut, g);
        fits = std::fabs(gj) < 4.0e18 && std::fabs(bj) < 4.0e18;
        if (!fits)
          break; // converting would overflow int64 (undefined behaviour)
        gain[j] = int64_t(roundHalfUp(gj));
        shiftBias[j] = int64_t(roundHalfUp(bj));
        maxGain = std::max(maxGain, std::abs(gain[j]));
        maxBias = std::max(maxBias, std::abs(shiftBias[j]));
      }
      params.fracBits = f;
      params.gainShift = g;
      found =
          fits && arith::normFitsInt64(n, maxCode, params, maxGain, maxBias);
    }
  }
  if (!found)
    return op->emitError("normalization over ")
           << n << " features with codes up to " << maxCode
           << " exceeds 64-bit integer arithmetic";

  b.setInsertionPoint(op);
  SmallVector<int64_t> rows(ArrayRef(shape).take_front(first));
  rows.push_back(n);
  Value x = *train;
  if (first != rank - 1)
    x = b.create<snn::ReshapeOp>(op->getLoc(), spikesType(rows), x);
  auto vec = [&](const std::vector<int64_t> &v) {
    return DenseIntElementsAttr::get(RankedTensorType::get({n}, b.getI64Type()),
                                     ArrayRef(v));
  };
  Value y = b.create<snn::NormOp>(
      op->getLoc(), spikesType(rows), x,
      snn::NormKindAttr::get(b.getContext(), center ? snn::NormKind::Layer
                                                    : snn::NormKind::RMS),
      vec(gain), vec(shiftBias), b.getI64IntegerAttr(params.epsilon),
      b.getI64IntegerAttr(params.fracBits),
      b.getI64IntegerAttr(params.gainShift));
  if (first != rank - 1)
    y = b.create<snn::ReshapeOp>(op->getLoc(), spikesType(shape), y);
  spikes[result] = y;
  quant[result] = *qout;
  return success();
}

/// An embedding is a source population emitting the table rows, quantized
/// with the output's scale, of the ids the graph input gives.
LogicalResult Converter::convertEmbedding(xf::EmbeddingOp op) {
  if (!isa<BlockArgument>(op.getIndices()))
    return op.emitError("embedding ids must be a graph input");
  const ConstTensor *table = constantOf(op.getTable());
  if (!table)
    return op.emitError("embedding with a non-constant table has no spiking "
                        "form yet");
  auto q = quantFor(op, op, op.getLoc());
  if (failed(q))
    return failure();
  std::vector<int32_t> codes;
  for (double x : table->values)
    codes.push_back(int32_t(std::clamp(roundHalfUp(x / q->scale),
                                       double(q->qmin), double(q->qmax))));
  b.setInsertionPoint(op);
  auto tableAttr = DenseIntElementsAttr::get(
      RankedTensorType::get(table->shape, b.getI32Type()), ArrayRef(codes));
  spikes[op] = b.create<snn::EmbedOp>(op.getLoc(), spikesType(shapeOf(op)),
                                      op.getIndices(), tableAttr);
  quant[op] = *q;
  return success();
}

LogicalResult Converter::convertReshape(xf::ReshapeOp op) {
  FailureOr<Value> train = trainOf(op.getInput(), op);
  if (failed(train))
    return failure();
  b.setInsertionPoint(op);
  spikes[op] =
      b.create<snn::ReshapeOp>(op.getLoc(), spikesType(shapeOf(op)), *train);
  quant[op] = quant.lookup(op.getInput()); // copy: inserting may rehash
  return success();
}

LogicalResult Converter::convertTranspose(xf::TransposeOp op) {
  FailureOr<Value> train = trainOf(op.getInput(), op);
  if (failed(train))
    return failure();
  b.setInsertionPoint(op);
  spikes[op] = b.create<snn::TransposeOp>(op.getLoc(), spikesType(shapeOf(op)),
                                          *train, op.getPermAttr());
  quant[op] = quant.lookup(op.getInput()); // copy: inserting may rehash
  return success();
}

LogicalResult Converter::convertSlice(xf::SliceOp op) {
  FailureOr<Value> train = trainOf(op.getInput(), op);
  if (failed(train))
    return failure();
  b.setInsertionPoint(op);
  spikes[op] =
      b.create<snn::SliceOp>(op.getLoc(), spikesType(shapeOf(op)), *train,
                             op.getStartsAttr(), op.getStepsAttr());
  quant[op] = quant.lookup(op.getInput()); // copy: inserting may rehash
  return success();
}

/// The parts of a split are unit-step slices at their offsets along the axis.
LogicalResult Converter::convertSplit(xf::SplitOp op) {
  FailureOr<Value> train = trainOf(op.getInput(), op);
  if (failed(train))
    return failure();
  int64_t rank = shapeOf(op.getInput()).size();
  int64_t axis = *normalizeAxis(op.getAxis(), rank);
  SmallVector<int64_t> starts(rank, 0), steps(rank, 1);
  b.setInsertionPoint(op);
  for (Value part : op.getOutputs()) {
    spikes[part] = b.create<snn::SliceOp>(
        op.getLoc(), spikesType(shapeOf(part)), *train,
        b.getDenseI64ArrayAttr(starts), b.getDenseI64ArrayAttr(steps));
    quant[part] = quant.lookup(op.getInput()); // copy: inserting may rehash
    starts[axis] += shapeOf(part)[axis];
  }
  return success();
}

/// A view when every part has the same scale; otherwise the parts at another
/// scale than the concatenation's calibrated one are requantized to it.
LogicalResult Converter::convertConcat(xf::ConcatOp op) {
  SmallVector<Value> parts;
  for (Value v : op.getInputs()) {
    FailureOr<Value> train = trainOf(v, op);
    if (failed(train))
      return failure();
    parts.push_back(*train);
  }
  QuantInfo q = quant[op.getInputs().front()];
  bool sameScale = llvm::all_of(
      op.getInputs(), [&](Value v) { return quant[v].scale == q.scale; });
  if (!sameScale) {
    auto calibrated = quantFor(op, op, op.getLoc());
    if (failed(calibrated))
      return failure();
    q = *calibrated;
  }
  for (Value v : op.getInputs())
    q.qmin = std::min(q.qmin, quant[v].qmin);
  b.setInsertionPoint(op);
  for (auto [v, part] : llvm::zip(op.getInputs(), parts)) {
    if (quant[v].scale == q.scale)
      continue;
    Pending p;
    p.shape.assign(shapeOf(v).begin(), shapeOf(v).end());
    p.owner = op;
    p.terms.push_back(
        {b.create<snn::RelayOp>(op.getLoc(), currentType(p.shape), part,
                                /*negate=*/false),
         {double(quant[v].scale)}});
    FailureOr<Value> requantized = populate(std::move(p), q);
    if (failed(requantized))
      return failure();
    part = *requantized;
  }
  int64_t axis = *normalizeAxis(op.getAxis(), shapeOf(op).size());
  spikes[op] = b.create<snn::ConcatOp>(op.getLoc(), spikesType(shapeOf(op)),
                                       parts, b.getI64IntegerAttr(axis));
  quant[op] = q;
  return success();
}

/// Records the constants and the reshapes and transposes of constants, so
/// that fusion decisions see every constant operand before its user.
void Converter::foldConstants() {
  for (Operation &op : func.getBody().front()) {
    if (auto c = dyn_cast<xf::ConstantOp>(op)) {
      constants[c] = constantFromAttr(c.getValue());
      continue;
    }
    if (!isa<xf::ReshapeOp, xf::TransposeOp>(op))
      continue;
    const ConstTensor *c = constantOf(op.getOperand(0));
    if (!c)
      continue;
    ConstTensor t;
    t.shape.assign(shapeOf(op.getResult(0)).begin(),
                   shapeOf(op.getResult(0)).end());
    auto transpose = dyn_cast<xf::TransposeOp>(op);
    if (!transpose) {
      t.values = c->values;
      constants[op.getResult(0)] = std::move(t);
      continue;
    }
    // out[idx] = in at the index whose dimension perm[d] is idx[d].
    ArrayRef<int64_t> perm = transpose.getPerm();
    SmallVector<int64_t> inStrides(c->shape.size(), 1);
    for (size_t d = c->shape.size(); d-- > 1;)
      inStrides[d - 1] = inStrides[d] * c->shape[d];
    SmallVector<int64_t> idx(t.shape.size(), 0);
    for (int64_t i = 0, e = numElements(t.shape); i < e; ++i) {
      int64_t src = 0;
      for (size_t d = 0; d < idx.size(); ++d)
        src += idx[d] * inStrides[perm[d]];
      t.values.push_back(c->values[src]);
      for (size_t d = idx.size(); d-- > 0;) {
        if (++idx[d] < t.shape[d])
          break;
        idx[d] = 0;
      }
    }
    constants[op.getResult(0)] = std::move(t);
  }
}

/// Float arguments become codes with an encoder; integer arguments that
/// only feed embeddings stay ids.
LogicalResult Converter::convertArguments() {
  Block &body = func.getBody().front();
  Location loc = func.getLoc();
  b.setInsertionPointToStart(&body);
  for (BlockArgument arg : body.getArguments()) {
    auto type = cast<RankedTensorType>(arg.getType());
    unsigned i = arg.getArgNumber();
    if (!isa<FloatType>(type.getElementType())) {
      bool ids =
          !arg.use_empty() && llvm::all_of(arg.getUses(), [](OpOperand &use) {
            auto e = dyn_cast<xf::EmbeddingOp>(use.getOwner());
            return e && use.getOperandNumber() == 0;
          });
      if (!ids)
        return func.emitError("argument #")
               << i << " of type " << type
               << " has no spiking encoder (float inputs, or integer ids "
                  "that only feed embeddings)";
      func.removeArgAttr(i, kRangeAttrName);
      continue;
    }
    auto q = quantFor(arg, nullptr, loc);
    if (failed(q))
      return failure();
    auto codes = RankedTensorType::get(type.getShape(), b.getI32Type());
    arg.setType(codes);
    spikes[arg] =
        b.create<snn::EncodeOp>(loc, spikesType(type.getShape()), arg);
    quant[arg] = *q;
    func.removeArgAttr(i, kRangeAttrName);
    func.setArgAttr(i, "snn.scale", b.getF64FloatAttr(q->scale));
    func.setArgAttr(i, "snn.qmin", b.getI64IntegerAttr(q->qmin));
    func.setArgAttr(i, "snn.qmax", b.getI64IntegerAttr(q->qmax));
  }
  return success();
}

LogicalResult Converter::convertReturn(func::ReturnOp ret,
                                       SmallVectorImpl<Type> &argTypes) {
  b.setInsertionPoint(ret);
  SmallVector<Value> results;
  SmallVector<Type> resultTypes;
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    auto s = spikes.find(v);
    if (s == spikes.end())
      return ret.emitError("result #")
             << i << " is not a converted spike train";
    auto counts = RankedTensorType::get(shapeOf(v), b.getI32Type());
    results.push_back(b.create<snn::DecodeOp>(ret.getLoc(), counts, s->second));
    resultTypes.push_back(counts);
  }
  b.create<func::ReturnOp>(ret.getLoc(), results);
  func.setType(b.getFunctionType(argTypes, resultTypes));
  for (auto [i, v] : llvm::enumerate(ret.getOperands()))
    func.setResultAttr(i, "snn.scale", b.getF64FloatAttr(quant[v].scale));
  return success();
}

double gelu(double x) { return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0))); }

double geluTanh(double x) {
  const double k = std::sqrt(2.0 / M_PI);
  return 0.5 * x * (1.0 + std::tanh(k * (x + 0.044715 * x * x * x)));
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/// Set on a function by the driver to have its carriers marked with
/// snn.origin and snn.scale; docs/semantics.md.
constexpr llvm::StringLiteral kRecordOriginsAttrName = "snn.record_origins";

/// The name of an xf op's value in error attribution: the ONNX node its
/// location names (the op's own name without one). docs/semantics.md.
std::string originName(Operation *op) {
  std::string name;
  op->getLoc()->walk([&](Location loc) {
    if (auto n = dyn_cast<NameLoc>(loc)) {
      name = n.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name.empty() ? op->getName().getStringRef().str() : name;
}

LogicalResult Converter::run() {
  if (!func.getBody().hasOneBlock())
    return func.emitError("expected a single-block function");
  foldConstants();
  if (failed(convertArguments()))
    return failure();
  Block &body = func.getBody().front();

  SmallVector<Operation *> toErase;
  // Values with codes of their own, for error attribution: views only
  // reorder their source's codes, so they are left out.
  SmallVector<std::pair<Value, std::string>> origins;
  llvm::StringMap<unsigned> originUses;
  for (Operation &op : llvm::make_early_inc_range(body)) {
    if (isa<snn::SNNDialect>(op.getDialect()))
      continue;
    if (op.getNumResults() == 1 && constants.count(op.getResult(0))) {
      toErase.push_back(&op);
      continue;
    }
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      SmallVector<Type> argTypes(body.getArgumentTypes());
      if (failed(convertReturn(ret, argTypes)))
        return failure();
      toErase.push_back(ret);
      continue;
    }
    LogicalResult result =
        llvm::TypeSwitch<Operation *, LogicalResult>(&op)
            .Case([&](xf::LinearOp o) { return convertLinear(o); })
            .Case([&](xf::MatMulOp o) { return convertMatMul(o); })
            .Case([&](xf::AddOp o) { return convertAddSub(o, false); })
            .Case([&](xf::SubOp o) { return convertAddSub(o, true); })
            .Case([&](xf::MulOp o) { return convertMul(o); })
            .Case([&](xf::DivOp o) { return convertDiv(o); })
            .Case([&](xf::ReluOp o) { return convertRelu(o); })
            .Case([&](xf::SigmoidOp o) {
              return convertLut(o, snn::LutKind::Sigmoid, sigmoid);
            })
            .Case([&](xf::TanhOp o) {
              return convertLut(o, snn::LutKind::Tanh,
                                [](double x) { return std::tanh(x); });
            })
            .Case([&](xf::ExpOp o) {
              return convertLut(o, snn::LutKind::Exp,
                                [](double x) { return std::exp(x); });
            })
            .Case([&](xf::SiluOp o) {
              return convertLut(o, snn::LutKind::Silu,
                                [](double x) { return x * sigmoid(x); });
            })
            .Case([&](xf::GeluOp o) {
              return convertLut(
                  o, snn::LutKind::Gelu,
                  o.getApproximate() == xf::GeluApproximation::Tanh ? geluTanh
                                                                    : gelu);
            })
            .Case([&](xf::SoftmaxOp o) { return convertSoftmax(o); })
            .Case([&](xf::CausalMaskOp o) { return convertCausalMask(o); })
            .Case([&](xf::LayerNormOp o) {
              return convertNorm(o, o.getInput(), o.getScale(), o.getBias(),
                                 o.getAxis(), o.getEpsilon().convertToDouble(),
                                 /*center=*/true);
            })
            .Case([&](xf::RMSNormOp o) {
              return convertNorm(o, o.getInput(), o.getScale(), Value(),
                                 o.getAxis(), o.getEpsilon().convertToDouble(),
                                 /*center=*/false);
            })
            .Case([&](xf::EmbeddingOp o) { return convertEmbedding(o); })
            .Case([&](xf::ReshapeOp o) { return convertReshape(o); })
            .Case([&](xf::TransposeOp o) { return convertTranspose(o); })
            .Case([&](xf::SliceOp o) { return convertSlice(o); })
            .Case([&](xf::SplitOp o) { return convertSplit(o); })
            .Case([&](xf::ConcatOp o) { return convertConcat(o); })
            .Case([&](xf::NegOp o) { return convertNeg(o); })
            .Default([&](Operation *other) {
              return other->emitError("'")
                     << other->getName() << "' has no spiking form yet";
            });
    if (failed(result))
      return failure();
    if (op.getNumResults() == 1 &&
        !isa<xf::ReshapeOp, xf::TransposeOp, xf::SliceOp>(op)) {
      std::string name = originName(&op);
      // Node names are unique in ONNX; ops one node expands into are not.
      if (unsigned n = ++originUses[name]; n > 1)
        name += "#" + std::to_string(n);
      origins.emplace_back(op.getResult(0), std::move(name));
    }
    toErase.push_back(&op);
  }
  // Only on request (snnc run's error attribution), so the program others
  // see stays as it was. A value folded into its user's population has no
  // codes of its own.
  if (!func->hasAttr(kRecordOriginsAttrName))
    origins.clear();
  func->removeAttr(kRecordOriginsAttrName);
  for (auto &[v, name] : origins) {
    auto it = spikes.find(v);
    Operation *carrier =
        it == spikes.end() ? nullptr : it->second.getDefiningOp();
    if (!carrier || carrier->hasAttr("snn.origin"))
      continue;
    carrier->setAttr("snn.origin", b.getStringAttr(name));
    carrier->setAttr("snn.scale", b.getF64FloatAttr(quant[v].scale));
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

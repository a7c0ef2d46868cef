//===- SNNInterpreter.cpp - integer and spiking interpreters of snn -------===//

#include "snnc/Interp/SNNInterpreter.h"
#include "snnc/Arith/FunctionalUnits.h"
#include "snnc/Arith/Neuron.h"
#include "snnc/Arith/Requant.h"
#include "snnc/Arith/Rounding.h"
#include "snnc/Arith/SpikeProduct.h"
#include "snnc/Dialect/SNN/SNNOps.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

using namespace mlir;
using namespace snnc;

namespace {

int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::vector<int64_t> intValues(DenseIntElementsAttr attr) {
  // Typed iteration: an APInt per element costs more than a whole spiking
  // run of a large layer.
  auto type = dyn_cast<IntegerType>(attr.getElementType());
  auto typed = [&](auto t) {
    auto v = attr.getValues<decltype(t)>();
    return std::vector<int64_t>(v.begin(), v.end());
  };
  switch (type && type.isSignless() ? type.getWidth() : 0) {
  case 8:
    return typed(int8_t());
  case 16:
    return typed(int16_t());
  case 32:
    return typed(int32_t());
  case 64:
    return typed(int64_t());
  }
  std::vector<int64_t> out;
  out.reserve(attr.getNumElements());
  for (const APInt &v : attr.getValues<APInt>())
    out.push_back(v.getSExtValue());
  return out;
}

/// Weights and bias of a synapse as flat int64 arrays.
struct SynapseData {
  int64_t out = 0, in = 0, rows = 0;
  std::vector<int64_t> w, b;
};

SynapseData synapseData(snn::SynapseOp op) {
  SynapseData d;
  auto wType = cast<RankedTensorType>(op.getWeights().getType());
  d.out = wType.getDimSize(0);
  d.in = wType.getDimSize(1);
  d.rows = numElements(op.getType().getShape()) / d.out;
  d.w = intValues(op.getWeights());
  d.b.assign(d.out, 0);
  if (auto bias = op.getBias())
    d.b = intValues(*bias);
  return d;
}

arith::NeuronParams paramsOf(snn::NeuronsOp op) {
  snn::STBIFAttr m = op.getModel();
  arith::NeuronParams p;
  p.thresholdShift = m.getThresholdShift();
  p.nmin = m.getNmin();
  p.nmax = m.getNmax();
  p.burst = m.getMaxBurst();
  return p;
}

/// Largest code a train of this type can carry.
int64_t trainLimit(snn::SpikesType t) {
  if (t.getEncoding() == snn::Encoding::Bitplane)
    return (int64_t(1) << (t.getWindow() - 1)) - 1;
  return t.getWindow();
}

/// The range a functional unit clamps its output to: the train's code range,
/// or the i32 counts for graded trains.
std::pair<int64_t, int64_t> outputRange(snn::SpikesType t) {
  if (std::optional<int64_t> max = t.getMaxCode())
    return {-*max, *max};
  return {std::numeric_limits<int32_t>::min(),
          std::numeric_limits<int32_t>::max()};
}

LogicalResult checkInputs(func::FuncOp func, const std::vector<Tensor> &codes) {
  if (codes.size() != func.getNumArguments())
    return func.emitError("the program takes ")
           << func.getNumArguments() << " inputs, " << codes.size() << " given";
  for (auto [i, arg] : llvm::enumerate(func.getArguments())) {
    auto type = cast<RankedTensorType>(arg.getType());
    if (codes[i].dtype != DType::I64 ||
        codes[i].shape != std::vector<int64_t>(type.getShape().begin(),
                                               type.getShape().end()))
      return func.emitError("input #") << i << " is " << codes[i].describe()
                                       << ", expected codes of " << type;
  }
  return success();
}

Operation *unsupported(Operation *op) {
  op->emitOpError("is not supported by the snn interpreters yet");
  return op;
}

/// Σ_i M_i·acc_i + θ/2, floored by θ and clamped: the population's count.
FailureOr<int64_t> neuronCount(snn::NeuronsOp op, ArrayRef<int64_t> accs,
                               int64_t channel) {
  arith::NeuronParams p = paramsOf(op);
  if (accs.size() == 1)
    return arith::requantize(
        accs[0], {int32_t(op.getMultiplier(0, channel)), p.thresholdShift},
        p.nmin, p.nmax);
  std::optional<int64_t> sum = p.threshold() / 2;
  for (auto [i, a] : llvm::enumerate(accs)) {
    auto term = arith::checkedMul(op.getMultiplier(i, channel), a);
    sum = term && sum ? arith::checkedAdd(*sum, *term) : std::nullopt;
  }
  if (!sum)
    return op.emitOpError("membrane sum exceeds 64 bits");
  return arith::clamp<int64_t>(arith::floorShiftRight(*sum, p.thresholdShift),
                               p.nmin, p.nmax);
}

/// Row-major strides of `shape`.
SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (size_t d = shape.size(); d-- > 1;)
    strides[d - 1] = strides[d] * shape[d];
  return strides;
}

/// For each neuron of a view's result, the input neuron it renames (for
/// snn.concat, an index into the inputs' neurons one after another).
std::vector<int64_t> viewSource(Operation *op) {
  auto inShape = cast<snn::SpikesType>(op->getOperand(0).getType()).getShape();
  auto outShape = cast<snn::SpikesType>(op->getResult(0).getType()).getShape();
  int64_t size = numElements(outShape);
  std::vector<int64_t> source(size);
  if (auto c = dyn_cast<snn::ConcatOp>(op)) {
    // Each input contributes a block of its rows' trailing neurons per index
    // of the dimensions before the axis.
    int64_t outer = numElements(outShape.take_front(c.getAxis()));
    std::vector<int64_t>::iterator out = source.begin();
    for (int64_t o = 0; o < outer; ++o) {
      int64_t base = 0;
      for (Value v : c.getInputs()) {
        auto shape = cast<snn::SpikesType>(v.getType()).getShape();
        int64_t block = numElements(shape.drop_front(c.getAxis()));
        for (int64_t i = 0; i < block; ++i)
          *out++ = base + o * block + i;
        base += numElements(shape);
      }
    }
    return source;
  }
  if (isa<snn::ReshapeOp>(op)) {
    for (int64_t i = 0; i < size; ++i)
      source[i] = i;
    return source;
  }
  // Per result dimension, how far the input index moves when it steps.
  SmallVector<int64_t> inStrides = stridesOf(inShape);
  SmallVector<int64_t> step(outShape.size(), 0);
  int64_t src = 0;
  if (auto t = dyn_cast<snn::TransposeOp>(op)) {
    for (auto [k, d] : llvm::enumerate(t.getPerm()))
      step[k] = inStrides[d];
  } else if (auto s = dyn_cast<snn::SliceOp>(op)) {
    for (size_t d = 0; d < inShape.size(); ++d) {
      step[d] = s.getSteps()[d] * inStrides[d];
      src += s.getStarts()[d] * inStrides[d];
    }
  } else {
    size_t lead = outShape.size() - inShape.size();
    for (size_t d = 0; d < inShape.size(); ++d)
      step[lead + d] = inShape[d] == 1 ? 0 : inStrides[d];
  }
  SmallVector<int64_t> idx(outShape.size(), 0);
  for (int64_t i = 0; i < size; ++i) {
    source[i] = src;
    for (size_t d = outShape.size(); d-- > 0;) {
      ++idx[d];
      src += step[d];
      if (idx[d] < outShape[d])
        break;
      src -= step[d] * outShape[d];
      idx[d] = 0;
    }
  }
  return source;
}

/// The codes of an snn.embed for the given ids; fails on an id outside
/// [-vocab, vocab).
FailureOr<std::vector<int64_t>> embedCodes(snn::EmbedOp op,
                                           const std::vector<int64_t> &ids) {
  auto tableType = cast<ShapedType>(op.getTable().getType());
  int64_t vocab = tableType.getDimSize(0), dim = tableType.getDimSize(1);
  std::vector<int64_t> table = intValues(op.getTable());
  std::vector<int64_t> codes;
  codes.reserve(ids.size() * dim);
  for (int64_t id : ids) {
    int64_t row = id < 0 ? id + vocab : id;
    if (row < 0 || row >= vocab)
      return op.emitOpError("id ")
             << id << " is out of range for a table of " << vocab << " rows";
    codes.insert(codes.end(), table.begin() + row * dim,
                 table.begin() + (row + 1) * dim);
  }
  return codes;
}

/// The integer function of a functional unit (snn.lut, snn.softmax,
/// snn.norm) on rows of its input codes: applied to the final codes by the
/// integer reference and to the running counts by the spiking form.
class UnitFunction {
public:
  explicit UnitFunction(Operation *op) : op(op) {
    auto inType = cast<snn::SpikesType>(op->getOperand(0).getType());
    auto outType = cast<snn::SpikesType>(op->getResult(0).getType());
    ArrayRef<int64_t> shape = inType.getShape();
    std::tie(lo, hi) = outputRange(outType);
    if (auto lut = dyn_cast<snn::LutOp>(op)) {
      rowLength = 1;
      for (int64_t v : intValues(lut.getTable()))
        table.push_back(int32_t(v));
      origin = lut.getInputMin();
    } else if (auto sm = dyn_cast<snn::SoftmaxOp>(op)) {
      rowLength = shape.back();
      for (int64_t v : intValues(sm.getExpTable()))
        table.push_back(int32_t(v));
      levels = sm.getLevels();
      if (std::optional<int64_t> offset = sm.getCausalOffset()) {
        causalOffset = offset;
        planeRows = shape[shape.size() - 2];
      }
    } else {
      auto norm = cast<snn::NormOp>(op);
      rowLength = shape.back();
      gain = intValues(norm.getGain());
      bias = intValues(norm.getBias());
      normParams.center = norm.getKind() == snn::NormKind::Layer;
      normParams.epsilon = norm.getEpsilon();
      normParams.fracBits = int32_t(norm.getFracBits());
      normParams.gainShift = int32_t(norm.getGainShift());
      normParams.lo = lo;
      normParams.hi = hi;
    }
    rows = numElements(shape) / rowLength;
  }

  int64_t rowLength = 1, rows = 0;

  void evalRow(int64_t row, const int64_t *in, int64_t *out) const {
    if (isa<snn::LutOp>(op)) {
      out[0] = arith::lookup(table.data(), table.size(), origin, in[0]);
    } else if (isa<snn::SoftmaxOp>(op)) {
      int64_t valid = rowLength;
      if (causalOffset) {
        // Offsets beyond the plane mask nothing or everything; clamping
        // first keeps the sum in range.
        int64_t offset = arith::clamp(*causalOffset, -planeRows, rowLength);
        valid = row % planeRows + offset + 1;
      }
      arith::isoftmaxRow(in, rowLength, valid, table.data(), table.size(),
                         levels, hi, out);
    } else {
      arith::inormRow(in, rowLength, gain.data(), bias.data(), normParams, out);
    }
  }

  void evalAll(const std::vector<int64_t> &in,
               std::vector<int64_t> &out) const {
    out.resize(in.size());
    for (int64_t r = 0; r < rows; ++r)
      evalRow(r, in.data() + r * rowLength, out.data() + r * rowLength);
  }

  /// The ST-BIF (θ = 2) that follows the unit's target: its count bounds hold
  /// every value the function takes, and 0 (where it starts).
  arith::NeuronParams outputNeuron() const {
    int64_t nmin = 0, nmax = 0;
    if (isa<snn::LutOp>(op)) {
      for (int32_t v : table) {
        nmin = std::min<int64_t>(nmin, v);
        nmax = std::max<int64_t>(nmax, v);
      }
    } else if (isa<snn::SoftmaxOp>(op)) {
      nmax = std::min(levels, hi);
    } else {
      nmin = lo;
      nmax = hi;
    }
    arith::NeuronParams p;
    p.thresholdShift = 1;
    p.nmin = int32_t(nmin);
    p.nmax = int32_t(nmax);
    // A graded train carries the whole difference in one event.
    auto outType = cast<snn::SpikesType>(op->getResult(0).getType());
    p.burst = outType.getEncoding() == snn::Encoding::Graded
                  ? std::numeric_limits<int32_t>::max()
                  : 1;
    return p;
  }

private:
  Operation *op;
  int64_t lo = 0, hi = 0;
  std::vector<int32_t> table;
  int64_t origin = 0, levels = 0, planeRows = 1;
  std::optional<int64_t> causalOffset;
  std::vector<int64_t> gain, bias;
  arith::NormParams normParams;
};

bool isFunctionalUnit(Operation *op) {
  return isa<snn::LutOp, snn::SoftmaxOp, snn::NormOp>(op);
}

/// C = A·B per batch, for [..., n, k] and [..., k, m] codes.
std::vector<int64_t> batchedMatmul(snn::SpikeMatMulOp op,
                                   const std::vector<int64_t> &a,
                                   const std::vector<int64_t> &b) {
  ArrayRef<int64_t> lhs = op.getLhs().getType().getShape();
  ArrayRef<int64_t> rhs = op.getRhs().getType().getShape();
  int64_t n = lhs[lhs.size() - 2], k = lhs.back(), m = rhs.back();
  int64_t batches = numElements(lhs.drop_back(2));
  std::vector<int64_t> c(batches * n * m, 0);
  for (int64_t bt = 0; bt < batches; ++bt)
    for (int64_t i = 0; i < n; ++i)
      for (int64_t p = 0; p < k; ++p) {
        int64_t x = a[(bt * n + i) * k + p];
        if (!x)
          continue;
        for (int64_t j = 0; j < m; ++j)
          c[(bt * n + i) * m + j] += x * b[(bt * k + p) * m + j];
      }
  return c;
}

} // namespace

//===----------------------------------------------------------------------===//
// Integer reference
//===----------------------------------------------------------------------===//

FailureOr<std::vector<Tensor>>
snnc::runInteger(func::FuncOp func, const std::vector<Tensor> &codes,
                 const ValueObserver &observe) {
  if (failed(checkInputs(func, codes)))
    return failure();
  llvm::DenseMap<Value, std::vector<int64_t>> env;
  for (auto [i, arg] : llvm::enumerate(func.getArguments()))
    env[arg] = codes[i].i64;

  auto observeResults = [&](Operation &op) {
    if (!observe)
      return;
    for (Value v : op.getResults()) {
      ArrayRef<int64_t> shape =
          llvm::TypeSwitch<Type, ArrayRef<int64_t>>(v.getType())
              .Case([](snn::SpikesType t) { return t.getShape(); })
              .Case([](snn::CurrentType t) { return t.getShape(); })
              .Default([](Type t) { return cast<ShapedType>(t).getShape(); });
      observe(v, Tensor::ints({shape.begin(), shape.end()}, env[v]));
    }
  };

  for (Operation &op : func.getBody().front()) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      std::vector<Tensor> out;
      for (Value v : ret.getOperands()) {
        auto shape = cast<ShapedType>(v.getType()).getShape();
        out.push_back(Tensor::ints({shape.begin(), shape.end()}, env[v]));
      }
      return out;
    }
    if (isFunctionalUnit(&op)) {
      // Not into env[result] directly: inserting it may move env[operand].
      std::vector<int64_t> out;
      UnitFunction(&op).evalAll(env[op.getOperand(0)], out);
      env[op.getResult(0)] = std::move(out);
      observeResults(op);
      continue;
    }
    Operation *bad =
        llvm::TypeSwitch<Operation *, Operation *>(&op)
            .Case([&](snn::EncodeOp e) -> Operation * {
              // A train saturates codes beyond its range.
              int64_t lim = trainLimit(e.getType());
              std::vector<int64_t> c = env[e.getInput()];
              for (int64_t &x : c)
                x = arith::clamp<int64_t>(x, -lim, lim);
              env[e] = std::move(c);
              return nullptr;
            })
            .Case([&](snn::EmbedOp e) -> Operation * {
              auto c = embedCodes(e, env[e.getIndices()]);
              if (failed(c))
                return e;
              env[e] = std::move(*c);
              return nullptr;
            })
            .Case([&](snn::DecodeOp d) -> Operation * {
              // Copy first: inserting `d` may rehash and free the source.
              std::vector<int64_t> counts = env[d.getInput()];
              env[d] = std::move(counts);
              return nullptr;
            })
            .Case<snn::ReshapeOp, snn::TransposeOp, snn::BroadcastOp,
                  snn::SliceOp>([&](Operation *view) -> Operation * {
              const std::vector<int64_t> &in = env[view->getOperand(0)];
              std::vector<int64_t> out;
              for (int64_t s : viewSource(view))
                out.push_back(in[s]);
              env[view->getResult(0)] = std::move(out);
              return nullptr;
            })
            .Case([&](snn::ConcatOp c) -> Operation * {
              std::vector<int64_t> in, out;
              for (Value v : c.getInputs())
                llvm::append_range(in, env[v]);
              for (int64_t s : viewSource(c))
                out.push_back(in[s]);
              env[c] = std::move(out);
              return nullptr;
            })
            .Case([&](snn::SynapseOp s) -> Operation * {
              SynapseData d = synapseData(s);
              const std::vector<int64_t> &c = env[s.getInput()];
              std::vector<int64_t> acc(d.rows * d.out);
              for (int64_t r = 0; r < d.rows; ++r)
                for (int64_t o = 0; o < d.out; ++o) {
                  int64_t a = d.b[o];
                  for (int64_t k = 0; k < d.in; ++k)
                    a += d.w[o * d.in + k] * c[r * d.in + k];
                  acc[r * d.out + o] = a;
                }
              env[s] = std::move(acc);
              return nullptr;
            })
            .Case([&](snn::RelayOp r) -> Operation * {
              std::vector<int64_t> acc = env[r.getInput()];
              if (r.getNegate())
                for (int64_t &x : acc)
                  x = -x;
              env[r] = std::move(acc);
              return nullptr;
            })
            .Case([&](snn::BiasOp b) -> Operation * {
              env[b] = intValues(b.getValue());
              return nullptr;
            })
            .Case([&](snn::SpikeMatMulOp m) -> Operation * {
              env[m] = batchedMatmul(m, env[m.getLhs()], env[m.getRhs()]);
              return nullptr;
            })
            .Case([&](snn::SpikeMulOp m) -> Operation * {
              const std::vector<int64_t> &a = env[m.getLhs()];
              const std::vector<int64_t> &b = env[m.getRhs()];
              std::vector<int64_t> acc(a.size());
              for (size_t i = 0; i < a.size(); ++i)
                acc[i] = a[i] * b[i];
              env[m] = std::move(acc);
              return nullptr;
            })
            .Case([&](snn::NeuronsOp n) -> Operation * {
              auto shape = n.getType().getShape();
              int64_t total = numElements(shape);
              int64_t channels = shape.empty() ? 1 : shape.back();
              std::vector<int64_t> out(total);
              SmallVector<int64_t> accs(n.getInputs().size());
              for (int64_t e = 0; e < total; ++e) {
                for (auto [i, in] : llvm::enumerate(n.getInputs()))
                  accs[i] = env[in][e];
                auto count = neuronCount(n, accs, e % channels);
                if (failed(count))
                  return n;
                out[e] = *count;
              }
              env[n] = std::move(out);
              return nullptr;
            })
            .Default([](Operation *other) { return unsupported(other); });
    if (bad)
      return failure();
    observeResults(op);
  }
  return func.emitError("function has no return");
}

//===----------------------------------------------------------------------===//
// Spiking interpreter
//===----------------------------------------------------------------------===//

namespace {

/// One spike-carrying value: this step's spikes and the running counts.
struct Train {
  std::vector<int32_t> spikes;  ///< emitted this step
  std::vector<int32_t> pending; ///< emitted last step, delivered this step
  std::vector<int64_t> counts;
  /// Whether `spikes` / `pending` hold any nonzero entry: silent trains cost
  /// their consumers nothing.
  bool spikesAny = false, pendingAny = false;
  /// Populations and functional units reach their consumers a step later;
  /// sources (encoders, embeddings) and views in the step they emit.
  bool delayed = false;
  int64_t emitted = 0;
};

/// One current's values this step. `silent` promises they are all zero, so
/// quiescent populations fed only by silent currents skip the step.
struct Current {
  std::vector<int64_t> values;
  bool silent = false;
};

/// A synapse prepared for event-driven accumulation: the weights transposed
/// to [in][out], so an input spike adds one contiguous row.
struct SynapseRows {
  int64_t out = 0, in = 0, rows = 0;
  std::vector<int64_t> bias;
  /// Unary input (spikes are ±1) and Σ_k |W[o][k]| <= INT32_MAX for every o:
  /// one step's current fits int32, so int16 rows (the verifier allows at
  /// most 16-bit weights) are added or subtracted into int32 lanes: a
  /// quarter of the weight bytes and twice the lanes of int64, no multiply.
  bool narrow = false;
  std::vector<int16_t> w16; ///< narrow
  std::vector<int64_t> w64; ///< graded input or wider sums
  std::vector<int32_t> acc; ///< one row's narrow step current
  /// The inputs of one row that spiked this step (batched before the rows
  /// are added, so the add loop is free of tests).
  std::vector<uint32_t> events;
};

SynapseRows synapseRows(snn::SynapseOp op) {
  SynapseData d = synapseData(op);
  SynapseRows s;
  s.out = d.out;
  s.in = d.in;
  s.rows = d.rows;
  s.bias = std::move(d.b);
  s.events.resize(d.in);
  int64_t maxRowSum = 0;
  for (int64_t o = 0; o < d.out; ++o) {
    int64_t sum = 0;
    for (int64_t k = 0; k < d.in; ++k)
      sum += std::abs(d.w[o * d.in + k]);
    maxRowSum = std::max(maxRowSum, sum);
  }
  s.narrow = op.getInput().getType().getEncoding() == snn::Encoding::Unary &&
             maxRowSum <= std::numeric_limits<int32_t>::max();
  auto transpose = [&](auto &w) {
    w.resize(d.in * d.out);
    // In 64x64 tiles, so both sides stay in cache.
    constexpr int64_t tile = 64;
    for (int64_t k0 = 0; k0 < d.in; k0 += tile)
      for (int64_t o0 = 0; o0 < d.out; o0 += tile)
        for (int64_t k = k0; k < std::min(k0 + tile, d.in); ++k)
          for (int64_t o = o0; o < std::min(o0 + tile, d.out); ++o)
            w[k * d.out + o] = d.w[o * d.in + k];
  };
  if (s.narrow) {
    transpose(s.w16);
    s.acc.resize(d.out);
  } else {
    transpose(s.w64);
  }
  return s;
}

/// acc += ±row for each event (the spike's sign). The inner loops carry no
/// test, so -O3 vectorizes them (widening the int16 weights on load).
void accumulateRows(int32_t *__restrict acc, const int16_t *__restrict w,
                    const int32_t *spikes, const uint32_t *events, size_t n,
                    int64_t out) {
  for (size_t e = 0; e < n; ++e) {
    const int16_t *__restrict row = w + size_t(events[e]) * out;
    if (spikes[events[e]] > 0)
      for (int64_t o = 0; o < out; ++o)
        acc[o] += row[o];
    else
      for (int64_t o = 0; o < out; ++o)
        acc[o] -= row[o];
  }
}

/// A population's neurons and what its step needs, resolved once per run.
struct Population {
  arith::NeuronParams params;
  std::vector<arith::NeuronState> states;
  std::vector<const Current *> inputs;
  std::vector<int64_t> multipliers; ///< [input][channel]
  int64_t channels = 1;
  int64_t unsettled = 0; ///< neurons left non-quiescent by the last step
};

/// The state of a functional unit: the counts it has received, the target
/// it last computed and the ST-BIF that follows it.
struct UnitState {
  explicit UnitState(Operation *op)
      : function(op), params(function.outputNeuron()) {
    size_t size = function.rows * function.rowLength;
    inputCounts.assign(size, 0);
    target.assign(size, 0);
    change.assign(size, 0);
    neurons.assign(size, arith::initialState(params));
    // Every row computes its first target (of zero counts) at step 0.
    dirty.assign(function.rows, true);
  }
  UnitFunction function;
  arith::NeuronParams params;
  std::vector<int64_t> inputCounts, target;
  std::vector<int64_t> change; ///< this step's current into the ST-BIF
  std::vector<arith::NeuronState> neurons;
  std::vector<bool> dirty;
};

/// The state of a spike product: the counts (traces) of both operands.
struct ProductState {
  std::vector<int64_t> lhsCounts, rhsCounts;
};

class SpikingRun {
public:
  explicit SpikingRun(func::FuncOp func) : func(func) {}
  FailureOr<std::vector<Tensor>> run(const std::vector<Tensor> &codes,
                                     SpikingStats *stats,
                                     const ValueObserver &observe);

private:
  func::FuncOp func;
  llvm::DenseMap<Value, Train> trains;
  llvm::DenseMap<Value, Current> currents;
  llvm::DenseMap<Operation *, SynapseRows> synapses;
  llvm::DenseMap<Operation *, Population> populations;
  llvm::DenseMap<Operation *, std::vector<int64_t>> sourceCodes;
  llvm::DenseMap<Operation *, std::vector<int64_t>> views;
  llvm::DenseMap<Operation *, std::unique_ptr<UnitState>> units;
  llvm::DenseMap<Operation *, ProductState> products;
  int64_t synapticEvents = 0;

  /// What a consumer sees of `v` in the current step.
  const std::vector<int32_t> &delivered(Value v) {
    Train &t = trains[v];
    return t.delayed ? t.pending : t.spikes;
  }
  /// Whether `delivered(v)` holds any spike.
  bool deliveredAny(Value v) {
    Train &t = trains[v];
    return t.delayed ? t.pendingAny : t.spikesAny;
  }
  Train &addTrain(Value v, bool delayed) {
    Train &tr = trains[v];
    int64_t size = numElements(cast<snn::SpikesType>(v.getType()).getShape());
    tr.spikes.assign(size, 0);
    tr.pending.assign(size, 0);
    tr.counts.assign(size, 0);
    tr.delayed = delayed;
    return tr;
  }
  /// Records this step's spike of neuron `i` of `tr`.
  static void emit(Train &tr, size_t i, int32_t spike) {
    tr.spikes[i] = spike;
    if (!spike)
      return;
    tr.counts[i] += spike;
    tr.emitted += std::abs(spike);
    tr.spikesAny = true;
  }
  /// Starts a delayed train's step: last step's spikes become deliverable
  /// and the new spikes start at zero, so silent neurons need not emit.
  static void beginStep(Train &tr) {
    tr.pending.swap(tr.spikes);
    std::swap(tr.pendingAny, tr.spikesAny);
    if (tr.spikesAny)
      std::fill(tr.spikes.begin(), tr.spikes.end(), 0);
    tr.spikesAny = false;
  }
  LogicalResult init(const std::vector<Tensor> &codes);
  LogicalResult step(int64_t t, bool &active);
  void stepUnit(Operation *op, bool &active);
  void stepProduct(Operation *op);
  void stepSynapse(snn::SynapseOp op, int64_t t);
  LogicalResult stepNeurons(snn::NeuronsOp op, int64_t t, bool &active);
};

LogicalResult SpikingRun::init(const std::vector<Tensor> &codes) {
  auto argCodes = [&](Operation *op,
                      Value input) -> FailureOr<std::vector<int64_t>> {
    auto arg = dyn_cast<BlockArgument>(input);
    if (!arg)
      return op->emitOpError(
          "spiking interpreter needs its input to be a function argument");
    return codes[arg.getArgNumber()].i64;
  };
  for (Operation &op : func.getBody().front()) {
    for (Value v : op.getResults())
      if (auto t = dyn_cast<snn::SpikesType>(v.getType());
          t && t.getEncoding() == snn::Encoding::Bitplane)
        return op.emitOpError("bitplane spike trains are not supported by the "
                              "spiking interpreter yet");
    if (auto e = dyn_cast<snn::EncodeOp>(op)) {
      if (e.getType().getEncoding() != snn::Encoding::Unary)
        return e.emitOpError("spiking interpreter supports unary encoders "
                             "only so far");
      auto c = argCodes(e, e.getInput());
      if (failed(c))
        return failure();
      int64_t lim = trainLimit(e.getType());
      for (int64_t &x : *c)
        x = arith::clamp<int64_t>(x, -lim, lim);
      sourceCodes[e] = std::move(*c);
      addTrain(e, /*delayed=*/false);
    } else if (auto e = dyn_cast<snn::EmbedOp>(op)) {
      if (e.getType().getEncoding() != snn::Encoding::Unary)
        return e.emitOpError("spiking interpreter supports unary embeddings "
                             "only so far");
      auto ids = argCodes(e, e.getIndices());
      if (failed(ids))
        return failure();
      auto c = embedCodes(e, *ids);
      if (failed(c))
        return failure();
      sourceCodes[e] = std::move(*c);
      addTrain(e, /*delayed=*/false);
    } else if (isa<snn::ReshapeOp, snn::TransposeOp, snn::BroadcastOp,
                   snn::SliceOp, snn::ConcatOp>(op)) {
      views[&op] = viewSource(&op);
      addTrain(op.getResult(0), /*delayed=*/false);
    } else if (auto s = dyn_cast<snn::SynapseOp>(op)) {
      synapses[s] = synapseRows(s);
      currents[s].values.assign(numElements(s.getType().getShape()), 0);
    } else if (isa<snn::RelayOp, snn::BiasOp>(op)) {
      currents[op.getResult(0)].values.assign(
          numElements(
              cast<snn::CurrentType>(op.getResult(0).getType()).getShape()),
          0);
    } else if (isa<snn::SpikeMatMulOp, snn::SpikeMulOp>(op)) {
      ProductState &p = products[&op];
      p.lhsCounts.assign(trains[op.getOperand(0)].counts.size(), 0);
      p.rhsCounts.assign(trains[op.getOperand(1)].counts.size(), 0);
      currents[op.getResult(0)].values.assign(
          numElements(
              cast<snn::CurrentType>(op.getResult(0).getType()).getShape()),
          0);
    } else if (auto n = dyn_cast<snn::NeuronsOp>(op)) {
      Population &pop = populations[n];
      pop.params = paramsOf(n);
      pop.states.assign(numElements(n.getType().getShape()),
                        arith::initialState(pop.params));
      auto shape = n.getType().getShape();
      pop.channels = shape.empty() ? 1 : shape.back();
      for (unsigned i = 0; i < n.getInputs().size(); ++i)
        for (int64_t c = 0; c < pop.channels; ++c)
          pop.multipliers.push_back(n.getMultiplier(i, c));
      addTrain(n, /*delayed=*/true);
    } else if (isFunctionalUnit(&op)) {
      units[&op] = std::make_unique<UnitState>(&op);
      addTrain(op.getResult(0), /*delayed=*/true);
    } else if (!isa<snn::DecodeOp, func::ReturnOp>(op)) {
      unsupported(&op);
      return failure();
    }
  }
  // Only now: inserting into `currents` may move its values.
  for (auto &[op, pop] : populations)
    for (Value in : cast<snn::NeuronsOp>(op).getInputs())
      pop.inputs.push_back(&currents[in]);
  return success();
}

void SpikingRun::stepUnit(Operation *op, bool &active) {
  UnitState &u = *units[op];
  Train &tr = trains[op->getResult(0)];
  beginStep(tr);
  const std::vector<int32_t> &in = delivered(op->getOperand(0));
  int64_t len = u.function.rowLength;
  for (size_t i = 0; i < in.size(); ++i)
    if (in[i]) {
      u.inputCounts[i] += in[i];
      u.dirty[i / len] = true;
    }
  // Rows whose counts changed get a new target; the ST-BIF of each element
  // receives twice the change (θ = 2), so its count follows the target.
  for (int64_t r = 0; r < u.function.rows; ++r) {
    int64_t *change = u.change.data() + r * len;
    if (!u.dirty[r]) {
      std::fill(change, change + len, 0);
      continue;
    }
    u.dirty[r] = false;
    u.function.evalRow(r, u.inputCounts.data() + r * len, change);
    for (int64_t j = 0; j < len; ++j) {
      int64_t next = change[j];
      change[j] = 2 * (next - u.target[r * len + j]);
      u.target[r * len + j] = next;
    }
  }
  for (size_t i = 0; i < u.neurons.size(); ++i) {
    int32_t spike = arith::step(u.neurons[i], u.params, u.change[i]);
    emit(tr, i, spike);
    active |= spike != 0 || !arith::isQuiescent(u.neurons[i], u.params);
  }
}

void SpikingRun::stepProduct(Operation *op) {
  ProductState &p = products[op];
  const std::vector<int32_t> &a = delivered(op->getOperand(0));
  const std::vector<int32_t> &b = delivered(op->getOperand(1));
  arith::accumulateCounts(a.size(), p.lhsCounts.data(), a.data());
  arith::accumulateCounts(b.size(), p.rhsCounts.data(), b.data());
  Current &current = currents[op->getResult(0)];
  current.silent =
      !deliveredAny(op->getOperand(0)) && !deliveredAny(op->getOperand(1));
  std::vector<int64_t> &cur = current.values;
  std::fill(cur.begin(), cur.end(), 0);
  for (int32_t s : a)
    synapticEvents += s != 0;
  for (int32_t s : b)
    synapticEvents += s != 0;
  if (auto mm = dyn_cast<snn::SpikeMatMulOp>(op)) {
    ArrayRef<int64_t> lhs = mm.getLhs().getType().getShape();
    ArrayRef<int64_t> rhs = mm.getRhs().getType().getShape();
    size_t n = lhs[lhs.size() - 2], k = lhs.back(), m = rhs.back();
    for (int64_t bt = 0, e = numElements(lhs.drop_back(2)); bt < e; ++bt)
      arith::spikeMatmulDelta(n, k, m, p.lhsCounts.data() + bt * n * k,
                              a.data() + bt * n * k,
                              p.rhsCounts.data() + bt * k * m,
                              b.data() + bt * k * m, cur.data() + bt * n * m);
    return;
  }
  arith::spikeProductDeltaElementwise(a.size(), p.lhsCounts.data(), a.data(),
                                      p.rhsCounts.data(), b.data(), cur.data());
}

void SpikingRun::stepSynapse(snn::SynapseOp op, int64_t t) {
  SynapseRows &d = synapses[op];
  Current &cur = currents[op];
  if (t == 0) {
    for (int64_t i = 0; i < d.rows * d.out; ++i)
      cur.values[i] = d.bias[i % d.out];
    cur.silent = false;
  } else if (!cur.silent) {
    std::fill(cur.values.begin(), cur.values.end(), 0);
    cur.silent = true;
  }
  // Event-driven: only inputs that spiked this step cost work.
  if (!deliveredAny(op.getInput()))
    return;
  const std::vector<int32_t> &in = delivered(op.getInput());
  for (int64_t r = 0; r < d.rows; ++r) {
    const int32_t *spikes = in.data() + r * d.in;
    size_t n = 0;
    for (int64_t k = 0; k < d.in; ++k) {
      d.events[n] = uint32_t(k);
      n += spikes[k] != 0;
    }
    if (!n)
      continue;
    synapticEvents += n;
    cur.silent = false;
    int64_t *c = cur.values.data() + r * d.out;
    if (!d.narrow) {
      for (size_t e = 0; e < n; ++e) {
        int64_t spike = spikes[d.events[e]];
        const int64_t *row = d.w64.data() + size_t(d.events[e]) * d.out;
        for (int64_t o = 0; o < d.out; ++o)
          c[o] += spike * row[o];
      }
      continue;
    }
    std::fill(d.acc.begin(), d.acc.end(), 0);
    accumulateRows(d.acc.data(), d.w16.data(), spikes, d.events.data(), n,
                   d.out);
    for (int64_t o = 0; o < d.out; ++o)
      c[o] += d.acc[o];
  }
}

LogicalResult SpikingRun::stepNeurons(snn::NeuronsOp op, int64_t t,
                                      bool &active) {
  Population &pop = populations[op];
  Train &tr = trains[op];
  beginStep(tr);
  // Only inputs with current this step contribute to the sums.
  SmallVector<std::pair<const int64_t *, const int64_t *>, 4> live;
  for (auto [i, in] : llvm::enumerate(pop.inputs))
    if (!in->silent)
      live.push_back(
          {in->values.data(), pop.multipliers.data() + i * pop.channels});
  // A quiescent neuron without input emits nothing and keeps its state.
  if (live.empty() && !pop.unsettled)
    return success();
  const arith::NeuronParams &p = pop.params;
  pop.unsettled = 0;
  int64_t size = pop.states.size();
  for (int64_t base = 0; base < size; base += pop.channels)
    for (int64_t c = 0; c < pop.channels; ++c) {
      int64_t e = base + c;
      arith::NeuronState &st = pop.states[e];
      std::optional<int64_t> v = 0;
      for (auto [values, multipliers] : live) {
        auto term = arith::checkedMul(multipliers[c], values[e]);
        v = term && v ? arith::checkedAdd(*v, *term) : std::nullopt;
      }
      if (v == 0 && arith::isQuiescent(st, p))
        continue;
      if (!v || !arith::checkedAdd(st.v, *v))
        return op.emitOpError("membrane potential exceeds 64 bits at step ")
               << t;
      emit(tr, e, arith::step(st, p, *v));
      pop.unsettled += !arith::isQuiescent(st, p);
    }
  active |= tr.spikesAny || pop.unsettled;
  return success();
}

LogicalResult SpikingRun::step(int64_t t, bool &active) {
  for (Operation &op : func.getBody().front()) {
    if (isa<snn::EncodeOp, snn::EmbedOp>(op)) {
      // Sources emit |c| spikes of c's sign on steps 0..|c|-1.
      Train &tr = trains[op.getResult(0)];
      const std::vector<int64_t> &c = sourceCodes[&op];
      tr.spikesAny = false;
      for (size_t i = 0; i < c.size(); ++i)
        emit(tr, i, t < std::abs(c[i]) ? (c[i] > 0 ? 1 : -1) : 0);
      active |= tr.spikesAny;
    } else if (isa<snn::ReshapeOp, snn::TransposeOp, snn::BroadcastOp,
                   snn::SliceOp>(op)) {
      Train &tr = trains[op.getResult(0)];
      const std::vector<int32_t> &in = delivered(op.getOperand(0));
      const std::vector<int64_t> &source = views[&op];
      tr.spikesAny = false;
      for (size_t i = 0; i < source.size(); ++i)
        emit(tr, i, in[source[i]]);
    } else if (isa<snn::ConcatOp>(op)) {
      Train &tr = trains[op.getResult(0)];
      std::vector<int32_t> in;
      for (Value v : op.getOperands())
        llvm::append_range(in, delivered(v));
      const std::vector<int64_t> &source = views[&op];
      tr.spikesAny = false;
      for (size_t i = 0; i < source.size(); ++i)
        emit(tr, i, in[source[i]]);
    } else if (auto s = dyn_cast<snn::SynapseOp>(op)) {
      stepSynapse(s, t);
    } else if (auto r = dyn_cast<snn::RelayOp>(op)) {
      Current &cur = currents[r];
      const std::vector<int32_t> &in = delivered(r.getInput());
      int64_t sign = r.getNegate() ? -1 : 1;
      cur.silent = !deliveredAny(r.getInput());
      for (size_t i = 0; i < in.size(); ++i) {
        cur.values[i] = sign * in[i];
        synapticEvents += in[i] != 0;
      }
    } else if (auto b = dyn_cast<snn::BiasOp>(op)) {
      Current &cur = currents[b];
      if (t == 0) {
        cur.values = intValues(b.getValue());
        cur.silent = false;
      } else if (!cur.silent) {
        std::fill(cur.values.begin(), cur.values.end(), 0);
        cur.silent = true;
      }
    } else if (isa<snn::SpikeMatMulOp, snn::SpikeMulOp>(op)) {
      stepProduct(&op);
    } else if (auto n = dyn_cast<snn::NeuronsOp>(op)) {
      if (failed(stepNeurons(n, t, active)))
        return failure();
    } else if (isFunctionalUnit(&op)) {
      stepUnit(&op, active);
    }
  }
  return success();
}

FailureOr<std::vector<Tensor>> SpikingRun::run(const std::vector<Tensor> &codes,
                                               SpikingStats *stats,
                                               const ValueObserver &observe) {
  if (failed(checkInputs(func, codes)) || failed(init(codes)))
    return failure();
  int64_t bound = quiescenceBound(func);
  int64_t t = 0;
  for (;; ++t) {
    if (t >= bound)
      return func.emitError("the network is still active after ")
             << bound << " steps, the bound its semantics guarantees";
    bool active = false;
    if (failed(step(t, active)))
      return failure();
    if (!active)
      break;
  }

  if (stats) {
    stats->steps = t + 1;
    stats->synapticEvents = synapticEvents;
    for (Operation &op : func.getBody().front())
      if (isa<snn::EncodeOp, snn::EmbedOp, snn::NeuronsOp>(op) ||
          isFunctionalUnit(&op))
        stats->populationSpikes.push_back(trains[op.getResult(0)].emitted);
  }
  if (observe)
    for (Operation &op : func.getBody().front())
      for (Value v : op.getResults()) {
        auto it = trains.find(v);
        if (it == trains.end())
          continue;
        auto shape = cast<snn::SpikesType>(v.getType()).getShape();
        observe(v,
                Tensor::ints({shape.begin(), shape.end()}, it->second.counts));
      }
  std::vector<Tensor> out;
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  for (Value v : ret.getOperands()) {
    auto dec = v.getDefiningOp<snn::DecodeOp>();
    if (!dec)
      return ret.emitOpError("result is not an snn.decode");
    auto shape = dec.getType().getShape();
    out.push_back(Tensor::ints({shape.begin(), shape.end()},
                               trains[dec.getInput()].counts));
  }
  return out;
}

} // namespace

FailureOr<std::vector<Tensor>>
snnc::runSpiking(func::FuncOp func, const std::vector<Tensor> &codes,
                 SpikingStats *stats, const ValueObserver &observe) {
  return SpikingRun(func).run(codes, stats, observe);
}

int64_t snnc::quiescenceBound(func::FuncOp func) {
  int64_t bound = 1;
  for (Operation &op : func.getBody().front()) {
    if (auto e = dyn_cast<snn::EncodeOp>(op)) {
      bound += trainLimit(e.getType());
    } else if (auto e = dyn_cast<snn::EmbedOp>(op)) {
      // A source emits its largest code's spikes, one per step.
      int64_t longest = 0;
      for (const APInt &v : e.getTable().getValues<APInt>())
        longest = std::max<int64_t>(longest, std::abs(v.getSExtValue()));
      bound += longest;
    } else if (auto n = dyn_cast<snn::NeuronsOp>(op)) {
      bound += arith::maxDrainSteps(paramsOf(n)) + 1;
    } else if (isFunctionalUnit(&op)) {
      // After its last input the unit's count walks to the final target.
      bound += arith::maxDrainSteps(UnitFunction(&op).outputNeuron()) + 1;
    }
  }
  return bound;
}

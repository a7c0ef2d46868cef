//===- SNNInterpreter.cpp - integer and spiking interpreters of snn -------===//

#include "snnc/Interp/SNNInterpreter.h"
#include "snnc/Arith/Neuron.h"
#include "snnc/Arith/Requant.h"
#include "snnc/Arith/Rounding.h"
#include "snnc/Dialect/SNN/SNNOps.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cstdlib>

using namespace mlir;
using namespace snnc;

namespace {

int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
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
  for (APInt v : op.getWeights().getValues<APInt>())
    d.w.push_back(v.getSExtValue());
  d.b.assign(d.out, 0);
  if (auto bias = op.getBias()) {
    int64_t i = 0;
    for (APInt v : bias->getValues<APInt>())
      d.b[i++] = v.getSExtValue();
  }
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

} // namespace

//===----------------------------------------------------------------------===//
// Integer reference
//===----------------------------------------------------------------------===//

FailureOr<std::vector<Tensor>>
snnc::runInteger(func::FuncOp func, const std::vector<Tensor> &codes) {
  if (failed(checkInputs(func, codes)))
    return failure();
  llvm::DenseMap<Value, std::vector<int64_t>> env;
  for (auto [i, arg] : llvm::enumerate(func.getArguments()))
    env[arg] = codes[i].i64;

  for (Operation &op : func.getBody().front()) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      std::vector<Tensor> out;
      for (Value v : ret.getOperands()) {
        auto shape = cast<ShapedType>(v.getType()).getShape();
        out.push_back(Tensor::ints({shape.begin(), shape.end()}, env[v]));
      }
      return out;
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
            .Case([&](snn::DecodeOp d) -> Operation * {
              env[d] = env[d.getInput()];
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
  bool delayed = false; ///< neuron outputs reach their synapses a step later
  int64_t emitted = 0;
};

class SpikingRun {
public:
  explicit SpikingRun(func::FuncOp func) : func(func) {}
  FailureOr<std::vector<Tensor>> run(const std::vector<Tensor> &codes,
                                     SpikingStats *stats);

private:
  func::FuncOp func;
  llvm::DenseMap<Value, Train> trains;
  llvm::DenseMap<Value, std::vector<int64_t>> currents;
  llvm::DenseMap<Operation *, SynapseData> synapses;
  llvm::DenseMap<Operation *, std::vector<arith::NeuronState>> states;
  llvm::DenseMap<Value, std::vector<int64_t>> encoderCodes;
  int64_t synapticEvents = 0;

  /// What a consumer sees of `v` in the current step.
  const std::vector<int32_t> &delivered(Value v) {
    Train &t = trains[v];
    return t.delayed ? t.pending : t.spikes;
  }
  LogicalResult step(int64_t t, bool &active);
};

LogicalResult SpikingRun::step(int64_t t, bool &active) {
  for (Operation &op : func.getBody().front()) {
    if (auto e = dyn_cast<snn::EncodeOp>(op)) {
      Train &tr = trains[e];
      const std::vector<int64_t> &c = encoderCodes[e];
      for (size_t i = 0; i < c.size(); ++i) {
        int32_t s = t < std::abs(c[i]) ? (c[i] > 0 ? 1 : -1) : 0;
        tr.spikes[i] = s;
        tr.counts[i] += s;
        tr.emitted += std::abs(s);
        active |= s != 0;
      }
    } else if (auto s = dyn_cast<snn::SynapseOp>(op)) {
      const SynapseData &d = synapses[s];
      std::vector<int64_t> &cur = currents[s];
      for (int64_t i = 0; i < d.rows * d.out; ++i)
        cur[i] = t == 0 ? d.b[i % d.out] : 0;
      const std::vector<int32_t> &in = delivered(s.getInput());
      // Event-driven: only inputs that spiked this step cost work.
      for (int64_t r = 0; r < d.rows; ++r)
        for (int64_t k = 0; k < d.in; ++k) {
          int32_t sp = in[r * d.in + k];
          if (!sp)
            continue;
          ++synapticEvents;
          for (int64_t o = 0; o < d.out; ++o)
            cur[r * d.out + o] += d.w[o * d.in + k] * sp;
        }
    } else if (auto n = dyn_cast<snn::NeuronsOp>(op)) {
      Train &tr = trains[n];
      tr.pending.swap(tr.spikes);
      arith::NeuronParams p = paramsOf(n);
      std::vector<arith::NeuronState> &st = states[n];
      auto shape = n.getType().getShape();
      int64_t channels = shape.empty() ? 1 : shape.back();
      for (size_t e = 0; e < st.size(); ++e) {
        std::optional<int64_t> v = 0;
        for (auto [i, in] : llvm::enumerate(n.getInputs())) {
          auto term = arith::checkedMul(n.getMultiplier(i, e % channels),
                                        currents[in][e]);
          v = term && v ? arith::checkedAdd(*v, *term) : std::nullopt;
        }
        if (!v || !arith::checkedAdd(st[e].v, *v))
          return n.emitOpError("membrane potential exceeds 64 bits at step ")
                 << t;
        int32_t spike = arith::step(st[e], p, *v);
        tr.spikes[e] = spike;
        tr.counts[e] += spike;
        tr.emitted += std::abs(spike);
        active |= spike != 0 || !arith::isQuiescent(st[e], p);
      }
    } else if (isa<snn::DecodeOp, func::ReturnOp>(op)) {
      continue;
    } else {
      unsupported(&op);
      return failure();
    }
  }
  return success();
}

FailureOr<std::vector<Tensor>> SpikingRun::run(const std::vector<Tensor> &codes,
                                               SpikingStats *stats) {
  if (failed(checkInputs(func, codes)))
    return failure();
  int64_t bound = quiescenceBound(func);
  for (Operation &op : func.getBody().front()) {
    if (auto e = dyn_cast<snn::EncodeOp>(op)) {
      int64_t lim = trainLimit(e.getType());
      std::vector<int64_t> c =
          codes[cast<BlockArgument>(e.getInput()).getArgNumber()].i64;
      for (int64_t &x : c)
        x = arith::clamp<int64_t>(x, -lim, lim);
      encoderCodes[e] = c;
      Train &tr = trains[e];
      tr.spikes.assign(c.size(), 0);
      tr.counts.assign(c.size(), 0);
      if (e.getType().getEncoding() != snn::Encoding::Unary)
        return e.emitOpError("spiking interpreter supports unary encoders "
                             "only so far");
    } else if (auto s = dyn_cast<snn::SynapseOp>(op)) {
      synapses[s] = synapseData(s);
      currents[s].assign(numElements(s.getType().getShape()), 0);
    } else if (auto n = dyn_cast<snn::NeuronsOp>(op)) {
      arith::NeuronParams p = paramsOf(n);
      int64_t size = numElements(n.getType().getShape());
      states[n].assign(size, arith::initialState(p));
      Train &tr = trains[n];
      tr.delayed = true;
      tr.spikes.assign(size, 0);
      tr.pending.assign(size, 0);
      tr.counts.assign(size, 0);
    } else if (auto d = dyn_cast<snn::DecodeOp>(op)) {
      continue;
    } else if (!isa<func::ReturnOp>(op)) {
      unsupported(&op);
      return failure();
    }
  }

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
      if (isa<snn::EncodeOp, snn::NeuronsOp>(op))
        stats->populationSpikes.push_back(trains[op.getResult(0)].emitted);
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
                 SpikingStats *stats) {
  return SpikingRun(func).run(codes, stats);
}

int64_t snnc::quiescenceBound(func::FuncOp func) {
  int64_t bound = 1;
  for (Operation &op : func.getBody().front()) {
    if (auto e = dyn_cast<snn::EncodeOp>(op))
      bound += trainLimit(e.getType());
    else if (auto n = dyn_cast<snn::NeuronsOp>(op))
      bound += arith::maxDrainSteps(paramsOf(n)) + 1;
  }
  return bound;
}

//===- LegalizeTarget.cpp - fit snn programs to a target's formats --------===//
//
// Bounds are computed exactly in 128-bit integers: the weighted sums of a
// wide layer overflow int64 only in absurd cases, but a wrong bound would
// silently let the chip's potential saturate, so no case is left to chance.
//
//===----------------------------------------------------------------------===//

#include "snnc/Arith/Neuron.h"
#include "snnc/Dialect/Chip/ChipOps.h"
#include "snnc/Dialect/SNN/SNNOps.h"
#include "snnc/Dialect/SNN/Transforms/Passes.h"
#include "snnc/Target/TargetDescription.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/ADT/bit.h"

#include <algorithm>
#include <limits>

namespace snnc {
#define GEN_PASS_DEF_SNNLEGALIZETARGET
#include "snnc/Dialect/SNN/Transforms/Passes.h.inc"
} // namespace snnc

using namespace mlir;
using namespace snnc;
using namespace snnc::snn;
using target::TargetDescription;

namespace {

using Int128 = __int128;

Int128 abs128(Int128 x) { return x < 0 ? -x : x; }

uint64_t saturateToU64(Int128 x) {
  constexpr uint64_t max = std::numeric_limits<uint64_t>::max();
  return x > Int128(max) ? max : uint64_t(x);
}

/// The values the running count of a spike train (the sum of its spikes so
/// far, 0 before the first) can take.
struct CountRange {
  int64_t lo;
  int64_t hi;
};

class Legalizer {
public:
  explicit Legalizer(const TargetDescription &target) : target(target) {}

  LogicalResult run(func::FuncOp func);

private:
  LogicalResult checkEncoding(Value spikes);
  FailureOr<CountRange> countRange(Value spikes, Operation *user);
  FailureOr<SmallVector<Int128>> currentBound(Value current, int64_t channels,
                                              Operation *user);
  LogicalResult legalizeSynapse(SynapseOp op);
  LogicalResult legalizeNeurons(NeuronsOp op);

  /// Largest |event| a graded train may carry.
  int64_t payloadMax() const {
    return (int64_t(1) << (target.formats.spikePayloadBits.value - 1)) - 1;
  }

  const TargetDescription &target;
  DenseMap<Value, CountRange> counts;
};

} // namespace

/// The codes an `snn.encode` input can hold: its integer type's range,
/// narrowed by the `snn.qmin`/`snn.qmax` the quantizer records on arguments.
static CountRange inputCodeRange(EncodeOp op) {
  unsigned width = op.getInput().getType().getElementTypeBitWidth();
  CountRange range{-(int64_t(1) << (width - 1)),
                   (int64_t(1) << (width - 1)) - 1};
  auto arg = dyn_cast<BlockArgument>(op.getInput());
  if (!arg)
    return range;
  auto func = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp());
  if (!func)
    return range;
  unsigned index = arg.getArgNumber();
  if (auto qmin = func.getArgAttrOfType<IntegerAttr>(index, "snn.qmin"))
    range.lo = std::max(range.lo, qmin.getInt());
  if (auto qmax = func.getArgAttrOfType<IntegerAttr>(index, "snn.qmax"))
    range.hi = std::min(range.hi, qmax.getInt());
  return range;
}

LogicalResult Legalizer::checkEncoding(Value spikes) {
  auto type = cast<SpikesType>(spikes.getType());
  StringRef encoding = stringifyEncoding(type.getEncoding());
  if (target.supportsEncoding(encoding))
    return success();
  Location loc = spikes.getDefiningOp()
                     ? spikes.getDefiningOp()->getLoc()
                     : spikes.getParentBlock()->getParentOp()->getLoc();
  return emitError(loc) << encoding << " spike trains are not supported by "
                        << "target '" << target.name << "' (it transports "
                        << llvm::join(target.capabilities.encodings, ", ")
                        << "); convert with a supported encoding";
}

FailureOr<CountRange> Legalizer::countRange(Value spikes, Operation *user) {
  if (auto it = counts.find(spikes); it != counts.end())
    return it->second;
  auto type = cast<SpikesType>(spikes.getType());
  if (type.getEncoding() == Encoding::Bitplane)
    return user->emitError("cannot bound currents of bitplane trains (their "
                           "digits are Horner-weighted); target legalization "
                           "supports unary and graded inputs");
  std::optional<CountRange> range;
  if (auto encode = spikes.getDefiningOp<EncodeOp>()) {
    range = inputCodeRange(encode);
    // A unary train saturates codes beyond [-T, T].
    if (type.getEncoding() == Encoding::Unary)
      range = CountRange{std::max(range->lo, -type.getWindow()),
                         std::min(range->hi, type.getWindow())};
  } else if (auto neurons = spikes.getDefiningOp<NeuronsOp>()) {
    // n never leaves [nmin, nmax].
    range =
        CountRange{neurons.getModel().getNmin(), neurons.getModel().getNmax()};
  } else if (auto lut = spikes.getDefiningOp<LutOp>()) {
    // The running count is always a table entry.
    auto values = lut.getTable().getValues<int32_t>();
    range = CountRange{*llvm::min_element(values), *llvm::max_element(values)};
  } else if (std::optional<int64_t> maxCode = type.getMaxCode()) {
    range = CountRange{-*maxCode, *maxCode};
  }
  if (!range)
    return user->emitError("cannot bound the spike counts of this op's "
                           "input (a graded train from outside the snn "
                           "program); encode it with snn.encode");
  range->lo = std::min<int64_t>(range->lo, 0);
  range->hi = std::max<int64_t>(range->hi, 0);
  counts[spikes] = *range;
  return *range;
}

/// Largest |a·b| for a in `a`, b in `b`: a corner product.
static Int128 maxAbsProduct(CountRange a, CountRange b) {
  return std::max({abs128(Int128(a.lo) * b.lo), abs128(Int128(a.lo) * b.hi),
                   abs128(Int128(a.hi) * b.lo), abs128(Int128(a.hi) * b.hi)});
}

FailureOr<SmallVector<Int128>>
Legalizer::currentBound(Value current, int64_t channels, Operation *user) {
  SmallVector<Int128> bound(channels, 0);
  Operation *producer = current.getDefiningOp();
  if (auto synapse = dyn_cast_or_null<SynapseOp>(producer)) {
    if (synapse.getPlasticityAttr())
      return synapse.emitError("plastic synapses are not supported by "
                               "target legalization: the state bound assumes "
                               "fixed weights");
    FailureOr<CountRange> in = countRange(synapse.getInput(), synapse);
    if (failed(in))
      return failure();
    // P_t = b + W·S(t) with every S_j(t) anywhere in [lo, hi].
    DenseIntElementsAttr weights = synapse.getWeights();
    int64_t fanIn = weights.getType().getShape()[1];
    auto w = weights.getValues<APInt>();
    DenseIntElementsAttr bias = synapse.getBiasAttr();
    for (int64_t o = 0; o < channels; ++o) {
      Int128 b = bias ? Int128(bias.getValues<APInt>()[o].getSExtValue()) : 0;
      Int128 lo = b, hi = b;
      for (int64_t j = 0; j < fanIn; ++j) {
        Int128 wj = w[o * fanIn + j].getSExtValue();
        lo += std::min(wj * in->lo, wj * in->hi);
        hi += std::max(wj * in->lo, wj * in->hi);
      }
      bound[o] = std::max(abs128(lo), abs128(hi));
    }
    return bound;
  }
  // Spike products inject exactly the change of S_A·S_B (semantics.md).
  if (auto mul = dyn_cast_or_null<SpikeMulOp>(producer)) {
    FailureOr<CountRange> a = countRange(mul.getLhs(), mul);
    FailureOr<CountRange> b = countRange(mul.getRhs(), mul);
    if (failed(a) || failed(b))
      return failure();
    bound.assign(channels, maxAbsProduct(*a, *b));
    return bound;
  }
  if (auto matmul = dyn_cast_or_null<SpikeMatMulOp>(producer)) {
    FailureOr<CountRange> a = countRange(matmul.getLhs(), matmul);
    FailureOr<CountRange> b = countRange(matmul.getRhs(), matmul);
    if (failed(a) || failed(b))
      return failure();
    int64_t k = matmul.getLhs().getType().getShape().back();
    bound.assign(channels, Int128(k) * maxAbsProduct(*a, *b));
    return bound;
  }
  return user->emitError("cannot bound an input current that does not come "
                         "from snn.synapse, snn.spike_mul or "
                         "snn.spike_matmul");
}

LogicalResult Legalizer::legalizeSynapse(SynapseOp op) {
  const int64_t bits = target.formats.weightMantissaBits.value;
  const int64_t mantissaMin = -(int64_t(1) << (bits - 1));
  const int64_t mantissaMax = (int64_t(1) << (bits - 1)) - 1;
  const int64_t expMin = target.formats.weightExponentMin.value;
  const int64_t expMax = target.formats.weightExponentMax.value;

  int64_t lo = 0, hi = 0;
  unsigned commonZeros = 64;
  for (const APInt &value : op.getWeights().getValues<APInt>()) {
    int64_t w = value.getSExtValue();
    lo = std::min(lo, w);
    hi = std::max(hi, w);
    if (w != 0)
      commonZeros =
          std::min<unsigned>(commonZeros, llvm::countr_zero(uint64_t(w)));
  }
  // The smallest exponent whose scale divides every weight and leaves
  // mantissas in range: larger ones would only drop zero bits.
  for (int64_t e = expMin; e <= expMax; ++e) {
    int64_t shift = e + 8;
    if (shift > commonZeros)
      break;
    if ((lo >> shift) < mantissaMin || (hi >> shift) > mantissaMax)
      continue;
    op->setAttr("chip.synapse_format",
                chip::SynapseFormatAttr::get(op.getContext(), bits, e));
    return success();
  }
  return op.emitError("weights in [")
         << lo << ", " << hi << "] are not " << bits
         << "-bit signed mantissas times a shared 2^(e + 8) with e in ["
         << expMin << ", " << expMax << "], the synapse format of target '"
         << target.name << "'; re-quantize the layer to " << bits
         << "-bit weights (per-channel scales fold into the neurons' "
         << "multipliers)";
}

LogicalResult Legalizer::legalizeNeurons(NeuronsOp op) {
  STBIFAttr model = op.getModel();
  if (model.getMaxBurst() > payloadMax())
    return op.emitError("graded spikes of up to ")
           << model.getMaxBurst() << " (max_burst) exceed the "
           << target.formats.spikePayloadBits.value
           << "-bit spike payload of target '" << target.name
           << "'; lower max_burst to at most " << payloadMax();

  ArrayRef<int64_t> shape = op.getType().getShape();
  int64_t channels = shape.empty() ? 1 : shape.back();
  SmallVector<SmallVector<Int128>> bounds;
  for (Value input : op.getInputs()) {
    FailureOr<SmallVector<Int128>> bound = currentBound(input, channels, op);
    if (failed(bound))
      return failure();
    bounds.push_back(std::move(*bound));
  }

  const int stateBits = target.formats.stateBits.value;
  const int64_t shift = model.getThresholdShift();
  // Multipliers at threshold shift `s`: the same ratios on a coarser grid,
  // round half up, at least 1 (as the quantizer keeps vanishing ratios).
  auto multipliersAt = [&](int64_t s) {
    int64_t drop = shift - s;
    SmallVector<int64_t> result;
    for (int64_t m : op.getMultipliers())
      result.push_back(
          drop == 0
              ? m
              : std::max<int64_t>(1, (m + (int64_t(1) << (drop - 1))) >> drop));
    return result;
  };
  // The first channel whose potential leaves the state at shift `s`, and its
  // prefix-sum bound; std::nullopt when every channel fits.
  auto firstOverflow =
      [&](int64_t s) -> std::optional<std::pair<int64_t, uint64_t>> {
    SmallVector<int64_t> multipliers = multipliersAt(s);
    bool perChannel = multipliers.size() != op.getInputs().size();
    arith::NeuronParams params{int32_t(s), int32_t(model.getNmin()),
                               int32_t(model.getNmax()),
                               int32_t(model.getMaxBurst())};
    for (int64_t c = 0; c < channels; ++c) {
      Int128 total = 0;
      for (auto [i, bound] : llvm::enumerate(bounds))
        total +=
            Int128(multipliers[perChannel ? i * channels + c : i]) * bound[c];
      uint64_t prefix = saturateToU64(total);
      if (!arith::potentialFitsSigned(params, prefix, stateBits))
        return std::make_pair(c, prefix);
    }
    return std::nullopt;
  };

  // The threshold 2^s must itself be a state value: s <= bits - 2.
  for (int64_t s = std::min<int64_t>(shift, stateBits - 2); s >= 1; --s) {
    if (firstOverflow(s))
      continue;
    if (s != shift) {
      op.setModelAttr(STBIFAttr::get(op.getContext(), s, model.getNmin(),
                                     model.getNmax(), model.getMaxBurst()));
      op.setMultipliers(multipliersAt(s));
    }
    return success();
  }
  auto [channel, prefix] = *firstOverflow(1);
  return op.emitError("the membrane potential does not fit the ")
         << stateBits << "-bit state of target '" << target.name
         << "' at any threshold: channel " << channel << " integrates up to "
         << prefix
         << " (multiplier × input sum) even at threshold 2^1; reduce the "
            "fan-in, the bias or the source count range (fewer timesteps)";
}

LogicalResult Legalizer::run(func::FuncOp func) {
  for (BlockArgument arg : func.getArguments())
    if (isa<SpikesType>(arg.getType()) && failed(checkEncoding(arg)))
      return failure();
  WalkResult result = func.walk([&](Operation *op) -> WalkResult {
    for (Value value : op->getResults())
      if (isa<SpikesType>(value.getType()) && failed(checkEncoding(value)))
        return WalkResult::interrupt();
    if (auto encode = dyn_cast<EncodeOp>(op);
        encode && encode.getType().getEncoding() == Encoding::Graded) {
      CountRange codes = inputCodeRange(encode);
      int64_t largest = std::max(-codes.lo, codes.hi);
      if (largest > payloadMax())
        return encode.emitError("input codes up to ")
               << largest << " in magnitude exceed the "
               << target.formats.spikePayloadBits.value
               << "-bit spike payload of target '" << target.name
               << "'; narrow the input range (snn.qmin/snn.qmax) or use the "
                  "unary encoding";
    }
    LogicalResult legal =
        TypeSwitch<Operation *, LogicalResult>(op)
            .Case([&](SynapseOp synapse) { return legalizeSynapse(synapse); })
            .Case([&](NeuronsOp neurons) { return legalizeNeurons(neurons); })
            .Default([](Operation *) { return success(); });
    return failed(legal) ? WalkResult::interrupt() : WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

namespace {

struct SNNLegalizeTargetPass
    : public snnc::impl::SNNLegalizeTargetBase<SNNLegalizeTargetPass> {
  using SNNLegalizeTargetBase::SNNLegalizeTargetBase;

  explicit SNNLegalizeTargetPass(
      std::shared_ptr<const TargetDescription> description)
      : description(std::move(description)) {}

  void runOnOperation() override {
    if (!description) {
      llvm::Expected<TargetDescription> loaded =
          snnc::target::loadTargetDescription(target);
      if (!loaded) {
        getOperation().emitError() << llvm::toString(loaded.takeError());
        return signalPassFailure();
      }
      description =
          std::make_shared<const TargetDescription>(std::move(*loaded));
    }
    Legalizer legalizer(*description);
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (failed(legalizer.run(func)))
        return signalPassFailure();
  }

  std::shared_ptr<const TargetDescription> description;
};

} // namespace

std::unique_ptr<Pass> snnc::createSNNLegalizeTarget(
    std::shared_ptr<const TargetDescription> description) {
  return std::make_unique<SNNLegalizeTargetPass>(std::move(description));
}

//===- LoihiEmitter.cpp - Loihi-like chip images --------------------------===//
//
// Lays a mapped snn program out as the memory of Loihi-like neurocores:
// one ST-BIF profile per distinct (threshold, bounds, multiplier), a bias per
// neuron, synaptic memory as one dense row of weight mantissas per input
// axon, and output-axon tables that send each neuron's spikes to every
// input axon fed by it. Input axons are laid out per input synapse, then
// per row of the population the core's slice spans, then per source neuron
// (docs/mapping.md); output tables are built to match.
//
//===----------------------------------------------------------------------===//

#include "snnc/Dialect/Chip/ChipOps.h"
#include "snnc/Dialect/SNN/SNNOps.h"
#include "snnc/Interp/SNNInterpreter.h"
#include "snnc/Target/Emitter.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#include <map>

using namespace mlir;
using namespace snnc;
using namespace snnc::target;

namespace {

int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

uint32_t u32(const Constant &c) { return uint32_t(c.value); }
uint64_t u64(const Constant &c) { return uint64_t(c.value); }

struct Slice {
  int64_t begin, end;
  uint32_t core;
};

class LoihiEmitter {
public:
  LoihiEmitter(func::FuncOp func, const TargetDescription &desc,
               const EmitOptions &options)
      : func(func), desc(desc), options(options) {}

  FailureOr<image::Image> run();

private:
  func::FuncOp func;
  const TargetDescription &desc;
  const EmitOptions &options;
  image::Image img;
  llvm::StringMap<Operation *> populations;
  llvm::DenseMap<Operation *, std::vector<Slice>> slices;
  /// (source population, flat source neuron) -> input axons it feeds.
  std::map<std::pair<Operation *, int64_t>, std::vector<image::AxonRef>> fanout;

  LogicalResult emitCore(chip::CoreOp core, uint32_t index);
  LogicalResult emitPorts();
  void emitTargetConstants();
};

LogicalResult LoihiEmitter::emitCore(chip::CoreOp coreOp, uint32_t index) {
  if (coreOp.getSlices().size() != 1)
    return coreOp.emitOpError("the loihi emitter expects one slice per core");
  auto slice = cast<chip::SliceAttr>(coreOp.getSlices()[0]);
  auto pop = populations.find(slice.getPopulation());
  auto neurons = pop == populations.end()
                     ? snn::NeuronsOp()
                     : dyn_cast<snn::NeuronsOp>(pop->second);
  if (!neurons)
    return coreOp.emitOpError("slice names '")
           << slice.getPopulation()
           << "', which is not an snn.neurons population of @"
           << func.getSymName();
  if (neurons.getInputs().size() != 1)
    return neurons.emitOpError("integrates ")
           << neurons.getInputs().size()
           << " currents; the loihi emitter supports one per population so "
              "far";
  auto synapse = neurons.getInputs()[0].getDefiningOp<snn::SynapseOp>();
  if (!synapse)
    return neurons.emitOpError("is fed by something other than an "
                               "snn.synapse; the loihi emitter has no "
                               "functional units yet");
  auto format =
      synapse->getAttrOfType<chip::SynapseFormatAttr>("chip.synapse_format");
  if (!format)
    return synapse.emitOpError("has no chip.synapse_format; run "
                               "snn-legalize-target first");
  slices[neurons].push_back({slice.getBegin(), slice.getEnd(), index});

  image::Core &core = img.cores[index];
  chip::CoordAttr coord = coreOp.getCoord();
  core.coord = {uint32_t(coord.getChip()), uint32_t(coord.getX()),
                uint32_t(coord.getY())};
  int64_t begin = slice.getBegin(), end = slice.getEnd();
  core.neuronCount = uint32_t(end - begin);

  auto shape = neurons.getType().getShape();
  int64_t channels = shape.empty() ? 1 : shape.back();
  snn::STBIFAttr model = neurons.getModel();
  std::vector<int64_t> bias(channels, 0);
  if (auto b = synapse.getBias()) {
    int64_t i = 0;
    for (APInt v : b->getValues<APInt>())
      bias[i++] = v.getSExtValue();
  }
  for (int64_t e = begin; e < end; ++e) {
    image::NeuronProfile p;
    p.thresholdShift = int32_t(model.getThresholdShift());
    p.nmin = int32_t(model.getNmin());
    p.nmax = int32_t(model.getNmax());
    p.burst = int32_t(model.getMaxBurst());
    p.multiplier = neurons.getMultiplier(0, e % channels);
    auto it = llvm::find(core.profiles, p);
    if (it == core.profiles.end()) {
      core.profiles.push_back(p);
      it = std::prev(core.profiles.end());
    }
    core.neuronProfile.push_back(uint16_t(it - core.profiles.begin()));
    core.bias.push_back(bias[e % channels]);
  }

  core.formats.push_back(
      {uint8_t(format.getMantissaBits()), int8_t(format.getExponent())});
  int64_t shiftBits = format.getScaleShift();
  auto wType = cast<RankedTensorType>(synapse.getWeights().getType());
  int64_t in = wType.getDimSize(1);
  std::vector<int64_t> weights;
  for (APInt v : synapse.getWeights().getValues<APInt>())
    weights.push_back(v.getSExtValue());
  Operation *source = synapse.getInput().getDefiningOp();
  if (!source || !isa<snn::EncodeOp, snn::NeuronsOp>(source))
    return synapse.emitOpError("input is not a population or an encoder");

  // One input axon per (spanned row, source neuron), holding the weights to
  // this core's neurons of that row.
  for (int64_t row = begin / channels; row <= (end - 1) / channels; ++row) {
    int64_t lo = std::max(begin, row * channels);
    int64_t hi = std::min(end, (row + 1) * channels);
    for (int64_t k = 0; k < in; ++k) {
      std::vector<int32_t> mantissas;
      for (int64_t e = lo; e < hi; ++e) {
        int64_t w = weights[(e % channels) * in + k];
        int64_t m = w >> shiftBits;
        if ((m << shiftBits) != w)
          return synapse.emitOpError("weight ")
                 << w << " is not a multiple of 2^" << shiftBits
                 << " (its synapse format); run snn-legalize-target";
        mantissas.push_back(int32_t(m));
      }
      auto axon =
          image::appendSynapseRow(core, 0, uint32_t(lo - begin), mantissas);
      if (!axon)
        return coreOp.emitOpError("cannot store a synapse row: ")
               << axon.error().message();
      fanout[{source, row * in + k}].push_back({index, *axon});
    }
  }
  return success();
}

LogicalResult LoihiEmitter::emitPorts() {
  Block &body = func.getBody().front();
  for (BlockArgument arg : body.getArguments()) {
    unsigned i = arg.getArgNumber();
    snn::EncodeOp encoder;
    for (Operation *user : arg.getUsers())
      encoder = encoder ? encoder : dyn_cast<snn::EncodeOp>(user);
    if (!encoder)
      return func.emitError("argument #") << i << " feeds no snn.encode";
    if (encoder.getType().getEncoding() != snn::Encoding::Unary)
      return encoder.emitOpError("the loihi emitter has unary encoders only");
    auto scale = func.getArgAttrOfType<FloatAttr>(i, "snn.scale");
    auto qmin = func.getArgAttrOfType<IntegerAttr>(i, "snn.qmin");
    auto qmax = func.getArgAttrOfType<IntegerAttr>(i, "snn.qmax");
    if (!scale || !qmin || !qmax)
      return func.emitError("argument #")
             << i << " lacks snn.scale/snn.qmin/snn.qmax";
    image::InputPort port;
    auto name = func.getArgAttrOfType<StringAttr>(i, "onnx.name");
    port.name = name ? name.str() : "input" + std::to_string(i);
    auto shape = cast<ShapedType>(arg.getType()).getShape();
    port.shape.assign(shape.begin(), shape.end());
    port.scale = float(scale.getValueAsDouble());
    // The encoder's train saturates codes at its window.
    int64_t lim = encoder.getType().getWindow();
    port.qmin = int32_t(std::max<int64_t>(qmin.getInt(), -lim));
    port.qmax = int32_t(std::min<int64_t>(qmax.getInt(), lim));
    port.encoder = image::EncoderKind::Unary;
    for (int64_t e = 0, n = numElements(shape); e < n; ++e) {
      auto it = fanout.find({encoder, e});
      if (it != fanout.end())
        port.targets.insert(port.targets.end(), it->second.begin(),
                            it->second.end());
      port.targetOffsets.push_back(uint32_t(port.targets.size()));
    }
    img.inputs.push_back(std::move(port));
  }

  auto ret = cast<func::ReturnOp>(body.getTerminator());
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    auto decode = v.getDefiningOp<snn::DecodeOp>();
    auto neurons = decode ? decode.getInput().getDefiningOp<snn::NeuronsOp>()
                          : snn::NeuronsOp();
    if (!neurons)
      return ret.emitOpError("result #")
             << i << " is not the snn.decode of a population";
    image::OutputPort port;
    auto name = func.getResultAttrOfType<StringAttr>(i, "onnx.name");
    port.name = name ? name.str() : "output" + std::to_string(i);
    auto shape = decode.getType().getShape();
    port.shape.assign(shape.begin(), shape.end());
    auto scale = func.getResultAttrOfType<FloatAttr>(i, "snn.scale");
    if (!scale)
      return func.emitError("result #") << i << " lacks snn.scale";
    port.scale = float(scale.getValueAsDouble());
    for (int64_t e = 0, n = numElements(shape); e < n; ++e) {
      const std::vector<Slice> &held = slices[neurons];
      auto it = llvm::find_if(
          held, [&](const Slice &s) { return s.begin <= e && e < s.end; });
      if (it == held.end())
        return neurons.emitOpError("neuron ") << e << " is on no core";
      port.elements.push_back({it->core, uint32_t(e - it->begin)});
    }
    img.outputs.push_back(std::move(port));
  }
  return success();
}

void LoihiEmitter::emitTargetConstants() {
  image::Header &h = img.header;
  h.family = image::TargetFamily::Loihi;
  h.target = desc.name;
  std::copy(desc.sha256.begin(), desc.sha256.end(),
            h.targetDescriptionSha256.begin());
  h.compilerVersion = options.compilerVersion;
  h.encoding = image::Encoding::Unary;
  h.seed = options.seed;
  h.window = image::WindowPolicy::UntilQuiescent;
  h.maxSteps = uint32_t(quiescenceBound(func));
  for (Operation &op : func.getBody().front())
    if (auto e = dyn_cast<snn::EncodeOp>(op))
      h.timesteps = std::max<uint32_t>(h.timesteps, e.getType().getWindow());

  image::Mesh &m = img.mesh;
  m.kind = image::MeshKind::Mesh2D;
  m.width = u32(desc.mesh.width);
  m.height = u32(desc.mesh.height);
  m.tileWidth = u32(desc.mesh.tileWidth);
  m.tileHeight = u32(desc.mesh.tileHeight);
  m.chips = u32(desc.mesh.chips);
  m.chipColumns = m.chips; // chips sit in one row
  m.limits.neurons = u32(desc.limits.neurons);
  m.limits.synapseWords = u32(desc.limits.synapseWords);
  m.limits.inputAxons = u32(desc.limits.inputAxons);
  m.limits.outputAxons = u32(desc.limits.outputAxons);
  m.limits.profiles = u32(desc.limits.neuronProfiles);
  m.limits.formats = u32(desc.limits.synapseFormats);
  m.limits.stateBits = u32(desc.formats.stateBits);

  image::CostModel &c = img.cost;
  c.cyclePs = u64(desc.timing.cycle);
  c.synapticOpPs = u64(desc.timing.synapticOp);
  c.neuronActivePs = u64(desc.timing.neuronActive);
  c.neuronIdlePs = u64(desc.timing.neuronIdle);
  c.hopEastWestPs = u64(desc.timing.hopEastWest);
  c.hopNorthSouthPs = u64(desc.timing.hopNorthSouth);
  c.barrierChipPs = u64(desc.timing.barrierChip);
  c.barrierMultiChipPs = u64(desc.timing.barrierMultiChip);
  c.synapticOpFj = u64(desc.energy.synapticOp);
  c.neuronActiveFj = u64(desc.energy.neuronActive);
  c.neuronIdleFj = u64(desc.energy.neuronIdle);
  c.spikeTileFj = u64(desc.energy.spikeTile);
  c.hopEastWestFj = u64(desc.energy.hopEastWest);
  c.hopNorthSouthFj = u64(desc.energy.hopNorthSouth);
  c.staticPowerUw = u64(desc.power.staticPerChip);
}

FailureOr<image::Image> LoihiEmitter::run() {
  auto mapping = func->getAttrOfType<FlatSymbolRefAttr>("chip.mapping");
  auto parent = func->getParentOfType<ModuleOp>();
  auto chipModule =
      mapping && parent
          ? parent.lookupSymbol<chip::ChipModuleOp>(mapping.getValue())
          : chip::ChipModuleOp();
  if (!chipModule)
    return func.emitError("has no chip.module mapping; run the mapping "
                          "pipeline (snn-to-chip) first");

  func.walk([&](Operation *op) {
    if (auto name = op->getAttrOfType<StringAttr>("snn.name"))
      populations[name.getValue()] = op;
  });
  for (Operation &op : func.getBody().front())
    if (!isa<snn::EncodeOp, snn::SynapseOp, snn::NeuronsOp, snn::DecodeOp,
             func::ReturnOp>(op))
      return op.emitOpError("has no loihi image form yet");

  SmallVector<chip::CoreOp> cores(chipModule.getOps<chip::CoreOp>());
  img.cores.resize(cores.size());
  for (auto [i, core] : llvm::enumerate(cores))
    if (failed(emitCore(core, uint32_t(i))))
      return failure();

  // Output-axon tables in neuron order, matching the input axons above.
  for (auto &[pop, held] : slices)
    for (const Slice &s : held) {
      image::Core &core = img.cores[s.core];
      core.outputAxonOffsets.assign(1, 0);
      for (int64_t e = s.begin; e < s.end; ++e) {
        auto it = fanout.find({pop, e});
        if (it != fanout.end())
          core.outputAxons.insert(core.outputAxons.end(), it->second.begin(),
                                  it->second.end());
        core.outputAxonOffsets.push_back(uint32_t(core.outputAxons.size()));
      }
    }
  if (failed(emitPorts()))
    return failure();
  emitTargetConstants();
  if (image::Error err = image::validate(img))
    return chipModule.emitOpError("emitted image is invalid: ")
           << err.message();
  return std::move(img);
}

} // namespace

FailureOr<image::Image>
snnc::target::emitLoihiImage(func::FuncOp func,
                             const TargetDescription &description,
                             const EmitOptions &options) {
  return LoihiEmitter(func, description, options).run();
}

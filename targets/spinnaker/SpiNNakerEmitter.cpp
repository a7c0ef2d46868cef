//===- SpiNNakerEmitter.cpp - SpiNNaker-like chip images ------------------===//
//
// Lays a mapped snn program out as SpiNNaker-like cores and routers:
//  - keys: a core's neurons send `population | slice | neuron` with global
//    field widths (the zoned allocation of PACMAN), so the entries of one
//    population's cores share their high bits and tables compress well;
//  - synaptic rows: a consumer core gets one row per source neuron that can
//    reach it, holding 32-bit words (16-bit weight mantissa, delay 1,
//    synapse type 0, neuron index) for its nonzero weights to the core's
//    neurons of the row that source feeds; rows of a producer core are
//    consecutive and indexed by the packet's neuron field, which the master
//    population table entry (key, mask of the neuron field) selects;
//    encoder rows come first and the host writes them directly;
//  - routers: each producer core's multicast tree is the union of the
//    shortest routes (routing/Triangular.h) to its consumer cores' chips;
//    per chip, one entry per producer (source link or core recorded), then
//    minimized by ordered covering with a proof of equivalence, refused
//    when it still exceeds the router's entries.
//
//===----------------------------------------------------------------------===//

#include "snnc/Dialect/Chip/ChipOps.h"
#include "snnc/Dialect/SNN/SNNOps.h"
#include "snnc/Interp/SNNInterpreter.h"
#include "snnc/Routing/RouterTable.h"
#include "snnc/Routing/Triangular.h"
#include "snnc/Target/Emitter.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MathExtras.h"

#include <map>
#include <set>

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

/// Bits to number `n` distinct values (at least 1).
uint8_t bitsFor(uint64_t n) {
  return uint8_t(std::max<unsigned>(1, llvm::Log2_64_Ceil(n)));
}

struct CoreInfo {
  snn::NeuronsOp neurons;
  snn::SynapseOp synapse;
  Operation *source; ///< encoder or producer population
  int64_t begin, end;
};

class SpiNNakerEmitter {
public:
  SpiNNakerEmitter(func::FuncOp func, const TargetDescription &desc,
                   const EmitOptions &options)
      : func(func), desc(desc), options(options) {}

  FailureOr<image::Image> run();

private:
  func::FuncOp func;
  const TargetDescription &desc;
  const EmitOptions &options;
  image::Image img;
  chip::ChipModuleOp chipModule;
  llvm::StringMap<Operation *> populations;
  std::vector<CoreInfo> info;
  /// Per population, its cores in slice order.
  llvm::DenseMap<Operation *, std::vector<uint32_t>> coresOf;
  /// (encoder, element) -> rows it feeds.
  std::map<std::pair<Operation *, int64_t>, std::vector<image::AxonRef>>
      hostRows;
  /// Producer core -> consumer cores.
  std::map<uint32_t, std::set<uint32_t>> consumers;

  LogicalResult collect(ArrayRef<chip::CoreOp> cores);
  LogicalResult emitRows(uint32_t index);
  LogicalResult emitRouters();
  LogicalResult emitPorts();
  void emitTargetConstants();
};

LogicalResult SpiNNakerEmitter::collect(ArrayRef<chip::CoreOp> cores) {
  for (auto [index, op] : llvm::enumerate(cores)) {
    chip::CoreOp coreOp = op;
    if (coreOp.getSlices().size() != 1)
      return coreOp.emitOpError(
          "the spinnaker emitter expects one slice per core");
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
             << " currents; the spinnaker emitter supports one per "
                "population so far";
    auto synapse = neurons.getInputs()[0].getDefiningOp<snn::SynapseOp>();
    if (!synapse)
      return neurons.emitOpError("is fed by something other than an "
                                 "snn.synapse; the spinnaker emitter has no "
                                 "functional units yet");
    Operation *source = synapse.getInput().getDefiningOp();
    if (!source || !isa<snn::EncodeOp, snn::NeuronsOp>(source))
      return synapse.emitOpError("input is not a population or an encoder");
    info.push_back(
        {neurons, synapse, source, slice.getBegin(), slice.getEnd()});
    coresOf[neurons].push_back(uint32_t(index));

    image::Core &core = img.cores[index];
    chip::CoordAttr coord = coreOp.getCoord();
    core.coord = {uint32_t(coord.getChip()), uint32_t(coord.getX()),
                  uint32_t(coord.getY())};
    core.neuronCount = uint32_t(slice.getEnd() - slice.getBegin());
    core.outputAxonOffsets.assign(core.neuronCount + 1, 0);
    auto shape = neurons.getType().getShape();
    int64_t channels = shape.empty() ? 1 : shape.back();
    snn::STBIFAttr model = neurons.getModel();
    std::vector<int64_t> bias(channels, 0);
    if (auto b = synapse.getBias()) {
      int64_t i = 0;
      for (APInt v : b->getValues<APInt>())
        bias[i++] = v.getSExtValue();
    }
    for (int64_t e = slice.getBegin(); e < slice.getEnd(); ++e) {
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
  }
  return success();
}

LogicalResult SpiNNakerEmitter::emitRows(uint32_t index) {
  CoreInfo ci = info[index];
  image::SpiNNakerCore &spin = img.spinnaker.cores[index];
  const image::SynapseWordLayout &layout = img.spinnaker.layout;
  auto format =
      ci.synapse->getAttrOfType<chip::SynapseFormatAttr>("chip.synapse_format");
  if (!format)
    return ci.synapse.emitOpError("has no chip.synapse_format; run "
                                  "snn-legalize-target first");
  int64_t shiftBits = format.getScaleShift();
  spin.typeShift = {uint8_t(shiftBits)};
  auto shape = ci.neurons.getType().getShape();
  int64_t channels = shape.empty() ? 1 : shape.back();
  int64_t in =
      cast<RankedTensorType>(ci.synapse.getWeights().getType()).getDimSize(1);
  std::vector<int64_t> weights;
  for (APInt v : ci.synapse.getWeights().getValues<APInt>())
    weights.push_back(v.getSExtValue());

  // The row of source neuron `k` (flat index in its population): the
  // synapses to this core's neurons of the population row it feeds.
  auto appendRow = [&](int64_t k) -> LogicalResult {
    int64_t row = k / in, j = k % in;
    int64_t lo = std::max(ci.begin, row * channels);
    int64_t hi = std::min(ci.end, (row + 1) * channels);
    for (int64_t e = lo; e < hi; ++e) {
      int64_t w = weights[(e % channels) * in + j];
      int64_t m = w >> shiftBits;
      if ((m << shiftBits) != w || m < INT16_MIN || m > INT16_MAX)
        return ci.synapse.emitOpError("weight ")
               << w << " is not a 16-bit mantissa times 2^" << shiftBits
               << " (its synapse format); run snn-legalize-target";
      if (m != 0)
        spin.synapses.push_back(image::packSynapse(layout, int32_t(m), 1, 0,
                                                   uint32_t(e - ci.begin)));
    }
    spin.rowOffsets.push_back(uint32_t(spin.synapses.size()));
    return success();
  };
  // Source neurons [first, last] reach this core's rows.
  int64_t first = ci.begin / channels * in;
  int64_t last = ((ci.end - 1) / channels + 1) * in - 1;

  if (isa<snn::EncodeOp>(ci.source)) {
    for (int64_t k = first; k <= last; ++k) {
      hostRows[{ci.source, k}].push_back({index, spin.rowCount()});
      if (failed(appendRow(k)))
        return failure();
    }
    return success();
  }
  // One population table entry per producer core whose slice overlaps.
  for (uint32_t producer : coresOf[ci.source]) {
    const CoreInfo &p = info[producer];
    if (p.end <= first || p.begin > last)
      continue;
    image::PopulationEntry entry;
    entry.key = img.spinnaker.cores[producer].key;
    entry.mask = ~((uint32_t(1) << layout.indexBits) - 1);
    entry.firstRow = spin.rowCount();
    entry.rows = uint32_t(p.end - p.begin);
    for (int64_t k = p.begin; k < p.end; ++k) {
      if (k < first || k > last) {
        spin.rowOffsets.push_back(uint32_t(spin.synapses.size()));
        continue;
      }
      if (failed(appendRow(k)))
        return failure();
    }
    spin.popTable.push_back(entry);
    consumers[producer].insert(index);
  }
  llvm::sort(spin.popTable,
             [](const image::PopulationEntry &a,
                const image::PopulationEntry &b) { return a.key < b.key; });
  return success();
}

LogicalResult SpiNNakerEmitter::emitRouters() {
  const uint32_t chips = img.mesh.chips;
  const routing::Board board = *routing::Board::of(chips);
  const uint32_t mask = ~((uint32_t(1) << img.spinnaker.layout.indexBits) - 1);
  std::vector<routing::Table> tables(chips);
  for (uint32_t c = 0; c < chips; ++c) {
    tables[c].x = uint8_t(board.x(c));
    tables[c].y = uint8_t(board.y(c));
  }
  for (const auto &[producer, targets] : consumers) {
    img.spinnaker.cores[producer].sends = true;
    const uint32_t origin = img.cores[producer].coord.chip;
    // Per chip: route bits and the input (a link, or the producer core).
    std::map<uint32_t, std::pair<uint32_t, uint32_t>> tree;
    const uint32_t processor =
        1u << (routing::kLinks + 1 + img.cores[producer].coord.x +
               img.cores[producer].coord.y * img.mesh.width);
    tree[origin].second = processor;
    for (uint32_t target : targets) {
      uint32_t chip = origin;
      for (routing::Link link :
           board.route(origin, img.cores[target].coord.chip)) {
        tree[chip].first |= 1u << link;
        chip = uint32_t(*board.neighbour(chip, link));
        uint32_t in = 1u << routing::opposite(link);
        uint32_t &source = tree[chip].second;
        if (source != 0 && source != in)
          return chipModule.emitOpError("the multicast routes of core ")
                 << producer << " reach chip " << chip
                 << " over two links; they must form a tree";
        source = in;
      }
      const image::CoreCoord &at = img.cores[target].coord;
      tree[chip].first |=
          1u << (routing::kLinks + 1 + at.x + at.y * img.mesh.width);
    }
    for (const auto &[chip, routeAndSource] : tree)
      tables[chip].entries.push_back({img.spinnaker.cores[producer].key, mask,
                                      routeAndSource.second,
                                      routeAndSource.first});
  }
  const size_t capacity = img.spinnaker.routerEntries;
  img.spinnaker.routers.resize(chips);
  for (uint32_t c = 0; c < chips; ++c) {
    routing::Table minimized = routing::minimize(tables[c], capacity);
    std::string error;
    if (!routing::routesEquivalently(tables[c], minimized, error))
      return chipModule.emitOpError("router table minimization of chip ")
             << c << " changed a route: " << error;
    if (minimized.entries.size() > capacity)
      return chipModule.emitOpError("the router table of chip ")
             << c << " (x = " << board.x(c) << ", y = " << board.y(c)
             << ") needs " << minimized.entries.size() << " entries ("
             << tables[c].entries.size()
             << " before minimization) but the router holds " << capacity
             << "; hint: map onto more chips or use larger cores";
    for (const routing::Entry &e : minimized.entries)
      img.spinnaker.routers[c].push_back({e.key, e.mask, e.route});
  }
  return success();
}

LogicalResult SpiNNakerEmitter::emitPorts() {
  Block &body = func.getBody().front();
  for (BlockArgument arg : body.getArguments()) {
    unsigned i = arg.getArgNumber();
    snn::EncodeOp encoder;
    for (Operation *user : arg.getUsers())
      encoder = encoder ? encoder : dyn_cast<snn::EncodeOp>(user);
    if (!encoder)
      return func.emitError("argument #") << i << " feeds no snn.encode";
    if (encoder.getType().getEncoding() != snn::Encoding::Unary)
      return encoder.emitOpError(
          "the spinnaker emitter has unary encoders only");
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
    int64_t lim = encoder.getType().getWindow();
    port.qmin = int32_t(std::max<int64_t>(qmin.getInt(), -lim));
    port.qmax = int32_t(std::min<int64_t>(qmax.getInt(), lim));
    port.encoder = image::EncoderKind::Unary;
    for (int64_t e = 0, n = numElements(shape); e < n; ++e) {
      auto it = hostRows.find({encoder, e});
      if (it != hostRows.end())
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
      const std::vector<uint32_t> &held = coresOf[neurons];
      auto it = llvm::find_if(held, [&](uint32_t c) {
        return info[c].begin <= e && e < info[c].end;
      });
      if (it == held.end())
        return neurons.emitOpError("neuron ") << e << " is on no core";
      port.elements.push_back({*it, uint32_t(e - info[*it].begin)});
    }
    img.outputs.push_back(std::move(port));
  }
  return success();
}

void SpiNNakerEmitter::emitTargetConstants() {
  image::Header &h = img.header;
  h.family = image::TargetFamily::SpiNNaker;
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
  m.kind = image::MeshKind::Triangular;
  m.width = m.tileWidth = u32(desc.mesh.width);
  m.height = m.tileHeight = u32(desc.mesh.height);
  m.chips = uint32_t(chipModule.getMesh().getChips());
  m.chipColumns = uint32_t(routing::Board::of(m.chips)->columns);
  m.limits.neurons = u32(desc.limits.neurons);
  m.limits.synapseWords = u32(desc.limits.synapseWords);
  m.limits.inputAxons = u32(desc.limits.inputAxons);
  m.limits.profiles = u32(desc.limits.neuronProfiles);
  m.limits.formats = u32(desc.limits.synapseFormats);
  m.limits.stateBits = u32(desc.formats.stateBits);

  image::SpiNNaker &s = img.spinnaker;
  s.dtcmBytes = u32(desc.limits.dtcmBytes);
  s.routerEntries = u32(desc.limits.routerEntries);
  // Fields sized to their ranges: delays are all 1 tick, one synapse type
  // per core out of the description's, neuron indices below the limit.
  s.layout.delayBits = bitsFor(2);
  s.layout.typeBits = bitsFor(uint64_t(desc.limits.synapseFormats.value));
  s.layout.indexBits = bitsFor(uint64_t(desc.limits.neurons.value));
  image::SpiNNakerCost &c = s.cost;
  c.cyclePs = u64(desc.timing.cycle);
  c.hopPs = u64(desc.timing.hop);
  c.tickCycles = u64(desc.timing.tickCycles);
  c.packetCycles = u64(desc.timing.packetCycles);
  c.synapticEventCycles = u64(desc.timing.synapticEventCycles);
  c.neuronUpdateCycles = u64(desc.timing.neuronUpdateCycles);
  c.packetFj = u64(desc.energy.packet);
  c.packetPayloadFj = u64(desc.energy.packetPayload);
  c.staticPowerUw = u64(desc.power.staticPerChip);
  c.activeCoreUw = u64(desc.power.activeCore);
}

FailureOr<image::Image> SpiNNakerEmitter::run() {
  auto mapping = func->getAttrOfType<FlatSymbolRefAttr>("chip.mapping");
  auto parent = func->getParentOfType<ModuleOp>();
  chipModule = mapping && parent
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
      return op.emitOpError("has no spinnaker image form yet");

  emitTargetConstants();
  SmallVector<chip::CoreOp> cores(chipModule.getOps<chip::CoreOp>());
  img.cores.resize(cores.size());
  img.spinnaker.cores.resize(cores.size());
  if (failed(collect(cores)))
    return failure();

  // Keys: population | slice | neuron, each field as wide as its range.
  const image::SynapseWordLayout &layout = img.spinnaker.layout;
  size_t maxSlices = 1;
  for (const auto &entry : coresOf)
    maxSlices = std::max(maxSlices, entry.second.size());
  const unsigned sliceBits = bitsFor(maxSlices);
  const unsigned popBits = bitsFor(coresOf.size());
  if (popBits + sliceBits + layout.indexBits > 32)
    return chipModule.emitOpError("keys need ")
           << popBits + sliceBits + layout.indexBits
           << " bits (population, slice and neuron fields) but a packet "
              "key has 32";
  // Populations in program order, so keys do not depend on pointer order.
  uint32_t pop = 0;
  for (Operation &op : func.getBody().front()) {
    auto it = coresOf.find(&op);
    if (it == coresOf.end())
      continue;
    for (auto [slice, core] : llvm::enumerate(it->second))
      img.spinnaker.cores[core].key = (pop << (sliceBits + layout.indexBits)) |
                                      (uint32_t(slice) << layout.indexBits);
    ++pop;
  }

  for (uint32_t i = 0; i < cores.size(); ++i)
    if (failed(emitRows(i)))
      return failure();
  if (failed(emitRouters()) || failed(emitPorts()))
    return failure();
  if (image::Error err = image::validate(img))
    return chipModule.emitOpError("emitted image is invalid: ")
           << err.message();
  return std::move(img);
}

} // namespace

FailureOr<image::Image>
snnc::target::emitSpiNNakerImage(func::FuncOp func,
                                 const TargetDescription &description,
                                 const EmitOptions &options) {
  return SpiNNakerEmitter(func, description, options).run();
}
